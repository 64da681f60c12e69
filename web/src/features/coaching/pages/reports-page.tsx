import { BarChart } from '@mantine/charts';
import { Button, Card, Group, SegmentedControl, Skeleton, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { toQuery } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useExpertPayments, useHoursReport } from '../api';
import { formatMinutes } from '../components/coaching-format';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function ReportsPage() {
  const { t } = useTranslation('coaching');
  const format = useFormat();
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 90 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [groupBy, setGroupBy] = useState<'support_type' | 'cohort' | 'coach'>('support_type');
  const hours = useHoursReport({ from, to, groupBy });
  const payments = useExpertPayments({ from, to });
  const label = (key: string, fallback: string) => (groupBy === 'support_type' ? t(`supportTypes.${key}`) : fallback);
  const chartData = (hours.data?.rows ?? []).map((r) => ({ label: label(r.key, r.label), hours: Math.round(r.minutes / 6) / 10 }));

  return (
    <>
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      <Group mb="md" align="flex-end">
        <TextInput type="date" label={t('reports.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('reports.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <SegmentedControl
          value={groupBy}
          onChange={(v) => setGroupBy(v as typeof groupBy)}
          data={(['support_type', 'cohort', 'coach'] as const).map((value) => ({ value, label: t(`reports.by.${value}`) }))}
        />
      </Group>
      <Card withBorder mb="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">{t('reports.hoursTitle', { total: formatMinutes(hours.data?.totalMinutes ?? 0) })}</Title>
          <Button component="a" href={`/api/coaching/reports/hours.csv${toQuery({ from, to, groupBy })}`} variant="light" size="xs" leftSection={<IconDownload size={14} />}>
            {t('common:list.exportCsv')}
          </Button>
        </Group>
        {hours.isError && <ErrorState error={hours.error} />}
        {hours.isLoading ? <Skeleton h={260} /> : <BarChart h={260} data={chartData} dataKey="label" series={[{ name: 'hours', label: t('reports.hours'), color: 'teal.6' }]} />}
        {(hours.data?.rows.length ?? 0) > 0 && (
          <Table mt="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`reports.by.${groupBy}`)}</Table.Th>
                <Table.Th ta="right">{t('reports.sessions')}</Table.Th>
                <Table.Th ta="right">{t('reports.hours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hours.data?.rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{label(r.key, r.label)}</Table.Td>
                  <Table.Td ta="right">{r.sessions}</Table.Td>
                  <Table.Td ta="right">{formatMinutes(r.minutes)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {hours.isLoading && <Skeleton h={80} mt="xs" />}
        {hours.data?.rows.length === 0 && <Text c="dimmed" size="sm" mt="xs">{t('reports.noHours')}</Text>}
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">{t('reports.paymentsTitle')}</Title>
          <Button component="a" href={`/api/coaching/reports/expert-payments.csv${toQuery({ from, to })}`} variant="light" size="xs" leftSection={<IconDownload size={14} />}>
            {t('common:list.exportCsv')}
          </Button>
        </Group>
        {payments.isError && <ErrorState error={payments.error} />}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.coach')}</Table.Th>
              <Table.Th>{t('coaches.profession')}</Table.Th>
              <Table.Th ta="right">{t('reports.hours')}</Table.Th>
              <Table.Th ta="right">{t('coaches.rate')}</Table.Th>
              <Table.Th ta="right">{t('reports.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.data?.rows.map((r) => (
              <Table.Tr key={r.coachId}>
                <Table.Td>{r.coachName}</Table.Td>
                <Table.Td>{t(`professions.${r.profession}`)}</Table.Td>
                <Table.Td ta="right">{formatMinutes(r.minutes)}</Table.Td>
                <Table.Td ta="right">{format.money(r.hourlyRateMinor, r.currency)}</Table.Td>
                <Table.Td ta="right" fw={600}>{format.money(r.amountMinor, r.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {payments.data?.rows.length === 0 && <Text c="dimmed" size="sm" mt="xs">{t('reports.noPayments')}</Text>}
        <Group mt="sm" gap="lg">
          {payments.data?.totals.map((total) => (
            <Text key={total.currency} fw={700}>{t('reports.total')} : {format.money(total.amountMinor, total.currency)}</Text>
          ))}
        </Group>
      </Card>
    </>
  );
}
