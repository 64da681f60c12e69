import { Alert, Button, Card, FileInput, Group, Select, Stack, Text, Title } from '@mantine/core';
import { REPORT_IMPORT_MAX_BYTES, type ReportImportInput, type ReportPreview } from '@essor/shared/guarantees';
import { IconFileImport } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { fileToBase64, newIdempotencyKey, useAgreements, useBanks, useImportReport, usePreviewReport } from '../api';
import { MutationError } from '../components/mutation-error';
import { ReportPreviewTable } from '../components/report-preview-table';

/**
 * A bank's monthly report as a CSV file: choose the bank, read the file, see each row and what is wrong
 * with it, then post it whole (only when no row is in error).
 */
export function ReportImportPage() {
  const { t } = useTranslation('guarantees');
  const mayPost = useHasRole('staff', 'fund_manager');
  const banks = useBanks();
  const agreements = useAgreements();
  const preview = usePreviewReport();
  const post = useImportReport();
  const [bankId, setBankId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [read, setRead] = useState<{ input: ReportImportInput; preview: ReportPreview; key: string } | null>(null);
  const [posted, setPosted] = useState<ReportPreview | null>(null);
  // The file's amounts are in the currency of the bank's agreements.
  const currency = agreements.data?.find((a) => a.bankId === bankId)?.currency ?? 'CAD';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !bankId) return;
    if (file.size > REPORT_IMPORT_MAX_BYTES) {
      setFileError(t('import.tooLarge', { kb: Math.round(REPORT_IMPORT_MAX_BYTES / 1024) }));
      return;
    }
    const input = { bankId, fileName: file.name, contentBase64: await fileToBase64(file) };
    setPosted(null);
    post.reset();
    preview.mutate(input, { onSuccess: (result) => setRead({ input, preview: result, key: newIdempotencyKey() }) });
  };

  const importFile = () => {
    if (!read) return;
    post.mutate({ input: read.input, key: read.key }, {
      onSuccess: (result) => {
        notifySuccess(t('import.done', { count: result.rowCount }));
        setPosted(result);
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
            <Text size="sm" c="dimmed">{t('import.hint')}</Text>
            <Group align="flex-end" wrap="wrap">
              <Select label={t('import.bank')} required data={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))} value={bankId} onChange={(v) => { setBankId(v); setRead(null); }} nothingFoundMessage={t('banks.empty')} miw={260} />
              <FileInput
                label={t('import.file')}
                placeholder={t('import.filePlaceholder')}
                accept=".csv,.txt,text/csv"
                value={file}
                onChange={(f) => { setFile(f); setFileError(null); setRead(null); }}
                error={fileError}
                leftSection={<IconFileImport size={16} />}
                clearable
                required
                miw={260}
              />
              <Button type="submit" loading={preview.isPending} disabled={!file || !bankId}>{t('import.read')}</Button>
            </Group>
            <MutationError error={preview.error} />
          </Stack>
        </Card>
        {read && (
          <Card withBorder radius="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">{t('import.previewTitle', { file: read.preview.fileName })}</Title>
              <Text size="sm">{t('import.counts', { count: read.preview.rowCount, errors: read.preview.errorCount })}</Text>
            </Group>
            <Stack>
              {read.preview.errorCount > 0 && <Alert color="red">{t('import.fixFirst')}</Alert>}
              <ReportPreviewTable preview={read.preview} currency={currency} />
              <MutationError error={post.error} />
              {mayPost && (
                <Group justify="flex-end">
                  <Button onClick={importFile} loading={post.isPending} disabled={read.preview.errorCount > 0 || read.preview.rowCount === 0}>{t('import.post')}</Button>
                </Group>
              )}
            </Stack>
          </Card>
        )}
        {posted && <Alert color="teal" title={t('import.postedTitle')}>{t('import.postedText', { count: posted.rowCount, file: posted.fileName })}</Alert>}
      </Stack>
    </>
  );
}
