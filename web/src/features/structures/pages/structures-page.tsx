import { ActionIcon, Button, Card, Group, ScrollArea, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { Structure } from '@essor/shared/structures';
import { IconPencil, IconPlus, IconTrash, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { trailLabel } from '../../../lib/structures';
import { useStructures } from '../api';
import { DeleteStructureModal } from '../components/delete-structure-modal';
import { MembershipsDrawer } from '../components/memberships-drawer';
import { StructureFormModal } from '../components/structure-form-modal';
import { INDENT_PX } from '../components/structure-switcher';

export function StructuresPage() {
  const { t } = useTranslation('structures');
  const structures = useStructures();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Structure | null>(null);
  const [deleting, setDeleting] = useState<Structure | null>(null);
  const [people, setPeople] = useState<Structure | null>(null);
  const rows = structures.data ?? [];
  const manageable = rows.filter((s) => s.canManage);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={manageable.length > 0 && <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('actions.create')}</Button>}
      />
      <Card withBorder radius="md" p={0}>
        {structures.isError ? (
          <Stack p="md"><ErrorState error={structures.error} onRetry={() => void structures.refetch()} /></Stack>
        ) : structures.isLoading ? (
          <Stack p="md" gap="xs" aria-busy="true">{Array.from({ length: 5 }, (_, i) => <Skeleton key={i} height={28} radius="sm" />)}</Stack>
        ) : rows.length === 0 ? (
          <EmptyState title={t('empty')} />
        ) : (
          <ScrollArea>
            <Table verticalSpacing="sm" horizontalSpacing="md" striped="even">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.name')}</Table.Th>
                  <Table.Th>{t('columns.kind')}</Table.Th>
                  <Table.Th>{t('columns.territory')}</Table.Th>
                  <Table.Th>{t('columns.currency')}</Table.Th>
                  <Table.Th>{t('columns.contact')}</Table.Th>
                  <Table.Th>{t('columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" fw={s.depth === 0 ? 700 : 600} style={{ paddingInlineStart: s.depth * INDENT_PX * 1.5 }} title={trailLabel(s)}>{s.name}</Text>
                    </Table.Td>
                    <Table.Td><Text size="sm">{t(`kinds.${s.kind}`)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{s.territory || '—'}</Text></Table.Td>
                    <Table.Td><Text size="sm">{s.currency}</Text></Table.Td>
                    <Table.Td>
                      {s.contactName || s.contactEmail || s.contactPhone ? (
                        <div>
                          {s.contactName && <Text size="sm">{s.contactName}</Text>}
                          {s.contactEmail && <Text size="xs" c="dimmed">{s.contactEmail}</Text>}
                          {s.contactPhone && <Text size="xs" c="dimmed">{s.contactPhone}</Text>}
                        </div>
                      ) : (
                        <Text size="sm">—</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {s.canManage && (
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label={t('actions.people', { name: s.name })}>
                            <ActionIcon variant="subtle" aria-label={t('actions.people', { name: s.name })} onClick={() => setPeople(s)}><IconUsers size={16} /></ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('actions.edit', { name: s.name })}>
                            <ActionIcon variant="subtle" aria-label={t('actions.edit', { name: s.name })} onClick={() => setEditing(s)}><IconPencil size={16} /></ActionIcon>
                          </Tooltip>
                          {s.parentId !== null && (
                            <Tooltip label={t('actions.delete', { name: s.name })}>
                              <ActionIcon variant="subtle" color="red" aria-label={t('actions.delete', { name: s.name })} onClick={() => setDeleting(s)}><IconTrash size={16} /></ActionIcon>
                            </Tooltip>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Card>
      <StructureFormModal opened={creating || Boolean(editing)} editing={editing} parents={manageable} onClose={() => { setCreating(false); setEditing(null); }} />
      <DeleteStructureModal structure={deleting} onClose={() => setDeleting(null)} />
      <MembershipsDrawer structure={people} onClose={() => setPeople(null)} />
    </>
  );
}
