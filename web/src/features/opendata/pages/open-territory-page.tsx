import { Anchor, Box, Card, Group, NativeSelect, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { MONEY_DISBURSED, OPEN_JOB_CODES, type OpenDistricts, type OpenImpact, type OpenInventory } from '@essor/shared/open-data';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { DistrictMap } from '../../../components/district-map';
import { LazyDistrictMap } from '../../../components/district-map-lazy';
import { ErrorState } from '../../../components/error-state';
import { useFormat } from '../../../lib/format';
import { downloadUrl, useOpenDistricts, useOpenImpact, useOpenInventory } from '../api';
import { OpenDataFrame } from '../components/open-data-frame';

type MapMeasure = 'organisations' | 'jobs';
const FIRST_YEAR = 2016;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} size="xl">{value}</Text>
    </Card>
  );
}

function KeyFigures({ inventory, impact }: { inventory: OpenInventory; impact: OpenImpact }) {
  const { t } = useTranslation('openData');
  const f = useFormat();
  const hidden = t('territory.suppressed');
  const count = (v: number | null | undefined) => (v === null || v === undefined ? hidden : f.number(v));
  const total = (code: string) => impact.totals.find((r) => r.measure === code && r.currency === null);
  const jobs = (code: string) => {
    const row = total(code);
    return row ? (row.actual === null ? hidden : f.decimal(row.actual, row.actual % 1 === 0 ? 0 : 1)) : '0';
  };
  const money = impact.totals.filter((r) => r.measure === MONEY_DISBURSED && r.currency);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
      <Figure label={t('figures.organisations')} value={count(inventory.total.organisations)} />
      <Figure label={t('figures.employees')} value={count(inventory.total.employees)} />
      <Figure label={t('figures.jobs', { year: impact.year })} value={jobs(OPEN_JOB_CODES.jobs)} />
      <Figure label={t('figures.jobsWomen')} value={jobs(OPEN_JOB_CODES.jobsWomen)} />
      <Figure label={t('figures.jobsYouth')} value={jobs(OPEN_JOB_CODES.jobsYouth)} />
      {money.length === 0 ? (
        <Figure label={t('figures.disbursed', { year: impact.year })} value="0" />
      ) : (
        money.map((row) => <Figure key={row.currency} label={t('figures.disbursed', { year: impact.year })} value={row.actual === null ? hidden : f.money(row.actual, row.currency!)} />)
      )}
    </SimpleGrid>
  );
}

const cell = { padding: '6px 8px', borderBottom: '1px solid var(--mantine-color-gray-3)' } as const;
const numeric = { ...cell, textAlign: 'right' } as const;

function DistrictTable({ districts }: { districts: OpenDistricts }) {
  const { t } = useTranslation('openData');
  const f = useFormat();
  const show = (v: number | null, field: string, suppressed: string[]) => (v === null ? (suppressed.includes(field) ? t('territory.suppressed') : '—') : f.number(v));
  const columns = ['organisations', 'employees', 'jobs', 'jobsWomen', 'jobsYouth'] as const;
  // A plain table in a scrolling box: Mantine's Table brings its ScrollArea, and floating-ui with it, into a phone's first load.
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Box component="table" fz="sm" style={{ width: '100%', minWidth: 480, borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={{ ...cell, textAlign: 'left' }}>{t('table.district')}</th>
            {columns.map((column) => <th key={column} style={numeric}>{t(`table.${column}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {districts.features.map(({ properties: p }) => (
            <tr key={p.name}>
              <td style={cell}>{p.name}</td>
              {columns.map((column) => <td key={column} style={numeric}>{show(p[column], column, p.suppressedFields)}</td>)}
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}

function Downloads({ territoryId, year }: { territoryId: string; year: number | null }) {
  const { t } = useTranslation('openData');
  const files = [
    { file: 'inventory.csv', label: t('downloads.inventoryCsv') },
    { file: 'inventory.json', label: t('downloads.inventoryJson') },
    { file: 'impact.csv', label: t('downloads.impactCsv') },
    { file: 'impact.json', label: t('downloads.impactJson') },
    { file: 'districts.geojson', label: t('downloads.districts') },
  ] as const;
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {files.map(({ file, label }) => (
        <li key={file}>
          <Anchor href={downloadUrl(territoryId, file, year)} download size="sm">{label}</Anchor>
        </li>
      ))}
    </Stack>
  );
}

/** One territory's key figures, its district map and table, and the files to download. */
export function OpenTerritoryPage() {
  const { t } = useTranslation('openData');
  const f = useFormat();
  const { territoryId = '' } = useParams();
  const [year, setYear] = useState<number | null>(null);
  const [measure, setMeasure] = useState<MapMeasure>('organisations');
  const [selected, setSelected] = useState<string | null>(null);
  const inventory = useOpenInventory(territoryId);
  const impact = useOpenImpact(territoryId, year);
  const districts = useOpenDistricts(territoryId, year);
  const shownYear = year ?? impact.data?.year ?? null;
  const years = useMemo(() => {
    const last = Math.max(new Date().getFullYear(), shownYear ?? 0);
    return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => String(last - i));
  }, [shownYear]);
  const values = useMemo(() => {
    const out: Record<string, number> = {};
    for (const { properties: p } of districts.data?.features ?? []) {
      const value = measure === 'organisations' ? p.organisations : p.jobs;
      if (value !== null) out[p.name] = value;
    }
    return out;
  }, [districts.data, measure]);
  const territory = inventory.data?.territory ?? impact.data?.territory;
  const failed = inventory.error ?? impact.error ?? districts.error;

  return (
    <OpenDataFrame>
      <Stack gap="md" pt="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            {territory ? <Title order={1} size="h2">{territory.territory || territory.name}</Title> : <Skeleton height={32} width={220} />}
            {territory && <Text c="dimmed" size="sm">{territory.name}</Text>}
          </div>
          <NativeSelect
            label={t('territory.year')}
            data={years}
            value={shownYear ? String(shownYear) : ''}
            onChange={(event) => setYear(Number(event.currentTarget.value))}
            w={120}
          />
        </Group>
        {failed && <ErrorState error={failed} />}
        {inventory.data && impact.data ? <KeyFigures inventory={inventory.data} impact={impact.data} /> : !failed && <Skeleton height={140} radius="md" />}
        <Title order={2} size="h3">{t('territory.map')}</Title>
        <SegmentedControl
          value={measure}
          onChange={(value) => setMeasure(value as MapMeasure)}
          data={[
            { value: 'organisations', label: t('territory.byOrganisations') },
            { value: 'jobs', label: t('territory.byJobs') },
          ]}
        />
        {districts.data && districts.data.features.length === 0 && <Text size="sm" c="dimmed">{t('territory.noDistricts')}</Text>}
        {districts.data && districts.data.features.length > 0 && (
          <LazyDistrictMap
            geojson={districts.data as unknown as Parameters<typeof DistrictMap>[0]['geojson']}
            values={values}
            selected={selected}
            onSelect={(name) => setSelected((current) => (current === name ? null : name))}
            format={(v) => (measure === 'organisations' ? f.number(v) : f.decimal(v, v % 1 === 0 ? 0 : 1))}
            legendTitle={measure === 'organisations' ? t('territory.byOrganisations') : t('territory.byJobs')}
            noDataLabel={t('territory.noData')}
            label={t('territory.map')}
          />
        )}
        {districts.isPending && <Skeleton height={260} radius="md" />}
        <Title order={2} size="h3">{t('territory.table')}</Title>
        {districts.data && <DistrictTable districts={districts.data} />}
        <Text size="xs" c="dimmed">{t('territory.suppressionNote')}</Text>
        <Title order={2} size="h3">{t('territory.downloads')}</Title>
        <Downloads territoryId={territoryId} year={shownYear} />
        {impact.data && (
          <Text size="xs" c="dimmed">
            {t('territory.licence')} <Anchor href={impact.data.licence.url} target="_blank" rel="noreferrer" size="xs">{impact.data.licence.name}</Anchor>
          </Text>
        )}
      </Stack>
    </OpenDataFrame>
  );
}
