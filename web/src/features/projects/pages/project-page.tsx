import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { useProject, useProjectParts } from '../api';

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md">
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

function Nothing({ text }: { text: string }) {
  return <Text size="sm" c="dimmed">{text}</Text>;
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** One project: what it is, its applications, its cohort and coaching hours, its milestones and its money. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['projects', 'applications', 'followup', 'funds']);
  const format = useFormat();
  const staff = useHasRole('admin', 'staff');
  const coachingTeam = useHasRole('admin', 'staff', 'coach');
  const money = useHasRole('admin', 'staff', 'fund_manager');
  const project = useProject(id);
  const parts = useProjectParts(id, { applications: staff, coaching: coachingTeam, milestones: true, money });

  if (project.isError) return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  if (!project.data) return <Loader />;
  const p = project.data;
  const cohorts = [...new Set((parts.plans.data ?? []).map((plan) => plan.cohortName))];

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/projects" size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('project.back')}</Group></Anchor>
      <PageHeader
        title={p.title}
        description={`${p.organisationName} · ${t(`legalForms.${p.legalForm}`)} · ${p.structureName}`}
        actions={<Anchor component={Link} to={`/projects/${id}/impact`} size="sm">{t('project.impactLink')}</Anchor>}
      />
      <Card withBorder radius="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <div><Text size="xs" c="dimmed">{t('projects.columns.stage')}</Text><Badge variant="dot">{t(`stages.${p.stage}`, { defaultValue: p.stage })}</Badge></div>
          <div><Text size="xs" c="dimmed">{t('projects.columns.programme')}</Text><Text size="sm">{p.programmeName ?? '—'}</Text></div>
          <div><Text size="xs" c="dimmed">{t('projects.columns.district')}</Text><Text size="sm">{p.district || '—'}</Text></div>
          <div><Text size="xs" c="dimmed">{t('projects.columns.budget')}</Text><Text size="sm">{format.money(p.totalBudgetMinor, p.currency)}</Text></div>
        </SimpleGrid>
        {p.description && <Text size="sm" mt="md">{p.description}</Text>}
        {p.needs.length > 0 && <Group gap={4} mt="sm">{p.needs.map((n) => <Badge key={n} size="sm" variant="light">{t(`needs.${n}`)}</Badge>)}</Group>}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {staff && (
          <Part title={t('project.applications')}>
            {parts.applications.data?.items.length ? (
              <Stack gap="xs">
                {parts.applications.data.items.map((a) => (
                  <Group key={a.id} justify="space-between" wrap="wrap" gap="xs">
                    <Anchor component={Link} to={`/applications/${a.id}`} size="sm">{a.programmeName}</Anchor>
                    <Badge variant="light">{t(`applications:statuses.${a.status}`)}</Badge>
                  </Group>
                ))}
              </Stack>
            ) : (
              <Nothing text={parts.applications.isLoading ? '…' : t('project.noApplication')} />
            )}
          </Part>
        )}
        {coachingTeam && (
          <Part title={t('project.coaching')}>
            {parts.plans.data?.length ? (
              <Stack gap="xs">
                <Text size="sm">{t('project.cohorts', { names: cohorts.join(', ') })}</Text>
                {parts.plans.data.map((plan) => (
                  <Text key={plan.id} size="sm">
                    {t('project.hours', { consumed: format.number(hours(plan.consumedMinutes)), budget: format.number(hours(plan.budgetMinutes)), scheduled: format.number(hours(plan.scheduledMinutes)) })}
                  </Text>
                ))}
              </Stack>
            ) : (
              <Nothing text={parts.plans.isLoading ? '…' : t('project.noPlan')} />
            )}
          </Part>
        )}
        <Part title={t('project.milestones')}>
          {parts.milestones.data?.length ? (
            <Stack gap="xs">
              {parts.milestones.data.map((m) => (
                <Group key={m.id} justify="space-between" wrap="wrap" gap="xs">
                  <Text size="sm">{m.title}</Text>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{format.date(m.dueOn)}</Text>
                    <Badge size="sm" variant="light" color={m.overdue ? 'red' : undefined}>{t(`followup:statuses.${m.status}`)}</Badge>
                  </Group>
                </Group>
              ))}
            </Stack>
          ) : (
            <Nothing text={parts.milestones.isLoading ? '…' : t('project.noMilestone')} />
          )}
        </Part>
        {money && (
          <Part title={t('project.money')}>
            {parts.cofinancing.data?.length || parts.loans.data?.length ? (
              <Table.ScrollContainer minWidth={320}>
                <Table>
                  <Table.Tbody>
                    {(parts.cofinancing.data ?? []).map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td><Anchor component={Link} to={`/funds/cofinancing/${c.id}`} size="sm">{t('project.cofinancingNo', { number: c.number })}</Anchor></Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{format.money(c.amountMinor, c.currency)}</Table.Td>
                        <Table.Td><Badge size="sm" variant="light">{t(`funds:status.${c.status}`, { defaultValue: c.status })}</Badge></Table.Td>
                      </Table.Tr>
                    ))}
                    {(parts.loans.data ?? []).map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td><Anchor component={Link} to={`/funds/loans/${l.id}`} size="sm">{t('project.loanNo', { number: l.number })}</Anchor></Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{format.money(l.principalMinor, l.currency)}</Table.Td>
                        <Table.Td><Badge size="sm" variant="light">{t(`funds:status.${l.status}`, { defaultValue: l.status })}</Badge></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : (
              <Nothing text={parts.cofinancing.isLoading || parts.loans.isLoading ? '…' : t('project.noMoney')} />
            )}
          </Part>
        )}
      </SimpleGrid>
    </Stack>
  );
}
