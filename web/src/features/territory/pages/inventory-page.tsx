import { Badge, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { InventoryEntry } from '@essor/shared/territory';
import { IconFileImport, IconMap2, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataList, type Column } from '../../../components/data-list';
import { DistrictMap } from '../../../components/district-map';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { INVENTORY_ENDPOINT, TERRITORY_KEY, useDistricts, useInventorySummary } from '../api';
import { EntryFormModal } from '../components/entry-form-modal';
import { inventoryOptions } from '../components/labels';

type Metric = 'actors' | 'employees';

/** The territory's SSE actors: a map of the districts coloured by actors or jobs, and the list it filters. */
export function InventoryPage() {
  const { t } = useTranslation('territory');
  const f = useFormat();
  const navigate = useNavigate();
  const writes = useHasRole('admin', 'staff');
  const [district, setDistrict] = useState<string | null>(null);
  const [metric, setMetric] = useState<Metric>('actors');
  const [adding, setAdding] = useState(false);
  const districts = useDistricts();
  const summary = useInventorySummary({});
  const options = inventoryOptions(t);

  const values = useMemo(
    () => Object.fromEntries((summary.data?.byDistrict ?? []).map((row) => [row.key, metric === 'actors' ? row.actors : row.employees])),
    [summary.data, metric],
  );
  const districtOptions = useMemo(() => [...new Set((districts.data ?? []).map((d) => d.name))].sort((a, b) => a.localeCompare(b)).map((name) => ({ value: name, label: name })), [districts.data]);

  const columns: Column<InventoryEntry>[] = [
    { key: 'name', header: t('inventory.name'), render: (r) => (<Stack gap={0}><Text size="sm" fw={600}>{r.name}</Text><Text size="xs" c="dimmed">{r.structureName}</Text></Stack>) },
    { key: 'legalForm', header: t('inventory.legalForm'), render: (r) => t(`legalForms.${r.legalForm}`) },
    { key: 'sector', header: t('inventory.sector'), render: (r) => r.sector },
    { key: 'district', header: t('inventory.district'), render: (r) => r.district },
    { key: 'employees', header: t('inventory.employees'), render: (r) => f.number(r.employees) },
    { key: 'members', header: t('inventory.members'), render: (r) => f.number(r.members) },
    { key: 'sizeBand', header: t('inventory.sizeBand'), render: (r) => t(`sizeBands.${r.sizeBand}`) },
    {
      key: 'status',
      header: t('inventory.status'),
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color={r.status === 'active' ? 'teal' : 'gray'}>{t(`statuses.${r.status}`)}</Badge>
          {r.inPipeline && <Badge variant="light" color="grape">{t('inventory.pipelineYes')}</Badge>}
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('inventory.title')}
        description={t('inventory.description')}
        actions={
          <>
            <Button component={Link} to="/territory/districts" variant="default" leftSection={<IconMap2 size={16} />}>{t('inventory.districts')}</Button>
            {writes && <Button component={Link} to="/territory/import" variant="default" leftSection={<IconFileImport size={16} />}>{t('inventory.import')}</Button>}
            {writes && <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>{t('inventory.add')}</Button>}
          </>
        }
      />
      <Stack gap="lg">
        <Card withBorder radius="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4">{t('inventory.map')}</Title>
            <SegmentedControl
              aria-label={t('inventory.metric')}
              value={metric}
              onChange={(v) => setMetric(v as Metric)}
              data={[{ value: 'actors', label: t('inventory.metricActors') }, { value: 'employees', label: t('inventory.metricEmployees') }]}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {districts.data && districts.data.length > 0 ? (
              <DistrictMap
                districts={districts.data}
                values={values}
                selected={district}
                onSelect={(name) => setDistrict((current) => (current === name ? null : name))}
                format={f.number}
                legendTitle={metric === 'actors' ? t('inventory.metricActors') : t('inventory.metricEmployees')}
                noDataLabel={t('inventory.noData')}
                label={t('inventory.mapLabel')}
              />
            ) : (
              <Text c="dimmed" size="sm">{t('districts.empty')}</Text>
            )}
            <Stack gap="xs">
              {summary.data && <Text size="sm" fw={600}>{t('inventory.total', { actors: f.number(summary.data.total.actors), employees: f.number(summary.data.total.employees), members: f.number(summary.data.total.members) })}</Text>}
              {district && (
                <Group gap="xs">
                  <Badge size="lg" variant="light">{t('inventory.selected', { name: district })}</Badge>
                  <Button size="xs" variant="subtle" onClick={() => setDistrict(null)}>{t('inventory.clear')}</Button>
                </Group>
              )}
              {(summary.data?.bySector ?? []).slice(0, 8).map((row) => (
                <Group key={row.key} justify="space-between" gap="xs">
                  <Text size="sm">{row.key}</Text>
                  <Text size="sm" c="dimmed">{f.number(metric === 'actors' ? row.actors : row.employees)}</Text>
                </Group>
              ))}
            </Stack>
          </SimpleGrid>
        </Card>
        <DataList<InventoryEntry>
          queryKey={[...TERRITORY_KEY, 'inventory']}
          endpoint={INVENTORY_ENDPOINT}
          exportEndpoint={`${INVENTORY_ENDPOINT}.csv`}
          columns={columns}
          rowKey={(r) => r.id}
          searchPlaceholder={t('inventory.search')}
          extraParams={{ district: district ?? undefined }}
          toolbar={
            <Select
              aria-label={t('inventory.district')}
              placeholder={t('inventory.allDistricts')}
              data={districtOptions}
              value={district}
              onChange={setDistrict}
              clearable
              searchable
              w={220}
              maw="100%"
            />
          }
          filters={[
            { name: 'legalForm', label: t('inventory.legalForm'), options: options.legalForms },
            { name: 'sizeBand', label: t('inventory.sizeBand'), options: options.sizeBands },
            { name: 'status', label: t('inventory.status'), options: options.statuses },
            { name: 'source', label: t('inventory.source'), options: options.sources },
          ]}
          onRowClick={(r) => void navigate(`/territory/inventory/${r.id}`)}
          emptyTitle={t('inventory.empty')}
          emptyHint={t('inventory.emptyHint')}
        />
      </Stack>
      {adding && <EntryFormModal onClose={() => setAdding(false)} onSaved={(entry) => void navigate(`/territory/inventory/${entry.id}`)} />}
    </>
  );
}
