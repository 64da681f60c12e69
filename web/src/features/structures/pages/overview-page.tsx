import { Button, Card, ScrollArea, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { IconDownload, IconEye } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useStructureFocus, useStructureOverview } from '../api';
import { INDENT_PX } from '../components/structure-switcher';
import { overviewCsv, overviewRows, type MoneyFigures } from '../overview';

const COLUMNS = ['structure', 'programmes', 'applications', 'accepted', 'cohorts', 'coachingHours', 'committed', 'disbursed', 'actions'] as const;

export function OverviewPage() {
  const { t } = useTranslation('structures');
  const format = useFormat();
  const navigate = useNavigate();
  const overview = useStructureOverview();
  const { switchTo } = useStructureFocus();
  const structures = overview.data?.structures;
  const rows = useMemo(() => overviewRows(structures ?? []), [structures]);

  const csvHref = useMemo(() => {
    if (!rows.length) return null;
    const csv = overviewCsv(
      rows,
      {
        structure: t('overview.columns.structure'),
        level: t('overview.columns.level'),
        programmes: t('overview.columns.programmes'),
        applications: t('overview.columns.applications'),
        accepted: t('overview.columns.accepted'),
        cohorts: t('overview.columns.cohorts'),
        coachingHours: t('overview.columns.coachingHours'),
        committed: t('overview.columns.committed'),
        disbursed: t('overview.columns.disbursed'),
      },
      (name) => t('overview.total', { name }),
    );
    // The byte-order mark lets spreadsheet software read the accents as UTF-8.
    return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
  }, [rows, t]);

  const view = async (structureId: string) => {
    await switchTo(structureId);
    navigate('/applications');
  };

  const money = (items: MoneyFigures[], key: 'committedMinor' | 'disbursedMinor') =>
    items.length ? items.map((m) => <Text key={m.currency} size="sm" style={{ whiteSpace: 'nowrap' }}>{format.money(m[key], m.currency)}</Text>) : <Text size="sm">—</Text>;

  const chartData = (structures ?? []).map((s) => ({ structure: s.name, [t('overview.columns.applications')]: s.applications, [t('overview.columns.accepted')]: s.accepted }));

  return (
    <Stack>
      <PageHeader
        title={t('overview.title')}
        description={t('overview.description')}
        actions={
          csvHref && (
            <Button component="a" href={csvHref} download={t('overview.file')} variant="default" leftSection={<IconDownload size={16} />}>
              {t('common:list.exportCsv')}
            </Button>
          )
        }
      />
      {overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.isLoading ? (
        <Stack gap="xs" aria-busy="true">{Array.from({ length: 6 }, (_, i) => <Skeleton key={i} height={28} radius="sm" />)}</Stack>
      ) : rows.length === 0 ? (
        <Card withBorder radius="md"><EmptyState title={t('overview.empty')} hint={t('overview.emptyHint')} /></Card>
      ) : (
        <>
          <Card withBorder radius="md">
            <Title order={2} size="h5" mb="sm">{t('overview.chartTitle')}</Title>
            <BarChart
              h={300}
              data={chartData}
              dataKey="structure"
              withLegend
              series={[
                { name: t('overview.columns.applications'), color: 'essor.4' },
                { name: t('overview.columns.accepted'), color: 'sand.6' },
              ]}
            />
          </Card>
          <Card withBorder radius="md" p={0}>
            <ScrollArea>
              <Table striped="even" horizontalSpacing="md" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>{COLUMNS.map((c) => <Table.Th key={c}>{t(`overview.columns.${c}`)}</Table.Th>)}</Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => {
                    const f = row.figures;
                    const total = row.kind === 'total';
                    const name = total ? t('overview.total', { name: row.structure.name }) : row.structure.name;
                    return (
                      <Table.Tr key={`${row.kind}:${row.structure.structureId}`} fw={total ? 700 : undefined} bg={total ? 'gray.1' : undefined} data-row={row.kind}>
                        <Table.Td><Text size="sm" fw={total ? 700 : 500} style={{ paddingInlineStart: row.structure.depth * INDENT_PX * 1.5 }}>{name}</Text></Table.Td>
                        <Table.Td>{format.number(f.programmes)}</Table.Td>
                        <Table.Td>{format.number(f.applications)}</Table.Td>
                        <Table.Td>{format.number(f.accepted)}</Table.Td>
                        <Table.Td>{format.number(f.cohorts)}</Table.Td>
                        <Table.Td>{format.decimal(f.coachingMinutesHeld / 60, 1)}</Table.Td>
                        <Table.Td>{money(f.money, 'committedMinor')}</Table.Td>
                        <Table.Td>{money(f.money, 'disbursedMinor')}</Table.Td>
                        <Table.Td>
                          {!total && (
                            <Button size="compact-xs" variant="light" leftSection={<IconEye size={14} />} onClick={() => void view(row.structure.structureId)}>
                              {t('overview.view')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Card>
        </>
      )}
    </Stack>
  );
}
