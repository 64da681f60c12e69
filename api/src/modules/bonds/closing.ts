import type { Holding, Offering } from '@essor/shared/bonds';
import type { Page, PageQuery } from '@essor/shared/pagination';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondHoldings, bondInvestors, bondOfferings, bondSubscriptions } from '../../db/schema/bonds';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, Invalid, NotFound } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { builtPerShape } from '../../lib/prepared';
import { structureOfRow } from '../../lib/scope-guard';
import { assertReach } from '../../lib/scope';
import { postMovement, todayUtc } from '../ledger/public';
import { settleMatchPledges } from './matchfunding';
import { lockOffering, OFFERING_READERS, refuseStatus } from './offerings';
import { createPayouts } from './payouts';
import { addMonths } from './schedule';
import { offeringView, toOffering, type OfferingRow, type SubscriptionRow } from './shape';

export { addMonths };

export async function refund(tx: Db, actor: Actor, offering: OfferingRow, sub: SubscriptionRow, on: string, why: string): Promise<void> {
  await postMovement(tx, 'bond_subscription_refund', {
    fund: { id: offering.trustFundId, currency: offering.currency },
    amountMinor: sub.paidMinor,
    occurredOn: on,
    description: `Souscription ${sub.reference} à l'offre ${offering.code} : remboursée au souscripteur (${why})`,
    projectId: offering.issuerProjectId,
    source: { type: 'bond_subscription', id: sub.id },
    postedBy: actor.id,
  });
}

/**
 * Closes an open offering after its closing day or once every unit is paid, in one transaction under its
 * row lock. Below the minimum raise it fails: every paid subscription is refunded (posted). Otherwise it
 * becomes active: each paid subscription's money becomes owed to the issuer (posted) and it is allotted
 * the next bond numbers in seq order (the register's first lines, held from the issue day). Either way,
 * reservations not fully paid are cancelled (what part was paid is refunded) and the waitlist is dropped.
 * Closing a closed offering again answers it as it stands.
 */
export async function closeOffering(db: Db, actor: Actor, id: string, today = todayUtc()): Promise<Offering> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, id);
    if (offering.status === 'active' || offering.status === 'failed') return toOffering(await offeringView(tx, id));
    if (offering.status !== 'open') refuseStatus(offering);
    const full = offering.paidUnits >= offering.maxUnits;
    if (!full && today <= offering.closesOn) throw new Conflict(msg('bonds.not_closable', { closesOn: offering.closesOn }));
    const failed = offering.paidUnits < offering.minUnits;
    const subs = await tx
      .select()
      .from(bondSubscriptions)
      .where(and(eq(bondSubscriptions.offeringId, id), sql`${bondSubscriptions.status} in ('paid', 'reserved', 'waitlisted')`))
      .orderBy(asc(bondSubscriptions.seq))
      .for('update');
    const now = new Date();
    let nextNumber = 1;
    const tally = { allotted: 0, refunded: 0, cancelled: 0 };
    for (const sub of subs) {
      if (sub.status === 'paid' && !failed) {
        await postMovement(tx, 'bond_issuer_payable', {
          fund: { id: offering.trustFundId, currency: offering.currency },
          amountMinor: sub.paidMinor,
          occurredOn: today,
          description: `Souscription ${sub.reference} à l'offre ${offering.code} : due à l'émetteur, obligations attribuées`,
          projectId: offering.issuerProjectId,
          source: { type: 'bond_subscription', id: sub.id },
          postedBy: actor.id,
        });
        await tx.insert(bondHoldings).values({
          structureId: offering.structureId,
          offeringId: id,
          investorId: sub.investorId,
          firstNumber: nextNumber,
          lastNumber: nextNumber + sub.units - 1,
          heldFrom: today,
          origin: 'allotment',
          subscriptionId: sub.id,
        });
        nextNumber += sub.units;
        await tx.update(bondSubscriptions).set({ status: 'allotted', closedAt: now, updatedAt: now }).where(eq(bondSubscriptions.id, sub.id));
        tally.allotted++;
      } else if (sub.status === 'paid') {
        await refund(tx, actor, offering, sub, today, 'minimum non atteint');
        await tx.update(bondSubscriptions).set({ status: 'refunded', closedAt: now, updatedAt: now }).where(eq(bondSubscriptions.id, sub.id));
        tally.refunded++;
      } else {
        if (sub.paidMinor > 0) await refund(tx, actor, offering, sub, today, 'paiement incomplet à la clôture');
        await tx.update(bondSubscriptions).set({ status: sub.paidMinor > 0 ? 'refunded' : 'cancelled', closedAt: now, updatedAt: now }).where(eq(bondSubscriptions.id, sub.id));
        if (sub.paidMinor > 0) tally.refunded++;
        else tally.cancelled++;
      }
    }
    await settleMatchPledges(tx, actor, offering, failed ? { released: 'minimum non atteint' } : { paidMinor: offering.paidUnits * offering.unitPriceMinor }, today);
    const status = failed ? ('failed' as const) : ('active' as const);
    await tx
      .update(bondOfferings)
      .set({
        status,
        reservedUnits: 0,
        paidUnits: failed ? 0 : offering.paidUnits,
        ...(failed ? {} : { issuedOn: today, maturesOn: addMonths(today, offering.termMonths) }),
        updatedAt: now,
      })
      .where(eq(bondOfferings.id, id));
    // The coupon schedule is written with the register it pays.
    if (!failed) await createPayouts(tx, id);
    await recordAudit(tx, actor, {
      action: 'bond_offering.close',
      entity: 'bond_offering',
      entityId: id,
      structureId: offering.structureId,
      before: { status: offering.status, paidUnits: offering.paidUnits, reservedUnits: offering.reservedUnits },
      after: { status, ...tally },
    });
    return toOffering(await offeringView(tx, id));
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of the register of bondholders, built once per shape (first page or after a cursor). */
const holdingsPage = builtPerShape((db, has, shape) =>
  db
    .select({ h: bondHoldings, holderName: bondInvestors.fullName, holderAddress: bondInvestors.address })
    .from(bondHoldings)
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondHoldings.investorId))
    .where(
      and(
        eq(bondHoldings.offeringId, sql.placeholder('offeringId')),
        has('cursor') ? sql`(${bondHoldings.firstNumber}, ${bondHoldings.id}) > (${sql.placeholder('first')}::integer, ${sql.placeholder('lineId')}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(bondHoldings.firstNumber), asc(bondHoldings.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_holdings_${shape}`),
);

/** The register of bondholders of an offering, by bond number, keyset paged on (first number, line id). */
export async function listHoldings(db: Db, user: CurrentUser, offeringId: string, query: PageQuery): Promise<Page<Holding>> {
  let after: { first: number; lineId: string } | null = null;
  if (query.cursor) {
    const [first, lineId] = decodeCursor(query.cursor);
    if (typeof first !== 'number' || !Number.isSafeInteger(first) || typeof lineId !== 'string' || !UUID.test(lineId)) throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
    after = { first, lineId };
  }
  // The page is read beside the offering's structure (known already when the route's scope guard read it) and
  // dropped unseen when the reader's reach does not cover it.
  const [structureId, rows] = await Promise.all([
    structureOfRow(db, 'bond_offering', offeringId, user),
    holdingsPage(db, [Boolean(after) && 'cursor']).execute({ offeringId, first: after?.first ?? null, lineId: after?.lineId ?? null, limit: query.limit + 1 }),
  ]);
  if (!structureId) throw new NotFound('thing.bond_offering');
  assertReach(user, structureId, OFFERING_READERS, 'thing.bond_offering');
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.h.firstNumber, r.h.id));
  return {
    items: page.items.map(({ h, holderName, holderAddress }) => ({
      id: h.id,
      offeringId: h.offeringId,
      investorId: h.investorId,
      holderName,
      holderAddress,
      firstNumber: h.firstNumber,
      lastNumber: h.lastNumber,
      units: h.lastNumber - h.firstNumber + 1,
      heldFrom: h.heldFrom,
      heldUntil: h.heldUntil,
      origin: h.origin as Holding['origin'],
      subscriptionId: h.subscriptionId,
    })),
    nextCursor: page.nextCursor,
  };
}

export function exportHoldings(db: Db, user: CurrentUser, offeringId: string): AsyncGenerator<Holding[]> {
  return allPages((cursor) => listHoldings(db, user, offeringId, { cursor, limit: WALK_PAGE_SIZE }));
}
