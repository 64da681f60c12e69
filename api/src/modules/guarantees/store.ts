import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { followupVisits } from '../../db/schema/followup';
import { guaranteePolicies, guarantees } from '../../db/schema/guarantees';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { rowsOf } from '../../lib/rows';
import { lockFund, type FundRow } from '../funds/public';
import type { RiskPolicy } from './rules';
import { anyOf } from '../../lib/any-of';

export type GuaranteeRow = typeof guarantees.$inferSelect;

/** Statuses in which the fund still stands behind the loan: they carry exposure and count against the leverage cap. */
export const LIVE_STATUSES = ['active', 'called'] as const;

export async function guaranteeRow(db: Db, id: string, forUpdate = false): Promise<GuaranteeRow> {
  const query = db.select().from(guarantees).where(eq(guarantees.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFound('thing.guarantee');
  return row;
}

/**
 * The one lock order of every guarantee money path: the fund's row (funds/lock.ts), then the guarantee's,
 * re-read under its own lock. Two approvals of one fund queue on the fund, so the leverage cap holds.
 */
export async function lockGuarantee(tx: Db, id: string): Promise<{ fund: FundRow; row: GuaranteeRow }> {
  const preview = await guaranteeRow(tx, id);
  const fund = await lockFund(tx, preview.fundId);
  return { fund, row: await guaranteeRow(tx, id, true) };
}

export function ensureGuaranteeFund(fund: Pick<FundRow, 'type'>, field = 'fundId'): void {
  if (fund.type !== 'guarantee') throw new Unprocessable('guarantees.not_guarantee_fund', 'invalid', { [field]: ['guarantees.not_guarantee_fund'] });
}

export async function policyOf(db: Db, fundId: string): Promise<RiskPolicy> {
  const [row] = await db.select().from(guaranteePolicies).where(eq(guaranteePolicies.fundId, fundId));
  if (!row) throw new Conflict('guarantees.no_policy');
  return row;
}

/**
 * The fund's net assets from its books: assets less liabilities (provisions and calls payable included),
 * memorandum accounts left out; that is its capital plus what it earned less what it lost or provisioned.
 */
export async function netAssetsOf(db: Db, fundIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(fundIds.map((id) => [id, 0]));
  if (fundIds.length === 0) return result;
  const rows = rowsOf<{ fund_id: string; net: string | number }>(
    await db.execute(sql`
      select a.fund_id, coalesce(sum(l.debit_minor - l.credit_minor), 0) as net
      from journal_lines l join ledger_accounts a on a.id = l.account_id
      where a.fund_id in (${sql.join(fundIds.map((id) => sql`${id}::uuid`), sql`, `)}) and a.type in ('asset', 'liability')
      group by a.fund_id`),
  );
  for (const row of rows) result.set(row.fund_id, Number(row.net));
  return result;
}

/** What the fund's live guarantees expose it to now (the sum the leverage cap bounds). */
export async function exposureOfFunds(db: Db, fundIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(fundIds.map((id) => [id, 0]));
  if (fundIds.length === 0) return result;
  const rows = await db
    .select({ fundId: guarantees.fundId, exposure: sql<string>`coalesce(sum(${guarantees.exposureMinor}), 0)` })
    .from(guarantees)
    .where(and(anyOf(guarantees.fundId, fundIds), anyOf(guarantees.status, [...LIVE_STATUSES])))
    .groupBy(guarantees.fundId);
  for (const row of rows) result.set(row.fundId, Number(row.exposure));
  return result;
}

/** The latest follow-up visit's risk rating of the project, if any. */
export async function latestVisitRating(db: Db, projectId: string): Promise<string | null> {
  const [row] = await db
    .select({ rating: followupVisits.riskRating })
    .from(followupVisits)
    .where(eq(followupVisits.projectId, projectId))
    .orderBy(desc(followupVisits.visitedOn), desc(followupVisits.createdAt))
    .limit(1);
  return row?.rating ?? null;
}
