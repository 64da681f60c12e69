import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guarantees } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { todayUtc } from '../ledger/public';
import { standingOf } from './reports';
import { restate } from './restate';
import { lockGuarantee, policyOf } from './store';

/**
 * A follow-up visit was just recorded on the project, in the caller's transaction: each of its active
 * guarantees is restated with the visit's rating (same outstanding and arrears), so the class and the
 * provision follow the worse of the two. A called guarantee is in loss already and stays there.
 */
export async function reassessProjectGuarantees(tx: Db, actor: Actor, projectId: string, visitRating: string | null, asOf = todayUtc()): Promise<number> {
  const rows = await tx
    .select({ id: guarantees.id })
    .from(guarantees)
    .where(and(eq(guarantees.projectId, projectId), eq(guarantees.status, 'active')))
    .orderBy(asc(guarantees.number));
  let changed = 0;
  for (const { id } of rows) {
    const { fund, row } = await lockGuarantee(tx, id);
    if (row.status !== 'active') continue;
    const policy = await policyOf(tx, row.fundId);
    const after = await restate(
      tx,
      actor,
      fund,
      row,
      policy,
      { asOf: asOf < row.outstandingOn ? row.outstandingOn : asOf, outstandingMinor: row.outstandingMinor, arrearsMinor: row.arrearsMinor, daysInArrears: row.daysInArrears, source: null },
      { reason: 'visit', visitRating },
    );
    if (after.riskClass === row.riskClass && after.provisionMinor === row.provisionMinor) continue;
    changed++;
    await recordAudit(tx, actor, { action: 'guarantee.reassess', entity: 'guarantee', entityId: id, structureId: row.structureId, before: standingOf(row), after: { ...standingOf(after), visitRating } });
  }
  return changed;
}
