import { Alert, Anchor, Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Offering } from '@essor/shared/bonds';
import { IconDownload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { issuerTransferCsvPath, refundsCsvPath, usePayOver, useSettlement } from '../settlement-api';

const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * What becomes of the money once the offering is closed: for an active offering, the raise owed to the
 * issuer (payable, paid over, remaining) with the bank's transfer order and, for fund managers, the
 * recording of the transfer; for a failed or cancelled one, the refund file for the bank.
 */
export function SettlementCard({ offering, person }: { offering: Offering; person: { roles: readonly string[] } }) {
  if (offering.status === 'active') return <IssuerSettlement offering={offering} mayPayOver={person.roles.includes('fund_manager')} />;
  if (offering.status === 'failed' || offering.status === 'cancelled') return <RefundFile offering={offering} />;
  return null;
}

function RefundFile({ offering }: { offering: Offering }) {
  const { t } = useTranslation('bonds');
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="xs">{t('settlement.refundsTitle')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('settlement.refundsHint')}</Text>
      <Button component="a" href={refundsCsvPath(offering.id)} download variant="default" leftSection={<IconDownload size={16} />}>
        {t('settlement.refundsCsv')}
      </Button>
    </Card>
  );
}

function IssuerSettlement({ offering, mayPayOver }: { offering: Offering; mayPayOver: boolean }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const settlement = useSettlement(offering.id);
  const [paying, setPaying] = useState(false);
  const s = settlement.data;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('settlement.title')}</Title>
      {!s ? (
        <Text c="dimmed">…</Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={3} spacing="sm">
            <Amount label={t('settlement.payable')} value={format.money(s.payableMinor, s.currency)} />
            <Amount label={t('settlement.paidOver')} value={format.money(s.paidOverMinor, s.currency)} />
            <Amount label={t('settlement.remaining')} value={format.money(s.remainingMinor, s.currency)} />
          </SimpleGrid>
          {s.entries.map((e) => (
            <Text key={e.journalEntryId} size="xs" c="dimmed">
              {t('settlement.entry', { day: format.date(e.occurredOn), amount: format.money(e.amountMinor, s.currency), entry: e.journalEntryId })}
            </Text>
          ))}
          {s.actions.includes('pay_over') && (
            <>
              <Anchor size="sm" href={issuerTransferCsvPath(offering.id)} download>{t('settlement.transferOrderCsv')}</Anchor>
              {mayPayOver && <Button onClick={() => setPaying(true)}>{t('settlement.record')}</Button>}
            </>
          )}
          {s.remainingMinor === 0 && s.paidOverMinor > 0 && <Text size="sm" c="teal">{t('settlement.allPaidOver')}</Text>}
        </Stack>
      )}
      {paying && s && <PayOverModal offering={offering} remaining={format.money(s.remainingMinor, s.currency)} issuerName={s.issuerName} onClose={() => setPaying(false)} />}
    </Card>
  );
}

function Amount({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={700} size="sm">{value}</Text>
    </div>
  );
}

/** The transfer the bank executed: the day it left the trust account and the bank's reference; the API posts exactly what remains. */
export function PayOverModal({ offering, remaining, issuerName, onClose }: { offering: Pick<Offering, 'id' | 'code'>; remaining: string; issuerName: string; onClose: () => void }) {
  const { t } = useTranslation('bonds');
  const payOver = usePayOver(offering.id);
  const [paidOn, setPaidOn] = useState(todayIso());
  const [bankReference, setBankReference] = useState('');
  // One key for this transfer: a second click or a retry does not post it twice.
  const [key] = useState(newIdempotencyKey);
  const error = payOver.error instanceof ApiError ? payOver.error : null;
  const fields = error?.fields ?? {};
  const shownOnFields = ['paidOn', 'bankReference'].some((f) => fields[f]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!bankReference.trim()) return;
    payOver.mutate({ input: { paidOn, bankReference: bankReference.trim() }, key }, { onSuccess: () => { notifySuccess(t('settlement.recorded')); onClose(); } });
  };
  return (
    <Modal opened onClose={onClose} title={t('settlement.recordTitle', { code: offering.code })}>
      <Stack component="form" onSubmit={submit}>
        <Alert color="blue">{t('settlement.recordHint', { amount: remaining, issuer: issuerName })}</Alert>
        <TextInput type="date" label={t('settlement.paidOn')} required value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} error={fields.paidOn?.join(' ')} />
        <TextInput label={t('settlement.bankReference')} required maxLength={140} value={bankReference} onChange={(e) => setBankReference(e.currentTarget.value)} error={fields.bankReference?.join(' ')} />
        {error && !shownOnFields && <Alert color="red" role="alert">{error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" loading={payOver.isPending}>{t('settlement.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
