import { MILESTONE_KINDS, type Milestone } from '@essor/shared/followup';
import { Alert, Badge, Button, Group, Modal, NativeSelect, SegmentedControl, Skeleton, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { useCreateMilestone, useMilestones, useProjectChoices, useUpdateMilestone } from '../api';

const STATUS_COLORS = { planned: 'blue', reached: 'teal', missed: 'orange', cancelled: 'gray' } as const;

function NewMilestoneModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('followup');
  const projects = useProjectChoices();
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
  const milestones = useMilestones(filter === 'overdue' ? { overdue: 'true' } : {}, isHolder);
  const [creating, setCreating] = useState(false);
  const [reaching, setReaching] = useState<Milestone | null>(null);

  return (
    <>
      <PageHeader
        title={t('milestones.title')}
        description={t('milestones.description')}
        actions={canEdit ? <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('milestones.new')}</Button> : undefined}
      />
      {!isHolder && (
        <SegmentedControl mb="md" value={filter} onChange={(v) => setFilter(v as 'all' | 'overdue')} data={[{ value: 'all', label: t('milestones.all') }, { value: 'overdue', label: t('milestones.overdueOnly') }]} />
      )}
      {milestones.isError && <ErrorState error={milestones.error} onRetry={() => milestones.refetch()} />}
      {milestones.isLoading && <Skeleton h={200} />}
      {milestones.data?.length === 0 && <EmptyState title={t('milestones.none')} />}
      {milestones.data && milestones.data.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.project')}</Table.Th>
              <Table.Th>{t('milestones.titleField')}</Table.Th>
              <Table.Th>{t('milestones.dueOn')}</Table.Th>
              <Table.Th>{t('milestones.status')}</Table.Th>
              <Table.Th>{t('milestones.evidence')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {milestones.data.map((m) => (
              <Table.Tr key={m.id} bg={m.overdue ? 'var(--mantine-color-red-light)' : undefined} style={{ cursor: canEdit && m.status === 'planned' ? 'pointer' : undefined }} onClick={() => canEdit && m.status === 'planned' && setReaching(m)}>
                <Table.Td>
                  <Text size="sm" fw={600}>{m.organisationName}</Text>
                  <Text size="xs" c="dimmed">{m.projectTitle}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{m.title}</Text>
                  <Text size="xs" c="dimmed">{t(`kinds.${m.kind}`, { defaultValue: m.kind })}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {format.date(m.dueOn)}
                    {m.overdue && <Badge color="red" size="sm">{t('milestones.overdue')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td><Badge color={STATUS_COLORS[m.status]} variant="light">{t(`statuses.${m.status}`)}</Badge></Table.Td>
                <Table.Td><Text size="sm">{m.evidence ?? '—'}{m.reachedOn ? ` (${format.date(m.reachedOn)})` : ''}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NewMilestoneModal opened={creating} onClose={() => setCreating(false)} />
      <ReachModal milestone={reaching} onClose={() => setReaching(null)} />
    </>
  );
}
