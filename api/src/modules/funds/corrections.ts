import type { JournalEntry, ReverseEntryInput } from '@essor/shared/ledger';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { journalEntries } from '../../db/schema/ledger';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, NotFound } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { ensureAvailable } from './availability';
import { lockFund } from './lock';
import { ensureDateInOrder, getJournalEntry, reversalDateFor, reverseJournalEntry } from '../ledger/public';

/**
 * A capital contribution recorded by mistake is reversed by hand; every other entry belongs to a
 * business document (tranche, loan, quote) whose own action undoes it, so the two never disagree.
 */
export async function reverseCorrection(db: Db, actor: Actor, entryId: number, input: ReverseEntryInput): Promise<JournalEntry> {
  const id = await db.transaction(async (tx) => {
    const [entry] = await tx.select().from(journalEntries).where(eq(journalEntries.id, entryId));
    if (!entry) throw new NotFound('thing.journal_entry');
    if (entry.kind !== 'capital_contribution') throw new Conflict('funds.reverse_contribution_only');
    const fund = await lockFund(tx, entry.fundId);
    const lines = await getJournalEntry(tx, entryId);
    const amount = lines.lines.reduce((sum, line) => sum + line.debitMinor, 0);
    const occurredOn = await reversalDateFor(tx, entry, input.occurredOn);
    // The date first: a reversal out of order is refused for that, whatever the money.
    await ensureDateInOrder(tx, { fundId: entry.fundId, occurredOn, notBefore: { date: entry.occurredOn, reason: msg('bound.reversed_entry_dated', { entry: entryId }) } });
    // The capital leaves the bank on the reversal's day: every later day must still cover its commitments.
    await ensureAvailable(tx, entry.fundId, amount, occurredOn);
    const reversal = await reverseJournalEntry(tx, entryId, { postedBy: actor.id, occurredOn, reason: input.reason });
    await recordAudit(tx, actor, { action: 'ledger.reverse', entity: 'journal_entry', entityId: String(entryId), after: { reversalId: reversal.id, reason: input.reason }, structureId: fund.structureId });
    return reversal.id;
  });
  return getJournalEntry(db, id);
}
