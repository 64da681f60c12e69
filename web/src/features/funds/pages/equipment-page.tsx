import { Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ASSET_STATUSES, type Asset, type Quote } from '@essor/shared/equipment';
import { useTranslation } from 'react-i18next';
import { DataList, type Column } from '../../../components/data-list';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { ASSETS_KEY, useQuoteAction, useQuotes, useReturnAsset } from '../api';
import { MoneyInput } from '../components/money-input';
import { RecordQuoteModal } from '../components/record-quote-modal';
import { QueryView } from '../components/query-view';
import { StatusBadge } from '../components/status-badge';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function EquipmentPage() {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const quotes = useQuotes({});
  const keepsRegister = useHasRole('staff', 'fund_manager');
  const returnAsset = useReturnAsset();
  const [recording, setRecording] = useState(false);
  const assetColumns: Column<Asset>[] = [
    { key: 'item', header: t('equipment.item'), render: (a) => a.item },
    { key: 'serial', header: t('equipment.serial'), render: (a) => a.serialNumber ?? '—' },
    { key: 'value', header: t('equipment.value'), render: (a) => format.money(a.valueMinor, a.currency) },
    { key: 'acquiredOn', header: t('equipment.acquiredOn'), render: (a) => format.date(a.acquiredOn) },
    { key: 'holder', header: t('equipment.holder'), render: (a) => a.projectTitle ?? '—' },
    { key: 'status', header: t('common.status'), render: (a) => <StatusBadge status={a.status} /> },
    {
      key: 'actions',
      header: '',
      render: (a) =>
        keepsRegister && a.status === 'in_service' && (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => returnAsset.mutate({ id: a.id, returnedOn: todayIso(), note: '' }, { onSuccess: () => notifySuccess(t('equipment.returned')) })}
          >
            {t('equipment.return')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('equipment.title')}
        description={t('equipment.description')}
        actions={keepsRegister && <Button leftSection={<IconPlus size={18} />} onClick={() => setRecording(true)}>{t('equipment.newQuote')}</Button>}
      />
      <Stack>
        <Card withBorder>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">{t('equipment.quotes')}</Title>
            <ExportCsvButton endpoint="/api/funds/equipment/quotes/export.csv" />
          </Group>
          <QueryView query={quotes}>
            {(list) => list.length === 0 ? <EmptyState title={t('equipment.noQuotes')} /> : (
              <Table.ScrollContainer minWidth={760}>
              <Table striped>
                <Table.Thead><Table.Tr><Table.Th>{t('equipment.number')}</Table.Th><Table.Th>{t('common.project')}</Table.Th><Table.Th>{t('equipment.supplier')}</Table.Th><Table.Th>{t('equipment.lines')}</Table.Th><Table.Th>{t('common.amount')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {list.map((q) => (
                    <Table.Tr key={q.id}>
                      <Table.Td>#{q.number}</Table.Td>
                      <Table.Td>{q.projectTitle}</Table.Td>
                      <Table.Td>{q.supplier}</Table.Td>
                      <Table.Td>{q.lines.map((l) => <Text key={l.description} size="xs">{l.quantity} × {l.description} ({format.money(l.unitPriceMinor, q.currency)})</Text>)}</Table.Td>
                      <Table.Td>{format.money(q.invoiceAmountMinor ?? q.totalMinor, q.currency)}</Table.Td>
                      <Table.Td><StatusBadge status={q.status} /></Table.Td>
                      <Table.Td><QuoteActions quote={q} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              </Table.ScrollContainer>
            )}
          </QueryView>
        </Card>
        <Stack gap="xs">
          <Title order={2} size="h4">{t('equipment.assets')}</Title>
          <DataList<Asset>
            queryKey={ASSETS_KEY}
            endpoint="/api/funds/equipment/assets"
            exportEndpoint="/api/funds/equipment/assets/export.csv"
            columns={assetColumns}
            rowKey={(a) => a.id}
            filters={[{ name: 'status', label: t('common.status'), options: ASSET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) }]}
            emptyTitle={t('equipment.noAssets')}
          />
        </Stack>
      </Stack>
      {recording && <RecordQuoteModal onClose={() => setRecording(false)} />}
    </>
  );
}

/** Exactly the actions the API says the caller may do now, and why the others wait. */
function QuoteActions({ quote }: { quote: Quote }) {
  const { t } = useTranslation('funds');
  const action = useQuoteAction(quote.id);
  const [invoicing, setInvoicing] = useState(false);
  const may = (name: Quote['allowedActions'][number]) => quote.allowedActions.includes(name);
  const run = (name: 'approve' | 'reject' | 'purchase-order' | 'pay', body?: unknown) =>
    action.mutate({ action: name, body }, { onSuccess: () => notifySuccess(t('equipment.done')) });
  const reasons = [...new Set(quote.waiting.map((w) => w.reason))];
  return (
    <Group gap={4} wrap="nowrap">
      {reasons.map((reason) => <Text key={reason} size="xs" c="dimmed">{t(`waiting.${reason}`)}</Text>)}
      {may('approve') && <Button size="xs" color="teal" onClick={() => run('approve')}>{t('equipment.approve')}</Button>}
      {may('reject') && <Button size="xs" variant="light" color="red" onClick={() => run('reject')}>{t('equipment.reject')}</Button>}
      {may('order') && <Button size="xs" variant="light" onClick={() => run('purchase-order', { orderedOn: todayIso() })}>{t('equipment.order')}</Button>}
      {may('invoice') && <Button size="xs" variant="light" onClick={() => setInvoicing(true)}>{t('equipment.invoice')}</Button>}
      {may('pay') && <Button size="xs" onClick={() => run('pay', { paidOn: todayIso() })}>{t('equipment.pay')}</Button>}
      {invoicing && <InvoiceModal quote={quote} onClose={() => setInvoicing(false)} />}
    </Group>
  );
}

function InvoiceModal({ quote, onClose }: { quote: Quote; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const action = useQuoteAction(quote.id);
  const [invoiceNumber, setInvoiceNumber] = useState('');
  const [amount, setAmount] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = parseMoneyInput(amount, quote.currency as CurrencyCode);
    if (amountMinor === null) return;
    action.mutate(
      { action: 'invoice', body: { invoiceNumber, amountMinor, currency: quote.currency, invoicedOn: todayIso() } },
      { onSuccess: () => { notifySuccess(t('equipment.done')); onClose(); } },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('equipment.invoice')}>
      <Stack component="form" onSubmit={submit}>
        <TextInput label={t('equipment.invoiceNumber')} required value={invoiceNumber} onChange={(e) => setInvoiceNumber(e.currentTarget.value)} />
        <MoneyInput label={t('common.amount')} currency={quote.currency} value={amount} onChange={setAmount} />
        <Group justify="flex-end"><Button type="submit" loading={action.isPending}>{t('common:actions.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
