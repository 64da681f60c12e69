import { Anchor, Badge, Button, Card, Group, List, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFileDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useHasRole, useMe } from '../../../lib/session';
import { useAddMember, useAddToAgenda, useCloseSession, useCommitteeStageApplications, useDirectory, useSession } from '../api';
import { ConflictModal } from '../components/conflict-modal';
import { DecisionModal } from '../components/decision-modal';

export function SessionPage() {
  const { t } = useTranslation('committee');
  const format = useFormat();
  const { id } = useParams();
  const { data: me } = useMe();
  const staff = useHasRole('admin', 'staff');
  const session = useSession(id);
  const close = useCloseSession(id ?? '');
  const addToAgenda = useAddToAgenda(id ?? '');
  const candidates = useCommitteeStageApplications(staff ? (session.data?.programmeId ?? null) : null);
  const [adding, setAdding] = useState<string | null>(null);
  const directory = useDirectory(staff);
  const addMember = useAddMember(id ?? '');
  const [seating, setSeating] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{ applicationId: string; title: string } | null>(null);
  const [conflicting, setConflicting] = useState<string | null>(null);

  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Loader />;
  const s = session.data;
  const isMember = s.members.some((m) => m.userId === me?.user.id);
  const open = s.status === 'open';
  const onAgenda = new Set(s.agenda.map((a) => a.applicationId));

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/committee" size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('session.back')}</Group></Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">{s.title}</Title>
            <Badge variant="dot" color={open ? 'teal' : 'gray'}>{t(`sessions.status.${s.status}`)}</Badge>
          </Group>
          <Text c="dimmed">{s.programmeName} · {format.date(s.heldOn)} · {t('session.quorum', { quorum: s.quorum })}</Text>
        </Stack>
        <Group gap="xs">
          {(staff || !open) && (
            <Button component="a" href={`/api/committee/sessions/${s.id}/minutes.pdf`} download variant="default" leftSection={<IconFileDownload size={16} />}>{t('session.minutes')}</Button>
          )}
          {staff && open && (
            <Button variant="light" color="gray" loading={close.isPending} onClick={() => close.mutate(undefined, { onSuccess: () => notifySuccess(t('session.closed')), onError: (e) => notifyError(e, t('common:errors.saveFailed')) })}>
              {t('session.close')}
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md">
          <Text fw={600} mb="xs">{t('session.members')}</Text>
          <List size="sm">{s.members.map((m) => <List.Item key={m.userId}>{m.name}</List.Item>)}</List>
          {staff && open && (
            <Group gap="xs" mt="sm">
              <Select
                aria-label={t('session.addMember')}
                placeholder={t('session.addMember')}
                data={(directory.data?.items ?? []).filter((p) => !s.members.some((m) => m.userId === p.id)).map((p) => ({ value: p.id, label: p.name }))}
                value={seating}
                onChange={setSeating}
                w={260}
                maw="100%"
              />
              <Button
                variant="light"
                disabled={!seating}
                loading={addMember.isPending}
                onClick={() => seating && addMember.mutate(seating, { onSuccess: () => setSeating(null), onError: (e) => notifyError(e, t('common:errors.saveFailed')) })}
              >
                {t('session.add')}
              </Button>
            </Group>
          )}
        </Card>
        <Card withBorder radius="md">
          <Text fw={600} mb="xs">{t('session.grid')}</Text>
          <List size="sm">{s.grid.map((c) => <List.Item key={c.key}>{c.label} — {t('session.weight', { weight: c.weight, max: c.max })}</List.Item>)}</List>
        </Card>
      </SimpleGrid>
      <Card withBorder radius="md" p={0}>
        <Group justify="space-between" p="md" wrap="wrap">
          <Text fw={600}>{t('session.agenda')}</Text>
          {staff && open && (
            <Group gap="xs">
              <Select
                aria-label={t('session.addToAgenda')}
                placeholder={t('session.addToAgenda')}
                data={(candidates.data?.items ?? []).filter((a) => !onAgenda.has(a.id)).map((a) => ({ value: a.id, label: a.projectTitle }))}
                value={adding}
                onChange={setAdding}
                w={300}
                maw="100%"
              />
              <Button
                variant="light"
                disabled={!adding}
                loading={addToAgenda.isPending}
                onClick={() => adding && addToAgenda.mutate(adding, { onSuccess: () => setAdding(null), onError: (e) => notifyError(e, t('common:errors.saveFailed')) })}
              >
                {t('session.add')}
              </Button>
            </Group>
          )}
        </Group>
        <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('session.columns.project')}</Table.Th>
              <Table.Th>{t('session.columns.scorecards')}</Table.Th>
              <Table.Th>{t('session.columns.decision')}</Table.Th>
              <Table.Th>{t('session.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.agenda.map((item) => {
              const conflicted = item.conflictedMemberIds.includes(me?.user.id ?? '');
              return (
                <Table.Tr key={item.applicationId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>{item.projectTitle}</Text>
                    <Text size="xs" c="dimmed">{item.organisationName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm">{item.scorecardCount} / {s.quorum}</Text>
                      <Badge size="xs" color={item.quorumReached ? 'teal' : 'gray'} variant="light">{item.quorumReached ? t('session.quorumReached') : t('session.quorumMissing')}</Badge>
                      {item.conflictedMemberIds.length > 0 && <Badge size="xs" color="orange" variant="light">{t('session.conflicted')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {item.decision ? (
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>{t(`decision.outcomes.${item.decision.decision}`)} · {format.number(item.decision.averageScore)} / 100</Text>
                        <Text size="xs" c="dimmed" lineClamp={2}>{item.decision.reasons}</Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">{t('session.pending')}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {isMember && !conflicted && (
                        <Button size="xs" component={Link} to={`/committee/${s.id}/applications/${item.applicationId}`} variant={item.scoredByMe ? 'default' : 'filled'} aria-label={`${item.scoredByMe ? t('session.scored') : t('session.score')} — ${item.projectTitle}`}>
                          {item.scoredByMe ? t('session.scored') : t('session.score')}
                        </Button>
                      )}
                      {isMember && !conflicted && !item.decision && open && (
                        <Button size="xs" variant="subtle" color="orange" onClick={() => setConflicting(item.applicationId)}>{t('session.conflict')}</Button>
                      )}
                      {staff && (
                        <Button size="xs" variant="default" component={Link} to={`/committee/${s.id}/applications/${item.applicationId}`}>{t('session.viewScores')}</Button>
                      )}
                      {staff && open && !item.decision && !item.quorumReached && (
                        <Text size="xs" c="dimmed">{t('session.decideWaits', { count: Math.max(s.quorum - item.scorecardCount, 1) })}</Text>
                      )}
                      {staff && open && !item.decision && item.quorumReached && (
                        <Button size="xs" onClick={() => setDeciding({ applicationId: item.applicationId, title: item.projectTitle })} aria-label={`${t('session.decide')} — ${item.projectTitle}`}>
                          {t('session.decide')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      </Card>
      {deciding && <DecisionModal sessionId={s.id} programmeId={s.programmeId} applicationId={deciding.applicationId} title={deciding.title} onClose={() => setDeciding(null)} />}
      {conflicting && <ConflictModal sessionId={s.id} applicationId={conflicting} onClose={() => setConflicting(null)} />}
    </Stack>
  );
}
