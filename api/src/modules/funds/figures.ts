import type { FundFigures, FundTimelinePoint } from '@essor/shared/funds';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../lib/rows';
import { anyOf } from '../../lib/any-of';
import { ACCOUNT, COMMITMENT_ACCOUNTS } from '../ledger/public';
import { getFundRow } from './lock';

/** Net debit (debits minus credits) per account code and entry kind: every figure is a sum of these. */
type Movements = Map<string, Map<string, number>>;

export function figuresFrom(movements: Movements): FundFigures {
  const net = (code: string, kinds?: string[]) => {
    let total = 0;
    for (const [kind, amount] of movements.get(code) ?? []) if (!kinds || kinds.includes(kind)) total += amount;
    return total;
  };
  const sumOver = (codes: readonly string[], kinds?: string[]) => codes.reduce((sum, code) => sum + net(code, kinds), 0);
  const cash = net(ACCOUNT.bank);
  const outstanding = 0 - sumOver(COMMITMENT_ACCOUNTS);
  return {
    capitalMinor: 0 - net(ACCOUNT.capital),
    committedMinor: 0 - sumOver(COMMITMENT_ACCOUNTS, ['commitment', 'cancellation']),
    disbursedMinor: sumOver(COMMITMENT_ACCOUNTS, ['disbursement']),
    repaidMinor: 0 - net(ACCOUNT.loansReceivable, ['repayment']),
    interestMinor: 0 - net(ACCOUNT.interestIncome),
    writtenOffMinor: net(ACCOUNT.loanLosses),
    outstandingCommitmentsMinor: outstanding,
    loansOutstandingMinor: net(ACCOUNT.loansReceivable) + net(ACCOUNT.loansToDisburse),
    equipmentValueMinor: net(ACCOUNT.equipment),
    cashMinor: cash,
    availableMinor: cash - outstanding,
  };
}

interface MovementRow {
  fund_id: string;
  month?: string;
  code: string;
  kind: string;
  net: string | number;
}

function addMovement(movements: Movements, row: MovementRow) {
  const byKind = movements.get(row.code) ?? new Map<string, number>();
  byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + Number(row.net));
  movements.set(row.code, byKind);
}

/** Figures of several funds (or all) from one grouped pass over the ledger. */
export async function figuresOfFunds(db: Db, fundIds: string[] | null, asOf?: string): Promise<Map<string, FundFigures>> {
  if (fundIds && fundIds.length === 0) return new Map();
  const result = await db.execute(sql`
    select e.fund_id, a.code, e.kind, sum(l.debit_minor - l.credit_minor) as net
    from journal_lines l
    join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id
    where ${fundIds ? anyOf(sql`e.fund_id`, fundIds, 'uuid') : sql`true`}
      and ${asOf ? sql`e.occurred_on <= ${asOf}` : sql`true`}
    group by e.fund_id, a.code, e.kind`);
  const byFund = new Map<string, Movements>();
  for (const row of rowsOf<MovementRow>(result)) {
    const movements = byFund.get(row.fund_id) ?? new Map();
    addMovement(movements, row);
    byFund.set(row.fund_id, movements);
  }
  const figures = new Map<string, FundFigures>();
  for (const id of fundIds ?? [...byFund.keys()]) figures.set(id, figuresFrom(byFund.get(id) ?? new Map()));
  return figures;
}

export async function fundFigures(db: Db, fundId: string, asOf?: string): Promise<FundFigures> {
  return (await figuresOfFunds(db, [fundId], asOf)).get(fundId)!;
}

/** Month by month, the figures as they stood at each month's end. */
export async function fundTimeline(db: Db, fundId: string): Promise<FundTimelinePoint[]> {
  await getFundRow(db, fundId);
  const result = await db.execute(sql`
    select to_char(e.occurred_on, 'YYYY-MM') as month, a.code, e.kind, sum(l.debit_minor - l.credit_minor) as net
    from journal_lines l
    join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id
    where e.fund_id = ${fundId}
    group by 1, a.code, e.kind
    order by 1`);
  const rows = rowsOf<MovementRow & { month: string }>(result);
  const months = [...new Set(rows.map((row) => row.month))];
  const cumulative: Movements = new Map();
  return months.map((month) => {
    for (const row of rows) if (row.month === month) addMovement(cumulative, row);
    return { month, figures: figuresFrom(cumulative) };
  });
}

