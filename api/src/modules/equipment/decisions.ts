import type { Quote } from '@essor/shared/equipment';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { equipmentQuotes } from '../../db/schema/equipment';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { decidePending } from '../approvals/public';
import { commit, ensureFinanceable, withFundLock } from '../funds/public';
import { quoteRow, getQuote } from './quotes';

/** Approval commits the quote's total against the fund, under its lock; the decision (four eyes) goes through the approvals module. */
export async function approveQuote(db: Db, actor: Actor, id: string, accountingDate = new Date().toISOString().slice(0, 10)): Promise<Quote> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => quoteRow(tx, id, lock));
    if (row.status !== 'recorded') throw new Conflict(msg('equipment.quote_already', { status: named('quote_status', row.status) }));
    await decidePending(tx, actor, { kind: 'equipment.approve', entityId: id }, 'approve', null, { people: [row.recordedBy] });
    await ensureFinanceable(tx, row.projectId);
    const entry = await commit(tx, fund, 'equipment', row.totalMinor, {
      description: `Devis n° ${row.number} de ${row.supplier} approuvé`,
      projectId: row.projectId,
      source: { type: 'equipment_quote', id: row.id },
      occurredOn: accountingDate,
      postedBy: actor.id,
    });
    await tx.update(equipmentQuotes).set({ status: 'approved', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.approve', entity: 'equipment_quote', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'approved', journalEntryId: entry.id } });
  });
  return getQuote(db, STAFF_VIEWER, id);
}

export async function rejectQuote(db: Db, actor: Actor, id: string): Promise<Quote> {
  await db.transaction(async (tx) => {
    const row = await quoteRow(tx, id, true);
    if (row.status !== 'recorded') throw new Conflict(msg('equipment.quote_already', { status: named('quote_status', row.status) }));
    await decidePending(tx, actor, { kind: 'equipment.approve', entityId: id }, 'reject', null, { people: [row.recordedBy] });
    await tx.update(equipmentQuotes).set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.reject', entity: 'equipment_quote', entityId: id, structureId: row.structureId });
  });
  return getQuote(db, STAFF_VIEWER, id);
}
