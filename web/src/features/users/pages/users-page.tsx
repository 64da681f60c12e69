import { Badge, Button, Group, Text } from '@mantine/core';
import { isPublicRole, ROLES } from '@essor/shared/roles';
import type { User } from '@essor/shared/users';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { USERS_KEY } from '../api';
import { EditUserModal } from '../components/edit-user-modal';
import { InviteUserModal } from '../components/invite-user-modal';

const STATUS_COLORS = { active: 'teal', invited: 'yellow', disabled: 'gray' } as const;

export function UsersPage() {
  const { t } = useTranslation('users');
  const format = useFormat();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('columns.name'),
      render: (u) => (
        <div>
          <Text size="sm" fw={600}>{u.name}</Text>
          <Text size="xs" c="dimmed">{u.email}</Text>
        </div>
      ),
    },
    {
      key: 'roles',
      header: t('columns.roles'),
      render: (u) => (
        <Group gap={4}>
          {u.roles.filter(isPublicRole).map((role) => <Badge key={role} variant="light" color="sand" size="sm">{t(`common:roles.${role}`)}</Badge>)}
          {u.memberships.map((m) => <Badge key={m.id} variant="light" size="sm" tt="none">{`${m.structureName} · ${t(`common:roles.${m.role}`)}`}</Badge>)}
        </Group>
      ),
    },
    { key: 'status', header: t('columns.status'), render: (u) => <Badge color={STATUS_COLORS[u.status]} variant="dot">{t(`common:statuses.${u.status}`)}</Badge> },
    { key: 'lastLogin', header: t('columns.lastLogin'), render: (u) => <Text size="sm">{u.lastLoginAt ? format.dateTime(u.lastLoginAt) : '—'}</Text> },
    { key: 'created', header: t('columns.created'), render: (u) => <Text size="sm">{format.date(u.createdAt)}</Text> },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={<Button leftSection={<IconUserPlus size={18} />} onClick={() => setInviting(true)}>{t('invite.open')}</Button>}
      />
      <DataList<User>
        queryKey={USERS_KEY}
        endpoint="/api/users"
        exportEndpoint="/api/users/export.csv"
        columns={columns}
        rowKey={(u) => u.id}
        searchPlaceholder={t('search')}
        filters={[
          { name: 'role', label: t('columns.roles'), options: ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) })) },
          { name: 'status', label: t('columns.status'), options: (['active', 'invited', 'disabled'] as const).map((s) => ({ value: s, label: t(`common:statuses.${s}`) })) },
        ]}
        onRowClick={setEditing}
        emptyTitle={t('empty')}
      />
      <InviteUserModal opened={inviting} onClose={() => setInviting(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
    </>
  );
}
