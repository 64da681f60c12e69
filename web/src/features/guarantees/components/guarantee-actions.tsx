import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { GuaranteeAction, GuaranteeDetail } from '@essor/shared/guarantees';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify';
import { newIdempotencyKey, useDecideCall, useGuaranteeStep } from '../api';
import { BankReportModal, CallModal, NoteModal, PayCallModal, RecoveryModal } from './action-modals';
import { MutationError } from './mutation-error';

type Dialog = 'reject' | 'cancel' | 'report' | 'call' | 'reject_call' | 'pay_call' | 'record_recovery' | null;

/** Exactly the actions the API says the caller may take now, and why the others wait. */
export function GuaranteeActions({ guarantee }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const step = useGuaranteeStep(guarantee.id);
  const decideCall = useDecideCall();
  const [dialog, setDialog] = useState<Dialog>(null);
  const may = (action: GuaranteeAction) => guarantee.allowedActions.includes(action);
  const pendingCall = guarantee.calls.find((c) => c.status === 'pending');
  const approvedCall = guarantee.calls.find((c) => c.status === 'approved');
  const close = () => setDialog(null);
  const done = (message: string) => ({ onSuccess: () => { notifySuccess(message); close(); } });
  const items = [];
  for (const reason of new Set(guarantee.waiting.map((w) => w.reason))) items.push(<Alert key={reason} color="yellow">{t(`waiting.${reason}`)}</Alert>);
  if (may('approve') || may('reject')) {
    items.push(
      <Group key="decide" grow>
        {may('approve') && (
          <Button color="teal" loading={step.isPending} onClick={() => step.mutate({ step: 'approve', note: '', key: newIdempotencyKey() }, done(t('actions.approveDone')))}>
            {t('actions.approve')}
          </Button>
        )}
        {may('reject') && <Button color="red" variant="light" onClick={() => setDialog('reject')}>{t('actions.reject')}</Button>}
      </Group>,
    );
  }
  if (may('cancel')) items.push(<Button key="cancel" variant="default" onClick={() => setDialog('cancel')}>{t('actions.cancel')}</Button>);
  if (may('report')) items.push(<Button key="report" onClick={() => setDialog('report')}>{t('actions.report')}</Button>);
  if (may('call')) items.push(<Button key="call" color="orange" variant="light" onClick={() => setDialog('call')}>{t('actions.call')}</Button>);
  if (may('decide_call') && pendingCall) {
    items.push(
      <Group key="decide-call" grow>
        <Button color="teal" loading={decideCall.isPending} onClick={() => decideCall.mutate({ callId: pendingCall.id, decision: 'approve', note: '', key: newIdempotencyKey() }, done(t('actions.callApproved')))}>
          {t('actions.approveCall')}
        </Button>
        <Button color="red" variant="light" onClick={() => setDialog('reject_call')}>{t('actions.rejectCall')}</Button>
      </Group>,
    );
  }
  if (may('pay_call') && approvedCall) items.push(<Button key="pay" color="red" onClick={() => setDialog('pay_call')}>{t('actions.payCall')}</Button>);
  if (may('record_recovery')) items.push(<Button key="recovery" variant="light" onClick={() => setDialog('record_recovery')}>{t('actions.recordRecovery')}</Button>);
  if (may('close')) {
    items.push(
      <Button key="close" variant="default" loading={step.isPending} onClick={() => step.mutate({ step: 'close', note: '', key: newIdempotencyKey() }, done(t('actions.closeDone')))}>
        {t('actions.close')}
      </Button>,
    );
  }
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('actions.title')}</Title>
      {items.length ? <Stack gap="xs">{items}</Stack> : <Text size="sm" c="dimmed">{t('actions.none')}</Text>}
      {dialog === null && <Stack mt={step.error || decideCall.error ? 'xs' : 0}><MutationError error={step.error ?? decideCall.error} /></Stack>}
      {(dialog === 'reject' || dialog === 'cancel') && (
        <NoteModal
          title={t(`actions.${dialog}`)}
          submitLabel={t(`actions.${dialog}Confirm`)}
          mutation={step}
          onSubmit={(note) => step.mutate({ step: dialog, note, key: newIdempotencyKey() }, done(t(`actions.${dialog}Done`)))}
          onClose={close}
        />
      )}
      {dialog === 'reject_call' && pendingCall && (
        <NoteModal
          title={t('actions.rejectCall')}
          submitLabel={t('actions.rejectConfirm')}
          mutation={decideCall}
          onSubmit={(note) => decideCall.mutate({ callId: pendingCall.id, decision: 'reject', note, key: newIdempotencyKey() }, done(t('actions.callRejected')))}
          onClose={close}
        />
      )}
      {dialog === 'report' && <BankReportModal guarantee={guarantee} onClose={close} />}
      {dialog === 'call' && <CallModal guarantee={guarantee} onClose={close} />}
      {dialog === 'pay_call' && approvedCall && <PayCallModal callId={approvedCall.id} onClose={close} />}
      {dialog === 'record_recovery' && <RecoveryModal guarantee={guarantee} onClose={close} />}
    </Card>
  );
}
