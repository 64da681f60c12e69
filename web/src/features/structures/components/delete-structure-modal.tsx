import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Structure } from '@essor/shared/structures';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { useDeleteStructure } from '../api';

/** Asks before deleting; the API refuses (409) a structure that still holds data, and its reason shows here. */
export function DeleteStructureModal({ structure, onClose }: { structure: Structure | null; onClose: () => void }) {
  const { t } = useTranslation('structures');
  const remove = useDeleteStructure();

  useEffect(() => {
    remove.reset();
  }, [structure?.id]);

  if (!structure) return null;
  const confirm = () =>
    remove.mutate(structure.id, {
      onSuccess: () => {
        notifySuccess(t('delete.success'));
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} title={t('delete.title')}>
      <Stack>
        <Text size="sm">{t('delete.message', { name: structure.name })}</Text>
        {remove.isError && (
          <Alert color="red" variant="light" role="alert">
            {remove.error instanceof ApiError ? remove.error.message : t('common:errors.network')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button color="red" loading={remove.isPending} onClick={confirm}>{t('delete.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
