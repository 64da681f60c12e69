import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { Conflict, NotFound } from '../../lib/errors';

export type FundRow = typeof funds.$inferSelect;

export async function getFundRow(db: Db, fundId: string): Promise<FundRow> {
  const [row] = await db.select().from(funds).where(eq(funds.id, fundId));
  if (!row) throw new NotFound('thing.fund');
  return row;
}

/**
 * Takes the fund's row lock for the rest of the transaction: every commitment against a fund goes
 * through here, so two approvals never both spend the same available money.
 */
export async function lockFund(tx: Db, fundId: string): Promise<FundRow> {
  const [row] = await tx.select().from(funds).where(eq(funds.id, fundId)).for('update');
  if (!row) throw new NotFound('thing.fund');
  if (row.status !== 'active') throw new Conflict('funds.closed');
  return row;
}

/**
 * The one lock order of every money path: the fund's row first, then the document's row, re-read under
 * its own lock. `read(forUpdate)` reads the document (it names its fund); two paths never deadlock.
 */
export async function withFundLock<R extends { fundId: string }>(tx: Db, read: (forUpdate: boolean) => Promise<R>): Promise<{ fund: FundRow; row: R }> {
  const preview = await read(false);
  const fund = await lockFund(tx, preview.fundId);
  return { fund, row: await read(true) };
}
