import { BarChart } from '@mantine/charts';
import { Card, Group, Text, Title } from '@mantine/core';
import type { DashboardBreakdown, DashboardSlice } from '@essor/shared/guarantee-dashboard';
import { useTranslation } from 'react-i18next';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useFormat } from '../../../lib/format';
import { DASHBOARD_ENDPOINT } from '../dashboard-api';

/** Live exposure and provisions of one breakdown (bank, sector, district, risk class), with its CSV export. */
export function DashboardBreakdownChart({ breakdown, slices, currency, fundId, labelOf }: {
  breakdown: DashboardBreakdown;
  slices: DashboardSlice[];
  currency: string;
  fundId: string;
  labelOf?: (slice: DashboardSlice) => string;
}) {
  const { t } = useTranslation('guaranteeDashboard');
  const format = useFormat();
  const data = slices.map((s) => ({ label: labelOf ? labelOf(s) : s.label, exposure: s.exposureMinor, provision: s.provisionMinor, count: s.count }));
  return (
    <Card withBorder data-testid={`breakdown-${breakdown}`}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">{t(`breakdowns.${breakdown}`)}</Title>
        <ExportCsvButton endpoint={`${DASHBOARD_ENDPOINT}/${breakdown}.csv`} params={{ fundId }} />
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">{t('noLive')}</Text>
      ) : (
        <BarChart
          h={240}
          data={data}
          dataKey="label"
          withLegend
          valueFormatter={(value) => format.money(value, currency)}
          series={[
            { name: 'exposure', label: t('series.exposure'), color: 'blue.6' },
            { name: 'provision', label: t('series.provisions'), color: 'orange.6' },
          ]}
        />
      )}
    </Card>
  );
}
