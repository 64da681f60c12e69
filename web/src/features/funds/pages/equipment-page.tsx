import { Button, Card, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Quote } from '@essor/shared/equipment';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useHasRole, useMe } from '../../../lib/session';
import { useAssets, useQuoteAction, useQuotes, useReturnAsset } from '../api';
import { MoneyInput } from '../components/money-input';
import { RecordQuoteModal } from '../components/record-quote-modal';
import { QueryView } from '../components/query-view';
import { StatusBadge } from '../components/status-badge';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function EquipmentPage() {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const quotes = useQuotes({});
  const assets = useAssets({});
  const isStaff = useHasRole('staff');
  const keepsRegister = useHasRole('staff', 'fund_manager');
  const returnAsset = useReturnAsset();
  const [recording, setRecording] = useState(false);
  return (
    <>
      <PageHeader
        title={t('equipment.title')}
        description={t('equipment.description')}
        actions={isStaff && <Button leftSection={<IconPlus size={18} />} onClick={() => setRecording(true)}>{t('equipment.newQuote')}</Button>}
      />
      <Stack>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('equipment.quotes')}</Title>
          <QueryView query={quotes}>
            {(list) => (
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
            )}
          </QueryView>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('equipment.assets')}</Title>
          <QueryView query={assets}>
            {(list) => (
              <Table striped>
                <Table.Thead><Table.Tr><Table.Th>{t('equipment.item')}</Table.Th><Table.Th>{t('equipment.serial')}</Table.Th><Table.Th>{t('equipment.value')}</Table.Th><Table.Th>{t('equipment.holder')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {list.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{a.item}</Table.Td>
                      <Table.Td>{a.serialNumber ?? '—'}</Table.Td>
                      <Table.Td>{format.money(a.valueMinor, a.currency)}</Table.Td>
                      <Table.Td>{a.projectTitle ?? '—'}</Table.Td>
                      <Table.Td><StatusBadge status={a.status} /></Table.Td>
                      <Table.Td>
                        {keepsRegister && a.status === 'in_service' && (
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() =>
                              returnAsset.mutate(
                                { id: a.id, returnedOn: todayIso(), note: '' },
                                { onSuccess: () => notifySuccess(t('equipment.returned')), onError: (error) => notifyError(error, t('common:errors.saveFailed')) },
                              )
                            }
                          >
                            {t('equipment.return')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryView>
        </Card>
      </Stack>
      {recording && <RecordQuoteModal onClose={() => setRecording(false)} />}
    </>
  );
}

function QuoteActions({ quote }: { quote: Quote }) {
  const { t } = useTranslation('funds');
  const { data: me } = useMe();
  const manages = useHasRole('fund_manager');
  const invoices = useHasRole('staff', 'fund_manager');
  const action = useQuoteAction(quote.id);
  const [invoicing, setInvoicing] = useState(false);
  if (quote.status === 'ordered' && invoices) {
    return (
      <>
        <Button size="xs" variant="light" onClick={() => setInvoicing(true)}>{t('equipment.invoice')}</Button>
        {invoicing && <InvoiceModal quote={quote} onClose={() => setInvoicing(false)} />}
      </>
    );
  }
  if (!manages) return null;
  const run = (name: 'approve' | 'reject' | 'purchase-order' | 'pay', body?: unknown) =>
    action.mutate({ action: name, body }, { onSuccess: () => notifySuccess(t('equipment.done')), onError: (error) => notifyError(error, t('common:errors.saveFailed')) });
  if (quote.status === 'recorded' && quote.recordedBy !== me?.user.id) {
    return (
      <Group gap={4} wrap="nowrap">
        <Button size="xs" color="teal" onClick={() => run('approve')}>{t('equipment.approve')}</Button>
        <Button size="xs" variant="light" color="red" onClick={() => run('reject')}>{t('equipment.reject')}</Button>
      </Group>
    );
  }
  if (quote.status === 'approved') {
    return <Button size="xs" variant="light" onClick={() => run('purchase-order', { purchaseOrderNumber: `BC-${quote.number}-${todayIso().slice(0, 4)}`, orderedOn: todayIso() })}>{t('equipment.order')}</Button>;
  }
  if (quote.status === 'invoiced') return <Button size="xs" onClick={() => run('pay', { paidOn: todayIso() })}>{t('equipment.pay')}</Button>;
  return null;
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
      { onSuccess: () => { notifySuccess(t('equipment.done')); onClose(); }, onError: (error) => notifyError(error, t('common:errors.saveFailed')) },
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
