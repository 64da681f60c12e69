import { Button, Group, Modal, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import type { GuaranteeDetail } from '@essor/shared/guarantees';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../../components/money-input';
import { notifySuccess } from '../../../lib/notify';
import { newIdempotencyKey, useBankReport, useCallGuarantee, usePayCall, useRecordRecovery } from '../api';
import { fieldErrors, MutationError } from './mutation-error';
import { int, todayIso } from './percent';

interface FormModalProps {
  title: string;
  submitLabel: string;
  mutation: { error: unknown; isPending: boolean };
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** One modal form: its fields, the API's refusal if any, cancel and submit. */
function FormModal({ title, submitLabel, mutation, onSubmit, onClose, children }: FormModalProps) {
  const { t } = useTranslation('guarantees');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack component="form" onSubmit={submit}>
        {children}
        <MutationError error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancelForm')}</Button>
          <Button type="submit" loading={mutation.isPending}>{submitLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A decision that only needs a note (reject, cancel, reject a call). */
export function NoteModal({ title, submitLabel, mutation, onSubmit, onClose }: Omit<FormModalProps, 'children' | 'onSubmit'> & { onSubmit: (note: string) => void }) {
  const { t } = useTranslation('guarantees');
  const [note, setNote] = useState('');
  return (
    <FormModal title={title} submitLabel={submitLabel} mutation={mutation} onSubmit={() => onSubmit(note)} onClose={onClose}>
      <Textarea label={t('actions.note')} minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </FormModal>
  );
}

const minor = (text: string, currency: string) => parseMoneyInput(text, currency as CurrencyCode);

/** The bank's report of the loan: outstanding and arrears on a day. */
export function BankReportModal({ guarantee, onClose }: { guarantee: GuaranteeDetail; onClose: () => void }) {
  const { t } = useTranslation('guarantees');
  const report = useBankReport(guarantee.id);
  const [key] = useState(newIdempotencyKey);
  const [asOf, setAsOf] = useState(todayIso());
  const [outstanding, setOutstanding] = useState('');
  const [arrears, setArrears] = useState('0');
  const [days, setDays] = useState<number | string>(0);
  const err = fieldErrors(report.error);
  const submit = () => {
    const outstandingMinor = minor(outstanding, guarantee.currency);
    const arrearsMinor = minor(arrears || '0', guarantee.currency);
    if (outstandingMinor === null || arrearsMinor === null) return;
    report.mutate({ input: { asOf, outstandingMinor, arrearsMinor, daysInArrears: int(days) }, key }, { onSuccess: () => { notifySuccess(t('actions.reported')); onClose(); } });
  };
  return (
    <FormModal title={t('actions.report')} submitLabel={t('actions.save')} mutation={report} onSubmit={submit} onClose={onClose}>
      <TextInput type="date" label={t('report.asOf')} required value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} error={err('asOf')} />
      <MoneyInput label={t('report.outstanding')} currency={guarantee.currency} value={outstanding} onChange={setOutstanding} error={err('outstandingMinor')} />
      <MoneyInput label={t('report.arrears')} currency={guarantee.currency} value={arrears} onChange={setArrears} error={err('arrearsMinor')} />
      <NumberInput label={t('report.daysInArrears')} min={0} allowDecimal={false} value={days} onChange={setDays} error={err('daysInArrears')} />
    </FormModal>
  );
}

/** The bank calls the guarantee after the borrower's default. */
export function CallModal({ guarantee, onClose }: { guarantee: GuaranteeDetail; onClose: () => void }) {
  const { t } = useTranslation('guarantees');
  const call = useCallGuarantee(guarantee.id);
  const [key] = useState(newIdempotencyKey);
  const [defaultedOn, setDefaultedOn] = useState(todayIso());
  const [calledOn, setCalledOn] = useState(todayIso());
  const [loss, setLoss] = useState('');
  const [claimed, setClaimed] = useState('');
  const [note, setNote] = useState('');
  const err = fieldErrors(call.error);
  const submit = () => {
    const declaredLossMinor = minor(loss, guarantee.currency);
    const claimedMinor = claimed.trim() === '' ? undefined : minor(claimed, guarantee.currency);
    if (declaredLossMinor === null || claimedMinor === null) return;
    call.mutate({ input: { defaultedOn, calledOn, declaredLossMinor, claimedMinor, note }, key }, { onSuccess: () => { notifySuccess(t('actions.called')); onClose(); } });
  };
  return (
    <FormModal title={t('actions.call')} submitLabel={t('actions.save')} mutation={call} onSubmit={submit} onClose={onClose}>
      <TextInput type="date" label={t('call.defaultedOn')} required value={defaultedOn} onChange={(e) => setDefaultedOn(e.currentTarget.value)} error={err('defaultedOn')} />
      <TextInput type="date" label={t('call.calledOn')} required value={calledOn} onChange={(e) => setCalledOn(e.currentTarget.value)} error={err('calledOn')} />
      <MoneyInput label={t('call.declaredLoss')} currency={guarantee.currency} value={loss} onChange={setLoss} error={err('declaredLossMinor')} />
      <MoneyInput label={t('call.claimed')} description={t('call.claimedHint')} required={false} currency={guarantee.currency} value={claimed} onChange={setClaimed} error={err('claimedMinor')} />
      <Textarea label={t('actions.note')} minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </FormModal>
  );
}

export function PayCallModal({ callId, onClose }: { callId: string; onClose: () => void }) {
  const { t } = useTranslation('guarantees');
  const pay = usePayCall();
  const [key] = useState(newIdempotencyKey);
  const [paidOn, setPaidOn] = useState(todayIso());
  const err = fieldErrors(pay.error);
  return (
    <FormModal
      title={t('actions.payCall')}
      submitLabel={t('actions.confirmPayment')}
      mutation={pay}
      onSubmit={() => pay.mutate({ callId, input: { paidOn }, key }, { onSuccess: () => { notifySuccess(t('actions.paid')); onClose(); } })}
      onClose={onClose}
    >
      <TextInput type="date" label={t('call.paidOn')} required value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} error={err('paidOn')} />
    </FormModal>
  );
}

/** What the bank recovered from the borrower after the payout; the API works out the fund's share. */
export function RecoveryModal({ guarantee, onClose }: { guarantee: GuaranteeDetail; onClose: () => void }) {
  const { t } = useTranslation('guarantees');
  const record = useRecordRecovery(guarantee.id);
  const [key] = useState(newIdempotencyKey);
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [amount, setAmount] = useState('');
  const err = fieldErrors(record.error);
  const submit = () => {
    const bankRecoveredMinor = minor(amount, guarantee.currency);
    if (bankRecoveredMinor === null) return;
    record.mutate({ input: { receivedOn, bankRecoveredMinor }, key }, { onSuccess: () => { notifySuccess(t('actions.recovered')); onClose(); } });
  };
  return (
    <FormModal title={t('actions.recordRecovery')} submitLabel={t('actions.save')} mutation={record} onSubmit={submit} onClose={onClose}>
      <TextInput type="date" label={t('recovery.receivedOn')} required value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} error={err('receivedOn')} />
      <MoneyInput label={t('recovery.bankRecovered')} currency={guarantee.currency} value={amount} onChange={setAmount} error={err('bankRecoveredMinor')} />
    </FormModal>
  );
}
