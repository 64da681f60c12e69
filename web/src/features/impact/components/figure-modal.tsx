import { FIGURE_KINDS, type FigureKind, type Indicator, type IndicatorFigures } from '@essor/shared/impact';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { Alert, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../../components/money-input';
import { notifySuccess } from '../../../lib/notify';
import { useEnterFigure } from '../api';
import { fieldErrors, MutationError } from './indicator-modal';

interface FigureModalProps {
  projectId: string;
  currency: string;
  /** The indicators the project may report on (the API's list). */
  available: Indicator[];
  /** What was entered already: to say when the new figure supersedes one. */
  entered: IndicatorFigures[];
  initialIndicatorId?: string;
  initialKind?: FigureKind;
  onClose: () => void;
}

/** One baseline, target or actual: the indicator's unit is shown, the API's refusals appear on their fields. */
export function FigureModal({ projectId, currency, available, entered, initialIndicatorId, initialKind = 'actual', onClose }: FigureModalProps) {
  const { t, i18n } = useTranslation('impact');
  const enter = useEnterFigure(projectId);
  const english = i18n.language.startsWith('en');
  const [indicatorId, setIndicatorId] = useState<string | null>(initialIndicatorId ?? null);
  const [kind, setKind] = useState<FigureKind>(initialKind);
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const indicator = available.find((i) => i.id === indicatorId) ?? null;
  const err = fieldErrors(enter.error);
  const money = indicator?.unit === 'money';
  const supersedes = Boolean(
    indicator && periodEnd && entered.find((e) => e.indicator.id === indicator.id)?.history.some((h) => !h.supersededAt && h.kind === kind && h.periodEnd === periodEnd),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!indicator) return;
    const minor = money ? parseMoneyInput(value, currency as CurrencyCode) : null;
    enter.mutate(
      {
        indicatorId: indicator.id,
        kind,
        periodStart,
        periodEnd,
        value: money ? (minor === null ? value : String(minor)) : value.replace(',', '.').replace(/\s/g, ''),
        unit: indicator.unit,
        currency: money ? (currency as CurrencyCode) : null,
        note,
      },
      { onSuccess: () => { notifySuccess(t('entry.saved')); onClose(); } },
    );
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={t('entry.title')}>
      <Stack component="form" onSubmit={submit}>
        <Select
          label={t('entry.indicator')}
          required
          searchable
          data={available.map((i) => ({ value: i.id, label: `${english ? i.nameEn : i.nameFr} (${t(`units.${i.unit}`)})` }))}
          value={indicatorId}
          onChange={setIndicatorId}
          error={err('indicatorId')}
        />
        {indicator && <Text size="sm" c="dimmed">{t('entry.unitShown', { unit: t(`units.${indicator.unit}`) })}</Text>}
        <div>
          <Text size="sm" fw={500} mb={4}>{t('entry.kind')}</Text>
          <SegmentedControl value={kind} onChange={(v) => setKind(v as FigureKind)} data={FIGURE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('entry.periodStart')} required value={periodStart} onChange={(e) => setPeriodStart(e.currentTarget.value)} error={err('periodStart')} />
          <TextInput type="date" label={t('entry.periodEnd')} required value={periodEnd} onChange={(e) => setPeriodEnd(e.currentTarget.value)} error={err('periodEnd')} />
        </SimpleGrid>
        {money ? (
          <MoneyInput label={t('entry.moneyIn', { currency })} currency={currency} value={value} onChange={setValue} error={err('value') ?? err('currency')} />
        ) : (
          <TextInput
            label={indicator ? t('entry.valueIn', { unit: t(`units.${indicator.unit}`) }) : t('entry.value')}
            required
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={err('value') ?? err('unit') ?? err('currency')}
          />
        )}
        <Textarea label={t('entry.note')} rows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={err('note')} />
        {supersedes && <Alert color="yellow" variant="light">{t('entry.supersedes')}</Alert>}
        <MutationError error={enter.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('entry.cancel')}</Button>
          <Button type="submit" loading={enter.isPending} disabled={!indicator}>{t('entry.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
