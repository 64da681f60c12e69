import { Anchor, Badge, Button, Card, Group, Loader, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { useAcceptedApplications, useCohort, useJoinCohort } from '../api';
import { CohortModal } from '../components/cohort-modal';

export function CohortPage() {
  const { t } = useTranslation('cohorts');
  const format = useFormat();
  const { id } = useParams();
  const staff = useHasRole('admin', 'staff');
  const cohort = useCohort(id);
  const join = useJoinCohort(id ?? '');
  const accepted = useAcceptedApplications(cohort.data?.programmeId, staff);
  const [choice, setChoice] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  if (cohort.isError) return <ErrorState error={cohort.error} onRetry={() => void cohort.refetch()} />;
  if (!cohort.data) return <Loader />;
  const c = cohort.data;
  const placed = new Set(c.members.map((m) => m.applicationId));
  const full = c.memberCount >= c.capacity;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/cohorts" size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('detail.back')}</Group></Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">{c.name}</Title>
            {full && <Badge color="orange">{t('detail.full')}</Badge>}
          </Group>
          <Text c="dimmed">{c.programmeName} · {format.date(c.startsOn)} – {format.date(c.endsOn)}</Text>
          <Group gap="xs">
            <Progress value={(c.memberCount / c.capacity) * 100} w={200} color={full ? 'orange' : 'teal'} />
            <Text size="sm">{t('detail.filling', { count: c.memberCount, capacity: c.capacity })}</Text>
          </Group>
        </Stack>
        <Group gap="xs">
          <Button component="a" href={`/api/cohorts/${c.id}/members/export.csv`} download variant="default" leftSection={<IconDownload size={16} />}>{t('common:list.exportCsv')}</Button>
          {staff && <Button variant="default" onClick={() => setEditing(true)}>{t('common:actions.edit')}</Button>}
        </Group>
      </Group>
      <Card withBorder radius="md" p={0}>
        <Group justify="space-between" p="md">
          <Text fw={600}>{t('detail.members')}</Text>
          {staff && (
            <Group gap="xs">
              <Select
                aria-label={t('detail.addMember')}
                placeholder={t('detail.addMember')}
                data={(accepted.data?.items ?? []).filter((a) => !placed.has(a.id)).map((a) => ({ value: a.id, label: `${a.projectTitle} — ${a.organisationName}` }))}
                value={choice}
                onChange={setChoice}
                w={340}
              />
              <Button
                disabled={!choice}
                loading={join.isPending}
                onClick={() => choice && join.mutate(choice, { onSuccess: () => { setChoice(null); notifySuccess(t('detail.added')); }, onError: (e) => notifyError(e, t('common:errors.saveFailed')) })}
              >
                {t('detail.add')}
              </Button>
            </Group>
          )}
        </Group>
        {c.members.length === 0 ? (
          <EmptyState title={t('detail.empty')} />
        ) : (
          <Table striped="even" horizontalSpacing="md" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detail.columns.project')}</Table.Th>
                <Table.Th>{t('detail.columns.legalForm')}</Table.Th>
                <Table.Th>{t('detail.columns.district')}</Table.Th>
                <Table.Th>{t('detail.columns.stage')}</Table.Th>
                <Table.Th>{t('detail.columns.joined')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.members.map((m) => (
                <Table.Tr key={m.projectId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>{m.applicationId && staff ? <Anchor component={Link} to={`/applications/${m.applicationId}`}>{m.projectTitle}</Anchor> : m.projectTitle}</Text>
                    <Text size="xs" c="dimmed">{m.organisationName}</Text>
                  </Table.Td>
                  <Table.Td><Text size="sm">{t(`legalForms.${m.legalForm}`, { defaultValue: m.legalForm })}</Text></Table.Td>
                  <Table.Td><Text size="sm">{m.district}</Text></Table.Td>
                  <Table.Td><Text size="sm" fw={600} c="teal.8">{t(`stages.${m.stage}`, { defaultValue: m.stage })}</Text></Table.Td>
                  <Table.Td><Text size="sm">{format.date(m.joinedAt)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {editing && <CohortModal cohort={c} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
