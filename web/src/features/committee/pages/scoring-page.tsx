import { Alert, Anchor, Button, Card, Group, Loader, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { ScorecardInput } from '@essor/shared/committee';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useMe } from '../../../lib/session';
import { useAgendaApplication, useScores, useSession, useSubmitScorecard } from '../api';

export function ScoringPage() {
  const { t } = useTranslation('committee');
  const format = useFormat();
  const { id = '', applicationId = '' } = useParams();
  const { data: me } = useMe();
  const session = useSession(id);
  const scores = useScores(id, applicationId);
  const application = useAgendaApplication(applicationId);
  const submit = useSubmitScorecard(id, applicationId);
  const [values, setValues] = useState<Record<string, number | ''>>({});
  const [comment, setComment] = useState('');

  if (scores.isError) return <ErrorState error={scores.error} />;
  if (!scores.data || !session.data) return <Loader />;
  const s = scores.data;
  const item = session.data.agenda.find((a) => a.applicationId === applicationId);
  const isMember = session.data.members.some((m) => m.userId === me?.user.id);
  const conflicted = item?.conflictedMemberIds.includes(me?.user.id ?? '') ?? false;
  const fields = submit.error instanceof ApiError ? submit.error.fields : {};
  const cards = [...(s.mine ? [s.mine] : []), ...s.others];

  const send = () => {
    const input: ScorecardInput = { scores: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as Record<string, number>, comment };
    submit.mutate(input, { onSuccess: () => notifySuccess(t('scoring.submitted')), onError: (e) => notifyError(e, t('common:errors.saveFailed')) });
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/committee/${id}`} size="sm"><Group gap={4}><IconArrowLeft size={14} />{session.data.title}</Group></Anchor>
      <div>
        <Title order={1} size="h2">{t('scoring.title')} : {item?.projectTitle ?? application.data?.projectTitle}</Title>
        <Text c="dimmed">{item?.organisationName}</Text>
      </div>
      {application.data && (
        <Card withBorder radius="md">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{application.data.project.description}</Text>
          <Text size="sm" mt="xs">{format.money(application.data.project.totalBudgetMinor, application.data.project.currency)} · {application.data.project.district}</Text>
          {application.data.motivation && <Text size="sm" mt="xs" c="dimmed">{application.data.motivation}</Text>}
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder radius="md">
          <Text fw={600} mb="sm">{t('scoring.mine')}</Text>
          {conflicted ? (
            <Alert color="orange" variant="light">{t('scoring.conflicted')}</Alert>
          ) : !isMember ? (
            <Alert variant="light">{t('scoring.notMember')}</Alert>
          ) : s.mine ? (
            <Stack gap="xs">
              {s.grid.map((c) => <Text key={c.key} size="sm">{c.label} : <b>{s.mine!.scores[c.key]}</b> / {c.max}</Text>)}
              <Text fw={600}>{t('scoring.weighted', { score: format.number(s.mine.weightedScore) })}</Text>
              {s.mine.comment && <Text size="sm" c="dimmed">{s.mine.comment}</Text>}
            </Stack>
          ) : (
            <Stack>
              {s.grid.map((c) => (
                <NumberInput
                  key={c.key}
                  label={c.label}
                  description={`0 – ${c.max} · ×${c.weight}`}
                  min={0}
                  max={c.max}
                  allowDecimal={false}
                  clampBehavior="strict"
                  value={values[c.key] ?? ''}
                  error={fields[`scores.${c.key}`]?.join(' ')}
                  onChange={(v) => setValues({ ...values, [c.key]: v === '' ? '' : Number(v) })}
                />
              ))}
              <Textarea label={t('scoring.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
              <Group justify="flex-end">
                <Button onClick={send} loading={submit.isPending} disabled={s.grid.some((c) => values[c.key] === undefined || values[c.key] === '')}>{t('scoring.submit')}</Button>
              </Group>
            </Stack>
          )}
        </Card>
        <Card withBorder radius="md">
          <Text fw={600} mb="sm">{t('scoring.others')}</Text>
          <Text size="sm" c="dimmed" mb="sm">{t('scoring.count', { count: s.scorecardCount, quorum: s.quorum })}</Text>
          {s.hidden ? (
            <Alert variant="light">{t('scoring.hidden')}</Alert>
          ) : (
            <Stack>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('scoring.criterion')}</Table.Th>
                    {cards.map((card) => <Table.Th key={card.userId}>{card.memberName}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.grid.map((c) => (
                    <Table.Tr key={c.key}>
                      <Table.Td>{c.label}</Table.Td>
                      {cards.map((card) => <Table.Td key={card.userId}>{card.scores[c.key]} / {c.max}</Table.Td>)}
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Td fw={600}>/ 100</Table.Td>
                    {cards.map((card) => <Table.Td key={card.userId} fw={600}>{format.number(card.weightedScore)}</Table.Td>)}
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              {s.averageScore !== null && <Text fw={700}>{t('scoring.average', { score: format.number(s.averageScore) })}</Text>}
            </Stack>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
