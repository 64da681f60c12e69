import { OpenAPIHono, z } from '@hono/zod-openapi';
import { offeringInvestorQuerySchema, offeringInvestorSchema, type OfferingInvestor, type OfferingInvestorQuery } from '@essor/shared/bond-payouts';
import { and, asc, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondHoldings, bondInvestors } from '../../db/schema/bonds';
import { requireUser } from '../../lib/authz';
import type { AppEnv, CurrentUser } from '../../lib/context';
import { defineRoute, idParams, json } from '../../lib/route';
import { structureInReach } from '../../lib/scope-guard';
import { OFFERING_READERS } from './offerings';
import { containsPattern } from '../../lib/like';

/** How many names a picker shows at once: typing narrows it. */
const PICKER_SIZE = 50;

/**
 * The investors registered with the offering's structure, by name, with the bonds of this offering each
 * holds now: who may give bonds (those holding) and who may receive them (any of them).
 */
export async function listOfferingInvestors(db: Db, user: CurrentUser, offeringId: string, query: OfferingInvestorQuery): Promise<OfferingInvestor[]> {
  const structureId = await structureInReach(db, user, 'bond_offering', offeringId, OFFERING_READERS);
  const unitsHeld = sql<number>`coalesce(sum(${bondHoldings.lastNumber} - ${bondHoldings.firstNumber} + 1), 0)::int`;
  const where: SQL[] = [eq(bondInvestors.structureId, structureId)];
  if (query.q) where.push(ilike(bondInvestors.fullName, containsPattern(query.q)));
  const rows = await db
    .select({ id: bondInvestors.id, fullName: bondInvestors.fullName, unitsHeld })
    .from(bondInvestors)
    .leftJoin(bondHoldings, and(eq(bondHoldings.investorId, bondInvestors.id), eq(bondHoldings.offeringId, offeringId), isNull(bondHoldings.heldUntil)))
    .where(and(...where))
    .groupBy(bondInvestors.id, bondInvestors.fullName)
    .having(query.holding === 'true' ? sql`count(${bondHoldings.id}) > 0` : undefined)
    .orderBy(asc(bondInvestors.fullName), asc(bondInvestors.id))
    .limit(PICKER_SIZE);
  return rows.map((r) => ({ ...r, unitsHeld: Number(r.unitsHeld) }));
}

const investorsRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/investors',
  tags: ['bonds'],
  summary: "Investors registered with the offering's structure, by name, with the bonds of the offering each holds now (for the transfer pickers)",
  request: { params: idParams, query: offeringInvestorQuerySchema },
  responses: { 200: { description: 'Up to 50 investors', ...json(z.array(offeringInvestorSchema)) }, 404: { description: 'Unknown offering' } },
}, { params: { id: 'bond_offering' } });

/** The investor directory of an offering, mounted under /api/bonds. */
export const investorDirectoryRoutes = new OpenAPIHono<AppEnv>().openapi(investorsRoute, async (c) =>
  c.json(await listOfferingInvestors(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('query')), 200),
);
