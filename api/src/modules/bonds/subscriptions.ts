import { isAdultOn, LIVE_SUBSCRIPTION_STATUSES, subscriptionAmountMinor, type InvestorProfile, type InvestorProfileInput, type LapseResult, type Subscription, type SubscriptionListQuery } from '@essor/shared/bonds';
import type { Page } from '@essor/shared/pagination';
import { and, asc, desc, eq, gt, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondInvestors, bondOfferings, bondSubscriptions } from '../../db/schema/bonds';
import { funds } from '../../db/schema/funds';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeIdCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { builtPerShape } from '../../lib/prepared';
import { structureOfRow } from '../../lib/scope-guard';
import { assertReach, inPlaceholderReach, structuresReached } from '../../lib/scope';
import { todayUtc } from '../ledger/public';
import { notify } from '../notifications/public';
import { lockOffering, OFFERING_READERS, refuseStatus } from './offerings';
import { newPaymentReference } from './references';
import { toSubscription, type OfferingRow, type SubscriptionRow, type SubscriptionView } from './shape';
import { anyOf } from '../../lib/any-of';

const DAY_MS = 86_400_000;

function toProfile(row: typeof bondInvestors.$inferSelect): InvestorProfile {
  return {
    id: row.id,
    structureId: row.structureId,
    fullName: row.fullName,
    address: row.address,
    bornOn: row.bornOn,
    termsAcceptedAt: row.termsAcceptedAt.toISOString(),
    riskAcceptedAt: row.riskAcceptedAt.toISOString(),
  };
}

/**
 * Registers the person as an investor with the offering's structure (each structure keeps its own
 * register), or updates their details: adults only, on the day; the terms and the risk accepted now.
 */
export async function registerInvestor(db: Db, actor: Actor, userId: string, input: InvestorProfileInput, today = todayUtc()): Promise<InvestorProfile> {
  const [offering] = await db.select({ structureId: bondOfferings.structureId, status: bondOfferings.status }).from(bondOfferings).where(eq(bondOfferings.id, input.offeringId));
  if (!offering || offering.status === 'draft' || offering.status === 'approved') throw new NotFound('thing.bond_offering');
  if (input.bornOn > today) throw new Unprocessable('bonds.born_after_today', 'invalid', { bornOn: [msg('field.after_today', { today })] });
  if (!isAdultOn(input.bornOn, today)) throw new Unprocessable('bonds.minor', 'invalid', { bornOn: ['bonds.field_minor'] });
  const now = new Date();
  return db.transaction(async (tx) => {
    const values = { fullName: input.fullName, address: input.address, bornOn: input.bornOn, termsAcceptedAt: now, riskAcceptedAt: now, updatedAt: now };
    const [row] = await tx
      .insert(bondInvestors)
      .values({ ...values, userId, structureId: offering.structureId })
      .onConflictDoUpdate({ target: [bondInvestors.userId, bondInvestors.structureId], set: values })
      .returning();
    await recordAudit(tx, actor, { action: 'bond_investor.register', entity: 'bond_investor', entityId: row.id, structureId: row.structureId, after: { fullName: row.fullName, termsAccepted: true, riskAccepted: true } });
    return toProfile(row);
  });
}

export async function listMyProfiles(db: Db, userId: string): Promise<InvestorProfile[]> {
  return (await db.select().from(bondInvestors).where(eq(bondInvestors.userId, userId)).orderBy(asc(bondInvestors.createdAt))).map(toProfile);
}

function subscriptionViewQuery(db: Db) {
  return db
    .select({
      s: bondSubscriptions,
      offeringCode: bondOfferings.code,
      offeringTitle: bondOfferings.title,
      investorName: bondInvestors.fullName,
      fund: { code: funds.code, name: funds.name, description: funds.description },
    })
    .from(bondSubscriptions)
    .innerJoin(bondOfferings, eq(bondOfferings.id, bondSubscriptions.offeringId))
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
    .innerJoin(funds, eq(funds.id, bondOfferings.trustFundId));
}

export async function subscriptionView(db: Db, id: string): Promise<SubscriptionView> {
  const [row] = await subscriptionViewQuery(db).where(eq(bondSubscriptions.id, id));
  if (!row) throw new NotFound('thing.bond_subscription');
  return row;
}

/** Units this investor already holds or waits for on the offering (what the per-person limits count). */
async function liveUnitsOf(tx: Db, offeringId: string, investorId: string): Promise<number> {
  const [row] = await tx
    .select({ units: sql<number>`coalesce(sum(${bondSubscriptions.units}), 0)::int` })
    .from(bondSubscriptions)
    .where(and(eq(bondSubscriptions.offeringId, offeringId), eq(bondSubscriptions.investorId, investorId), anyOf(bondSubscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES])));
  return Number(row?.units ?? 0);
}

/** A unique reference: drawn again in the rare case of a collision (never seen twice by the unique index). */
async function insertSubscription(tx: Db, values: Omit<typeof bondSubscriptions.$inferInsert, 'reference'>): Promise<SubscriptionRow> {
  for (let attempt = 0; ; attempt++) {
    const reference = newPaymentReference();
    const [taken] = await tx.select({ id: bondSubscriptions.id }).from(bondSubscriptions).where(eq(bondSubscriptions.reference, reference));
    if (taken && attempt < 5) continue;
    const [row] = await tx
      .insert(bondSubscriptions)
      .values({ ...values, reference })
      .returning();
    return row;
  }
}

/**
 * Subscribes the signed-in investor for N units. The limits are checked, then under the offering's row
 * lock the units are reserved when reserved + paid + N fits the maximum (the counters move in the same
 * transaction), else the subscription joins the waitlist. Concurrent subscribers queue on that one lock,
 * whatever the number of processes: the cap is never passed (and the table's check says so too).
 */
export async function subscribe(db: Db, actor: Actor, userId: string, offeringId: string, units: number, now = new Date()): Promise<Subscription> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, offeringId);
    if (offering.status !== 'open') refuseStatus(offering);
    const today = now.toISOString().slice(0, 10);
    if (today < offering.opensOn) throw new Conflict(msg('bonds.opens_later', { opensOn: offering.opensOn }));
    if (today > offering.closesOn) throw new Conflict(msg('bonds.closed_on', { closesOn: offering.closesOn }));
    const [investor] = await tx.select().from(bondInvestors).where(and(eq(bondInvestors.userId, userId), eq(bondInvestors.structureId, offering.structureId)));
    if (!investor) throw new Conflict('bonds.profile_required');
    if (!isAdultOn(investor.bornOn, today)) throw new Unprocessable('bonds.minor', 'invalid', { bornOn: ['bonds.field_minor'] });
    const already = await liveUnitsOf(tx, offeringId, investor.id);
    if (already + units > offering.maxUnitsPerPerson) {
      throw new Unprocessable(msg('bonds.above_person_max', { max: offering.maxUnitsPerPerson, already, left: Math.max(0, offering.maxUnitsPerPerson - already) }), 'invalid', { units: [msg('bonds.field_at_most', { max: offering.maxUnitsPerPerson - already })] });
    }
    if (already + units < offering.minUnitsPerPerson) {
      throw new Unprocessable(msg('bonds.below_person_min', { min: offering.minUnitsPerPerson }), 'invalid', { units: [msg('bonds.field_at_least', { min: offering.minUnitsPerPerson - already })] });
    }
    const fits = offering.reservedUnits + offering.paidUnits + units <= offering.maxUnits;
    const base = {
      structureId: offering.structureId,
      offeringId,
      investorId: investor.id,
      units,
      amountMinor: subscriptionAmountMinor(units, offering.unitPriceMinor),
      currency: offering.currency,
    };
    const row = fits
      ? await insertSubscription(tx, { ...base, status: 'reserved', reservedAt: now, expiresAt: new Date(now.getTime() + offering.paymentDays * DAY_MS) })
      : await insertSubscription(tx, { ...base, status: 'waitlisted' });
    if (fits) await tx.update(bondOfferings).set({ reservedUnits: sql`${bondOfferings.reservedUnits} + ${units}`, updatedAt: now }).where(eq(bondOfferings.id, offeringId));
    await recordAudit(tx, actor, { action: 'bond_subscription.create', entity: 'bond_subscription', entityId: row.id, structureId: row.structureId, after: { offeringId, units, status: row.status, reference: row.reference } });
    return toSubscription(await subscriptionView(tx, row.id));
  });
}

/**
 * Serves the waitlist in seq order while units remain, under the offering's lock (the caller holds it):
 * each waitlisted subscription that fits is reserved, with its own payment deadline, and its person told.
 * One that does not fit is passed over, not dropped: it keeps its place for the next units freed.
 */
export async function serveWaitlist(tx: Db, offering: OfferingRow, now: Date): Promise<number> {
  let free = offering.maxUnits - offering.reservedUnits - offering.paidUnits;
  if (free <= 0) return 0;
  const waiting = await tx
    .select({ s: bondSubscriptions, userId: bondInvestors.userId })
    .from(bondSubscriptions)
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
    .where(and(eq(bondSubscriptions.offeringId, offering.id), eq(bondSubscriptions.status, 'waitlisted')))
    .orderBy(asc(bondSubscriptions.seq))
    .for('update', { of: bondSubscriptions });
  let promoted = 0;
  let units = 0;
  for (const { s, userId } of waiting) {
    if (free <= 0) break;
    if (s.units > free) continue;
    const expiresAt = new Date(now.getTime() + offering.paymentDays * DAY_MS);
    await tx.update(bondSubscriptions).set({ status: 'reserved', reservedAt: now, expiresAt, updatedAt: now }).where(eq(bondSubscriptions.id, s.id));
    await notify(tx, {
      kind: 'bond.reserved_from_waitlist',
      recipients: [userId],
      structureId: s.structureId,
      eventKey: s.id,
      params: { offeringTitle: offering.title, units: s.units, amountMinor: s.amountMinor, currency: s.currency, reference: s.reference, expiresAt: expiresAt.toISOString() },
      link: '/my/bonds',
    });
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'bond_subscription.promote', entity: 'bond_subscription', entityId: s.id, structureId: s.structureId, before: { status: 'waitlisted' }, after: { status: 'reserved', expiresAt } });
    free -= s.units;
    units += s.units;
    promoted++;
  }
  if (units > 0) {
    await tx.update(bondOfferings).set({ reservedUnits: sql`${bondOfferings.reservedUnits} + ${units}`, updatedAt: now }).where(eq(bondOfferings.id, offering.id));
  }
  return promoted;
}

/** The person withdraws a reservation not yet paid, or leaves the waitlist: the units go to the next in line. */
export async function cancelMySubscription(db: Db, actor: Actor, userId: string, subscriptionId: string, now = new Date()): Promise<Subscription> {
  return db.transaction(async (tx) => {
    const [mine] = await tx
      .select({ offeringId: bondSubscriptions.offeringId })
      .from(bondSubscriptions)
      .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
      .where(and(eq(bondSubscriptions.id, subscriptionId), eq(bondInvestors.userId, userId)));
    if (!mine) throw new NotFound('thing.bond_subscription');
    const offering = await lockOffering(tx, mine.offeringId);
    const [sub] = await tx.select().from(bondSubscriptions).where(eq(bondSubscriptions.id, subscriptionId)).for('update');
    if (sub.status === 'cancelled') return toSubscription(await subscriptionView(tx, sub.id));
    if (sub.status !== 'reserved' && sub.status !== 'waitlisted') throw new Conflict(msg('bonds.subscription_status', { status: named('subscription_status', sub.status) }));
    if (sub.paidMinor > 0) throw new Conflict('bonds.cancel_part_paid');
    await tx.update(bondSubscriptions).set({ status: 'cancelled', closedAt: now, updatedAt: now }).where(eq(bondSubscriptions.id, sub.id));
    if (sub.status === 'reserved') {
      const [freed] = await tx
        .update(bondOfferings)
        .set({ reservedUnits: sql`${bondOfferings.reservedUnits} - ${sub.units}`, updatedAt: now })
        .where(eq(bondOfferings.id, offering.id))
        .returning();
      if (freed.status === 'open') await serveWaitlist(tx, freed, now);
    }
    await recordAudit(tx, actor, { action: 'bond_subscription.cancel', entity: 'bond_subscription', entityId: sub.id, structureId: sub.structureId, before: { status: sub.status }, after: { status: 'cancelled' } });
    return toSubscription(await subscriptionView(tx, sub.id));
  });
}

/**
 * The scheduled job: lapses reservations past their deadline with nothing paid (their units are freed),
 * then serves the waitlist. Each offering is done in its own transaction under its row lock, and what to
 * lapse is read again under it: two processes running the job at once lapse and promote each one once.
 */
export async function lapseReservations(db: Db, now = new Date()): Promise<LapseResult> {
  const due = await db
    .selectDistinct({ offeringId: bondSubscriptions.offeringId })
    .from(bondSubscriptions)
    .where(and(eq(bondSubscriptions.status, 'reserved'), lte(bondSubscriptions.expiresAt, now), eq(bondSubscriptions.paidMinor, 0)));
  let lapsed = 0;
  let promoted = 0;
  for (const { offeringId } of due) {
    await db.transaction(async (tx) => {
      const offering = await lockOffering(tx, offeringId);
      if (offering.status !== 'open') return;
      const expired = await tx
        .select({ s: bondSubscriptions, userId: bondInvestors.userId })
        .from(bondSubscriptions)
        .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
        .where(and(eq(bondSubscriptions.offeringId, offeringId), eq(bondSubscriptions.status, 'reserved'), lte(bondSubscriptions.expiresAt, now), eq(bondSubscriptions.paidMinor, 0)))
        .for('update', { of: bondSubscriptions });
      if (expired.length === 0) return;
      let units = 0;
      for (const { s, userId } of expired) {
        await tx.update(bondSubscriptions).set({ status: 'lapsed', closedAt: now, updatedAt: now }).where(eq(bondSubscriptions.id, s.id));
        await notify(tx, {
          kind: 'bond.reservation_lapsed',
          recipients: [userId],
          structureId: s.structureId,
          eventKey: s.id,
          params: { offeringTitle: offering.title, units: s.units, amountMinor: s.amountMinor, currency: s.currency, reference: s.reference },
          link: '/my/bonds',
        });
        await recordAudit(tx, SYSTEM_ACTOR, { action: 'bond_subscription.lapse', entity: 'bond_subscription', entityId: s.id, structureId: s.structureId, before: { status: 'reserved' }, after: { status: 'lapsed' } });
        units += s.units;
      }
      const [freed] = await tx
        .update(bondOfferings)
        .set({ reservedUnits: sql`${bondOfferings.reservedUnits} - ${units}`, updatedAt: now })
        .where(eq(bondOfferings.id, offeringId))
        .returning();
      lapsed += expired.length;
      promoted += await serveWaitlist(tx, freed, now);
    });
  }
  return { lapsed, promoted };
}

/** A page of an offering's register of subscriptions, built once per shape (status given, after a cursor). */
const offeringSubscriptionsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [eq(bondSubscriptions.offeringId, sql.placeholder('offeringId')), inPlaceholderReach(bondSubscriptions.structureId)];
  if (has('status')) where.push(eq(bondSubscriptions.status, sql.placeholder('status')));
  if (has('cursor')) where.push(gt(bondSubscriptions.seq, sql.placeholder('after')));
  return subscriptionViewQuery(db).where(and(...where)).orderBy(asc(bondSubscriptions.seq)).limit(sql.placeholder('limit')).prepare(`essor_offering_subscriptions_${shape}`);
});

/** The offering's register of subscriptions, in seq order, keyset paged on seq. */
export async function listOfferingSubscriptions(db: Db, user: CurrentUser, offeringId: string, query: SubscriptionListQuery): Promise<Page<Subscription>> {
  const after = query.cursor ? decodeIdCursor(query.cursor) : null;
  // The page is read beside the offering's structure (known already when the route's scope guard read it) and
  // dropped unseen when the reader's reach does not cover it.
  const [structureId, rows] = await Promise.all([
    structureOfRow(db, 'bond_offering', offeringId, user),
    offeringSubscriptionsPage(db, [Boolean(query.status) && 'status', after !== null && 'cursor']).execute({
      offeringId,
      reach: structuresReached(user, OFFERING_READERS),
      status: query.status ?? null,
      after,
      limit: query.limit + 1,
    }),
  ]);
  if (!structureId) throw new NotFound('thing.bond_offering');
  assertReach(user, structureId, OFFERING_READERS, 'thing.bond_offering');
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.s.seq, r.s.seq));
  return { items: page.items.map(toSubscription), nextCursor: page.nextCursor };
}

export function exportOfferingSubscriptions(db: Db, user: CurrentUser, offeringId: string, query: Omit<SubscriptionListQuery, 'cursor' | 'limit'>): AsyncGenerator<Subscription[]> {
  return allPages((cursor) => listOfferingSubscriptions(db, user, offeringId, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}

/** The signed-in person's own subscriptions, newest first, whatever the structure. */
export async function listMySubscriptions(db: Db, userId: string, query: SubscriptionListQuery): Promise<Page<Subscription>> {
  const where: SQL[] = [eq(bondInvestors.userId, userId)];
  if (query.status) where.push(eq(bondSubscriptions.status, query.status));
  if (query.cursor) where.push(lt(bondSubscriptions.seq, decodeIdCursor(query.cursor)));
  const rows = await subscriptionViewQuery(db)
    .where(and(...where))
    .orderBy(desc(bondSubscriptions.seq))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.s.seq, r.s.seq));
  return { items: page.items.map(toSubscription), nextCursor: page.nextCursor };
}

/** One of the person's own subscriptions (a foreign one is not found). */
export async function getMySubscription(db: Db, userId: string, id: string): Promise<Subscription> {
  const [row] = await subscriptionViewQuery(db).where(and(eq(bondSubscriptions.id, id), eq(bondInvestors.userId, userId)));
  if (!row) throw new NotFound('thing.bond_subscription');
  return toSubscription(row);
}
