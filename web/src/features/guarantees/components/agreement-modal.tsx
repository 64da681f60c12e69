import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { FEE_BASES } from '@essor/shared/guarantees';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../../components/money-input';
import { notifySuccess } from '../../../lib/notify';
import { useBanks, useCreateAgreement } from '../api';
import { fieldErrors, MutationError } from './mutation-error';
import { int, todayIso, toBps } from './percent';
import { PercentInput } from './percent-input';

const optionalBps = (value: number | string) => (value === '' ? null : toBps(value));

/** The terms a bank signed with the fund: coverage range, ceilings, fee, claim deadline. */
export function AgreementModal({ fundId, currency, onClose }: { fundId: string; currency: string; onClose: () => void }) {
  const { t } = useTranslation('guarantees');
  const banks = useBanks();
  const create = useCreateAgreement();
  const [bankId, setBankId] = useState<string | null>(null);
  const [signedOn, setSignedOn] = useState(todayIso());
  const [minCoverage, setMinCoverage] = useState<number | string>(50);
  const [maxCoverage, setMaxCoverage] = useState<number | string>(70);
  const [womenCoverage, setWomenCoverage] = useState<number | string>('');
  const [maxGuaranteed, setMaxGuaranteed] = useState('');
  const [feeRate, setFeeRate] = useState<number | string>(1);
  const [feeBasis, setFeeBasis] = useState<(typeof FEE_BASES)[number]>('upfront');
  const [claimDays, setClaimDays] = useState<number | string>(180);
  const [portfolioCap, setPortfolioCap] = useState<number | string>('');
  const err = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const maxGuaranteedMinor = parseMoneyInput(maxGuaranteed, currency as CurrencyCode);
    if (!bankId || maxGuaranteedMinor === null) return;
    create.mutate(
      {
        fundId,
        bankId,
        signedOn,
        minCoverageBps: toBps(minCoverage),
        maxCoverageBps: toBps(maxCoverage),
        maxCoverageWomenBps: optionalBps(womenCoverage),
        maxGuaranteedMinor,
        feeRateBps: toBps(feeRate),
        feeBasis,
        claimDeadlineDays: int(claimDays),
        portfolioCapBps: optionalBps(portfolioCap),
      },
      { onSuccess: () => { notifySuccess(t('agreements.added')); onClose(); } },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('agreements.add')} size="lg">
      <Stack component="form" onSubmit={submit}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('agreements.bank')} required data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))} value={bankId} onChange={setBankId} nothingFoundMessage={t('banks.empty')} error={err('bankId')} />
          <TextInput type="date" label={t('agreements.signedOn')} required value={signedOn} onChange={(e) => setSignedOn(e.currentTarget.value)} error={err('signedOn')} />
          <PercentInput label={t('agreements.minCoverage')} required value={minCoverage} onChange={setMinCoverage} error={err('minCoverageBps')} />
          <PercentInput label={t('agreements.maxCoverage')} required value={maxCoverage} onChange={setMaxCoverage} error={err('maxCoverageBps')} />
          <PercentInput label={t('agreements.womenCoverage')} description={t('agreements.womenCoverageHint')} value={womenCoverage} onChange={setWomenCoverage} error={err('maxCoverageWomenBps')} />
          <MoneyInput label={t('agreements.maxGuaranteed')} currency={currency} value={maxGuaranteed} onChange={setMaxGuaranteed} error={err('maxGuaranteedMinor')} />
          <PercentInput label={t('agreements.feeRate')} required value={feeRate} onChange={setFeeRate} error={err('feeRateBps')} />
          <Select label={t('agreements.feeBasis')} data={FEE_BASES.map((b) => ({ value: b, label: t(`feeBases.${b}`) }))} value={feeBasis} onChange={(v) => v && setFeeBasis(v as (typeof FEE_BASES)[number])} allowDeselect={false} />
          <NumberInput label={t('agreements.claimDeadline')} required min={1} max={3650} allowDecimal={false} value={claimDays} onChange={setClaimDays} error={err('claimDeadlineDays')} />
          <PercentInput label={t('agreements.portfolioCap')} description={t('agreements.portfolioCapHint')} value={portfolioCap} onChange={setPortfolioCap} error={err('portfolioCapBps')} />
        </SimpleGrid>
        <MutationError error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancelForm')}</Button>
          <Button type="submit" loading={create.isPending}>{t('actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
