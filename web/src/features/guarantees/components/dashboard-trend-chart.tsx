import { LineChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import type { FundDashboard } from '@essor/shared/guarantee-dashboard';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/** Month by month: exposure and provisions at each month's end, calls paid and recoveries so far. */
export function DashboardTrendChart({ fund }: { fund: FundDashboard }) {
  const { t } = useTranslation('guaranteeDashboard');
  const format = useFormat();
  return (
    <Card withBorder data-testid="trend-chart">
      <Title order={3} size="h5" mb="sm">{t('trend.title')}</Title>
      {fund.months.length === 0 ? (
        <Text size="sm" c="dimmed">{t('noLive')}</Text>
      ) : (
        <LineChart
          h={280}
          data={fund.months.map((m) => ({ month: format.month(m.month), exposure: m.exposureMinor, provision: m.provisionMinor, paid: m.paidMinor, recovered: m.recoveredMinor }))}
          dataKey="month"
          withLegend
          curveType="linear"
          valueFormatter={(value) => format.money(value, fund.currency)}
          series={[
            { name: 'exposure', label: t('series.exposure'), color: 'blue.6' },
            { name: 'provision', label: t('series.provisions'), color: 'orange.6' },
            { name: 'paid', label: t('series.paid'), color: 'red.6' },
            { name: 'recovered', label: t('series.recovered'), color: 'teal.6' },
          ]}
        />
      )}
    </Card>
  );
}
