import type { Payout, PayoutLine, PayoutSchedule } from '@essor/shared/bond-payouts';
import type { Page, PageQuery } from '@essor/shared/pagination';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, eq, gte, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondHoldings, bondInvestors, bondOfferings, bondPayoutLines, bondPayouts } from '../../db/schema/bonds';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeTimeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { AppError, Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { assertReach } from '../../lib/scope';
import { postMovement, todayUtc } from '../ledger/public';
import { lockOffering, OFFERING_READERS, refuseStatus } from './offerings';
import { accruedFraction, couponSchedule, lineAmounts, payoutTotals, type LineAmounts, type YearFraction } from './schedule';
import type { OfferingRow } from './shape';
import { anyOf } from '../../lib/any-of';

export type PayoutRow = typeof bondPayouts.$inferSelect;

/** The job that pays the holders of started payouts (the run route wakes it), and the daily one that starts due payouts. */
export const PAY_PAYOUTS_JOB = 'bonds.pay-payouts';
export const RUN_DUE_PAYOUTS_JOB = 'bonds.run-due-payouts';

/** Holders paid per transaction: a crash loses at most one batch's work, which the next run redoes. */
export const PAYOUT_BATCH_SIZE = 50;

const MOVEMENT = {
  coupon: { called: 'bond_coupon_called', collected: 'bond_coupon_collected', paid: 'bond_coupon_paid' },
  redemption: { called: 'bond_redemption_called', collected: 'bond_redemption_collected', paid: 'bond_redemption_paid' },
} as const;
const movementsOf = (kind: PayoutRow['kind']) => (kind === 'coupon' ? MOVEMENT.coupon : MOVEMENT.redemption);

const KIND_FR = { coupon: 'Coupon', redemption: 'Remboursement à échéance', early_redemption: 'Remboursement anticipé' } as const;

function requireIssued(offering: OfferingRow): string {
  if (!offering.issuedOn) refuseStatus(offering);
  return offering.issuedOn;
}

/** The year fraction a payout pays: its schedule period's, or for an early redemption what accrued since the last coupon. */
export function payoutFraction(offering: OfferingRow, payout: Pick<PayoutRow, 'kind' | 'number' | 'paysOn'>): YearFraction {
  const schedule = couponSchedule({ issuedOn: requireIssued(offering), termMonths: offering.termMonths, couponFrequency: offering.couponFrequency, dayCount: offering.dayCount });
  if (payout.kind !== 'early_redemption') return schedule.find((p) => p.number === payout.number)!.fraction;
  const period = schedule.find((p) => p.periodStart < payout.paysOn && payout.paysOn <= p.periodEnd)!;
  return accruedFraction(offering, period, payout.paysOn);
}

/**
 * The holders of record of an offering on a day, with the units each held: the register lines held that
 * day (`held_from <= day`, and `held_until` unset or after it: the bonds leave on `held_until`).
 */
export async function holdersOfRecord(tx: Db, offeringId: string, day: string): Promise<{ investorId: string; units: number }[]> {
  const rows = await tx
    .select({ investorId: bondHoldings.investorId, units: sql<string>`sum(${bondHoldings.lastNumber} - ${bondHoldings.firstNumber} + 1)` })
    .from(bondHoldings)
    .where(and(eq(bondHoldings.offeringId, offeringId), lte(bondHoldings.heldFrom, day), sql`(${bondHoldings.heldUntil} is null or ${bondHoldings.heldUntil} > ${day})`))
    .groupBy(bondHoldings.investorId)
    .orderBy(asc(bondHoldings.investorId));
  return rows.map((r) => ({ investorId: r.investorId, units: Number(r.units) }));
}

type HolderLine = LineAmounts & { investorId: string; units: number };

/** Each holder of record's amounts for a payout, in investor order. */
async function payoutLinesFor(tx: Db, offering: OfferingRow, payout: Pick<PayoutRow, 'kind' | 'number' | 'paysOn'>): Promise<HolderLine[]> {
  const fraction = payoutFraction(offering, payout);
  const holders = await holdersOfRecord(tx, offering.id, payout.paysOn);
  return holders.map((h) => ({ ...h, ...lineAmounts(offering, h.units, fraction, payout.kind !== 'coupon') }));
}

/** What a scheduled payout would pay with the register as it stands: kept on its row so the schedule reads without recomputing. */
async function amountsNow(tx: Db, offering: OfferingRow, payout: Pick<PayoutRow, 'kind' | 'number' | 'paysOn'>) {
  const lines = await payoutLinesFor(tx, offering, payout);
  const totals = payoutTotals(lines);
  return { interestMinor: totals.grossMinor, withheldMinor: totals.withheldMinor, principalMinor: totals.principalMinor, holdersTotal: lines.length };
}

/**
 * Writes an offering's payouts from its coupon schedule (once: an offering that has them keeps them),
 * inside the caller's transaction, under the offering's lock. Called at the close, and on first read for
 * offerings closed before payouts existed.
 */
export async function createPayouts(tx: Db, offeringId: string): Promise<void> {
  const [offering] = await tx.select().from(bondOfferings).where(eq(bondOfferings.id, offeringId));
  if (!offering?.issuedOn) return;
  const [existing] = await tx.select({ id: bondPayouts.id }).from(bondPayouts).where(eq(bondPayouts.offeringId, offeringId)).limit(1);
  if (existing) return;
  const schedule = couponSchedule({ issuedOn: offering.issuedOn, termMonths: offering.termMonths, couponFrequency: offering.couponFrequency, dayCount: offering.dayCount });
  for (const period of schedule) {
    const base = { number: period.number, kind: period.kind, paysOn: period.paysOn };
    await tx.insert(bondPayouts).values({
      structureId: offering.structureId,
      offeringId,
      ...base,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      ...(await amountsNow(tx, offering, base)),
    });
  }
}

/** After the register changed (a transfer, an early redemption): the scheduled payouts' figures follow it. */
export async function refreshScheduledPayouts(tx: Db, offering: OfferingRow): Promise<void> {
  const scheduled = await tx.select().from(bondPayouts).where(and(eq(bondPayouts.offeringId, offering.id), eq(bondPayouts.status, 'scheduled')));
  for (const payout of scheduled) await tx.update(bondPayouts).set(await amountsNow(tx, offering, payout)).where(eq(bondPayouts.id, payout.id));
}

function toPayout(row: PayoutRow, offering: Pick<OfferingRow, 'currency' | 'status'>, runnable: boolean): Payout {
  const netInterestMinor = row.interestMinor - row.withheldMinor;
  return {
    id: row.id,
    offeringId: row.offeringId,
    number: row.number,
    kind: row.kind,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    paysOn: row.paysOn,
    status: row.status,
    currency: offering.currency as CurrencyCode,
    interestMinor: row.interestMinor,
    withheldMinor: row.withheldMinor,
    netInterestMinor,
    principalMinor: row.principalMinor,
    paidOutMinor: netInterestMinor + row.principalMinor,
    holdersTotal: row.holdersTotal,
    holdersDone: row.holdersDone,
    journalEntryId: row.journalEntryId,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    actions: runnable ? ['run'] : [],
  };
}

/** Runnable now: due, the offering active, every earlier payout paid; a running one may be started again (it resumes). */
function runnable(row: PayoutRow, offering: Pick<OfferingRow, 'status'>, earlierUnpaid: boolean, today: string): boolean {
  return row.status !== 'paid' && offering.status === 'active' && row.paysOn <= today && !earlierUnpaid;
}

async function payoutView(tx: Db, offering: OfferingRow, row: PayoutRow, today = todayUtc()): Promise<Payout> {
  const [earlier] = await tx
    .select({ id: bondPayouts.id })
    .from(bondPayouts)
    .where(and(eq(bondPayouts.offeringId, row.offeringId), lt(bondPayouts.number, row.number), ne(bondPayouts.status, 'paid')))
    .limit(1);
  return toPayout(row, offering, runnable(row, offering, Boolean(earlier), today));
}

async function readableOffering(db: Db, user: CurrentUser, offeringId: string): Promise<OfferingRow> {
  const [offering] = await db.select().from(bondOfferings).where(eq(bondOfferings.id, offeringId));
  if (!offering) throw new NotFound('thing.bond_offering');
  assertReach(user, offering.structureId, OFFERING_READERS, 'thing.bond_offering');
  return offering;
}

/** The offering's payouts in schedule order, each with its status and progress (written on first read if the close predates them). */
export async function getPayoutSchedule(db: Db, user: CurrentUser, offeringId: string, today = todayUtc()): Promise<PayoutSchedule> {
  let offering = await readableOffering(db, user, offeringId);
  let rows = await db.select().from(bondPayouts).where(eq(bondPayouts.offeringId, offeringId)).orderBy(asc(bondPayouts.number));
  if (rows.length === 0 && offering.issuedOn) {
    await db.transaction(async (tx) => {
      offering = await lockOffering(tx, offeringId);
      await createPayouts(tx, offeringId);
    });
    rows = await db.select().from(bondPayouts).where(eq(bondPayouts.offeringId, offeringId)).orderBy(asc(bondPayouts.number));
  }
  let earlierUnpaid = false;
  const items = rows.map((row) => {
    const payout = toPayout(row, offering, runnable(row, offering, earlierUnpaid, today));
    if (row.status !== 'paid') earlierUnpaid = true;
    return payout;
  });
  return {
    offeringId,
    currency: offering.currency as CurrencyCode,
    couponFrequency: offering.couponFrequency,
    dayCount: offering.dayCount,
    rateBps: offering.rateBps,
    withholdingBps: offering.withholdingBps,
    issuedOn: offering.issuedOn,
    maturesOn: offering.maturesOn,
    earlyRedemptionFrom: offering.earlyRedemptionFrom,
    items,
  };
}

async function payoutOf(db: Db, offeringId: string, payoutId: string, lock = false): Promise<PayoutRow> {
  const query = db.select().from(bondPayouts).where(and(eq(bondPayouts.id, payoutId), eq(bondPayouts.offeringId, offeringId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFound('thing.bond_payout');
  return row;
}

/** One payout with its progress (what the admin polls while it runs). */
export async function getPayout(db: Db, user: CurrentUser, offeringId: string, payoutId: string): Promise<Payout> {
  const offering = await readableOffering(db, user, offeringId);
  return payoutView(db, offering, await payoutOf(db, offeringId, payoutId));
}

/**
 * Starts a payout (staff, or the daily job), in one transaction under the offering's lock: only a due
 * payout of an active offering whose earlier payouts are all paid. The amount due (interest, and
 * principal for a redemption) is called on the issuer and collected into the trust account, both posted;
 * the payout becomes running with its holders counted. The holders are then paid in batches
 * (`payHolderBatch`). A running payout answers as it stands (the run resumes); a paid one is a 409.
 */
export async function startPayout(db: Db, actor: Actor, offeringId: string, payoutId: string, today = todayUtc()): Promise<Payout> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, offeringId);
    const payout = await payoutOf(tx, offeringId, payoutId, true);
    if (payout.status === 'paid') throw new Conflict(msg('bonds.payout_already_paid', { number: payout.number, paidOn: payout.finishedAt?.toISOString().slice(0, 10) ?? payout.paysOn }));
    if (payout.status === 'running') return payoutView(tx, offering, payout, today);
    if (offering.status !== 'active') refuseStatus(offering);
    if (payout.paysOn > today) throw new Conflict(msg('bonds.payout_not_due', { paysOn: payout.paysOn }));
    const [earlier] = await tx
      .select({ number: bondPayouts.number })
      .from(bondPayouts)
      .where(and(eq(bondPayouts.offeringId, offeringId), lt(bondPayouts.number, payout.number), ne(bondPayouts.status, 'paid')))
      .orderBy(asc(bondPayouts.number))
      .limit(1);
    if (earlier) throw new Conflict(msg('bonds.payout_earlier_unpaid', { number: earlier.number }));
    const lines = await payoutLinesFor(tx, offering, payout);
    const totals = payoutTotals(lines);
    const parts = { interest: totals.grossMinor, principal: totals.principalMinor };
    const what = `${KIND_FR[payout.kind]} n° ${payout.number} de l'offre ${offering.code} (échéance du ${payout.paysOn})`;
    const details = { fund: { id: offering.trustFundId, currency: offering.currency }, parts, occurredOn: today, projectId: offering.issuerProjectId, source: { type: 'bond_payout', id: payout.id }, postedBy: actor.id };
    let journalEntryId: number | null = null;
    // Nothing to move (a bond at 0 %): nothing is posted, the holders' lines are still written.
    if (parts.interest + parts.principal > 0) {
      const movements = movementsOf(payout.kind);
      journalEntryId = (await postMovement(tx, movements.called, { ...details, description: `${what} : appelé auprès de l'émetteur` })).id;
      await postMovement(tx, movements.collected, { ...details, description: `${what} : reçu de l'émetteur sur le compte en fiducie` });
    }
    const now = new Date();
    const [row] = await tx
      .update(bondPayouts)
      .set({
        status: 'running',
        interestMinor: totals.grossMinor,
        withheldMinor: totals.withheldMinor,
        principalMinor: totals.principalMinor,
        holdersTotal: lines.length,
        holdersDone: 0,
        journalEntryId,
        startedBy: actor.id,
        startedAt: now,
      })
      .where(eq(bondPayouts.id, payout.id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'bond_payout.start',
      entity: 'bond_payout',
      entityId: payout.id,
      structureId: payout.structureId,
      before: { status: payout.status },
      after: { status: 'running', interestMinor: totals.grossMinor, withheldMinor: totals.withheldMinor, principalMinor: totals.principalMinor, holders: lines.length, journalEntryId },
    });
    return payoutView(tx, offering, row, today);
  });
}

/**
 * Pays the next `size` holders of a running payout in one transaction, under the offering's lock then the
 * payout's: each holder of record not yet paid gets their line (unique per payout and holder: never twice)
 * and one posted entry (gross off coupons payable, the tax withheld to the tax authority's liability, the
 * net and any principal out of the trust account). When none is left the payout is paid; a redemption then
 * redeems the offering and closes the register. Returns whether the payout is done.
 */
export async function payHolderBatch(db: Db, actor: Actor, payoutId: string, size = PAYOUT_BATCH_SIZE, today = todayUtc()): Promise<{ done: boolean; paid: number }> {
  return db.transaction(async (tx) => {
    const [preview] = await tx.select({ offeringId: bondPayouts.offeringId }).from(bondPayouts).where(eq(bondPayouts.id, payoutId));
    if (!preview) throw new NotFound('thing.bond_payout');
    const offering = await lockOffering(tx, preview.offeringId);
    const payout = await payoutOf(tx, preview.offeringId, payoutId, true);
    if (payout.status !== 'running') return { done: payout.status === 'paid', paid: 0 };
    const lines = await payoutLinesFor(tx, offering, payout);
    const paidRows = await tx.select({ investorId: bondPayoutLines.investorId }).from(bondPayoutLines).where(eq(bondPayoutLines.payoutId, payoutId));
    const paidAlready = new Set(paidRows.map((r) => r.investorId));
    const pending = lines.filter((l) => !paidAlready.has(l.investorId));
    const batch = pending.slice(0, size);
    const names = new Map(
      batch.length
        ? (await tx.select({ id: bondInvestors.id, name: bondInvestors.fullName }).from(bondInvestors).where(anyOf(bondInvestors.id, batch.map((l) => l.investorId)))).map((r) => [r.id, r.name])
        : [],
    );
    const movement = movementsOf(payout.kind).paid;
    for (const line of batch) {
      const [written] = await tx
        .insert(bondPayoutLines)
        .values({
          structureId: payout.structureId,
          payoutId,
          investorId: line.investorId,
          units: line.units,
          grossMinor: line.grossMinor,
          withheldMinor: line.withheldMinor,
          netMinor: line.netMinor,
          principalMinor: line.principalMinor,
          paidOn: today,
        })
        .returning({ id: bondPayoutLines.id });
      if (line.grossMinor + line.principalMinor === 0) continue;
      const entry = await postMovement(tx, movement, {
        fund: { id: offering.trustFundId, currency: offering.currency },
        parts: { withheld: line.withheldMinor, net: line.netMinor, principal: line.principalMinor },
        occurredOn: today,
        description: `${KIND_FR[payout.kind]} n° ${payout.number} de l'offre ${offering.code} : payé à ${names.get(line.investorId) ?? line.investorId} (${line.units} titres)`,
        projectId: offering.issuerProjectId,
        source: { type: 'bond_payout', id: payout.id },
        postedBy: actor.id,
      });
      await tx.update(bondPayoutLines).set({ journalEntryId: entry.id }).where(eq(bondPayoutLines.id, written.id));
    }
    const done = pending.length === batch.length;
    const holdersDone = paidAlready.size + batch.length;
    const now = new Date();
    await tx
      .update(bondPayouts)
      .set({ holdersDone, holdersTotal: Math.max(payout.holdersTotal, holdersDone), ...(done ? { status: 'paid' as const, finishedAt: now } : {}) })
      .where(eq(bondPayouts.id, payoutId));
    await recordAudit(tx, actor, {
      action: done ? 'bond_payout.paid' : 'bond_payout.pay_batch',
      entity: 'bond_payout',
      entityId: payoutId,
      structureId: payout.structureId,
      before: { holdersDone: payout.holdersDone },
      after: { holdersDone, holdersPaidNow: batch.length, ...(done ? { status: 'paid' } : {}) },
    });
    if (done && payout.kind !== 'coupon') {
      await tx.update(bondOfferings).set({ status: 'redeemed', redeemedOn: payout.paysOn, updatedAt: now }).where(eq(bondOfferings.id, offering.id));
      // The bonds leave their holders on the redemption day.
      await tx.update(bondHoldings).set({ heldUntil: payout.paysOn }).where(and(eq(bondHoldings.offeringId, offering.id), isNull(bondHoldings.heldUntil)));
      await recordAudit(tx, actor, { action: 'bond_offering.redeem', entity: 'bond_offering', entityId: offering.id, structureId: offering.structureId, before: { status: offering.status }, after: { status: 'redeemed', redeemedOn: payout.paysOn, payoutId } });
    }
    return { done, paid: batch.length };
  });
}

/** Pays a running payout's remaining holders, batch after batch, to the end. */
export async function payPayout(db: Db, actor: Actor, payoutId: string, size = PAYOUT_BATCH_SIZE, today = todayUtc()): Promise<void> {
  for (;;) {
    const { done, paid } = await payHolderBatch(db, actor, payoutId, size, today);
    if (done || paid === 0) return;
  }
}

/** What the payout jobs did. */
export interface PayoutRunResult {
  started: number;
  finished: number;
  refused: string[];
}

/** Resumes every running payout (after a crash, or started by staff): the job the run route wakes. */
export async function payRunningPayouts(db: Db, today = todayUtc()): Promise<PayoutRunResult> {
  const running = await db.select({ id: bondPayouts.id }).from(bondPayouts).where(eq(bondPayouts.status, 'running')).orderBy(asc(bondPayouts.paysOn), asc(bondPayouts.number));
  for (const payout of running) await payPayout(db, SYSTEM_ACTOR, payout.id, PAYOUT_BATCH_SIZE, today);
  return { started: 0, finished: running.length, refused: [] };
}

/** The daily run: resumes running payouts, then starts and pays every due payout of the active offerings, in schedule order. */
export async function runDuePayouts(db: Db, today = todayUtc()): Promise<PayoutRunResult> {
  const result = await payRunningPayouts(db, today);
  const due = await db
    .select({ id: bondPayouts.id, offeringId: bondPayouts.offeringId, number: bondPayouts.number })
    .from(bondPayouts)
    .innerJoin(bondOfferings, eq(bondOfferings.id, bondPayouts.offeringId))
    .where(and(eq(bondPayouts.status, 'scheduled'), lte(bondPayouts.paysOn, today), eq(bondOfferings.status, 'active')))
    .orderBy(asc(bondPayouts.offeringId), asc(bondPayouts.number));
  for (const payout of due) {
    try {
      await startPayout(db, SYSTEM_ACTOR, payout.offeringId, payout.id, today);
      result.started++;
      await payPayout(db, SYSTEM_ACTOR, payout.id, PAYOUT_BATCH_SIZE, today);
      result.finished++;
    } catch (error) {
      // A payout that may not run (its offering redeemed meanwhile) waits for staff; the others still run.
      if (!(error instanceof AppError)) throw error;
      result.refused.push(`${payout.id}: ${error.message}`);
    }
  }
  return result;
}

/**
 * Early redemption, where the terms allow it (`early_redemption_from` on or before `on`, before maturity):
 * the scheduled payouts on or after `on` give way to one payout of kind early_redemption on `on`, paying the
 * interest accrued since the last coupon with the principal. Payouts already started stay as they are, and
 * `on` must come after them.
 */
export async function scheduleEarlyRedemption(db: Db, actor: Actor, offeringId: string, on: string): Promise<Payout> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, offeringId);
    if (offering.status !== 'active') refuseStatus(offering);
    const issuedOn = requireIssued(offering);
    if (!offering.earlyRedemptionFrom) throw new Unprocessable('bonds.early_redemption_not_allowed', 'invalid', { on: ['bonds.field_early_redemption_not_allowed'] });
    if (on < offering.earlyRedemptionFrom || on <= issuedOn) {
      throw new Unprocessable(msg('bonds.early_redemption_not_yet', { from: offering.earlyRedemptionFrom }), 'invalid', { on: [msg('bonds.field_not_before', { day: offering.earlyRedemptionFrom })] });
    }
    if (offering.maturesOn && on >= offering.maturesOn) {
      throw new Unprocessable(msg('bonds.early_redemption_after_maturity', { maturesOn: offering.maturesOn }), 'invalid', { on: [msg('bonds.field_before', { day: offering.maturesOn })] });
    }
    await createPayouts(tx, offeringId);
    const payouts = await tx.select().from(bondPayouts).where(eq(bondPayouts.offeringId, offeringId)).orderBy(asc(bondPayouts.number)).for('update');
    if (payouts.some((p) => p.kind === 'early_redemption')) throw new Conflict('bonds.early_redemption_exists');
    const started = payouts.filter((p) => p.status !== 'scheduled').at(-1);
    if (started && on <= started.paysOn) {
      throw new Unprocessable(msg('bonds.early_redemption_before_paid', { paysOn: started.paysOn }), 'invalid', { on: [msg('bonds.field_after', { day: started.paysOn })] });
    }
    const replaced = payouts.filter((p) => p.status === 'scheduled' && p.paysOn >= on);
    const kept = payouts.filter((p) => p.paysOn < on);
    await tx.delete(bondPayouts).where(and(eq(bondPayouts.offeringId, offeringId), eq(bondPayouts.status, 'scheduled'), gte(bondPayouts.paysOn, on)));
    const base = { number: replaced[0].number, kind: 'early_redemption' as const, paysOn: on };
    const [row] = await tx
      .insert(bondPayouts)
      .values({ structureId: offering.structureId, offeringId, ...base, periodStart: kept.at(-1)?.paysOn ?? issuedOn, periodEnd: on, ...(await amountsNow(tx, offering, base)) })
      .returning();
    await recordAudit(tx, actor, {
      action: 'bond_offering.early_redemption',
      entity: 'bond_offering',
      entityId: offeringId,
      structureId: offering.structureId,
      before: { payouts: replaced.map((p) => ({ number: p.number, kind: p.kind, paysOn: p.paysOn })) },
      after: { payoutId: row.id, on, interestMinor: row.interestMinor, principalMinor: row.principalMinor },
    });
    return payoutView(tx, offering, row);
  });
}

/** The lines of a payout (who was paid what), in the order they were paid, keyset paged. */
export async function listPayoutLines(db: Db, user: CurrentUser, offeringId: string, payoutId: string, query: PageQuery): Promise<Page<PayoutLine>> {
  const where: SQL[] = [eq(bondPayoutLines.payoutId, payoutId)];
  if (query.cursor) {
    const [at, id] = decodeTimeCursor(query.cursor);
    where.push(sql`(${bondPayoutLines.createdAt}, ${bondPayoutLines.id}) > (${at}::timestamptz, ${id}::uuid)`);
  }
  await readableOffering(db, user, offeringId);
  await payoutOf(db, offeringId, payoutId);
  const rows = await db
    .select({ l: bondPayoutLines, holderName: bondInvestors.fullName })
    .from(bondPayoutLines)
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondPayoutLines.investorId))
    .where(and(...where))
    .orderBy(asc(bondPayoutLines.createdAt), asc(bondPayoutLines.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.l.createdAt.toISOString(), r.l.id));
  return {
    items: page.items.map(({ l, holderName }) => ({
      id: l.id,
      payoutId: l.payoutId,
      investorId: l.investorId,
      holderName,
      units: l.units,
      grossMinor: l.grossMinor,
      withheldMinor: l.withheldMinor,
      netMinor: l.netMinor,
      principalMinor: l.principalMinor,
      journalEntryId: l.journalEntryId,
      paidOn: l.paidOn,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Every line of every payout of an offering, payout after payout (who was paid what, for the books and tax slips). */
export async function* exportOfferingPayoutLines(db: Db, user: CurrentUser, offeringId: string): AsyncGenerator<(PayoutLine & { payout: Pick<PayoutRow, 'number' | 'kind' | 'paysOn'> })[]> {
  await readableOffering(db, user, offeringId);
  const payouts = await db.select().from(bondPayouts).where(eq(bondPayouts.offeringId, offeringId)).orderBy(asc(bondPayouts.number));
  for (const payout of payouts) {
    for await (const lines of allPages((cursor) => listPayoutLines(db, user, offeringId, payout.id, { cursor, limit: WALK_PAGE_SIZE }))) {
      yield lines.map((line) => ({ ...line, payout: { number: payout.number, kind: payout.kind, paysOn: payout.paysOn } }));
    }
  }
}
