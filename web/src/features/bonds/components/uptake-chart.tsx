import { AreaChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { useOfferingUptake } from '../api';

/** Units paid and reserved day by day, against the minimum raise and the maximum. */
export function UptakeChart({ offeringId }: { offeringId: string }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const uptake = useOfferingUptake(offeringId);
  const series = uptake.data;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('detail.uptake')}</Title>
      {!series ? (
        <Text size="sm" c="dimmed">{uptake.isError ? t('detail.uptakeError') : t('detail.loading')}</Text>
      ) : series.points.length === 0 ? (
        <Text size="sm" c="dimmed">{t('detail.noUptake')}</Text>
      ) : (
        <AreaChart
          h={260}
          data={series.points.map((p) => ({ day: format.date(p.date), paid: p.paidUnits, reserved: p.reservedUnits }))}
          dataKey="day"
          type="stacked"
          withLegend
          curveType="stepAfter"
          valueFormatter={(value) => format.number(value)}
          yAxisProps={{ domain: [0, series.maxUnits] }}
          referenceLines={[
            { y: series.minUnits, label: t('detail.minLine'), color: 'red.6' },
            { y: series.maxUnits, label: t('detail.maxLine'), color: 'gray.6' },
          ]}
          series={[
            { name: 'paid', label: t('detail.paidUnits'), color: 'teal.6' },
            { name: 'reserved', label: t('detail.reservedUnits'), color: 'blue.4' },
          ]}
        />
      )}
    </Card>
  );
}
