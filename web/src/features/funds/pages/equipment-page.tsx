import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Quote } from '@essor/shared/equipment';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useHasRole, useMe } from '../../../lib/session';
import { useAssets, useQuoteAction, useQuotes } from '../api';
import { QueryView } from '../components/query-view';
import { StatusBadge } from '../components/status-badge';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function EquipmentPage() {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const quotes = useQuotes({});
  const assets = useAssets({});
  return (
    <>
      <PageHeader title={t('equipment.title')} description={t('equipment.description')} />
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
                <Table.Thead><Table.Tr><Table.Th>{t('equipment.item')}</Table.Th><Table.Th>{t('equipment.serial')}</Table.Th><Table.Th>{t('equipment.value')}</Table.Th><Table.Th>{t('equipment.holder')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {list.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{a.item}</Table.Td>
                      <Table.Td>{a.serialNumber ?? '—'}</Table.Td>
                      <Table.Td>{format.money(a.valueMinor, a.currency)}</Table.Td>
                      <Table.Td>{a.projectTitle ?? '—'}</Table.Td>
                      <Table.Td><StatusBadge status={a.status} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryView>
        </Card>
      </Stack>
    </>
  );
}

function QuoteActions({ quote }: { quote: Quote }) {
  const { t } = useTranslation('funds');
  const { data: me } = useMe();
  const manages = useHasRole('fund_manager');
  const action = useQuoteAction(quote.id);
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
