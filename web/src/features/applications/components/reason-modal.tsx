import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks why, for the moves the pipeline wants a reason for; the API checks the length. */
export function ReasonModal({ title, opened, loading, onConfirm, onClose }: { title: string; opened: boolean; loading: boolean; onConfirm: (reason: string) => void; onClose: () => void }) {
  const { t } = useTranslation('applications');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(reason);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack component="form" onSubmit={submit}>
        <Textarea label={t('detail.reasonLabel')} required minRows={3} autosize value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={loading}>{t('detail.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
