import type { Loan, ProposeLoanActionInput, RescheduleParams } from '@essor/shared/loans';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loanActions, loans } from '../../db/schema/loans';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { decidePending, requestDecision } from '../approvals/public';
import { withFundLock } from '../funds/public';
import { postMovement } from '../ledger/public';
import { buildSchedule } from './schedule';
import { getLoan } from './proposals';
import { loanRow, repaymentsOf, writeSchedule } from './standing';

/** Maker: someone proposes a rescheduling or a write-off; it changes nothing until another fund manager approves. */
export async function proposeLoanAction(db: Db, actor: Actor, id: string, input: ProposeLoanActionInput): Promise<Loan> {
  await db.transaction(async (tx) => {
    const row = await loanRow(tx, id, true);
    if (row.status !== 'active') throw new Conflict(msg('loans.not_reschedulable', { status: named('loan_status', row.status) }));
    const [pending] = await tx.select().from(loanActions).where(and(eq(loanActions.loanId, id), eq(loanActions.status, 'pending')));
    if (pending) throw new Conflict(msg('loans.action_pending', { kind: named('loan_action', pending.kind) }));
    if (input.kind === 'reschedule' && row.disbursedOn && input.params.startsOn < row.disbursedOn) {
      throw new Unprocessable('loans.schedule_before_disbursement', 'invalid', { 'params.startsOn': ['field.before_disbursement'] });
    }
    const params = input.kind === 'reschedule' ? input.params : { writtenOffOn: input.writtenOffOn };
    const [action] = await tx.insert(loanActions).values({ loanId: id, kind: input.kind, params, reason: input.reason, proposedBy: actor.id! }).returning();
    await recordAudit(tx, actor, { action: `loan.${input.kind}.propose`, entity: 'loan', entityId: id, structureId: row.structureId, after: { actionId: action.id, ...input } });
    await requestDecision(tx, actor, {
      structureId: row.structureId,
      kind: `loan.${input.kind}`,
      entityId: id,
      subjectId: action.id,
      summary: { number: row.number, reason: input.reason, params },
    });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

/** Checker: a fund manager other than the proposer approves (and it takes effect) or rejects. */
export async function decideLoanAction(db: Db, actor: Actor, id: string, actionId: string, decision: 'approve' | 'reject'): Promise<Loan> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => loanRow(tx, id, lock));
    const [action] = await tx.select().from(loanActions).where(and(eq(loanActions.id, actionId), eq(loanActions.loanId, id))).for('update');
    if (!action) throw new NotFound('thing.loan_action');
    if (action.status !== 'pending') throw new Conflict(msg('loans.action_decided', { kind: named('loan_action', action.kind), status: named('action_status', action.status) }));
    await decidePending(tx, actor, { kind: `loan.${action.kind as 'reschedule' | 'write_off'}`, entityId: id }, decision, null, { people: [action.proposedBy] });
    let journalEntryId: number | null = null;
    if (decision === 'approve') {
      if (row.status !== 'active') throw new Conflict(msg('loans.status', { status: named('loan_status', row.status) }));
      const repaid = (await repaymentsOf(tx, id)).reduce((sum, r) => sum + r.principalMinor, 0);
      const outstanding = row.principalMinor - repaid;
      if (action.kind === 'reschedule') {
        const params = action.params as RescheduleParams;
        const version = row.scheduleVersion + 1;
        await writeSchedule(tx, id, version, buildSchedule({ principalMinor: outstanding, ...params }));
        await tx
          .update(loans)
          .set({ scheduleVersion: version, termMonths: params.termMonths, graceMonths: params.graceMonths, rateBps: params.rateBps, method: params.method, updatedAt: new Date() })
          .where(eq(loans.id, id));
      } else {
        const { writtenOffOn } = action.params as { writtenOffOn: string };
        const lastPaid = (await repaymentsOf(tx, id)).at(-1)?.paidOn;
        const entry = outstanding === 0 ? null : await postMovement(tx, 'loan_write_off', {
          fund,
          amountMinor: outstanding,
          occurredOn: writtenOffOn,
          dateField: 'writtenOffOn',
          notBefore: [
            row.disbursedOn ? { date: row.disbursedOn, reason: msg('bound.loan_disbursed', { number: row.number }) } : null,
            lastPaid ? { date: lastPaid, reason: msg('bound.last_repayment', { number: row.number }) } : null,
          ],
          description: `Prêt n° ${row.number} passé en perte : ${action.reason}`,
          projectId: row.projectId,
          source: { type: 'loan', id: row.id },
          postedBy: actor.id,
        });
        journalEntryId = entry?.id ?? null;
        await tx.update(loans).set({ status: 'written_off', closedOn: writtenOffOn, updatedAt: new Date() }).where(eq(loans.id, id));
      }
    }
    await tx
      .update(loanActions)
      .set({ status: decision === 'approve' ? 'approved' : 'rejected', decidedBy: actor.id, decidedAt: new Date(), journalEntryId })
      .where(eq(loanActions.id, actionId));
    await recordAudit(tx, actor, {
      action: `loan.${action.kind}.${decision}`,
      entity: 'loan',
      entityId: id,
      structureId: row.structureId,
      before: { status: row.status, scheduleVersion: row.scheduleVersion, termMonths: row.termMonths, graceMonths: row.graceMonths, rateBps: row.rateBps, method: row.method },
      after: { actionId, journalEntryId },
    });
  });
  return getLoan(db, STAFF_VIEWER, id);
}
