import type { Loan, RecordRepaymentInput } from '@essor/shared/loans';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loanRepayments, loans } from '../../db/schema/loans';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { ensureCurrency, withFundLock } from '../funds/public';
import { postMovement } from '../ledger/public';
import { splitPayment } from './schedule';
import { getLoan } from './proposals';
import { loanRow, standingOf } from './standing';

/** Money in from the borrower: split interest first, then principal, along the schedule. */
export async function recordRepayment(db: Db, actor: Actor, id: string, input: RecordRepaymentInput): Promise<Loan> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => loanRow(tx, id, lock));
    if (row.status !== 'active') throw new Conflict(msg('loans.no_repayment', { status: named('loan_status', row.status) }));
    ensureCurrency(fund, input.currency);
    const { schedule, receivedOnSchedule, repaidPrincipal } = await standingOf(tx, row, input.paidOn);
    const owed = schedule.reduce((sum, i) => sum + i.principalMinor + i.interestMinor, 0) - receivedOnSchedule;
    if (input.amountMinor > owed) {
      throw new Unprocessable(msg('loans.overpaid', { owed, amount: input.amountMinor }), 'invalid', { amountMinor: ['field.more_than_owed'] });
    }
    const split = splitPayment(schedule, receivedOnSchedule, input.amountMinor);
    const entry = await postMovement(tx, 'loan_repayment', {
      fund,
      parts: { principal: split.principalMinor, interest: split.interestMinor },
      occurredOn: input.paidOn,
      dateField: 'paidOn',
      notBefore: row.disbursedOn ? { date: row.disbursedOn, reason: msg('bound.loan_disbursed', { number: row.number }) } : null,
      description: `Prêt n° ${row.number}, remboursement`,
      projectId: row.projectId,
      source: { type: 'loan', id: row.id },
      postedBy: actor.id,
    });
    await tx.insert(loanRepayments).values({
      loanId: id,
      scheduleVersion: row.scheduleVersion,
      paidOn: input.paidOn,
      amountMinor: input.amountMinor,
      principalMinor: split.principalMinor,
      interestMinor: split.interestMinor,
      journalEntryId: entry.id,
      recordedBy: actor.id!,
    });
    const closes = input.amountMinor === owed && repaidPrincipal + split.principalMinor === row.principalMinor;
    if (closes) await tx.update(loans).set({ status: 'closed', closedOn: input.paidOn, updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.repayment', entity: 'loan', entityId: id, structureId: row.structureId, after: { ...input, ...split, journalEntryId: entry.id, closed: closes } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}
