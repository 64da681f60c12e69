import { Alert, Badge, Button, Card, FileInput, Group, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { INVENTORY_IMPORT_MAX_BYTES, type InventoryImportInput, type InventoryImportPreview } from '@essor/shared/territory';
import { IconFileImport } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { trailLabel, useStructureTree } from '../../../lib/structures';
import { fileToBase64, useCommitImport, usePreviewImport } from '../api';

const ACTION_COLOURS = { create: 'teal', update: 'blue', unchanged: 'gray' } as const;

function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert color="red" variant="light" role="alert">{error instanceof ApiError ? error.message : String(error)}</Alert>;
}

/** An inventory as a CSV file: choose the structure, read the file, see each row's action or errors, then import it whole. */
export function ImportPage() {
  const { t } = useTranslation('territory');
  const f = useFormat();
  const structures = useStructureTree();
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const [structureId, setStructureId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [read, setRead] = useState<{ input: InventoryImportInput; preview: InventoryImportPreview } | null>(null);
  const [done, setDone] = useState<InventoryImportPreview | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !structureId) return;
    if (file.size > INVENTORY_IMPORT_MAX_BYTES) {
      setFileError(t('import.tooLarge', { mb: INVENTORY_IMPORT_MAX_BYTES / 1024 / 1024 }));
      return;
    }
    const input = { structureId, filename: file.name, contentBase64: await fileToBase64(file) };
    setDone(null);
    commit.reset();
    preview.mutate(input, { onSuccess: (result) => setRead({ input, preview: result }) });
  };

  const importFile = () => {
    if (!read) return;
    commit.mutate(read.input, {
      onSuccess: (result) => {
        notifySuccess(t('import.done', { count: result.rowCount }));
        setDone(result);
        setRead(null);
        setFile(null);
      },
    });
  };

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Stack gap="lg">
        <Card withBorder radius="md" component="form" onSubmit={(e: FormEvent) => void submit(e)}>
          <Stack gap="sm">
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('import.structure')}
                required
                data={(structures.data ?? []).map((s) => ({ value: s.id, label: trailLabel(s) }))}
                value={structureId}
                onChange={(v) => { setStructureId(v); setRead(null); }}
                miw={280}
              />
              <FileInput
                label={t('import.file')}
                placeholder={t('import.filePlaceholder')}
                accept=".csv,.txt,text/csv"
                value={file}
                onChange={(next) => { setFile(next); setFileError(null); setRead(null); }}
                error={fileError}
                leftSection={<IconFileImport size={16} />}
                clearable
                required
                miw={260}
              />
              <Button type="submit" loading={preview.isPending} disabled={!file || !structureId}>{t('import.read')}</Button>
            </Group>
            <ErrorAlert error={preview.error} />
          </Stack>
        </Card>
        {read && (
          <Card withBorder radius="md">
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Title order={2} size="h4">{t('import.previewTitle', { file: read.preview.filename })}</Title>
              <Text size="sm">
                {t('import.counts', { count: read.preview.rowCount, created: read.preview.created, updated: read.preview.updated, unchanged: read.preview.unchanged, errors: read.preview.errorCount })}
              </Text>
            </Group>
            <Stack>
              {read.preview.errorCount > 0 && <Alert color="red">{t('import.fixFirst')}</Alert>}
              <ScrollArea>
                <Table striped="even" verticalSpacing="xs" miw={760}>
                  <Table.Thead>
                    <Table.Tr>
                      {[t('import.line'), t('inventory.name'), t('inventory.legalForm'), t('inventory.district'), t('inventory.employees'), t('inventory.members'), t('import.action'), t('import.errors')].map((h) => <Table.Th key={h}>{h}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {read.preview.rows.map((row) => (
                      <Table.Tr key={row.lineNo} data-error={row.errors.length > 0 || undefined}>
                        <Table.Td>{row.lineNo}</Table.Td>
                        <Table.Td>{row.name}</Table.Td>
                        <Table.Td>{row.legalForm}</Table.Td>
                        <Table.Td>{row.district}</Table.Td>
                        <Table.Td>{row.employees === null ? '' : f.number(row.employees)}</Table.Td>
                        <Table.Td>{row.members === null ? '' : f.number(row.members)}</Table.Td>
                        <Table.Td>{row.action && <Badge variant="light" color={ACTION_COLOURS[row.action]}>{t(`import.actions.${row.action}`)}</Badge>}</Table.Td>
                        <Table.Td>
                          {row.errors.map((key) => <Text key={key} size="xs" c="red">{t(`rowErrors.${key}`, { defaultValue: key })}</Text>)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              <ErrorAlert error={commit.error} />
              <Group justify="flex-end">
                <Button onClick={importFile} loading={commit.isPending} disabled={read.preview.errorCount > 0 || read.preview.rowCount === 0}>{t('import.commit')}</Button>
              </Group>
            </Stack>
          </Card>
        )}
        {done && <Alert color="teal" title={t('import.doneTitle')}>{t('import.doneText', { created: done.created, updated: done.updated, file: done.filename })}</Alert>}
      </Stack>
    </>
  );
}
