import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { OfferingInvestor } from '@essor/shared/bond-payouts';
import type { Offering } from '@essor/shared/bonds';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { useOfferingInvestors, useRecordTransfer } from '../api';

const todayIso = () => new Date().toISOString().slice(0, 10);

/** A picker of the structure's investors, searched by name as the person types; `holding` keeps those holding bonds now. */
function InvestorSelect(props: { offeringId: string; holding?: boolean; label: string; value: string | null; onChange: (id: string | null) => void; error?: string }) {
  const { t } = useTranslation('bonds');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<OfferingInvestor | null>(null);
  const label = (i: OfferingInvestor) => (props.holding ? t('transfers.holderOption', { name: i.fullName, count: i.unitsHeld }) : i.fullName);
  const typed = chosen && search === label(chosen) ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 300);
  const investors = useOfferingInvestors(props.offeringId, { q: q || undefined, holding: props.holding });
  const found = investors.data ?? [];
  const options = chosen && chosen.id === props.value && !found.some((i) => i.id === chosen.id) ? [chosen, ...found] : found;
  return (
    <Select
      label={props.label}
      required
      searchable
      placeholder={t('transfers.searchInvestor')}
      nothingFoundMessage={investors.isFetching || q !== typed ? t('form.searching') : t('transfers.noInvestor')}
      data={options.map((i) => ({ value: i.id, label: label(i) }))}
      value={props.value}
      onChange={(id) => {
        setChosen(options.find((i) => i.id === id) ?? null);
        props.onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      error={props.error}
    />
  );
}

/** Bonds passing from one holder to another: who gives, who receives (an investor of the structure), how many, when and why. */
export function TransferModal({ offering, onClose }: { offering: Offering; onClose: () => void }) {
  const { t } = useTranslation('bonds');
  const record = useRecordTransfer(offering.id);
  const [fromInvestorId, setFrom] = useState<string | null>(null);
  const [toInvestorId, setTo] = useState<string | null>(null);
  const [units, setUnits] = useState<number | string>(1);
  const [on, setOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  // One key for this transfer: a second click or a retry does not record it twice.
  const [key] = useState(newIdempotencyKey);
  const error = record.error instanceof ApiError ? record.error : null;
  const fields = error?.fields ?? {};
  const shownOnFields = ['fromInvestorId', 'toInvestorId', 'units', 'on', 'reason'].some((f) => fields[f]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fromInvestorId || !toInvestorId || typeof units !== 'number') return;
    record.mutate(
      { input: { fromInvestorId, toInvestorId, units, on, reason: reason.trim() }, key },
      { onSuccess: () => { notifySuccess(t('transfers.recorded')); onClose(); } },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('transfers.recordTitle', { code: offering.code })} size="lg">
      <Stack component="form" onSubmit={submit}>
        <InvestorSelect offeringId={offering.id} holding label={t('transfers.from')} value={fromInvestorId} onChange={setFrom} error={fields.fromInvestorId?.join(' ')} />
        <InvestorSelect offeringId={offering.id} label={t('transfers.to')} value={toInvestorId} onChange={setTo} error={fields.toInvestorId?.join(' ')} />
        <Group grow align="flex-start">
          <NumberInput label={t('transfers.units')} required min={1} allowDecimal={false} value={units} onChange={setUnits} error={fields.units?.join(' ')} />
          <TextInput type="date" label={t('transfers.on')} required value={on} onChange={(e) => setOn(e.currentTarget.value)} error={fields.on?.join(' ')} />
        </Group>
        <Textarea label={t('transfers.reason')} description={t('transfers.reasonHint')} required minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason?.join(' ')} />
        {error && !shownOnFields && <Alert color="red" role="alert">{error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" loading={record.isPending}>{t('transfers.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
