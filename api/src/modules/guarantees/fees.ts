import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteeFees, guarantees } from '../../db/schema/guarantees';
import type { Actor } from '../../lib/audit';
import type { FundRow } from '../funds/public';
import { postMovement } from '../ledger/public';
import { shareOf } from './rules';
import type { GuaranteeRow } from './store';

export interface FeeCharge {
  chargedOn: string;
  basis: 'upfront' | 'yearly_outstanding';
  /** What the rate applies to: the guaranteed amount at issue, the exposure on each anniversary. */
  baseMinor: number;
  rateBps: number;
}

/**
 * Charges one fee on a guarantee, in the caller's transaction under its locks: rate x base, half up, posted
 * as income (the bank collects it with the loan and remits it). A day is charged once (the fee's key):
 * charging it again returns null and posts nothing, so the yearly job can run twice.
 */
export async function chargeFee(tx: Db, actor: Actor, fund: FundRow, row: GuaranteeRow, charge: FeeCharge): Promise<number | null> {
  const amount = shareOf(charge.baseMinor, charge.rateBps);
  const [claimed] = await tx
    .insert(guaranteeFees)
    .values({ structureId: row.structureId, guaranteeId: row.id, chargedOn: charge.chargedOn, basis: charge.basis, baseMinor: charge.baseMinor, amountMinor: amount })
    .onConflictDoNothing()
    .returning();
  if (!claimed) return null;
  if (amount === 0) return 0;
  const entry = await postMovement(tx, 'guarantee_fee', {
    fund,
    amountMinor: amount,
    occurredOn: charge.chargedOn,
    description: `Garantie n° ${row.number} : commission ${charge.basis === 'upfront' ? 'à l’octroi' : 'annuelle'}`,
    projectId: row.projectId,
    source: { type: 'guarantee', id: row.id },
    postedBy: actor.id,
    dateField: 'chargedOn',
  });
  await tx.update(guaranteeFees).set({ journalEntryId: entry.id }).where(sql`${guaranteeFees.guaranteeId} = ${row.id} and ${guaranteeFees.chargedOn} = ${charge.chargedOn}`);
  await tx.update(guarantees).set({ feesMinor: sql`${guarantees.feesMinor} + ${amount}` }).where(eq(guarantees.id, row.id));
  return amount;
}
