import type { JournalEntry, ReverseEntryInput } from '@essor/shared/ledger';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { journalEntries } from '../../db/schema/ledger';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, NotFound } from '../../lib/errors';
import { ensureAvailable, lockFund } from '../funds/service';
import { getJournalEntry, reverseJournalEntry } from './service';

/**
 * A capital contribution recorded by mistake is reversed by hand; every other entry belongs to a
 * business document (tranche, loan, quote) whose own action undoes it, so the two never disagree.
 */
export async function reverseCorrection(db: Db, actor: Actor, entryId: number, input: ReverseEntryInput): Promise<JournalEntry> {
  const id = await db.transaction(async (tx) => {
    const [entry] = await tx.select().from(journalEntries).where(eq(journalEntries.id, entryId));
    if (!entry) throw new NotFound('Journal entry');
    if (entry.kind !== 'capital_contribution') throw new Conflict('Only a capital contribution is reversed by hand; undo the other entries from their request, loan or quote');
    await lockFund(tx, entry.fundId);
    const lines = await getJournalEntry(tx, entryId);
    const amount = lines.lines.reduce((sum, line) => sum + line.debitMinor, 0);
    await ensureAvailable(tx, entry.fundId, amount);
    const reversal = await reverseJournalEntry(tx, entryId, { postedBy: actor.id, occurredOn: input.occurredOn, reason: input.reason });
    await recordAudit(tx, actor, { action: 'ledger.reverse', entity: 'journal_entry', entityId: String(entryId), after: { reversalId: reversal.id, reason: input.reason } });
    return reversal.id;
  });
  return getJournalEntry(db, id);
}
