import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { matchActionsFor } from '@essor/shared/bond-matchfunding';
import type { Offering } from '@essor/shared/bonds';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useCancelOffering } from '../match-api';

/** A fund manager cancels the offering before its close, saying why: paid subscribers are refunded and told. */
export function CancelOfferingAction({ offering, person }: { offering: Offering; person: { roles: readonly string[] } }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const cancel = useCancelOffering(offering.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  if (!matchActionsFor(offering, person).cancel) return null;
  const fields = cancel.error instanceof ApiError ? cancel.error.fields : {};
  const close = () => { setOpen(false); setKey(newIdempotencyKey()); };
  const paid = offering.paidUnits * offering.unitPriceMinor;
  return (
    <>
      <Button color="red" variant="outline" onClick={() => setOpen(true)}>{t('cancelOffering.action')}</Button>
      <Modal opened={open} onClose={close} title={t('cancelOffering.title', { code: offering.code })}>
        <Stack>
          <Alert color="red">{paid > 0 ? t('cancelOffering.refunds', { amount: format.money(paid, offering.currency) }) : t('cancelOffering.nothingPaid')}</Alert>
          <Textarea label={t('cancelOffering.reason')} description={t('cancelOffering.reasonHint')} required minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason?.join(' ')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('actions.cancel')}</Button>
            <Button color="red" loading={cancel.isPending} disabled={reason.trim().length < 3} onClick={() => cancel.mutate({ key, input: { reason: reason.trim() } }, { onSuccess: () => { notifySuccess(t('cancelOffering.done')); close(); } })}>
              {t('cancelOffering.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
