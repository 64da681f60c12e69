import type { Quote } from '@essor/shared/equipment';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { equipmentQuotes } from '../../db/schema/equipment';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { withdrawPending } from '../approvals/public';
import { releaseCommitment, withFundLock } from '../funds/public';
import { approvalBound, todayUtc } from '../ledger/public';
import { quoteRow, getQuote } from './quotes';

/** An approved or ordered quote that will not be bought releases its commitment. */
export async function cancelQuote(db: Db, actor: Actor, id: string, reason: string): Promise<Quote> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => quoteRow(tx, id, lock));
    if (!['recorded', 'approved', 'ordered', 'invoiced'].includes(row.status)) throw new Conflict(msg('equipment.cannot_cancel', { status: named('quote_status', row.status) }));
    let journalEntryId: number | null = null;
    if (row.status !== 'recorded') {
      const entry = await releaseCommitment(tx, fund, 'equipment', row.totalMinor, {
        occurredOn: todayUtc(),
        notBefore: await approvalBound(tx, { type: 'equipment_quote', id: row.id }, msg('document.quote', { number: row.number })),
        description: `Devis n° ${row.number} annulé : ${reason}`,
        projectId: row.projectId,
        source: { type: 'equipment_quote', id: row.id },
        postedBy: actor.id,
      });
      journalEntryId = entry.id;
    }
    await tx.update(equipmentQuotes).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
    await withdrawPending(tx, actor, { kind: 'equipment.approve', entityId: id });
    await recordAudit(tx, actor, { action: 'equipment.quote.cancel', entity: 'equipment_quote', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { reason, journalEntryId } });
  });
  return getQuote(db, STAFF_VIEWER, id);
}
