import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { Conflict } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { rowsOf } from '../../lib/rows';
import { ACCOUNT, COMMITMENT_ACCOUNTS, todayUtc } from '../ledger/public';

export interface Availability {
  availableMinor: number;
  /** The day on which the fund has the least available, from the asked day on. */
  on: string;
}

/**
 * What the fund can still promise from a day on: the least it has available (bank minus commitments not
 * yet paid out) on that day or any later one, so money received later never covers an earlier movement
 * and a movement never leaves a later day short.
 */
export async function availableOf(db: Db, fundId: string, from: string): Promise<Availability> {
  const codes = [ACCOUNT.bank, ...COMMITMENT_ACCOUNTS];
  const result = await db.execute(sql`
    select to_char(e.occurred_on, 'YYYY-MM-DD') as day, sum(l.debit_minor - l.credit_minor) as delta
    from journal_lines l
    join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id
    where e.fund_id = ${fundId} and a.code in (${sql.join(codes.map((code) => sql`${code}`), sql`, `)})
    group by 1
    order by 1`);
  let running = 0;
  let least: Availability | null = null;
  for (const row of rowsOf<{ day: string; delta: string | number }>(result)) {
    if (row.day > from) least ??= { availableMinor: running, on: from };
    running += Number(row.delta);
    if (least && running < least.availableMinor) least = { availableMinor: running, on: row.day };
  }
  return least ?? { availableMinor: running, on: from };
}

/** The rule that a fund cannot overcommit. Under the fund lock: refuses an amount larger than what the fund has not yet promised, from its date on. */
export async function ensureAvailable(tx: Db, fundId: string, amountMinor: number, on = todayUtc()): Promise<Availability> {
  const available = await availableOf(tx, fundId, on);
  if (amountMinor > available.availableMinor) {
    throw new Conflict(msg('funds.not_available', { on: available.on, available: available.availableMinor, amount: amountMinor }), {
      amountMinor: [msg('field.above_available', { on: available.on })],
    });
  }
  return available;
}
