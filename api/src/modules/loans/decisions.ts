import type { Loan } from '@essor/shared/loans';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loans } from '../../db/schema/loans';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { decidePending } from '../approvals/public';
import { commit, ensureFinanceable, withFundLock } from '../funds/public';
import { todayUtc as today } from '../ledger/public';
import { getLoan } from './proposals';
import { loanRow } from './standing';

/** Approval commits the principal under the fund's lock; the decision (four eyes) goes through the approvals module. */
export async function approveLoan(db: Db, actor: Actor, id: string, accountingDate = today()): Promise<Loan> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => loanRow(tx, id, lock));
    if (row.status !== 'proposed') throw new Conflict(msg('loans.already', { status: named('loan_status', row.status) }));
    await decidePending(tx, actor, { kind: 'loan.approve', entityId: id }, 'approve', null, { people: [row.proposedBy] });
    await ensureFinanceable(tx, row.projectId);
    const entry = await commit(tx, fund, 'loan', row.principalMinor, {
      description: `Prêt n° ${row.number} approuvé`,
      projectId: row.projectId,
      source: { type: 'loan', id: row.id },
      occurredOn: accountingDate,
      postedBy: actor.id,
    });
    await tx.update(loans).set({ status: 'approved', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.approve', entity: 'loan', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'approved', journalEntryId: entry.id } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

export async function rejectLoan(db: Db, actor: Actor, id: string): Promise<Loan> {
  await db.transaction(async (tx) => {
    const row = await loanRow(tx, id, true);
    if (row.status !== 'proposed') throw new Conflict(msg('loans.already', { status: named('loan_status', row.status) }));
    await decidePending(tx, actor, { kind: 'loan.approve', entityId: id }, 'reject', null, { people: [row.proposedBy] });
    await tx.update(loans).set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.reject', entity: 'loan', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'rejected' } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}
