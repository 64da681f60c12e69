import { Button, Card, Loader, ScrollArea, Stack, Table } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { APPLICATION_STATUSES } from '@essor/shared/applications';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useFunnel } from '../api';
import { STATUS_COLORS } from '../components/status-badge';

export function FunnelPage() {
  const { t } = useTranslation('applications');
  const format = useFormat();
  const funnel = useFunnel();
  if (funnel.isError) return <ErrorState error={funnel.error} onRetry={() => void funnel.refetch()} />;
  if (!funnel.data) return <Loader />;
  const data = funnel.data.programmes.map((p) => ({ programme: p.programmeName, ...Object.fromEntries(APPLICATION_STATUSES.map((s) => [t(`statuses.${s}`), p.counts[s]])) }));

  return (
    <Stack>
      <PageHeader
        title={t('funnel.title')}
        description={t('funnel.description')}
        actions={<Button component="a" href="/api/applications/funnel/export.csv" download variant="default" leftSection={<IconDownload size={16} />}>{t('common:list.exportCsv')}</Button>}
      />
      <Card withBorder radius="md">
        <BarChart
          h={320}
          data={data}
          dataKey="programme"
          type="stacked"
          withLegend
          series={APPLICATION_STATUSES.map((s) => ({ name: t(`statuses.${s}`), color: `${STATUS_COLORS[s]}.6` }))}
        />
      </Card>
      <Card withBorder radius="md" p={0}>
        <ScrollArea>
          <Table striped="even" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.columns.programme')}</Table.Th>
                {APPLICATION_STATUSES.map((s) => <Table.Th key={s}>{t(`statuses.${s}`)}</Table.Th>)}
                <Table.Th>{t('funnel.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {funnel.data.programmes.map((p) => (
                <Table.Tr key={p.programmeId}>
                  <Table.Td title={p.programmeCode}>{p.programmeName}</Table.Td>
                  {APPLICATION_STATUSES.map((s) => <Table.Td key={s}>{format.number(p.counts[s])}</Table.Td>)}
                  <Table.Td fw={700}>{format.number(p.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Card>
    </Stack>
  );
}
