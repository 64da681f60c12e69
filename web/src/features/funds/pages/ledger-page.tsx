import { Badge, Button, Card, Group, Modal, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ENTRY_KINDS, type JournalEntry, type LedgerAccount } from '@essor/shared/ledger';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList, type Column } from '../../../components/data-list';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useFormat } from '../../../lib/format';
import { FUNDS_KEY, useFunds, useStatement, useTrialBalance } from '../api';
import { QueryView } from '../components/query-view';

/** The ledger explorer: trial balance per fund and date, account statements, the journal and its CSV. */
/**
 * The services write an entry's description in French; in another language the entry says what it is by
 * its kind, and the stored description stays below as a detail.
 */
function EntryDescription({ kind, description }: { kind: string; description: string }) {
  const { t, i18n } = useTranslation('funds');
  if (i18n.language === 'fr') return <Text size="sm" span>{description}</Text>;
  return (
    <>
      <Text size="sm" span>{t(`entryDescriptions.${kind}`, { defaultValue: t(`entryKinds.${kind}`) })}</Text>
      <Text size="xs" c="dimmed" lang="fr">{description}</Text>
    </>
  );
}

export function LedgerPage() {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const funds = useFunds();
  const [fundId, setFundId] = useState<string | null>(null);
  const [asOf, setAsOf] = useState('');
  const [account, setAccount] = useState<LedgerAccount | null>(null);
  const trial = useTrialBalance({ fundId: fundId ?? undefined, asOf: asOf || undefined });
  const net = (a: LedgerAccount) => a.debitMinor - a.creditMinor;

  const columns: Column<JournalEntry>[] = [
    { key: 'id', header: t('ledger.entry'), render: (e) => <Text size="sm">#{e.id}</Text>, width: 80 },
    { key: 'date', header: t('ledger.date'), render: (e) => <Text size="sm">{format.date(e.occurredOn)}</Text> },
    { key: 'kind', header: t('ledger.kind'), render: (e) => <Badge variant="light">{t(`entryKinds.${e.kind}`)}</Badge> },
    {
      key: 'description',
      header: t('ledger.description'),
      render: (e) => (
        <div>
          <EntryDescription kind={e.kind} description={e.description} />
          {e.reversedByEntryId && <Text size="xs" c="red">{t('ledger.reversedBy', { id: e.reversedByEntryId })}</Text>}
        </div>
      ),
    },
    {
      key: 'lines',
      header: t('ledger.lines'),
      render: (e) => (
        <Stack gap={0}>
          {e.lines.map((l, i) => (
            <Text key={i} size="xs" ff="monospace">
              {l.accountCode} {l.debitMinor ? `D ${format.money(l.debitMinor, e.currency)}` : `C ${format.money(l.creditMinor, e.currency)}`}
            </Text>
          ))}
        </Stack>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('ledger.title')} description={t('ledger.intro')} />
      <Group mb="md">
        <Select label={t('common.fund')} clearable placeholder={t('ledger.allFunds')} data={(funds.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` }))} value={fundId} onChange={setFundId} w={360} />
        <TextInput type="date" label={t('ledger.asOf')} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
      </Group>
      <Card withBorder mb="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">{t('ledger.trialBalance')}</Title>
          <ExportCsvButton endpoint="/api/funds/ledger/trial-balance/export.csv" params={{ fundId: fundId ?? undefined, asOf: asOf || undefined }} />
        </Group>
        <QueryView query={trial}>
          {(tb) => (
            <>
              <Table striped highlightOnHover>
                <Table.Thead><Table.Tr><Table.Th>{t('common.fund')}</Table.Th><Table.Th>{t('ledger.account')}</Table.Th><Table.Th>{t('ledger.type')}</Table.Th><Table.Th ta="right">{t('ledger.debit')}</Table.Th><Table.Th ta="right">{t('ledger.credit')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {tb.rows.filter((a) => a.debitMinor || a.creditMinor).map((a) => (
                    <Table.Tr key={a.id} onClick={() => setAccount(a)} style={{ cursor: 'pointer' }}>
                      <Table.Td>{a.fundCode}</Table.Td>
                      <Table.Td>{a.code} · {t(`accounts.${a.code}`, { defaultValue: a.name })}</Table.Td>
                      <Table.Td>{t(`accountTypes.${a.type}`)}</Table.Td>
                      <Table.Td ta="right">{net(a) > 0 ? format.money(net(a), a.currency) : ''}</Table.Td>
                      <Table.Td ta="right">{net(a) < 0 ? format.money(-net(a), a.currency) : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  {tb.totals.map((total) => (
                    <Table.Tr key={total.currency}>
                      <Table.Th colSpan={3}>{t('ledger.total', { currency: total.currency })}</Table.Th>
                      <Table.Th ta="right">{format.money(total.debitMinor, total.currency)}</Table.Th>
                      <Table.Th ta="right">{format.money(total.creditMinor, total.currency)}</Table.Th>
                    </Table.Tr>
                  ))}
                </Table.Tfoot>
              </Table>
              <Badge mt="sm" color={tb.balanced ? 'teal' : 'red'}>{tb.balanced ? t('ledger.balanced') : t('ledger.unbalanced')}</Badge>
            </>
          )}
        </QueryView>
      </Card>
      <Title order={2} size="h4" mb="sm">{t('ledger.journal')}</Title>
      <DataList<JournalEntry>
        queryKey={[...FUNDS_KEY, 'journal']}
        endpoint="/api/funds/ledger/entries"
        exportEndpoint="/api/funds/ledger/entries/export.csv"
        columns={columns}
        rowKey={(e) => String(e.id)}
        extraParams={{ fundId: fundId ?? undefined, to: asOf || undefined }}
        filters={[{ name: 'kind', label: t('ledger.kind'), options: ENTRY_KINDS.map((k) => ({ value: k, label: t(`entryKinds.${k}`) })) }]}
        emptyTitle={t('ledger.empty')}
      />
      <StatementModal account={account} onClose={() => setAccount(null)} />
    </>
  );
}

function StatementModal({ account, onClose }: { account: LedgerAccount | null; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const statement = useStatement(account?.id ?? null);
  const lines = statement.data?.pages.flatMap((page) => page.lines) ?? [];
  return (
    <Modal opened={account !== null} onClose={onClose} size="xl" title={account ? `${account.fundCode} · ${account.code} · ${t(`accounts.${account.code}`, { defaultValue: account.name })}` : ''}>
      {account && (
        <>
          <Group justify="flex-end" mb="sm">
            <ExportCsvButton endpoint={`/api/funds/ledger/accounts/${account.id}/statement/export.csv`} />
          </Group>
          {statement.isPending ? (
            <Skeleton height={160} radius="md" />
          ) : statement.isError ? (
            <ErrorState error={statement.error} onRetry={() => void statement.refetch()} />
          ) : (
            <>
              <Table striped>
                <Table.Thead><Table.Tr><Table.Th>{t('ledger.date')}</Table.Th><Table.Th>{t('ledger.description')}</Table.Th><Table.Th ta="right">{t('ledger.debit')}</Table.Th><Table.Th ta="right">{t('ledger.credit')}</Table.Th><Table.Th ta="right">{t('ledger.balance')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {lines.map((l, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{format.date(l.occurredOn)}</Table.Td>
                      <Table.Td>#{l.entryId} <EntryDescription kind={l.kind} description={l.description} /></Table.Td>
                      <Table.Td ta="right">{l.debitMinor ? format.money(l.debitMinor, account.currency) : ''}</Table.Td>
                      <Table.Td ta="right">{l.creditMinor ? format.money(l.creditMinor, account.currency) : ''}</Table.Td>
                      <Table.Td ta="right">{format.money(l.balanceMinor, account.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {statement.hasNextPage && (
                <Group justify="center" p="md">
                  <Button variant="subtle" loading={statement.isFetchingNextPage} onClick={() => void statement.fetchNextPage()}>{tc('list.loadMore')}</Button>
                </Group>
              )}
            </>
          )}
        </>
      )}
    </Modal>
  );
}
