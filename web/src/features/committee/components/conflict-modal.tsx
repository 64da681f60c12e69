import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useDeclareConflict } from '../api';

export function ConflictModal({ sessionId, applicationId, onClose }: { sessionId: string; applicationId: string; onClose: () => void }) {
  const { t } = useTranslation('committee');
  const declare = useDeclareConflict(sessionId);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    declare.mutate(
      { applicationId, reason },
      {
        onSuccess: () => {
          notifySuccess(t('session.conflictDeclared'));
          onClose();
        },
        onError: (e) => notifyError(e, t('common:errors.saveFailed')),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('session.conflictTitle')}>
      <Stack component="form" onSubmit={submit}>
        <Textarea label={t('session.conflictReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" color="orange" loading={declare.isPending}>{t('session.conflict')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
