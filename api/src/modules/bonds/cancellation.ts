import type { Offering } from '@essor/shared/bonds';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondInvestors, bondOfferings, bondSubscriptions } from '../../db/schema/bonds';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { assertReach } from '../../lib/scope';
import { withdrawPending } from '../approvals/public';
import { todayUtc } from '../ledger/public';
import { notify } from '../notifications/public';
import { refund } from './closing';
import { MATCH_MANAGERS, settleMatchPledges } from './matchfunding';
import { lockOffering, refuseStatus } from './offerings';
import { offeringView, toOffering } from './shape';

const CANCELLABLE = ['draft', 'approved', 'open'] as const;

/**
 * A fund manager cancels an offering before its close, in one transaction under its row lock: every paid
 * (or part paid) subscription is refunded (posted in the trust books), reservations and the waitlist are
 * cancelled, each subscriber is told why, and the match pledges are released in their funds' books.
 * Cancelling a cancelled offering again answers it as it stands.
 */
export async function cancelOffering(db: Db, actor: Actor, user: CurrentUser, id: string, reason: string, today = todayUtc()): Promise<Offering> {
  return db.transaction(async (tx) => {
    const offering = await lockOffering(tx, id);
    assertReach(user, offering.structureId, MATCH_MANAGERS, 'thing.bond_offering');
    if (offering.status === 'cancelled') return toOffering(await offeringView(tx, id));
    if (!(CANCELLABLE as readonly string[]).includes(offering.status)) refuseStatus(offering);
    if (offering.status === 'draft') await withdrawPending(tx, actor, { kind: 'bond_offering.approve', entityId: id });
    const subs = await tx
      .select({ s: bondSubscriptions, userId: bondInvestors.userId })
      .from(bondSubscriptions)
      .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
      .where(and(eq(bondSubscriptions.offeringId, id), sql`${bondSubscriptions.status} in ('paid', 'reserved', 'waitlisted')`))
      .orderBy(asc(bondSubscriptions.seq))
      .for('update', { of: bondSubscriptions });
    const now = new Date();
    const tally = { refunded: 0, refundedMinor: 0, cancelled: 0 };
    for (const { s, userId } of subs) {
      const paid = s.paidMinor > 0;
      if (paid) await refund(tx, actor, offering, s, today, 'offre annulée');
      await tx.update(bondSubscriptions).set({ status: paid ? 'refunded' : 'cancelled', closedAt: now, updatedAt: now }).where(eq(bondSubscriptions.id, s.id));
      await notify(tx, {
        kind: 'bond.offering_cancelled',
        recipients: [userId],
        structureId: s.structureId,
        eventKey: s.id,
        params: { offeringTitle: offering.title, units: s.units, reference: s.reference, currency: s.currency, reason, ...(paid ? { refundedMinor: s.paidMinor } : {}) },
        link: '/my/bonds',
      });
      if (paid) {
        tally.refunded++;
        tally.refundedMinor += s.paidMinor;
      } else tally.cancelled++;
    }
    await settleMatchPledges(tx, actor, offering, { released: 'offre annulée' }, today);
    await tx
      .update(bondOfferings)
      .set({ status: 'cancelled', reservedUnits: 0, paidUnits: 0, cancelledReason: reason, cancelledAt: now, updatedAt: now })
      .where(eq(bondOfferings.id, id));
    await recordAudit(tx, actor, {
      action: 'bond_offering.cancel',
      entity: 'bond_offering',
      entityId: id,
      structureId: offering.structureId,
      before: { status: offering.status, paidUnits: offering.paidUnits, reservedUnits: offering.reservedUnits },
      after: { status: 'cancelled', reason, ...tally },
    });
    return toOffering(await offeringView(tx, id));
  });
}
