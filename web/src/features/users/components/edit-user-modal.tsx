import { Badge, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { isPublicRole, type Role } from '@essor/shared/roles';
import type { User } from '@essor/shared/users';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { trailLabel, useStructureTree } from '../../../lib/structures';
import { useUpdateUser } from '../api';
import { RolePicker } from './role-picker';

/** What `roles` replaces for one structure: the account's public roles and the roles held in that structure. */
function rolesIn(user: User, structureId: string | null): Role[] {
  return [...user.roles.filter(isPublicRole), ...user.memberships.filter((m) => m.structureId === structureId).map((m) => m.role)];
}

const sameRoles = (a: Role[], b: Role[]) => [...a].sort().join() === [...b].sort().join();

export function EditUserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const update = useUpdateUser();
  const manageable = (useStructureTree().data ?? []).filter((s) => s.canManage);
  const [name, setName] = useState('');
  const [structureId, setStructureId] = useState<string | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [status, setStatus] = useState<'active' | 'disabled'>('active');
  // The structure first shown: one where the person already holds a role I manage, else my first one.
  const initialStructure = user
    ? (user.memberships.find((m) => manageable.some((s) => s.id === m.structureId))?.structureId ?? manageable[0]?.id ?? null)
    : null;

  useEffect(() => {
    if (user) {
      setName(user.name);
      setStructureId(initialStructure);
      setRoles(rolesIn(user, initialStructure));
      setStatus(user.status === 'disabled' ? 'disabled' : 'active');
      update.reset();
    }
  }, [user, initialStructure]);

  if (!user) return null;
  const fields = update.error instanceof ApiError ? update.error.fields : {};

  const chooseStructure = (id: string | null) => {
    setStructureId(id);
    setRoles(rolesIn(user, id));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changes = {
      ...(name !== user.name ? { name } : {}),
      ...(!sameRoles(roles, rolesIn(user, structureId)) ? { roles, ...(structureId ? { structureId } : {}) } : {}),
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
        {user.memberships.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('edit.memberships')}</Text>
            <Group gap={4}>
              {user.memberships.map((m) => <Badge key={m.id} variant="light" size="sm" tt="none">{`${m.structureName} · ${t(`common:roles.${m.role}`)}`}</Badge>)}
            </Group>
          </Stack>
        )}
        <Select
          label={t('fields.structure')}
          description={t('edit.structureHint')}
          searchable
          data={manageable.map((s) => ({ value: s.id, label: trailLabel(s) }))}
          value={structureId}
          onChange={chooseStructure}
          allowDeselect={false}
          error={fields.structureId?.join(' ')}
        />
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
