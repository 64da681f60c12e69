import type { Policy, PolicyInput } from '@essor/shared/guarantees';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteePolicies } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, NotFound } from '../../lib/errors';
import type { Viewer } from '../../lib/viewer';
import { getFundRow, lockFund } from '../funds/public';
import { ensureGuaranteeFund } from './store';

type PolicyRow = typeof guaranteePolicies.$inferSelect;

function shapePolicy(row: PolicyRow): Policy {
  return {
    fundId: row.fundId,
    leverageCapPct: row.leverageCapPct,
    performingBps: row.performingBps,
    watchBps: row.watchBps,
    doubtfulBps: row.doubtfulBps,
    lossBps: row.lossBps,
    watchAfterDays: row.watchAfterDays,
    doubtfulAfterDays: row.doubtfulAfterDays,
    lossAfterDays: row.lossAfterDays,
  };
}

/**
 * Sets the fund's policy (insert or replace), under the fund's lock so an approval never reads half of it.
 * Provisions already booked move only at the guarantee's next restatement.
 */
export async function setPolicy(db: Db, actor: Actor, fundId: string, input: PolicyInput): Promise<Policy> {
  return db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    ensureGuaranteeFund(fund);
    const [before] = await tx.select().from(guaranteePolicies).where(eq(guaranteePolicies.fundId, fundId));
    const values = {
      leverageCapPct: input.leverageCapPct,
      performingBps: input.performingBps,
      watchBps: input.watchBps,
      doubtfulBps: input.doubtfulBps,
      lossBps: input.lossBps,
      watchAfterDays: input.watchAfterDays ?? 30,
      doubtfulAfterDays: input.doubtfulAfterDays ?? 90,
      lossAfterDays: input.lossAfterDays ?? 180,
      updatedBy: actor.id,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(guaranteePolicies)
      .values({ fundId, structureId: fund.structureId, ...values })
      .onConflictDoUpdate({ target: guaranteePolicies.fundId, set: values })
      .returning();
    await recordAudit(tx, actor, { action: 'guarantee_policy.set', entity: 'fund', entityId: fundId, structureId: fund.structureId, before: before ? shapePolicy(before) : null, after: shapePolicy(row) });
    return shapePolicy(row);
  });
}

/** The fund's policy as the viewer may read it (404 outside their reach; 409 while none is set). */
export async function getPolicy(db: Db, viewer: Viewer, fundId: string): Promise<Policy> {
  const fund = await getFundRow(db, fundId);
  ensureGuaranteeFund(fund);
  const [row] = await db.select().from(guaranteePolicies).where(eq(guaranteePolicies.fundId, fundId));
  if (viewer.structureIds !== null && !viewer.structureIds.includes(fund.structureId)) throw new NotFound('thing.fund');
  if (!row) throw new Conflict('guarantees.no_policy');
  return shapePolicy(row);
}
