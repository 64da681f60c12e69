import type { Loan } from '@essor/shared/loans';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loans } from '../../db/schema/loans';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { withdrawPending } from '../approvals/public';
import { releaseCommitment, withFundLock } from '../funds/public';
import { approvalBound, todayUtc as today } from '../ledger/public';
import { getLoan } from './proposals';
import { loanRow } from './standing';

/** An approved loan not yet paid out can be dropped: the commitment is released. */
export async function cancelLoan(db: Db, actor: Actor, id: string, reason: string): Promise<Loan> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => loanRow(tx, id, lock));
    if (row.status !== 'approved' && row.status !== 'proposed') throw new Conflict(msg('loans.cannot_cancel', { status: named('loan_status', row.status) }));
    let journalEntryId: number | null = null;
    if (row.status === 'approved') {
      const entry = await releaseCommitment(tx, fund, 'loan', row.principalMinor, {
        occurredOn: today(),
        notBefore: await approvalBound(tx, { type: 'loan', id: row.id }, msg('document.loan', { number: row.number })),
        description: `Prêt n° ${row.number} annulé : ${reason}`,
        projectId: row.projectId,
        source: { type: 'loan', id: row.id },
        postedBy: actor.id,
      });
      journalEntryId = entry.id;
    }
    await tx.update(loans).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(loans.id, id));
    await withdrawPending(tx, actor, { kind: 'loan.approve', entityId: id });
    await recordAudit(tx, actor, { action: 'loan.cancel', entity: 'loan', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'cancelled', reason, journalEntryId } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}
