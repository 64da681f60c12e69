import { MILESTONE_KINDS, MILESTONE_STATUSES, type Milestone } from '@essor/shared/followup';
import { Alert, Badge, Button, Group, Modal, NativeSelect, SegmentedControl, Skeleton, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataList, type Column } from '../../../components/data-list';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { FOLLOWUP_KEY, useCreateMilestone, useHolderMilestones, useProjectChoices, useUpdateMilestone } from '../api';

const STATUS_COLORS = { planned: 'blue', reached: 'teal', missed: 'orange', cancelled: 'gray' } as const;

function NewMilestoneModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('followup');
  const projects = useProjectChoices(opened);
  const create = useCreateMilestone();
  const [projectId, setProjectId] = useState('');
  const [kind, setKind] = useState<string>('legal_registration');
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={t('milestones.new')}>
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <NativeSelect label={t('fields.project')} value={projectId} onChange={(e) => setProjectId(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...(projects.data ?? [])]} />
        <NativeSelect label={t('milestones.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={MILESTONE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        <TextInput label={t('milestones.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <TextInput type="date" label={t('milestones.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button
            loading={create.isPending}
            onClick={async () => {
              try {
                await create.mutateAsync({ projectId, kind: kind as (typeof MILESTONE_KINDS)[number], title, dueOn: dueOn || null });
                notifySuccess(t('milestones.saved'));
                onClose();
              } catch (e) {
                setError(e instanceof ApiError ? e.message : t('common:errors.network'));
              }
            }}
          >
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReachModal({ milestone, onClose }: { milestone: Milestone | null; onClose: () => void }) {
  const { t } = useTranslation('followup');
  const update = useUpdateMilestone();
  const [evidence, setEvidence] = useState('');
  const [reachedOn, setReachedOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={milestone !== null} onClose={onClose} title={milestone?.title}>
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Textarea label={t('milestones.evidence')} value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)} />
        <TextInput type="date" label={t('milestones.reachedOn')} value={reachedOn} onChange={(e) => setReachedOn(e.currentTarget.value)} />
        <Group justify="space-between">
          <Button variant="light" color="orange" onClick={async () => {
            try {
              await update.mutateAsync({ id: milestone!.id, status: 'missed' });
              onClose();
            } catch (e) {
              setError(e instanceof ApiError ? e.message : t('common:errors.network'));
            }
          }}>{t('milestones.markMissed')}</Button>
          <Button onClick={async () => {
            try {
              await update.mutateAsync({ id: milestone!.id, status: 'reached', evidence, reachedOn: reachedOn || null });
              notifySuccess(t('milestones.saved'));
              onClose();
            } catch (e) {
              setError(e instanceof ApiError ? e.message : t('common:errors.network'));
            }
          }}>{t('milestones.markReached')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function MilestonesPage() {
  const { t } = useTranslation('followup');
  const format = useFormat();
  const isHolder = useHasRole('project_holder') && !useHasRole('admin', 'staff', 'coach', 'fund_manager');
  const canEdit = useHasRole('admin', 'staff', 'coach');
  const [filter, setFilter] = useState<'all' | 'overdue'>('all');
  const holderMilestones = useHolderMilestones(isHolder);
  const [creating, setCreating] = useState(false);
  const [reaching, setReaching] = useState<Milestone | null>(null);
  const reachable = (m: Milestone) => canEdit && m.status === 'planned';

  const columns: Column<Milestone>[] = [
    {
      key: 'project',
      header: t('fields.project'),
      render: (m) => (
        <>
          <Text size="sm" fw={600}>{m.organisationName}</Text>
          <Text size="xs" c="dimmed">{m.projectTitle}</Text>
        </>
      ),
    },
    {
      key: 'title',
      header: t('milestones.titleField'),
      render: (m) => (
        <>
          <Text size="sm">{m.title}</Text>
          <Text size="xs" c="dimmed">{t(`kinds.${m.kind}`, { defaultValue: m.kind })}</Text>
        </>
      ),
    },
    {
      key: 'dueOn',
      header: t('milestones.dueOn'),
      render: (m) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{format.date(m.dueOn)}</Text>
          {m.overdue && <Badge color="red" size="sm">{t('milestones.overdue')}</Badge>}
        </Group>
      ),
    },
    { key: 'status', header: t('milestones.status'), render: (m) => <Badge color={STATUS_COLORS[m.status]} variant="light">{t(`statuses.${m.status}`)}</Badge> },
    { key: 'evidence', header: t('milestones.evidence'), render: (m) => <Text size="sm">{m.evidence ?? '—'}{m.reachedOn ? ` (${format.date(m.reachedOn)})` : ''}</Text> },
  ];

  return (
    <>
      <PageHeader
        title={t('milestones.title')}
        description={t('milestones.description')}
        actions={canEdit && <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('milestones.new')}</Button>}
      />
      {isHolder ? (
        <>
          {holderMilestones.isError && <ErrorState error={holderMilestones.error} onRetry={() => holderMilestones.refetch()} />}
          {holderMilestones.isLoading && <Skeleton h={200} />}
          {holderMilestones.data?.length === 0 && (
            <EmptyState
              title={t('milestones.none')}
              hint={t('milestones.noneHolder')}
              action={<Button component={Link} to="/applications" variant="light">{t('milestones.toApplications')}</Button>}
            />
          )}
          {holderMilestones.data && holderMilestones.data.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table>
                <Table.Thead>
                  <Table.Tr>{columns.map((col) => <Table.Th key={col.key}>{col.header}</Table.Th>)}</Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {holderMilestones.data.map((m) => (
                    <Table.Tr key={m.id} bg={m.overdue ? 'var(--mantine-color-red-light)' : undefined}>
                      {columns.map((col) => <Table.Td key={col.key}>{col.render(m)}</Table.Td>)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      ) : (
        <DataList<Milestone>
          queryKey={[...FOLLOWUP_KEY, 'milestones']}
          endpoint="/api/followup/milestones"
          exportEndpoint="/api/followup/milestones/export.csv"
          columns={columns}
          rowKey={(m) => m.id}
          extraParams={{ overdue: filter === 'overdue' ? 'true' : undefined }}
          filters={[{ name: 'status', label: t('milestones.status'), options: MILESTONE_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })) }]}
          toolbar={
            <SegmentedControl maw="100%" value={filter} onChange={(v) => setFilter(v as 'all' | 'overdue')} data={[{ value: 'all', label: t('milestones.all') }, { value: 'overdue', label: t('milestones.overdueOnly') }]} />
          }
          onRowClick={canEdit ? (m) => reachable(m) && setReaching(m) : undefined}
          emptyTitle={t('milestones.none')}
        />
      )}
      {canEdit && <NewMilestoneModal opened={creating} onClose={() => setCreating(false)} />}
      {canEdit && <ReachModal milestone={reaching} onClose={() => setReaching(null)} />}
    </>
  );
}
