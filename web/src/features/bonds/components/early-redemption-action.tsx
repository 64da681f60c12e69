import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { Offering } from '@essor/shared/bonds';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useEarlyRedemption } from '../api';

const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * Early redemption, offered once the terms allow it (an active offering whose early redemption day has come):
 * a day, a confirmation, and the payout the API creates then shows in the schedule.
 */
export function EarlyRedemptionAction({ offering }: { offering: Offering }) {
  const { t } = useTranslation('bonds');
  const [open, setOpen] = useState(false);
  const from = offering.earlyRedemptionFrom;
  if (offering.status !== 'active' || !from || from > todayIso()) return null;
  return (
    <>
      <Group justify="flex-end">
        <Button variant="light" color="orange" onClick={() => setOpen(true)}>{t('earlyRedemption.action')}</Button>
      </Group>
      {open && <EarlyRedemptionModal offering={offering} from={from} onClose={() => setOpen(false)} />}
    </>
  );
}

function EarlyRedemptionModal({ offering, from, onClose }: { offering: Offering; from: string; onClose: () => void }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const redeem = useEarlyRedemption(offering.id);
  const [on, setOn] = useState(todayIso());
  // One key for this redemption: a second click or a retry does not schedule it twice.
  const [key] = useState(newIdempotencyKey);
  const error = redeem.error instanceof ApiError ? redeem.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    redeem.mutate(
      { input: { on }, key },
      {
        onSuccess: (payout) => {
          notifySuccess(t('earlyRedemption.done', { number: payout.number, day: format.date(payout.paysOn), amount: format.money(payout.paidOutMinor, payout.currency) }));
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('earlyRedemption.title', { code: offering.code })}>
      <Stack component="form" onSubmit={submit}>
        <Text size="sm">{t('earlyRedemption.allowedFrom', { day: format.date(from), maturity: format.date(offering.maturesOn) })}</Text>
        <TextInput type="date" label={t('earlyRedemption.on')} required min={from} value={on} onChange={(e) => setOn(e.currentTarget.value)} error={error?.fields.on?.join(' ')} />
        <Alert color="orange">{t('earlyRedemption.confirmText')}</Alert>
        {error && !error.fields.on && <Alert color="red" role="alert">{error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" color="orange" loading={redeem.isPending}>{t('earlyRedemption.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
