import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Tabs, Textarea, TextInput } from '@mantine/core';
import { COUPON_FREQUENCIES, DAY_COUNTS, type Offering } from '@essor/shared/bonds';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MoneyInput } from '../../../components/money-input';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { plainAmount } from '../amounts';
import { useCreateOffering, useTrustFunds, useUpdateOffering } from '../api';
import { FinanceableProjectSelect } from '../../../components/financeable-project-select';


/** A rate the person types in per cent (2.5) kept in basis points (250). */
const toBps = (percent: number | string) => Math.round(Number(percent) * 100);
const toPercent = (bps: number) => bps / 100;

const todayIso = () => new Date().toISOString().slice(0, 10);
const int = (value: number | string) => (value === '' ? 0 : Math.trunc(Number(value)));

/** Prepares a draft offering (issuer, trust books, terms, notice) or changes a draft's terms. */
export function OfferingFormModal({ offering, onClose }: { offering?: Offering; onClose: () => void }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const navigate = useNavigate();
  const create = useCreateOffering();
  const update = useUpdateOffering(offering?.id ?? '');
  const trustFunds = useTrustFunds();
  const [issuerProjectId, setIssuerProjectId] = useState<string | null>(offering?.issuerProjectId ?? null);
  const [trustFundId, setTrustFundId] = useState<string | null>(offering?.trustFundId ?? null);
  const [code, setCode] = useState(offering?.code ?? '');
  const [title, setTitle] = useState(offering?.title ?? '');
  const [unitPrice, setUnitPrice] = useState(offering ? plainAmount(offering.unitPriceMinor, offering.currency) : '');
  const [maxUnits, setMaxUnits] = useState<number | string>(offering?.maxUnits ?? '');
  const [minUnits, setMinUnits] = useState<number | string>(offering?.minUnits ?? '');
  const [minPerPerson, setMinPerPerson] = useState<number | string>(offering?.minUnitsPerPerson ?? 1);
  const [maxPerPerson, setMaxPerPerson] = useState<number | string>(offering?.maxUnitsPerPerson ?? '');
  const [rate, setRate] = useState<number | string>(offering ? toPercent(offering.rateBps) : '');
  const [termMonths, setTermMonths] = useState<number | string>(offering?.termMonths ?? 60);
  const [couponFrequency, setCouponFrequency] = useState<Offering['couponFrequency']>(offering?.couponFrequency ?? 'annual');
  const [dayCount, setDayCount] = useState<Offering['dayCount']>(offering?.dayCount ?? 'act_365_fixed');
  const [opensOn, setOpensOn] = useState(offering?.opensOn ?? todayIso());
  const [closesOn, setClosesOn] = useState(offering?.closesOn ?? '');
  const [paymentDays, setPaymentDays] = useState<number | string>(offering?.paymentDays ?? 10);
  const [withholding, setWithholding] = useState<number | string>(offering ? toPercent(offering.withholdingBps) : 0);
  const [earlyRedemptionFrom, setEarlyRedemptionFrom] = useState(offering?.earlyRedemptionFrom ?? '');
  const [summaryFr, setSummaryFr] = useState(offering?.summaryFr ?? '');
  const [summaryEn, setSummaryEn] = useState(offering?.summaryEn ?? '');
  const [noticeFr, setNoticeFr] = useState(offering?.noticeFr ?? '');
  const [noticeEn, setNoticeEn] = useState(offering?.noticeEn ?? '');
  const [useOfFunds, setUseOfFunds] = useState(offering?.useOfFunds ?? '');
  const [impactAim, setImpactAim] = useState(offering?.impactAim ?? '');

  const currency = offering?.currency ?? trustFunds.data?.find((f) => f.id === trustFundId)?.currency ?? 'CAD';
  const unitPriceMinor = parseMoneyInput(unitPrice, currency as CurrencyCode);
  const raise = (units: number | string) => (unitPriceMinor && int(units) > 0 ? t('form.raise', { amount: format.money(unitPriceMinor * int(units), currency) }) : undefined);
  const mutation = offering ? update : create;
  const fields = mutation.error instanceof ApiError ? mutation.error.fields : {};
  const err = (name: string) => fields[name]?.join(' ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (unitPriceMinor === null || unitPriceMinor <= 0) return;
    const terms = {
      title,
      summaryFr,
      summaryEn,
      noticeFr,
      noticeEn,
      useOfFunds,
      impactAim,
      unitPriceMinor,
      maxUnits: int(maxUnits),
      minUnits: int(minUnits),
      minUnitsPerPerson: int(minPerPerson),
      maxUnitsPerPerson: int(maxPerPerson),
      rateBps: toBps(rate),
      termMonths: int(termMonths),
      couponFrequency,
      dayCount,
      opensOn,
      closesOn,
      paymentDays: int(paymentDays),
      withholdingBps: toBps(withholding),
      earlyRedemptionFrom: earlyRedemptionFrom || null,
    };
    if (offering) {
      update.mutate(terms, { onSuccess: () => { notifySuccess(t('form.saved')); onClose(); } });
    } else {
      create.mutate(
        { ...terms, issuerProjectId: issuerProjectId ?? '', trustFundId: trustFundId ?? '', code },
        { onSuccess: (made) => { notifySuccess(t('form.created')); onClose(); void navigate(`/bonds/offerings/${made.id}`); } },
      );
    }
  };

  return (
    <Modal opened onClose={onClose} title={offering ? t('form.editTitle', { code: offering.code }) : t('form.newTitle')} size="xl">
      <Stack component="form" onSubmit={submit}>
        {!offering && (
          <>
            <FinanceableProjectSelect label={t('form.issuer')} value={issuerProjectId} onChange={(id) => setIssuerProjectId(id)} error={err('issuerProjectId')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('form.trustFund')}
                required
                data={(trustFunds.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name} (${f.currency})` }))}
                value={trustFundId}
                onChange={setTrustFundId}
                nothingFoundMessage={t('form.noTrustFund')}
                error={err('trustFundId')}
              />
              <TextInput label={t('form.code')} description={t('form.codeHint')} required value={code} onChange={(e) => setCode(e.currentTarget.value.toUpperCase())} error={err('code')} />
            </SimpleGrid>
          </>
        )}
        <TextInput label={t('form.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err('title')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <MoneyInput label={t('form.unitPrice')} currency={currency} value={unitPrice} onChange={setUnitPrice} error={err('unitPriceMinor')} />
          <NumberInput label={t('form.maxUnits')} description={raise(maxUnits)} required min={1} allowDecimal={false} value={maxUnits} onChange={setMaxUnits} error={err('maxUnits')} />
          <NumberInput label={t('form.minUnits')} description={raise(minUnits)} required min={1} allowDecimal={false} value={minUnits} onChange={setMinUnits} error={err('minUnits')} />
          <NumberInput label={t('form.minUnitsPerPerson')} required min={1} allowDecimal={false} value={minPerPerson} onChange={setMinPerPerson} error={err('minUnitsPerPerson')} />
          <NumberInput label={t('form.maxUnitsPerPerson')} required min={1} allowDecimal={false} value={maxPerPerson} onChange={setMaxPerPerson} error={err('maxUnitsPerPerson')} />
          <NumberInput label={t('form.paymentDays')} required min={1} max={90} allowDecimal={false} value={paymentDays} onChange={setPaymentDays} error={err('paymentDays')} />
          <NumberInput label={t('form.rate')} required min={0} max={50} decimalScale={2} suffix=" %" value={rate} onChange={setRate} error={err('rateBps')} />
          <NumberInput label={t('form.termMonths')} required min={1} max={600} allowDecimal={false} value={termMonths} onChange={setTermMonths} error={err('termMonths')} />
          <NumberInput label={t('form.withholding')} min={0} max={100} decimalScale={2} suffix=" %" value={withholding} onChange={setWithholding} error={err('withholdingBps')} />
          <Select label={t('form.couponFrequency')} data={COUPON_FREQUENCIES.map((v) => ({ value: v, label: t(`frequency.${v}`) }))} value={couponFrequency} onChange={(v) => v && setCouponFrequency(v as Offering['couponFrequency'])} allowDeselect={false} />
          <Select label={t('form.dayCount')} data={DAY_COUNTS.map((v) => ({ value: v, label: t(`dayCount.${v}`) }))} value={dayCount} onChange={(v) => v && setDayCount(v as Offering['dayCount'])} allowDeselect={false} />
          <TextInput type="date" label={t('form.earlyRedemptionFrom')} value={earlyRedemptionFrom} onChange={(e) => setEarlyRedemptionFrom(e.currentTarget.value)} error={err('earlyRedemptionFrom')} />
          <TextInput type="date" label={t('form.opensOn')} required value={opensOn} onChange={(e) => setOpensOn(e.currentTarget.value)} error={err('opensOn')} />
          <TextInput type="date" label={t('form.closesOn')} required value={closesOn} onChange={(e) => setClosesOn(e.currentTarget.value)} error={err('closesOn')} />
        </SimpleGrid>
        <Tabs defaultValue="fr">
          <Tabs.List>
            <Tabs.Tab value="fr">{t('form.french')}</Tabs.Tab>
            <Tabs.Tab value="en">{t('form.english')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="fr" pt="sm">
            <Stack gap="sm">
              <Textarea label={t('form.summary')} autosize minRows={2} value={summaryFr} onChange={(e) => setSummaryFr(e.currentTarget.value)} error={err('summaryFr')} />
              <Textarea label={t('form.notice')} autosize minRows={5} value={noticeFr} onChange={(e) => setNoticeFr(e.currentTarget.value)} error={err('noticeFr')} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="en" pt="sm">
            <Stack gap="sm">
              <Textarea label={t('form.summary')} autosize minRows={2} value={summaryEn} onChange={(e) => setSummaryEn(e.currentTarget.value)} error={err('summaryEn')} />
              <Textarea label={t('form.notice')} autosize minRows={5} value={noticeEn} onChange={(e) => setNoticeEn(e.currentTarget.value)} error={err('noticeEn')} />
            </Stack>
          </Tabs.Panel>
        </Tabs>
        <Textarea label={t('form.useOfFunds')} autosize minRows={2} value={useOfFunds} onChange={(e) => setUseOfFunds(e.currentTarget.value)} error={err('useOfFunds')} />
        <Textarea label={t('form.impactAim')} autosize minRows={2} value={impactAim} onChange={(e) => setImpactAim(e.currentTarget.value)} error={err('impactAim')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" loading={mutation.isPending}>{offering ? t('form.save') : t('form.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
