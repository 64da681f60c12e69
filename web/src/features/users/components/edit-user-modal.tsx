import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { Role } from '@essor/shared/roles';
import type { User } from '@essor/shared/users';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useUpdateUser } from '../api';
import { RolePicker } from './role-picker';

export function EditUserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const update = useUpdateUser();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [status, setStatus] = useState<'active' | 'disabled'>('active');

  useEffect(() => {
    if (user) {
      setName(user.name);
      setRoles(user.roles);
      setStatus(user.status === 'disabled' ? 'disabled' : 'active');
      update.reset();
    }
  }, [user]);

  if (!user) return null;
  const fields = update.error instanceof ApiError ? update.error.fields : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = {
      ...(name !== user.name ? { name } : {}),
      ...(roles.join() !== user.roles.join() ? { roles } : {}),
      ...(user.status !== 'invited' && status !== user.status ? { status } : {}),
    };
    if (!Object.keys(changes).length) return onClose();
    update.mutate(
      { id: user.id, ...changes },
      {
        onSuccess: () => {
          notifySuccess(t('edit.success'));
          onClose();
        },
        onError: (error) => notifyError(error, t('common:errors.saveFailed')),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('edit.title')} size="lg">
      <Stack component="form" onSubmit={submit}>
        <Text size="sm" c="dimmed">{user.email}</Text>
        <TextInput label={t('fields.name')} value={name} error={fields.name?.join(' ')} onChange={(e) => setName(e.currentTarget.value)} />
        <RolePicker value={roles} onChange={setRoles} error={fields.roles?.join(' ')} />
        {user.status !== 'invited' && (
          <SegmentedControl
            value={status}
            onChange={(value) => setStatus(value as 'active' | 'disabled')}
            data={[
              { value: 'active', label: t('common:statuses.active') },
              { value: 'disabled', label: t('common:statuses.disabled') },
            ]}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={update.isPending}>{t('common:actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
