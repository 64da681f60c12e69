import type { Transfer, TransferInput } from '@essor/shared/bond-payouts';
import type { Page, PageQuery } from '@essor/shared/pagination';
import { and, desc, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { bondHoldings, bondInvestors, bondPayouts, bondTransfers } from '../../db/schema/bonds';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeTimeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { structureInReach } from '../../lib/scope-guard';
import { todayUtc } from '../ledger/public';
import { lockOffering, OFFERING_READERS, refuseStatus } from './offerings';
import { refreshScheduledPayouts } from './payouts';
import { anyOf } from '../../lib/any-of';

const giver = alias(bondInvestors, 'giver');
const receiver = alias(bondInvestors, 'receiver');

type TransferView = { t: typeof bondTransfers.$inferSelect; fromName: string; toName: string };

function transferQuery(db: Db) {
  return db
    .select({ t: bondTransfers, fromName: giver.fullName, toName: receiver.fullName })
    .from(bondTransfers)
    .innerJoin(giver, eq(giver.id, bondTransfers.fromInvestorId))
    .innerJoin(receiver, eq(receiver.id, bondTransfers.toInvestorId));
}

function toTransfer({ t, fromName, toName }: TransferView): Transfer {
  return {
    id: t.id,
    offeringId: t.offeringId,
    fromInvestorId: t.fromInvestorId,
    fromName,
    toInvestorId: t.toInvestorId,
    toName,
    units: t.units,
    transferredOn: t.transferredOn,
    reason: t.reason,
    recordedBy: t.recordedBy,
    createdAt: t.createdAt.toISOString(),
  };
}

/**
 * Staff record bonds passing from one holder to another (an inheritance, a sale within the community), under
 * the offering's lock. The giver's bonds go from their highest numbers down, among the register lines open on
 * the day; a line given in full ends on `on` (the bonds leave their holder that day), a line given in part
 * keeps its lower numbers and an ended line records the part given. The receiver gets new lines (origin
 * transfer) held from `on`, so they are the holder of record of every payout on or after that day. A day
 * on or before a payout already started is refused: what it paid follows the register of its day.
 */
export async function recordTransfer(db: Db, actor: Actor, offeringId: string, input: TransferInput, today = todayUtc()): Promise<Transfer> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, offeringId);
    if (offering.status !== 'active') refuseStatus(offering);
    if (input.on > today) throw new Unprocessable(msg('ledger.date_after_today', { on: input.on, today }), 'invalid', { on: [msg('field.after_today', { today })] });
    if (offering.issuedOn && input.on < offering.issuedOn) {
      throw new Unprocessable(msg('bonds.transfer_before_issue', { issuedOn: offering.issuedOn }), 'invalid', { on: [msg('bonds.field_not_before', { day: offering.issuedOn })] });
    }
    const people = await tx
      .select({ id: bondInvestors.id, name: bondInvestors.fullName })
      .from(bondInvestors)
      .where(and(anyOf(bondInvestors.id, [input.fromInvestorId, input.toInvestorId]), eq(bondInvestors.structureId, offering.structureId)));
    for (const field of ['fromInvestorId', 'toInvestorId'] as const) {
      if (!people.some((p) => p.id === input[field])) throw new Unprocessable('bonds.not_investor_here', 'invalid', { [field]: ['bonds.field_not_investor_here'] });
    }
    const [started] = await tx
      .select({ paysOn: sql<string>`max(${bondPayouts.paysOn})` })
      .from(bondPayouts)
      .where(and(eq(bondPayouts.offeringId, offeringId), sql`${bondPayouts.status} <> 'scheduled'`));
    if (started?.paysOn && input.on <= started.paysOn) {
      throw new Conflict(msg('bonds.transfer_before_payout', { paysOn: started.paysOn }), { on: [msg('bonds.field_after', { day: started.paysOn })] });
    }
    const [redeemed] = await tx
      .select({ paysOn: bondPayouts.paysOn })
      .from(bondPayouts)
      .where(and(eq(bondPayouts.offeringId, offeringId), sql`${bondPayouts.kind} <> 'coupon'`, lte(bondPayouts.paysOn, input.on)));
    if (redeemed) throw new Conflict(msg('bonds.transfer_after_redemption', { redeemedOn: redeemed.paysOn }), { on: [msg('bonds.field_before', { day: redeemed.paysOn })] });
    const lines = await tx
      .select()
      .from(bondHoldings)
      .where(and(eq(bondHoldings.offeringId, offeringId), eq(bondHoldings.investorId, input.fromInvestorId), isNull(bondHoldings.heldUntil), lte(bondHoldings.heldFrom, input.on)))
      .orderBy(desc(bondHoldings.lastNumber))
      .for('update');
    const held = lines.reduce((sum, l) => sum + l.lastNumber - l.firstNumber + 1, 0);
    if (input.units > held) {
      throw new Unprocessable(msg('bonds.transfer_exceeds_holding', { held, units: input.units, on: input.on }), 'invalid', { units: [msg('bonds.field_at_most', { max: held })] });
    }
    const moved: { firstNumber: number; lastNumber: number }[] = [];
    let left = input.units;
    for (const line of lines) {
      if (left === 0) break;
      const size = line.lastNumber - line.firstNumber + 1;
      const take = Math.min(size, left);
      const range = { firstNumber: line.lastNumber - take + 1, lastNumber: line.lastNumber };
      if (take === size) {
        await tx.update(bondHoldings).set({ heldUntil: input.on }).where(eq(bondHoldings.id, line.id));
      } else {
        // The giver keeps the lower numbers on the same line (held since the same day); the part given ends today.
        await tx.update(bondHoldings).set({ lastNumber: range.firstNumber - 1 }).where(eq(bondHoldings.id, line.id));
        await tx.insert(bondHoldings).values({ ...line, id: undefined, createdAt: undefined, ...range, heldUntil: input.on });
      }
      await tx.insert(bondHoldings).values({ structureId: offering.structureId, offeringId, investorId: input.toInvestorId, ...range, heldFrom: input.on, origin: 'transfer' });
      moved.push(range);
      left -= take;
    }
    const [row] = await tx
      .insert(bondTransfers)
      .values({ structureId: offering.structureId, offeringId, fromInvestorId: input.fromInvestorId, toInvestorId: input.toInvestorId, units: input.units, transferredOn: input.on, reason: input.reason, recordedBy: actor.id! })
      .returning();
    await refreshScheduledPayouts(tx, offering);
    await recordAudit(tx, actor, {
      action: 'bond_transfer.record',
      entity: 'bond_offering',
      entityId: offeringId,
      structureId: offering.structureId,
      after: { transferId: row.id, ...input, numbers: moved },
    });
    const [view] = await transferQuery(tx).where(eq(bondTransfers.id, row.id));
    return toTransfer(view);
  });
}

/** The offering's transfers, newest first, keyset paged on (created_at, id). */
export async function listTransfers(db: Db, user: CurrentUser, offeringId: string, query: PageQuery): Promise<Page<Transfer>> {
  const where: SQL[] = [eq(bondTransfers.offeringId, offeringId)];
  if (query.cursor) {
    const [at, id] = decodeTimeCursor(query.cursor);
    where.push(sql`(${bondTransfers.createdAt}, ${bondTransfers.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  await structureInReach(db, user, 'bond_offering', offeringId, OFFERING_READERS);
  const rows = await transferQuery(db)
    .where(and(...where))
    .orderBy(desc(bondTransfers.createdAt), desc(bondTransfers.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.t.createdAt.toISOString(), r.t.id));
  return { items: page.items.map(toTransfer), nextCursor: page.nextCursor };
}

export function exportTransfers(db: Db, user: CurrentUser, offeringId: string): AsyncGenerator<Transfer[]> {
  return allPages((cursor) => listTransfers(db, user, offeringId, { cursor, limit: WALK_PAGE_SIZE }));
}
