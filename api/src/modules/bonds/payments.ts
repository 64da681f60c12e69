import type { ConfirmPaymentInput, Subscription } from '@essor/shared/bonds';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondOfferings, bondPayments, bondSubscriptions } from '../../db/schema/bonds';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { postMovement } from '../ledger/public';
import { lockOffering } from './offerings';
import { plainMoney, toSubscription } from './shape';
import { subscriptionView } from './subscriptions';

/**
 * Staff confirm money received for a subscription: it is posted to the trust books (held for the
 * subscriber) in the same transaction, and when the whole amount is in, the subscription is paid and its
 * units move from reserved to paid. More than what remains is refused with the excess named; a bank
 * reference already counted is not counted again (the same credit confirmed twice answers as it stands).
 */
export async function confirmPayment(db: Db, actor: Actor, subscriptionId: string, input: ConfirmPaymentInput, source: 'manual' | 'statement' = 'manual'): Promise<Subscription> {
  try {
    return await db.transaction(async (tx) => {
      const [preview] = await tx.select({ offeringId: bondSubscriptions.offeringId }).from(bondSubscriptions).where(eq(bondSubscriptions.id, subscriptionId));
      if (!preview) throw new NotFound('thing.bond_subscription');
      // One lock order on every bonds path: the offering's row, then the subscription's.
      const offering = await lockOffering(tx, preview.offeringId);
      const [sub] = await tx.select().from(bondSubscriptions).where(eq(bondSubscriptions.id, subscriptionId)).for('update');
      const bankReference = input.bankReference?.trim() || null;
      if (bankReference) {
        const [counted] = await tx
          .select()
          .from(bondPayments)
          .where(and(eq(bondPayments.structureId, sub.structureId), eq(bondPayments.bankReference, bankReference)));
        if (counted) {
          if (counted.subscriptionId === sub.id && counted.amountMinor === input.amountMinor) return toSubscription(await subscriptionView(tx, sub.id));
          throw new Conflict(msg('bonds.bank_reference_counted', { bankReference }), { bankReference: ['field.already_used'] });
        }
      }
      const owed = sub.amountMinor - sub.paidMinor;
      if (sub.status === 'paid' || (sub.status === 'reserved' && input.amountMinor > owed)) {
        const excess = input.amountMinor - Math.max(0, owed);
        throw new Unprocessable(
          msg('bonds.overpaid', { owed: plainMoney(Math.max(0, owed), sub.currency), amount: plainMoney(input.amountMinor, sub.currency), excess: plainMoney(excess, sub.currency) }),
          'invalid',
          { amountMinor: [msg('bonds.field_excess', { excess: plainMoney(excess, sub.currency) })] },
        );
      }
      if (sub.status !== 'reserved') throw new Conflict(msg('bonds.not_awaiting_payment', { status: named('subscription_status', sub.status) }));
      const [payment] = await tx
        .insert(bondPayments)
        .values({ structureId: sub.structureId, subscriptionId: sub.id, amountMinor: input.amountMinor, receivedOn: input.receivedOn, source, bankReference, recordedBy: actor.id! })
        .returning();
      const entry = await postMovement(tx, 'bond_subscription_paid', {
        fund: { id: offering.trustFundId, currency: offering.currency },
        amountMinor: input.amountMinor,
        occurredOn: input.receivedOn,
        dateField: 'receivedOn',
        description: `Souscription ${sub.reference} à l'offre ${offering.code} : paiement reçu, détenu en fiducie`,
        projectId: offering.issuerProjectId,
        source: { type: 'bond_subscription', id: sub.id },
        postedBy: actor.id,
      });
      await tx.update(bondPayments).set({ journalEntryId: entry.id }).where(eq(bondPayments.id, payment.id));
      const paidMinor = sub.paidMinor + input.amountMinor;
      const complete = paidMinor === sub.amountMinor;
      const now = new Date();
      await tx
        .update(bondSubscriptions)
        .set({ paidMinor, ...(complete ? { status: 'paid' as const, paidAt: now } : {}), updatedAt: now })
        .where(eq(bondSubscriptions.id, sub.id));
      if (complete) {
        await tx
          .update(bondOfferings)
          .set({ reservedUnits: sql`${bondOfferings.reservedUnits} - ${sub.units}`, paidUnits: sql`${bondOfferings.paidUnits} + ${sub.units}`, updatedAt: now })
          .where(eq(bondOfferings.id, offering.id));
      }
      await recordAudit(tx, actor, {
        action: 'bond_payment.confirm',
        entity: 'bond_subscription',
        entityId: sub.id,
        structureId: sub.structureId,
        before: { status: sub.status, paidMinor: sub.paidMinor },
        after: { status: complete ? 'paid' : sub.status, paidMinor, amountMinor: input.amountMinor, receivedOn: input.receivedOn, bankReference, journalEntryId: entry.id },
      });
      return toSubscription(await subscriptionView(tx, sub.id));
    });
  } catch (error) {
    // Two confirmations of one credit racing: the partial unique index lets one through.
    if (isUniqueViolation(error)) throw new Conflict(msg('bonds.bank_reference_counted', { bankReference: input.bankReference ?? '' }), { bankReference: ['field.already_used'] });
    throw error;
  }
}
