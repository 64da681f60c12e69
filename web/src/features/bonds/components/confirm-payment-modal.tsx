import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { Subscription } from '@essor/shared/bonds';
import { parseMoneyInput } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../../components/money-input';
import { ApiError, newIdempotencyKey } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useConfirmPayment } from '../api';
import { plainAmount } from '../amounts';

const todayIso = () => new Date().toISOString().slice(0, 10);


/** Money received for a subscription: the amount (what remains by default), the day, the bank's reference. */
export function ConfirmPaymentModal({ subscription, onClose }: { subscription: Subscription; onClose: () => void }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const confirm = useConfirmPayment();
  const owed = subscription.amountMinor - subscription.paidMinor;
  const [amount, setAmount] = useState(plainAmount(owed, subscription.currency));
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [bankReference, setBankReference] = useState('');
  // One key for this confirmation: a second click or a retry of the same one is not counted twice.
  const [key] = useState(newIdempotencyKey);
  const fields = confirm.error instanceof ApiError ? confirm.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = parseMoneyInput(amount, subscription.currency);
    if (amountMinor === null || amountMinor <= 0) return;
    confirm.mutate(
      { subscriptionId: subscription.id, key, input: { amountMinor, receivedOn, ...(bankReference.trim() ? { bankReference: bankReference.trim() } : {}) } },
      { onSuccess: () => { notifySuccess(t('payment.confirmed')); onClose(); } },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('payment.title', { reference: subscription.reference })}>
      <Stack component="form" onSubmit={submit}>
        <Text size="sm">
          {t('payment.owed', { investor: subscription.investorName, owed: format.money(owed, subscription.currency), amount: format.money(subscription.amountMinor, subscription.currency) })}
        </Text>
        <MoneyInput label={t('payment.amount')} currency={subscription.currency} value={amount} onChange={setAmount} error={fields.amountMinor?.join(' ')} />
        <TextInput type="date" label={t('payment.receivedOn')} required value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} error={fields.receivedOn?.join(' ')} />
        <TextInput label={t('payment.bankReference')} value={bankReference} onChange={(e) => setBankReference(e.currentTarget.value)} error={fields.bankReference?.join(' ')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" loading={confirm.isPending}>{t('payment.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
