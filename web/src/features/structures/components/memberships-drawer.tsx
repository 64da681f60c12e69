import { ActionIcon, Button, Drawer, Group, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { STAFF_SIDE_ROLES, type StaffSideRole } from '@essor/shared/roles';
import type { Structure } from '@essor/shared/structures';
import { IconTrash } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useGrantMembership, useMemberships, useRevokeMembership } from '../api';

/** Who holds which role on a structure (and the ones under it); grant by e-mail, revoke per row. */
export function MembershipsDrawer({ structure, onClose }: { structure: Structure | null; onClose: () => void }) {
  const { t } = useTranslation('structures');
  const memberships = useMemberships(structure?.id ?? null);
  const grant = useGrantMembership(structure?.id ?? '');
  const revoke = useRevokeMembership();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffSideRole>('staff');

  useEffect(() => {
    setEmail('');
    setRole('staff');
    grant.reset();
  }, [structure?.id]);

  const fields = grant.error instanceof ApiError ? grant.error.fields : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate(
      { email, role },
      {
        onSuccess: () => {
          notifySuccess(t('memberships.granted'));
          setEmail('');
        },
        onError: (error) => notifyError(error, t('common:errors.saveFailed')),
      },
    );
  };

  return (
    <Drawer opened={Boolean(structure)} onClose={onClose} position="right" size="lg" title={structure ? t('memberships.title', { name: structure.name }) : ''}>
      {structure && (
        <Stack>
          <Text size="sm" c="dimmed">{t('memberships.hint')}</Text>
          {memberships.isError ? (
            <ErrorState error={memberships.error} onRetry={() => void memberships.refetch()} />
          ) : memberships.isLoading ? (
            <Stack gap="xs" aria-busy="true">{Array.from({ length: 4 }, (_, i) => <Skeleton key={i} height={28} />)}</Stack>
          ) : !memberships.data?.length ? (
            <EmptyState title={t('memberships.empty')} />
          ) : (
            <Table verticalSpacing="xs" striped="even">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('memberships.person')}</Table.Th>
                  <Table.Th>{t('memberships.structure')}</Table.Th>
                  <Table.Th>{t('memberships.role')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {memberships.data.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>{m.userName}</Text>
                      <Text size="xs" c="dimmed">{m.userEmail}</Text>
                    </Table.Td>
                    <Table.Td><Text size="sm">{m.structureName}</Text></Table.Td>
                    <Table.Td><Text size="sm">{t(`common:roles.${m.role}`)}</Text></Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('memberships.revoke', { role: t(`common:roles.${m.role}`), name: m.userName })}
                        loading={revoke.isPending && revoke.variables?.id === m.id}
                        onClick={() =>
                          revoke.mutate(m, {
                            onSuccess: () => notifySuccess(t('memberships.revoked')),
                            onError: (error) => notifyError(error, t('common:errors.saveFailed')),
                          })
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Stack component="form" onSubmit={submit} gap="sm">
            <Title order={3} size="h5">{t('memberships.grantTitle')}</Title>
            <Group align="flex-start" grow>
              <TextInput label={t('memberships.email')} type="email" required value={email} error={fields.email?.join(' ')} onChange={(e) => setEmail(e.currentTarget.value)} />
              <Select
                label={t('memberships.role')}
                required
                data={STAFF_SIDE_ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
                value={role}
                onChange={(value) => value && setRole(value as StaffSideRole)}
                error={fields.role?.join(' ')}
                allowDeselect={false}
              />
            </Group>
            <Group justify="flex-end"><Button type="submit" loading={grant.isPending}>{t('memberships.grant')}</Button></Group>
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
