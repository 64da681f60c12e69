import { Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Agreement } from '@essor/shared/guarantees';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MoneyInput } from '../../../components/money-input';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useAgreements, usePrepareGuarantee } from '../api';
import { fieldErrors, MutationError } from './mutation-error';
import { int, todayIso, toBps } from './percent';
import { PercentInput } from './percent-input';
import { FinanceableProjectSelect } from '../../../components/financeable-project-select';

/** Staff prepare a guarantee under an agreement; another fund manager approves it. */
export function PrepareGuaranteeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('guarantees');
  const format = useFormat();
  const navigate = useNavigate();
  const agreements = useAgreements();
  const prepare = usePrepareGuarantee();
  const [agreementId, setAgreementId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [bankLoanRef, setBankLoanRef] = useState('');
  const [amount, setAmount] = useState('');
  const [rate, setRate] = useState<number | string>('');
  const [termMonths, setTermMonths] = useState<number | string>(60);
  const [graceMonths, setGraceMonths] = useState<number | string>(0);
  const [method, setMethod] = useState<'annuity' | 'declining'>('annuity');
  const [disbursedOn, setDisbursedOn] = useState(todayIso());
  const [coverage, setCoverage] = useState<number | string>('');
  const [womenLed, setWomenLed] = useState(false);
  const [purpose, setPurpose] = useState('');

  const active = (agreements.data ?? []).filter((a) => a.status === 'active');
  const agreement = active.find((a) => a.id === agreementId);
  const currency = agreement?.currency ?? 'CAD';
  const loanAmountMinor = parseMoneyInput(amount, currency as CurrencyCode);
  // A hint only: the API computes the guaranteed amount and checks the coverage range.
  const hint = loanAmountMinor && Number(coverage) > 0 ? t('form.guaranteedHint', { amount: format.money(Math.round((loanAmountMinor * toBps(coverage)) / 10_000), currency) }) : undefined;
  const err = fieldErrors(prepare.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!agreementId || !projectId || loanAmountMinor === null) return;
    prepare.mutate(
      {
        agreementId,
        projectId,
        bankLoanRef,
        loanAmountMinor,
        currency: currency as CurrencyCode,
        loanRateBps: toBps(rate),
        termMonths: int(termMonths),
        graceMonths: int(graceMonths),
        method,
        disbursedOn,
        coverageBps: toBps(coverage),
        womenLed,
        purpose,
      },
      { onSuccess: (made) => { notifySuccess(t('form.prepared')); onClose(); void navigate(`/guarantees/${made.id}`); } },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('form.title')} size="xl">
      <Stack component="form" onSubmit={submit}>
        <Select
          label={t('form.agreement')}
          required
          data={active.map((a) => ({ value: a.id, label: agreementLabel(a) }))}
          value={agreementId}
          onChange={setAgreementId}
          nothingFoundMessage={t('form.noAgreement')}
          description={agreement ? t('form.coverageRange', rangeOf(agreement)) : undefined}
          error={err('agreementId')}
        />
        <FinanceableProjectSelect label={t('form.project')} value={projectId} onChange={(id) => setProjectId(id)} error={err('projectId')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('form.bankLoanRef')} required value={bankLoanRef} onChange={(e) => setBankLoanRef(e.currentTarget.value)} error={err('bankLoanRef')} />
          <MoneyInput label={t('form.loanAmount')} currency={currency} value={amount} onChange={setAmount} error={err('loanAmountMinor')} />
          <PercentInput label={t('form.rate')} required value={rate} onChange={setRate} error={err('loanRateBps')} />
          <NumberInput label={t('form.termMonths')} required min={1} max={360} allowDecimal={false} value={termMonths} onChange={setTermMonths} error={err('termMonths')} />
          <NumberInput label={t('form.graceMonths')} min={0} max={359} allowDecimal={false} value={graceMonths} onChange={setGraceMonths} error={err('graceMonths')} />
          <Select label={t('form.method')} data={(['annuity', 'declining'] as const).map((m) => ({ value: m, label: t(`methods.${m}`) }))} value={method} onChange={(v) => setMethod(v === 'declining' ? 'declining' : 'annuity')} allowDeselect={false} />
          <TextInput type="date" label={t('form.disbursedOn')} required value={disbursedOn} onChange={(e) => setDisbursedOn(e.currentTarget.value)} error={err('disbursedOn')} />
          <PercentInput label={t('form.coverage')} description={hint} required min={0.01} value={coverage} onChange={setCoverage} error={err('coverageBps')} />
        </SimpleGrid>
        <Checkbox label={t('form.womenLed')} checked={womenLed} onChange={(e) => setWomenLed(e.currentTarget.checked)} />
        <Textarea label={t('form.purpose')} minRows={2} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={err('purpose')} />
        {hint && <Text size="sm" c="dimmed">{hint}</Text>}
        <MutationError error={prepare.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancelForm')}</Button>
          <Button type="submit" loading={prepare.isPending}>{t('form.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const pct = (bps: number) => `${bps / 100} %`;
const rangeOf = (a: Agreement) => ({ min: pct(a.minCoverageBps), max: pct(a.maxCoverageBps), women: pct(a.maxCoverageWomenBps ?? a.maxCoverageBps) });
const agreementLabel = (a: Agreement) => `${a.bankName} · ${a.fundCode} (${pct(a.minCoverageBps)}–${pct(a.maxCoverageBps)})`;
