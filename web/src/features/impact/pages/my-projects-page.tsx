import { Anchor, Button, Card, Group, Loader, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useMyProjects } from '../api';
import { useFigureText } from '../components/figure-text';

/** A holder's projects with their targets and actuals; each opens the project's impact page to enter actuals. */
export function MyProjectsPage() {
  const { t, i18n } = useTranslation('impact');
  const format = useFormat();
  const text = useFigureText();
  const { data, isLoading, error, refetch } = useMyProjects();
  const english = i18n.language.startsWith('en');

  if (isLoading) return <Loader />;
  if (error || !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader title={t('mine.title')} description={t('mine.description')} />
      {data.length === 0 && <EmptyState title={t('mine.empty')} />}
      <Stack>
        {data.map((p) => (
          <Card key={p.id} withBorder component="section" aria-label={p.title}>
            <Group justify="space-between" mb="xs">
              <div>
                <Anchor component={Link} to={`/projects/${p.id}/impact`} fw={600}>{p.title}</Anchor>
                <Text size="xs" c="dimmed">{p.organisationName} · {p.structureName}</Text>
                <Text size="xs" c="dimmed">{p.lastEnteredAt ? t('mine.lastEntered', { date: format.date(p.lastEnteredAt) }) : t('mine.never')}</Text>
              </div>
              <Button component={Link} to={`/projects/${p.id}/impact`} variant="light">{t('mine.open')}</Button>
            </Group>
            {p.figures.length === 0 ? (
              <Text size="sm" c="dimmed">{t('mine.noFigures')}</Text>
            ) : (
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('mine.indicator')}</Table.Th>
                    <Table.Th>{t('project.target')}</Table.Th>
                    <Table.Th>{t('project.actual')}</Table.Th>
                    <Table.Th w={160} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.figures.map((f) => (
                    <Table.Tr key={f.indicatorId}>
                      <Table.Td>{english ? f.nameEn : f.nameFr}</Table.Td>
                      <Table.Td>{text(f.target, f.unit, f.currency)}</Table.Td>
                      <Table.Td>{text(f.actual, f.unit, f.currency)}</Table.Td>
                      <Table.Td>
                        {f.percentOfTarget !== null && (
                          <Progress value={Math.min(f.percentOfTarget, 100)} aria-label={t('project.progress', { percent: format.percent(f.percentOfTarget / 100) })} />
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        ))}
      </Stack>
    </>
  );
}
