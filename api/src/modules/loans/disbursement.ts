import type { Loan } from '@essor/shared/loans';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loans } from '../../db/schema/loans';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { payOut, withFundLock } from '../funds/public';
import { approvalBound } from '../ledger/public';
import { buildSchedule } from './schedule';
import { getLoan } from './proposals';
import { loanRow, writeSchedule } from './standing';

/** Pays the principal out and fixes the schedule from that day. */
export async function disburseLoan(db: Db, actor: Actor, id: string, disbursedOn: string): Promise<Loan> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => loanRow(tx, id, lock));
    if (row.status !== 'approved') throw new Conflict(msg('loans.cannot_disburse', { status: named('loan_status', row.status) }));
    const { payment: entry } = await payOut(tx, fund, 'loan', row.principalMinor, {
      occurredOn: disbursedOn,
      dateField: 'disbursedOn',
      notBefore: await approvalBound(tx, { type: 'loan', id: row.id }, msg('document.loan', { number: row.number })),
      description: `Prêt n° ${row.number} décaissé`,
      projectId: row.projectId,
      source: { type: 'loan', id: row.id },
      postedBy: actor.id,
    });
    const schedule = buildSchedule({ ...row, method: row.method as 'annuity' | 'declining', startsOn: disbursedOn });
    await writeSchedule(tx, id, 1, schedule);
    await tx.update(loans).set({ status: 'active', disbursedOn, scheduleVersion: 1, updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.disburse', entity: 'loan', entityId: id, structureId: row.structureId, after: { disbursedOn, journalEntryId: entry.id } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}
