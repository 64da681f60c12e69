import { BarChart } from '@mantine/charts';
import { Button, Card, Grid, Group, NumberInput, Progress, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DASHBOARD_SECTIONS, type DashboardSection, type ImpactDashboard, type ImpactDashboardQuery } from '@essor/shared/impact-dashboard';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import type { Geometry } from 'geojson';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DistrictMap } from '../../../components/district-map';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { fileUrl, useDashboardOptions, useImpactDashboard } from '../api';
import { SdgGrid } from '../components/sdg-grid';
import { SectionCard } from '../components/section-card';
import { StatCard } from '../components/stat-card';

type MapMeasure = 'actors' | 'jobs' | 'money';

/** The impact dashboard: filters (structure, programme, period, district, the map click sets it), then each section as the API computed it. */
export function ImpactDashboardPage() {
  const { t } = useTranslation('dashboards');
  const options = useDashboardOptions();
  const [structureId, setStructureId] = useState<string | null>(null);
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [year, setYear] = useState<number>(new Date().getUTCFullYear());
  const base: ImpactDashboardQuery = {
    structureId: structureId ?? undefined,
    programmeId: programmeId ?? undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const query: ImpactDashboardQuery = { ...base, district: district ?? undefined };
  const dashboard = useImpactDashboard(query);
  // The map always shows every district of the view: its outlines come from the dashboard without the district filter.
  const whole = useImpactDashboard(base);
  const programmes = (options.data?.programmes ?? []).filter((p) => !structureId || p.structureId === structureId);
  const csv = (section: DashboardSection) => fileUrl(`impact/${section}.csv`, { ...query });
  const report = (ext: 'pdf' | 'xlsx') => fileUrl(`council-report.${ext}`, { structureId: base.structureId, programmeId: base.programmeId, year });

  return (
    <Stack>
      <PageHeader title={t('title')} description={t('description')} />
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('filters.structure')}
            placeholder={t('filters.allStructures')}
            data={(options.data?.structures ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={structureId}
            onChange={(value) => {
              setStructureId(value);
              setProgrammeId(null);
              setDistrict(null);
            }}
            clearable
            searchable
            w={260}
          />
          <Select
            label={t('filters.programme')}
            placeholder={t('filters.allProgrammes')}
            data={programmes.map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
            value={programmeId}
            onChange={setProgrammeId}
            clearable
            searchable
            w={260}
          />
          <TextInput type="date" label={t('filters.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} />
          <TextInput type="date" label={t('filters.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
          <Select
            label={t('filters.district')}
            placeholder={t('filters.allDistricts')}
            data={(whole.data?.districts ?? []).map((d) => d.name)}
            value={district}
            onChange={setDistrict}
            clearable
            searchable
            w={220}
          />
        </Group>
        <Group mt="md" align="flex-end">
          <NumberInput label={t('report.year')} value={year} onChange={(v) => setYear(Number(v) || year)} min={2000} max={2100} w={110} />
          <Button component="a" href={report('pdf')} download leftSection={<IconFileTypePdf size={16} />} aria-label={t('report.pdf')}>
            {t('report.pdf')}
          </Button>
          <Button component="a" href={report('xlsx')} download variant="default" leftSection={<IconFileSpreadsheet size={16} />} aria-label={t('report.xlsx')}>
            {t('report.xlsx')}
          </Button>
        </Group>
      </Card>
      {dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !dashboard.data ? (
        <Skeleton h={420} />
      ) : (
        <DashboardView d={dashboard.data} map={whole.data ?? dashboard.data} district={district} onDistrict={(name) => setDistrict(name === district ? null : name)} csv={csv} />
      )}
    </Stack>
  );
}

function DashboardView({ d, map, district, onDistrict, csv }: { d: ImpactDashboard; map: ImpactDashboard; district: string | null; onDistrict: (name: string) => void; csv: (s: DashboardSection) => string }) {
  const { t, i18n } = useTranslation('dashboards');
  // The coaching feature's names of the support types (its strings, loaded with this page).
  const { t: tc } = useTranslation('coaching');
  const format = useFormat();
  const [measure, setMeasure] = useState<MapMeasure>('jobs');
  const stage = (s: string) => d.funnel.find((x) => x.stage === s)?.count ?? 0;
  const hours = d.coaching.reduce((s, c) => s + c.minutes, 0) / 60;
  const fte = (value: string | null) => (value === null ? '—' : format.decimal(Number(value), 1));
  const moneyCurrency = map.districts.flatMap((x) => x.disbursed.map((m) => m.currency))[0] ?? null;
  const mapValues = useMemo(() => {
    const values: Record<string, number> = {};
    for (const x of map.districts) {
      values[x.name] = measure === 'actors' ? x.actors : measure === 'jobs' ? Number(x.jobsCreatedFte) : (x.disbursed.find((m) => m.currency === moneyCurrency)?.amountMinor ?? 0);
    }
    return values;
  }, [map, measure, moneyCurrency]);
  const coachingData = useMemo(() => {
    const months = new Map<string, Record<string, number | string>>();
    for (const c of d.coaching) {
      const row = months.get(c.month) ?? { month: format.month(c.month) };
      row[c.supportType] = Math.round((c.minutes / 60) * 10) / 10;
      months.set(c.month, row);
    }
    return [...months.values()];
  }, [d.coaching, format]);
  const supportTypes = [...new Set(d.coaching.map((c) => c.supportType))];
  const colours = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6'];
  const indicatorName = (x: { nameFr: string; nameEn: string }) => (i18n.language === 'en' ? x.nameEn : x.nameFr);
  const sectionsTitled: Record<DashboardSection, string> = Object.fromEntries(DASHBOARD_SECTIONS.map((s) => [s, t(`sections.${s}`)])) as Record<DashboardSection, string>;

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <StatCard testId="stat-submitted" label={t('stats.submitted')} value={format.number(stage('submitted'))} hint={t('stats.acceptedHint', { count: stage('accepted') })} />
        <StatCard testId="stat-jobs" label={t('stats.jobs')} value={fte(d.jobs.createdFte)} hint={t('stats.jobsHint', { women: fte(d.jobs.women), youth: fte(d.jobs.youth) })} />
        <StatCard testId="stat-coaching" label={t('stats.coaching')} value={format.decimal(hours, 1)} />
        <StatCard
          testId="stat-cost-per-job"
          label={t('stats.costPerJob')}
          value={d.costPerJob.map((c) => (c.costPerJobMinor === null ? '—' : format.money(c.costPerJobMinor, c.currency))).join(' · ') || '—'}
          hint={d.costPerJob.map((c) => t('stats.disbursed', { amount: format.money(c.disbursedMinor, c.currency) })).join(' · ')}
        />
      </SimpleGrid>

      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <SectionCard title={sectionsTitled.districts} csvHref={csv('districts')} testId="section-districts">
            <SegmentedControl
              aria-label={t('map.measure')}
              value={measure}
              onChange={(v) => setMeasure(v as MapMeasure)}
              data={[
                { value: 'actors', label: t('map.actors') },
                { value: 'jobs', label: t('map.jobs') },
                { value: 'money', label: t('map.money') },
              ]}
              mb="sm"
            />
            {map.districts.length === 0 ? (
              <Text size="sm" c="dimmed">{t('map.none')}</Text>
            ) : (
              <DistrictMap
                districts={map.districts.map((x) => ({ name: x.name, geometry: x.geometry as unknown as Geometry }))}
                values={mapValues}
                selected={district}
                onSelect={onDistrict}
                format={(v) => (measure === 'money' && moneyCurrency ? format.money(v, moneyCurrency) : measure === 'jobs' ? format.decimal(v, 1) : format.number(v))}
                legendTitle={t(`map.legend.${measure}`)}
                label={t('map.label')}
              />
            )}
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <SectionCard title={sectionsTitled.funnel} csvHref={csv('funnel')} testId="section-funnel">
            <BarChart
              h={260}
              data={d.funnel.map((s) => ({ stage: t(`stages.${s.stage}`), count: s.count }))}
              dataKey="stage"
              orientation="vertical"
              yAxisProps={{ width: 100 }}
              series={[{ name: 'count', label: t('funnel.applications'), color: 'blue.6' }]}
            />
          </SectionCard>
        </Grid.Col>
      </Grid>

      <SectionCard title={t('map.tableTitle')} testId="section-district-table">
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('map.district')}</Table.Th><Table.Th ta="right">{t('map.actors')}</Table.Th><Table.Th ta="right">{t('map.projects')}</Table.Th><Table.Th ta="right">{t('map.jobs')}</Table.Th><Table.Th ta="right">{t('map.money')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.districts.map((x) => (
              <Table.Tr key={x.name} data-testid={`district-row-${x.name}`}>
                <Table.Td>{x.name}</Table.Td>
                <Table.Td ta="right">{format.number(x.actors)}</Table.Td>
                <Table.Td ta="right">{format.number(x.projects)}</Table.Td>
                <Table.Td ta="right">{fte(x.jobsCreatedFte)}</Table.Td>
                <Table.Td ta="right">{x.disbursed.map((m) => format.money(m.amountMinor, m.currency)).join(' · ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SectionCard>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SectionCard title={sectionsTitled.impact} csvHref={csv('impact')} testId="section-impact">
          {d.impact.length === 0 ? (
            <Text size="sm" c="dimmed">{t('empty')}</Text>
          ) : (
            <Stack gap="xs">
              {d.impact.map((x) => {
                const value = (v: string | null) => (v === null ? '—' : x.unit === 'money' && x.currency ? format.money(Number(v), x.currency) : format.decimal(Number(v), Number(v) % 1 === 0 ? 0 : 1));
                const ratio = x.target && Number(x.target) > 0 && x.actual ? Number(x.actual) / Number(x.target) : null;
                return (
                  <div key={`${x.indicatorId}-${x.currency ?? ''}`}>
                    <Group justify="space-between" gap="xs">
                      <Text size="sm">{indicatorName(x)}</Text>
                      <Text size="sm" fw={600}>{t('impact.actualOfTarget', { actual: value(x.actual), target: value(x.target) })}</Text>
                    </Group>
                    <Progress value={ratio === null ? 0 : Math.min(100, ratio * 100)} aria-label={t('impact.progress', { name: indicatorName(x) })} />
                  </div>
                );
              })}
            </Stack>
          )}
        </SectionCard>
        <SectionCard title={sectionsTitled.sdg} csvHref={csv('sdg')} testId="section-sdg">
          <SdgGrid sdg={d.sdg} />
        </SectionCard>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SectionCard title={sectionsTitled.coaching} csvHref={csv('coaching')} testId="section-coaching">
          {coachingData.length === 0 ? (
            <Text size="sm" c="dimmed">{t('empty')}</Text>
          ) : (
            <BarChart h={240} data={coachingData} dataKey="month" type="stacked" withLegend series={supportTypes.map((s, i) => ({ name: s, label: tc(`supportTypes.${s}`), color: colours[i % colours.length] }))} valueFormatter={(v) => t('coaching.hours', { value: format.decimal(v, 1) })} />
          )}
        </SectionCard>
        <SectionCard title={sectionsTitled.cohorts} csvHref={csv('cohorts')} testId="section-cohorts">
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t('cohorts.name')}</Table.Th><Table.Th ta="right">{t('cohorts.members')}</Table.Th><Table.Th>{t('cohorts.stages')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.cohorts.map((c) => (
                <Table.Tr key={c.cohortId}>
                  <Table.Td>{c.name} <Text span size="xs" c="dimmed">{c.programmeCode}</Text></Table.Td>
                  <Table.Td ta="right">{c.members}</Table.Td>
                  <Table.Td>{Object.entries(c.stages).map(([stage, n]) => `${t(`projectStages.${stage}`, { defaultValue: stage })} ${n}`).join(' · ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SectionCard>
      </SimpleGrid>

      <SectionCard title={sectionsTitled.funds} csvHref={csv('funds')} testId="section-funds">
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('funds.fund')}</Table.Th><Table.Th ta="right">{t('funds.capital')}</Table.Th><Table.Th ta="right">{t('funds.disbursed')}</Table.Th><Table.Th ta="right">{t('funds.committed')}</Table.Th><Table.Th ta="right">{t('funds.available')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.funds.map((f) => (
              <Table.Tr key={f.fundId} data-testid={`fund-row-${f.code}`}>
                <Table.Td>{f.code} · {f.name}</Table.Td>
                <Table.Td ta="right">{format.money(f.capitalMinor, f.currency)}</Table.Td>
                <Table.Td ta="right">{format.money(f.disbursedMinor, f.currency)}</Table.Td>
                <Table.Td ta="right">{format.money(f.committedMinor, f.currency)}</Table.Td>
                <Table.Td ta="right">{format.money(f.availableMinor, f.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SectionCard>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SectionCard title={sectionsTitled.guarantees} csvHref={csv('guarantees')} testId="section-guarantees">
          {d.guarantees.length === 0 ? <Text size="sm" c="dimmed">{t('empty')}</Text> : d.guarantees.map((g) => (
            <Text key={g.currency}>{t('guarantees.line', { count: g.live, exposure: format.money(g.exposureMinor, g.currency) })}</Text>
          ))}
        </SectionCard>
        <SectionCard title={sectionsTitled.bonds} csvHref={csv('bonds')} testId="section-bonds">
          {d.bonds.length === 0 ? <Text size="sm" c="dimmed">{t('empty')}</Text> : d.bonds.map((b) => (
            <Text key={b.currency}>{t('bonds.line', { offerings: b.offerings, subscribed: format.money(b.subscribedMinor, b.currency), paid: format.money(b.paidMinor, b.currency), investors: b.investors })}</Text>
          ))}
        </SectionCard>
      </SimpleGrid>

      <Card withBorder>
        <Title order={3} size="h6" mb="xs">{t('exports')}</Title>
        <Group gap="xs">
          {(['jobs', 'cost-per-job'] as const).map((s) => (
            <Button key={s} component="a" href={csv(s)} download size="xs" variant="default" aria-label={t('exportSection', { section: sectionsTitled[s] })}>{sectionsTitled[s]}</Button>
          ))}
        </Group>
      </Card>
      {d.funnel.every((s) => s.count === 0) && d.impact.length === 0 && d.funds.length === 0 && <EmptyState title={t('empty')} hint={t('emptyHint')} />}
    </Stack>
  );
}
