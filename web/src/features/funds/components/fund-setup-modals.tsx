import { Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { FUND_TYPES, FUNDER_KINDS, type Fund, type FundType } from '@essor/shared/funds';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { useCreateFund, useCreateFunder, useProgrammeOptions, useSetEnvelope } from '../api';
import { MoneyInput } from './money-input';

const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];

export function NewFundModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('funds');
  const create = useCreateFund();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<FundType>('co_financing');
  const [currency, setCurrency] = useState<CurrencyCode>('CAD');
  const [threshold, setThreshold] = useState('');
  const [description, setDescription] = useState('');
  const [openedOn, setOpenedOn] = useState(new Date().toISOString().slice(0, 10));
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const committeeThresholdMinor = parseMoneyInput(threshold, currency);
    if (committeeThresholdMinor === null) return;
    create.mutate(
      { code, name, type, currency, description, committeeThresholdMinor, openedOn },
      { onSuccess: () => { notifySuccess(t('setup.fundCreated')); onClose(); } },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('setup.newFund')} size="lg">
      <Stack component="form" onSubmit={submit}>
        <Group grow>
          <TextInput label={t('setup.code')} required value={code} onChange={(e) => setCode(e.currentTarget.value.toUpperCase())} error={fields.code?.join(' ')} />
          <Select label={t('setup.type')} data={FUND_TYPES.map((v) => ({ value: v, label: t(`fundTypes.${v}`) }))} value={type} onChange={(v) => setType((v as FundType) ?? 'co_financing')} allowDeselect={false} />
          <Select label={t('setup.currency')} data={CURRENCIES} value={currency} onChange={(v) => setCurrency((v as CurrencyCode) ?? 'CAD')} allowDeselect={false} />
        </Group>
        <TextInput label={t('setup.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name?.join(' ')} />
        <MoneyInput label={t('setup.threshold')} currency={currency} value={threshold} onChange={setThreshold} />
        <TextInput type="date" label={t('setup.openedOn')} required value={openedOn} onChange={(e) => setOpenedOn(e.currentTarget.value)} error={fields.openedOn?.join(' ')} />
        <Textarea label={t('setup.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Group justify="flex-end"><Button type="submit" loading={create.isPending}>{t('setup.createFund')}</Button></Group>
      </Stack>
    </Modal>
  );
}

export function NewFunderModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('funds');
  const create = useCreateFunder();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof FUNDER_KINDS)[number]>('city');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, kind }, { onSuccess: () => { notifySuccess(t('setup.funderCreated')); onClose(); } });
  };
  return (
    <Modal opened onClose={onClose} title={t('setup.newFunder')}>
      <Stack component="form" onSubmit={submit}>
        <TextInput label={t('setup.funderName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select label={t('setup.funderKind')} data={FUNDER_KINDS.map((k) => ({ value: k, label: t(`funderKinds.${k}`) }))} value={kind} onChange={(v) => setKind((v as (typeof FUNDER_KINDS)[number]) ?? 'city')} allowDeselect={false} />
        <Group justify="flex-end"><Button type="submit" loading={create.isPending}>{t('common:actions.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

export function EnvelopeModal({ fund, onClose }: { fund: Fund; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const programmeOptions = useProgrammeOptions();
  const save = useSetEnvelope(fund.id);
  const programmes = new Map((programmeOptions.data?.items ?? []).filter((p) => p.currency === fund.currency).map((p) => [p.id, `${p.code} — ${p.name}`]));
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [maxRequest, setMaxRequest] = useState('');
  const [sharePercent, setSharePercent] = useState<number>(50);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = parseMoneyInput(amount, fund.currency);
    const maxRequestMinor = parseMoneyInput(maxRequest, fund.currency);
    if (!programmeId || amountMinor === null || maxRequestMinor === null) return;
    save.mutate(
      { programmeId, amountMinor, maxRequestMinor, maxShareBps: Math.round(sharePercent * 100) },
      { onSuccess: () => { notifySuccess(t('setup.envelopeSaved')); onClose(); } },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('setup.envelope')}>
      <Stack component="form" onSubmit={submit}>
        <Select label={t('envelopes.programme')} required data={[...programmes].map(([value, label]) => ({ value, label }))} value={programmeId} onChange={setProgrammeId} />
        <MoneyInput label={t('envelopes.amount')} currency={fund.currency} value={amount} onChange={setAmount} />
        <NumberInput label={t('setup.maxShare')} min={1} max={100} decimalScale={2} value={sharePercent} onChange={(v) => setSharePercent(Number(v) || 1)} />
        <MoneyInput label={t('setup.maxRequest')} currency={fund.currency} value={maxRequest} onChange={setMaxRequest} />
        <Group justify="flex-end"><Button type="submit" loading={save.isPending}>{t('common:actions.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
