import { Badge, Card, Group, SimpleGrid, Text } from '@mantine/core';
import type { HomeFigures } from '@essor/shared/home';
import { CURRENCY_EXPONENTS } from '@essor/shared/money';
import { useTranslation } from 'react-i18next';
import { LazyBarChart } from '../../../components/lazy-bar-chart';
import { localeTag, useFormat } from '../../../lib/format';

/** Small charts of the year so far: applications received, this month's pipeline, money committed and disbursed. */
export function KeyFigures({ figures }: { figures: HomeFigures }) {
  const { t, i18n } = useTranslation('home');
  const format = useFormat();
  const compact = new Intl.NumberFormat(localeTag(i18n.language), { notation: 'compact', maximumFractionDigits: 1 });
  const { applicationsPerMonth, pipelineThisMonth, money } = figures;
  if (!applicationsPerMonth && !pipelineThisMonth && !money?.length) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      {applicationsPerMonth && (
        <Card withBorder radius="md">
          <Text fw={600} size="sm" mb="xs">{t('figures.applicationsPerMonth')}</Text>
          <LazyBarChart
            h={160}
            data={applicationsPerMonth.map((m) => ({ month: format.month(m.month), count: m.count }))}
            dataKey="month"
            series={[{ name: 'count', label: t('figures.applications'), color: 'indigo.6' }]}
            valueFormatter={(value) => format.number(value)}
            tickLine="none"
            gridAxis="none"
          />
        </Card>
      )}
      {pipelineThisMonth && (
        <Card withBorder radius="md">
          <Text fw={600} size="sm" mb="xs">{t('figures.pipelineThisMonth')}</Text>
          {pipelineThisMonth.length === 0 ? (
            <Text size="sm" c="dimmed">{t('figures.pipelineEmpty')}</Text>
          ) : (
            <Group gap="xs">
              {pipelineThisMonth.map((p) => (
                <Badge key={p.status} size="lg" variant="light" radius="sm">
                  {t(`statuses.${p.status}`)} : {format.number(p.count)}
                </Badge>
              ))}
            </Group>
          )}
        </Card>
      )}
      {money?.map((m) => {
        // The chart's axis reads major units; the tooltip formats them back as money.
        const unit = 10 ** CURRENCY_EXPONENTS[m.currency];
        return (
          <Card withBorder radius="md" key={m.currency}>
            <Text fw={600} size="sm" mb="xs">{t('figures.money', { currency: m.currency })}</Text>
            <LazyBarChart
              h={180}
              data={m.months.map((row) => ({ month: format.month(row.month), committed: row.committedMinor / unit, disbursed: row.disbursedMinor / unit }))}
              dataKey="month"
              valueFormatter={(value) => format.money(Math.round(value * unit), m.currency)}
              yAxisProps={{ width: 48, tickFormatter: (value: number) => compact.format(value) }}
              withLegend
              tickLine="none"
              series={[
                { name: 'committed', label: t('figures.committed'), color: 'yellow.6' },
                { name: 'disbursed', label: t('figures.disbursed'), color: 'teal.6' },
              ]}
            />
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
