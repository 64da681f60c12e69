import { Badge, Button, Card, FileInput, Group, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { STATEMENT_IMPORT_STATUSES, STATEMENT_MAX_BYTES, type StatementImport } from '@essor/shared/bond-statements';
import { IconFileImport } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DataList } from '../../../components/data-list';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { useTrustFunds } from '../api';
import { StatementPreview } from '../components/statement-preview';
import { fileToBase64, STATEMENTS_ENDPOINT, STATEMENTS_KEY, usePreviewStatement, useStatement } from '../statements-api';

/**
 * The treasurer's reconciliation: choose the trust account, drop the bank's statement (CSV or camt.053),
 * see what each credit matches before anything is posted, then post the matched and partial ones.
 * Past imports are listed below; the one shown travels in the address (?import=...).
 */
export function StatementImportPage() {
  const { t } = useTranslation('bondStatements');
  const mayPost = useHasRole('staff', 'fund_manager');
  const [params, setParams] = useSearchParams();
  const shownId = params.get('import');
  const shown = useStatement(shownId);
  const show = (id: string) => setParams({ import: id });

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Stack gap="lg">
        {mayPost && <ImportForm onRead={show} />}
        {shownId && (shown.isError ? <ErrorState error={shown.error} onRetry={() => void shown.refetch()} /> : shown.data ? <StatementPreview statement={shown.data} mayPost={mayPost} /> : <Skeleton height={200} radius="md" />)}
        <PastImports onOpen={show} />
      </Stack>
    </>
  );
}

function ImportForm({ onRead }: { onRead: (id: string) => void }) {
  const { t } = useTranslation('bondStatements');
  const funds = useTrustFunds();
  const preview = usePreviewStatement();
  const [fundId, setFundId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const chosenFund = fundId ?? (funds.data?.length === 1 ? funds.data[0].id : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !chosenFund) return;
    if (file.size > STATEMENT_MAX_BYTES) {
      setFileError(t('form.tooLarge', { kb: STATEMENT_MAX_BYTES / 1024 }));
      return;
    }
    try {
      const statement = await preview.mutateAsync({ trustFundId: chosenFund, fileName: file.name, contentBase64: await fileToBase64(file) });
      setFile(null);
      onRead(statement.id);
    } catch (error) {
      // What is wrong with the file (its format, a line, already posted) is said beside it as well.
      if (error instanceof ApiError && error.status < 500) setFileError(error.message);
    }
  };

  return (
    <Card withBorder radius="md" component="form" onSubmit={(e: FormEvent) => void submit(e)}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('form.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('form.hint')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('form.fund')}
            placeholder={t('form.fundPlaceholder')}
            data={(funds.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` }))}
            value={chosenFund}
            onChange={setFundId}
            required
            miw={280}
          />
          <FileInput
            label={t('form.file')}
            placeholder={t('form.filePlaceholder')}
            accept=".csv,.txt,.xml,text/csv,application/xml,text/xml"
            value={file}
            onChange={(f) => {
              setFile(f);
              setFileError(null);
            }}
            error={fileError}
            leftSection={<IconFileImport size={16} />}
            clearable
            required
            miw={280}
          />
          <Button type="submit" loading={preview.isPending} disabled={!file || !chosenFund}>
            {t('form.read')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function PastImports({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation('bondStatements');
  const format = useFormat();
  return (
    <div>
      <Title order={2} size="h4" mb="sm">
        {t('list.title')}
      </Title>
      <DataList<StatementImport>
        queryKey={[...STATEMENTS_KEY, 'list']}
        endpoint={STATEMENTS_ENDPOINT}
        exportEndpoint={`${STATEMENTS_ENDPOINT}/export.csv`}
        filters={[{ name: 'status', label: t('list.status'), options: STATEMENT_IMPORT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) }]}
        rowKey={(i) => i.id}
        onRowClick={(i) => onOpen(i.id)}
        emptyTitle={t('list.empty')}
        columns={[
          { key: 'createdAt', header: t('list.importedAt'), render: (i) => format.dateTime(i.createdAt) },
          { key: 'file', header: t('list.file'), render: (i) => `${i.fileName} · ${i.trustFundCode}` },
          { key: 'status', header: t('list.status'), render: (i) => <Badge variant="light">{t(`status.${i.status}`)}</Badge> },
          { key: 'lines', header: t('list.lines'), render: (i) => format.number(i.lineCount) },
          { key: 'credits', header: t('list.credits'), render: (i) => format.money(i.creditMinor, i.currency) },
          {
            key: 'result',
            header: t('list.result'),
            render: (i) =>
              i.status === 'posted'
                ? t('list.postedCount', { count: i.postedCount })
                : t('list.toPost', { count: i.postableCount, waiting: i.counts.overpaid + i.counts.unknown }),
          },
        ]}
      />
    </div>
  );
}
