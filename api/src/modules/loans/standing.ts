import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loanInstalments, loanRepayments, loans } from '../../db/schema/loans';
import { NotFound } from '../../lib/errors';
import { allocatePayments, type ScheduledInstalment } from './schedule';

export type LoanRow = typeof loans.$inferSelect;

export async function loanRow(db: Db, id: string, forUpdate = false): Promise<LoanRow> {
  const query = db.select().from(loans).where(eq(loans.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFound('thing.loan');
  return row;
}

async function currentSchedule(db: Db, loan: LoanRow): Promise<ScheduledInstalment[]> {
  const rows = await db
    .select()
    .from(loanInstalments)
    .where(and(eq(loanInstalments.loanId, loan.id), eq(loanInstalments.version, loan.scheduleVersion)))
    .orderBy(asc(loanInstalments.seq));
  return rows.map((row) => ({ seq: row.seq, dueOn: row.dueOn, principalMinor: row.principalMinor, interestMinor: row.interestMinor }));
}

export async function repaymentsOf(db: Db, loanId: string) {
  return db.select().from(loanRepayments).where(eq(loanRepayments.loanId, loanId)).orderBy(asc(loanRepayments.paidOn), asc(loanRepayments.createdAt));
}

/** What the borrower still owes and how late they are, derived from the schedule and the payments. */
export async function standingOf(db: Db, loan: LoanRow, asOf: string) {
  const schedule = await currentSchedule(db, loan);
  const repayments = await repaymentsOf(db, loan.id);
  const receivedOnSchedule = repayments.filter((r) => r.scheduleVersion === loan.scheduleVersion).reduce((sum, r) => sum + r.amountMinor, 0);
  const standing = allocatePayments(schedule, receivedOnSchedule, asOf);
  const repaidPrincipal = repayments.reduce((sum, r) => sum + r.principalMinor, 0);
  return { schedule, repayments, receivedOnSchedule, standing, repaidPrincipal };
}

export async function writeSchedule(tx: Db, loanId: string, version: number, schedule: ScheduledInstalment[]) {
  await tx.insert(loanInstalments).values(schedule.map((i) => ({ loanId, version, ...i })));
}
