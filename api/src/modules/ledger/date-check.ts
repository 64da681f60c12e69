import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../lib/rows';
import { todayUtc } from './posting';

/** An entry already in the books that the posting rule would refuse today, and the day that bounds it. */
export interface MisdatedEntry {
  entryId: number;
  fundCode: string;
  occurredOn: string;
  kind: string;
  boundOn: string;
  reason: string;
}

/**
 * Each rule the posting path enforces, as a query over what is already written: a database filled before
 * the rule (or by hand) is reported, so it is corrected by reversal instead of silently left wrong.
 */
function rules(today: string): { reason: string; query: SQL }[] {
  const original = sql`e.reverses_entry_id is null`;
  return [
    {
      reason: 'dated after today',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, ${today}::date as bound from journal_entries e where e.occurred_on > ${today}::date`,
    },
    {
      reason: 'dated before the fund opened',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, f.opened_on as bound from journal_entries e join funds f on f.id = e.fund_id where e.occurred_on < f.opened_on`,
    },
    {
      reason: 'a reversal dated before the entry it reverses',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, o.occurred_on as bound from journal_entries e join journal_entries o on o.id = e.reverses_entry_id where e.occurred_on < o.occurred_on`,
    },
    {
      reason: 'dated before the approval it follows',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, c.occurred_on as bound
        from journal_entries e
        left join cofinancing_tranches t on e.source_type = 'cofinancing_tranche' and t.id::text = e.source_id
        join journal_entries c on c.kind = 'commitment' and c.reverses_entry_id is null
          and c.source_type = (case when e.source_type = 'cofinancing_tranche' then 'cofinancing' else e.source_type end)
          and c.source_id = coalesce(t.request_id::text, e.source_id)
        where ${original} and e.kind <> 'commitment' and e.kind <> 'capital_contribution' and e.occurred_on < c.occurred_on`,
    },
    {
      reason: 'a tranche paid out before its agreement was signed',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, r.agreement_signed_on as bound
        from journal_entries e
        join cofinancing_tranches t on t.id::text = e.source_id
        join cofinancing_requests r on r.id = t.request_id
        where ${original} and e.source_type = 'cofinancing_tranche' and e.occurred_on < r.agreement_signed_on`,
    },
    {
      reason: 'a repayment or write-off dated before the loan was disbursed',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, l.disbursed_on as bound
        from journal_entries e join loans l on l.id::text = e.source_id
        where ${original} and e.source_type = 'loan' and e.kind in ('repayment', 'write_off') and e.occurred_on < l.disbursed_on`,
    },
    {
      reason: 'a supplier paid before the invoice',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, q.invoiced_on as bound
        from journal_entries e join equipment_quotes q on q.id::text = e.source_id
        where ${original} and e.source_type = 'equipment_quote' and e.kind = 'disbursement' and e.occurred_on < q.invoiced_on`,
    },
    {
      reason: 'posted into a period already closed',
      query: sql`select e.id, e.fund_id, e.occurred_on, e.kind, a.closes_on as bound
        from journal_entries e join accounting_closures a on a.fund_id = e.fund_id and a.status = 'approved'
        where e.occurred_on <= a.closes_on and e.posted_at > a.decided_at`,
    },
  ];
}

interface Row {
  id: string | number;
  fund_code: string;
  occurred_on: string;
  kind: string;
  bound: string;
}

export async function findMisdatedEntries(db: Db): Promise<MisdatedEntry[]> {
  const found: MisdatedEntry[] = [];
  for (const rule of rules(todayUtc())) {
    const result = await db.execute(sql`
      select m.id, f.code as fund_code, to_char(m.occurred_on, 'YYYY-MM-DD') as occurred_on, m.kind, to_char(m.bound, 'YYYY-MM-DD') as bound
      from (${rule.query}) m join funds f on f.id = m.fund_id
      order by m.id`);
    for (const row of rowsOf<Row>(result)) {
      found.push({ entryId: Number(row.id), fundCode: row.fund_code, occurredOn: row.occurred_on, kind: row.kind, boundOn: row.bound, reason: rule.reason });
    }
  }
  return found.sort((a, b) => a.entryId - b.entryId);
}

/** One line per entry, for the start-up log and `npm run db:check-dates`. */
export function describeMisdated(entry: MisdatedEntry): string {
  return `entry ${entry.entryId} (${entry.fundCode}, ${entry.kind}) dated ${entry.occurredOn}: ${entry.reason} (${entry.boundOn}); correct it by reversal`;
}
