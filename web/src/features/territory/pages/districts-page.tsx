import { Alert, Button, Card, FileInput, Group, ScrollArea, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { DistrictImportInput } from '@essor/shared/territory';
import { IconFileImport } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DistrictMap } from '../../../components/district-map';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { trailLabel, useStructureTree } from '../../../lib/structures';
import { useDistricts, useImportDistricts } from '../api';

/** The districts of the territories the person reaches, one map per territory, and the admin's loader of official outlines. */
export function DistrictsPage() {
  const { t } = useTranslation('territory');
  const f = useFormat();
  const isAdmin = useHasRole('admin');
  const districts = useDistricts();
  const [selected, setSelected] = useState<string | null>(null);
  const territories = useMemo(() => {
    const groups = new Map<string, NonNullable<typeof districts.data>>();
    for (const d of districts.data ?? []) groups.set(d.territory, [...(groups.get(d.territory) ?? []), d]);
    return [...groups.entries()];
  }, [districts.data]);

  return (
    <>
      <PageHeader title={t('districts.title')} description={t('districts.description')} />
      <Stack gap="lg">
        {districts.isError ? (
          <ErrorState error={districts.error} onRetry={() => void districts.refetch()} />
        ) : districts.isPending ? (
          <Skeleton height={320} />
        ) : territories.length === 0 ? (
          <EmptyState title={t('districts.empty')} />
        ) : (
          territories.map(([territory, rows]) => (
            <Card withBorder radius="md" key={territory}>
              <Title order={2} size="h4" mb="sm">{territory}</Title>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <DistrictMap
                  districts={rows}
                  values={Object.fromEntries(rows.filter((d) => d.population !== null).map((d) => [d.name, d.population!]))}
                  selected={selected}
                  onSelect={(name) => setSelected((current) => (current === name ? null : name))}
                  format={f.number}
                  legendTitle={t('districts.legend')}
                  label={territory}
                />
                <ScrollArea h={400}>
                  <Table striped="even" verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>{[t('districts.name'), t('districts.code'), t('districts.population'), t('districts.structure')].map((h) => <Table.Th key={h}>{h}</Table.Th>)}</Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((d) => (
                        <Table.Tr key={d.id} bg={d.name === selected ? 'var(--mantine-color-orange-0)' : undefined} onClick={() => setSelected(d.name)} style={{ cursor: 'pointer' }}>
                          <Table.Td>{d.name}</Table.Td>
                          <Table.Td>{d.code}</Table.Td>
                          <Table.Td>{d.population === null ? '—' : f.number(d.population)}</Table.Td>
                          <Table.Td>{d.structureName}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
              </SimpleGrid>
            </Card>
          ))
        )}
        {isAdmin && <DistrictImport />}
      </Stack>
    </>
  );
}

function DistrictImport() {
  const { t } = useTranslation('territory');
  const structures = useStructureTree();
  const load = useImportDistricts();
  const [structureId, setStructureId] = useState<string | null>(null);
  const [mode, setMode] = useState<DistrictImportInput['mode']>('merge');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !structureId) return;
    let geojson: DistrictImportInput['geojson'];
    try {
      geojson = JSON.parse(await file.text()) as DistrictImportInput['geojson'];
    } catch {
      setFileError(t('districts.notJson'));
      return;
    }
    load.mutate({ structureId, mode, geojson }, { onSuccess: (result) => notifySuccess(t('districts.done', { created: result.created, updated: result.updated, removed: result.removed })) });
  };
  const fields = load.error instanceof ApiError ? Object.entries(load.error.fields) : [];

  return (
    <Card withBorder radius="md" component="form" onSubmit={(e: FormEvent) => void submit(e)}>
      <Title order={2} size="h4" mb="xs">{t('districts.importTitle')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('districts.importHint')}</Text>
      <Group align="flex-end" wrap="wrap">
        <Select label={t('districts.structure')} required data={(structures.data ?? []).map((s) => ({ value: s.id, label: trailLabel(s) }))} value={structureId} onChange={setStructureId} miw={260} />
        <Select label={t('districts.mode')} data={[{ value: 'merge', label: t('districts.merge') }, { value: 'replace', label: t('districts.replace') }]} value={mode} onChange={(v) => setMode((v ?? 'merge') as DistrictImportInput['mode'])} allowDeselect={false} miw={260} />
        <FileInput label={t('districts.file')} accept=".geojson,.json,application/geo+json,application/json" value={file} onChange={(next) => { setFile(next); setFileError(null); }} error={fileError} leftSection={<IconFileImport size={16} />} required miw={220} />
        <Button type="submit" loading={load.isPending} disabled={!file || !structureId}>{t('districts.submit')}</Button>
      </Group>
      {load.error && (
        <Alert color="red" variant="light" role="alert" mt="sm">
          {load.error instanceof ApiError ? load.error.message : String(load.error)}
          {fields.map(([name, messages]) => <Text key={name} size="xs">{name}: {messages.join(' ')}</Text>)}
        </Alert>
      )}
    </Card>
  );
}
