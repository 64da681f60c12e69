import { Table, Text } from '@mantine/core';
import type { GuaranteeDetail } from '@essor/shared/guarantees';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { GuaranteeStatusBadge, RiskBadge } from './guarantee-badges';

/** A small table, or a sentence when it has no row yet. */
function HistoryTable({ headers, rows, empty }: { headers: string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead><Table.Tr>{headers.map((h) => <Table.Th key={h}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((cells, i) => <Table.Tr key={i}>{cells.map((c, j) => <Table.Td key={j}>{c}</Table.Td>)}</Table.Tr>)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const entry = (id: number | null) => (id === null ? '—' : `#${id}`);
/** Oldest first, as the history happened (same day: in the order it was recorded). */
const byDay = <T,>(rows: T[], day: (row: T) => string) => [...rows].sort((a, b) => day(a).localeCompare(day(b)));

export function OutstandingsTable({ guarantee: g }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  return (
    <HistoryTable
      empty={t('history.noOutstanding')}
      headers={[t('history.asOf'), t('history.source'), t('history.outstanding'), t('history.arrears'), t('history.daysInArrears'), t('figures.exposure')]}
      rows={byDay(g.outstandings, (o) => o.asOf).map((o) => [f.date(o.asOf), t(`sources.${o.source}`), f.money(o.outstandingMinor, g.currency), f.money(o.arrearsMinor, g.currency), f.number(o.daysInArrears), f.money(o.exposureMinor, g.currency)])}
    />
  );
}

export function RiskChangesTable({ guarantee: g }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  return (
    <HistoryTable
      empty={t('history.noRiskChange')}
      headers={[t('history.on'), t('history.fromClass'), t('history.toClass'), t('history.reason'), t('figures.exposure'), t('history.provisionBefore'), t('history.provisionAfter'), t('history.entry')]}
      rows={byDay(g.riskChanges, (r) => `${r.occurredOn} ${r.createdAt}`).map((r) => [
        f.date(r.occurredOn),
        <RiskBadge key="from" riskClass={r.fromClass} />,
        <RiskBadge key="to" riskClass={r.toClass} />,
        t(`reasons.${r.reason}`),
        f.money(r.exposureMinor, g.currency),
        f.money(r.provisionBeforeMinor, g.currency),
        f.money(r.provisionAfterMinor, g.currency),
        entry(r.journalEntryId),
      ])}
    />
  );
}

export function FeesTable({ guarantee: g }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  return (
    <HistoryTable
      empty={t('history.noFee')}
      headers={[t('history.on'), t('history.basis'), t('history.base'), t('history.amount'), t('history.entry')]}
      rows={byDay(g.fees, (fee) => fee.chargedOn).map((fee) => [f.date(fee.chargedOn), t(`feeBases.${fee.basis}`), f.money(fee.baseMinor, g.currency), f.money(fee.amountMinor, g.currency), entry(fee.journalEntryId)])}
    />
  );
}

export function CallsTable({ guarantee: g }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  return (
    <HistoryTable
      empty={t('history.noCall')}
      headers={[t('call.defaultedOn'), t('call.calledOn'), t('call.declaredLoss'), t('call.claimed'), t('call.payout'), t('history.status'), t('call.paidOn')]}
      rows={g.calls.map((c) => [
        f.date(c.defaultedOn),
        f.date(c.calledOn),
        f.money(c.declaredLossMinor, g.currency),
        f.money(c.claimedMinor, g.currency),
        f.money(c.payoutMinor, g.currency),
        <GuaranteeStatusBadge key="status" status={`call_${c.status}`} />,
        f.date(c.paidOn),
      ])}
    />
  );
}

export function RecoveriesTable({ guarantee: g }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  return (
    <HistoryTable
      empty={t('history.noRecovery')}
      headers={[t('recovery.receivedOn'), t('recovery.bankRecovered'), t('recovery.fundShare'), t('history.entry')]}
      rows={g.recoveries.map((r) => [f.date(r.receivedOn), f.money(r.bankRecoveredMinor, g.currency), f.money(r.fundShareMinor, g.currency), entry(r.journalEntryId)])}
    />
  );
}
