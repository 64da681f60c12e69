import type { Loan, LoanListQuery, ProposeLoanActionInput, ProposeLoanInput, RecordRepaymentInput, RescheduleParams } from '@essor/shared/loans';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { loanActions, loanInstalments, loanRepayments, loans } from '../../db/schema/loans';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../lib/errors';
import { entityTimeline } from '../cofinancing/service';
import { commitFromFund, ensureCurrency, getFundRow, lockFund, today } from '../funds/service';
import { STAFF_VIEWER, visibleProject, type Viewer } from '../funds/viewer';
import { ACCOUNT } from '../ledger/chart';
import { postJournalEntry } from '../ledger/service';
import { allocatePayments, buildSchedule, daysInArrears, splitPayment, type ScheduledInstalment } from './schedule';

type LoanRow = typeof loans.$inferSelect;

async function loanRow(db: Db, id: string, forUpdate = false): Promise<LoanRow> {
  const query = db.select().from(loans).where(eq(loans.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFound('Loan');
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

async function repaymentsOf(db: Db, loanId: string) {
  return db.select().from(loanRepayments).where(eq(loanRepayments.loanId, loanId)).orderBy(asc(loanRepayments.paidOn), asc(loanRepayments.createdAt));
}

/** What the borrower still owes and how late they are, derived from the schedule and the payments. */
async function standingOf(db: Db, loan: LoanRow, asOf: string) {
  const schedule = await currentSchedule(db, loan);
  const repayments = await repaymentsOf(db, loan.id);
  const receivedOnSchedule = repayments.filter((r) => r.scheduleVersion === loan.scheduleVersion).reduce((sum, r) => sum + r.amountMinor, 0);
  const standing = allocatePayments(schedule, receivedOnSchedule, asOf);
  const repaidPrincipal = repayments.reduce((sum, r) => sum + r.principalMinor, 0);
  return { schedule, repayments, receivedOnSchedule, standing, repaidPrincipal };
}

/** Loans with their schedule standing, repayments and actions, read in five queries whatever the number of rows. */
async function toLoanList(db: Db, rows: LoanRow[]): Promise<Loan[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const fundRows = await db.select().from(funds).where(inArray(funds.id, [...new Set(rows.map((r) => r.fundId))]));
  const projectRows = await db.select().from(projects).where(inArray(projects.id, [...new Set(rows.map((r) => r.projectId))]));
  const instalments = await db.select().from(loanInstalments).where(inArray(loanInstalments.loanId, ids)).orderBy(asc(loanInstalments.seq));
  const repayments = await db.select().from(loanRepayments).where(inArray(loanRepayments.loanId, ids)).orderBy(asc(loanRepayments.paidOn), asc(loanRepayments.createdAt));
  const actions = await db.select().from(loanActions).where(inArray(loanActions.loanId, ids)).orderBy(asc(loanActions.proposedAt));
  const asOf = today();
  return rows.map((row) => {
    const schedule = instalments
      .filter((i) => i.loanId === row.id && i.version === row.scheduleVersion)
      .map((i) => ({ seq: i.seq, dueOn: i.dueOn, principalMinor: i.principalMinor, interestMinor: i.interestMinor }));
    const own = repayments.filter((r) => r.loanId === row.id);
    const received = own.filter((r) => r.scheduleVersion === row.scheduleVersion).reduce((sum, r) => sum + r.amountMinor, 0);
    return shapeLoan(row, {
      fund: fundRows.find((f) => f.id === row.fundId)!,
      project: projectRows.find((p) => p.id === row.projectId)!,
      standing: allocatePayments(schedule, received, asOf),
      repayments: own,
      repaidPrincipal: own.reduce((sum, r) => sum + r.principalMinor, 0),
      actions: actions.filter((a) => a.loanId === row.id),
      asOf,
      timeline: [],
    });
  });
}

async function toLoan(db: Db, row: LoanRow): Promise<Loan> {
  const [shaped] = await toLoanList(db, [row]);
  return { ...shaped, timeline: await entityTimeline(db, 'loan', row.id) };
}

interface LoanParts {
  fund: typeof funds.$inferSelect;
  project: typeof projects.$inferSelect;
  standing: ReturnType<typeof allocatePayments>;
  repayments: (typeof loanRepayments.$inferSelect)[];
  repaidPrincipal: number;
  actions: (typeof loanActions.$inferSelect)[];
  asOf: string;
  timeline: Loan['timeline'];
}

function shapeLoan(row: LoanRow, { fund, project, standing, repayments, repaidPrincipal, actions, asOf, timeline }: LoanParts): Loan {
  const live = row.status === 'active';
  const arrears = standing.filter((i) => i.status === 'overdue').reduce((sum, i) => sum + i.principalMinor + i.interestMinor - i.paidPrincipalMinor - i.paidInterestMinor, 0);
  return {
    id: row.id,
    number: row.number,
    fundId: row.fundId,
    fundCode: fund.code,
    projectId: row.projectId,
    projectTitle: project.title,
    kind: row.kind as Loan['kind'],
    principalMinor: row.principalMinor,
    currency: row.currency as CurrencyCode,
    rateBps: row.rateBps,
    termMonths: row.termMonths,
    graceMonths: row.graceMonths,
    method: row.method as Loan['method'],
    purpose: row.purpose,
    status: row.status as Loan['status'],
    proposedBy: row.proposedBy,
    decidedBy: row.decidedBy,
    disbursedOn: row.disbursedOn,
    closedOn: row.closedOn,
    scheduleVersion: row.scheduleVersion,
    schedule: standing,
    repayments: repayments.map((r) => ({
      id: r.id,
      paidOn: r.paidOn,
      amountMinor: r.amountMinor,
      principalMinor: r.principalMinor,
      interestMinor: r.interestMinor,
      scheduleVersion: r.scheduleVersion,
      journalEntryId: r.journalEntryId,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind as 'reschedule' | 'write_off',
      params: a.params,
      reason: a.reason,
      status: a.status as 'pending' | 'approved' | 'rejected',
      proposedBy: a.proposedBy,
      proposedAt: a.proposedAt.toISOString(),
      decidedBy: a.decidedBy,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      journalEntryId: a.journalEntryId,
    })),
    repaidPrincipalMinor: repaidPrincipal,
    outstandingPrincipalMinor: row.status === 'active' ? row.principalMinor - repaidPrincipal : 0,
    arrearsMinor: live ? arrears : 0,
    daysInArrears: live ? daysInArrears(standing, asOf) : 0,
    createdAt: row.createdAt.toISOString(),
    timeline,
  };
}

export async function listLoans(db: Db, viewer: Viewer, query: LoanListQuery): Promise<Loan[]> {
  const where: SQL[] = [visibleProject(viewer, loans.projectId)];
  if (query.fundId) where.push(eq(loans.fundId, query.fundId));
  if (query.projectId) where.push(eq(loans.projectId, query.projectId));
  if (query.status) where.push(eq(loans.status, query.status));
  const rows = await db.select().from(loans).where(and(...where)).orderBy(desc(loans.number)).limit(500);
  const list = await toLoanList(db, rows);
  if (query.inArrears === undefined) return list;
  return list.filter((loan) => (loan.daysInArrears > 0) === (query.inArrears === 'true'));
}

export async function getLoan(db: Db, viewer: Viewer, id: string): Promise<Loan> {
  const [row] = await db.select().from(loans).where(and(eq(loans.id, id), visibleProject(viewer, loans.projectId)));
  if (!row) throw new NotFound('Loan');
  return toLoan(db, row);
}

export async function proposeLoan(db: Db, actor: Actor, input: ProposeLoanInput): Promise<Loan> {
  const id = await db.transaction(async (tx) => {
    const fund = await getFundRow(tx, input.fundId).catch(() => {
      throw new Unprocessable('Unknown fund', 'invalid', { fundId: ['Unknown fund'] });
    });
    if (fund.type !== 'loan') throw new Unprocessable('This fund does not lend', 'invalid', { fundId: ['Not a loan fund'] });
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
    if (!project) throw new Unprocessable('Unknown project', 'invalid', { projectId: ['Unknown project'] });
    ensureCurrency(fund, input.currency);
    ensureCurrency(fund, project.currency, 'projectId');
    const [row] = await tx
      .insert(loans)
      .values({ ...input, proposedBy: actor.id!, status: 'proposed' })
      .returning();
    await recordAudit(tx, actor, { action: 'loan.propose', entity: 'loan', entityId: row.id, after: input });
    return row.id;
  });
  return getLoan(db, STAFF_VIEWER, id);
}

/** Approval commits the principal under the fund's lock; the proposer cannot approve. */
export async function approveLoan(db: Db, actor: Actor, id: string, accountingDate = today()): Promise<Loan> {
  await db.transaction(async (tx) => {
    const preview = await loanRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await loanRow(tx, id, true);
    if (row.status !== 'proposed') throw new Conflict(`The loan is already ${row.status}`);
    if (row.proposedBy === actor.id) throw new Forbidden('Whoever proposed a loan cannot approve it (four eyes)');
    const entry = await commitFromFund(tx, fund, {
      amountMinor: row.principalMinor,
      debit: ACCOUNT.loansReceivable,
      credit: ACCOUNT.loansToDisburse,
      description: `Prêt n° ${row.number} approuvé`,
      projectId: row.projectId,
      source: { type: 'loan', id: row.id },
      occurredOn: accountingDate,
      postedBy: actor.id,
    });
    await tx.update(loans).set({ status: 'approved', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.approve', entity: 'loan', entityId: id, before: { status: row.status }, after: { status: 'approved', journalEntryId: entry.id } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

export async function rejectLoan(db: Db, actor: Actor, id: string): Promise<Loan> {
  await db.transaction(async (tx) => {
    const row = await loanRow(tx, id, true);
    if (row.status !== 'proposed') throw new Conflict(`The loan is already ${row.status}`);
    if (row.proposedBy === actor.id) throw new Forbidden('Whoever proposed a loan cannot decide on it (four eyes)');
    await tx.update(loans).set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.reject', entity: 'loan', entityId: id, before: { status: row.status }, after: { status: 'rejected' } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

async function writeSchedule(tx: Db, loanId: string, version: number, schedule: ScheduledInstalment[]) {
  await tx.insert(loanInstalments).values(schedule.map((i) => ({ loanId, version, ...i })));
}

/** Pays the principal out and fixes the schedule from that day. */
export async function disburseLoan(db: Db, actor: Actor, id: string, disbursedOn: string): Promise<Loan> {
  await db.transaction(async (tx) => {
    const preview = await loanRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await loanRow(tx, id, true);
    if (row.status !== 'approved') throw new Conflict(`A ${row.status} loan cannot be disbursed`);
    const entry = await postJournalEntry(tx, {
      fundId: fund.id,
      currency: fund.currency,
      occurredOn: disbursedOn,
      kind: 'disbursement',
      description: `Prêt n° ${row.number} décaissé`,
      projectId: row.projectId,
      sourceType: 'loan',
      sourceId: row.id,
      postedBy: actor.id,
      lines: [
        { account: ACCOUNT.loansToDisburse, debit: row.principalMinor },
        { account: ACCOUNT.bank, credit: row.principalMinor },
      ],
    });
    const schedule = buildSchedule({ ...row, method: row.method as 'annuity' | 'declining', startsOn: disbursedOn });
    await writeSchedule(tx, id, 1, schedule);
    await tx.update(loans).set({ status: 'active', disbursedOn, scheduleVersion: 1, updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.disburse', entity: 'loan', entityId: id, after: { disbursedOn, journalEntryId: entry.id } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

/** An approved loan not yet paid out can be dropped: the commitment is released. */
export async function cancelLoan(db: Db, actor: Actor, id: string, reason: string): Promise<Loan> {
  await db.transaction(async (tx) => {
    const preview = await loanRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await loanRow(tx, id, true);
    if (row.status !== 'approved' && row.status !== 'proposed') throw new Conflict(`A ${row.status} loan cannot be cancelled`);
    let journalEntryId: number | null = null;
    if (row.status === 'approved') {
      const entry = await postJournalEntry(tx, {
        fundId: fund.id,
        currency: fund.currency,
        occurredOn: today(),
        kind: 'cancellation',
        description: `Prêt n° ${row.number} annulé : ${reason}`,
        projectId: row.projectId,
        sourceType: 'loan',
        sourceId: row.id,
        postedBy: actor.id,
        lines: [
          { account: ACCOUNT.loansToDisburse, debit: row.principalMinor },
          { account: ACCOUNT.loansReceivable, credit: row.principalMinor },
        ],
      });
      journalEntryId = entry.id;
    }
    await tx.update(loans).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(loans.id, id));
    await recordAudit(tx, actor, { action: 'loan.cancel', entity: 'loan', entityId: id, before: { status: row.status }, after: { status: 'cancelled', reason, journalEntryId } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

/** Money in from the borrower: split interest first, then principal, along the schedule. */
export async function recordRepayment(db: Db, actor: Actor, id: string, input: RecordRepaymentInput): Promise<Loan> {
  await db.transaction(async (tx) => {
    const preview = await loanRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await loanRow(tx, id, true);
    if (row.status !== 'active') throw new Conflict(`The loan is ${row.status}; it takes no repayment`);
    ensureCurrency(fund, input.currency);
    if (row.disbursedOn && input.paidOn < row.disbursedOn) throw new Unprocessable('A repayment cannot precede the disbursement', 'invalid', { paidOn: ['Before the disbursement'] });
    const { schedule, receivedOnSchedule, repaidPrincipal } = await standingOf(tx, row, input.paidOn);
    const owed = schedule.reduce((sum, i) => sum + i.principalMinor + i.interestMinor, 0) - receivedOnSchedule;
    if (input.amountMinor > owed) {
      throw new Unprocessable(`The borrower owes ${owed}; ${input.amountMinor} is more`, 'invalid', { amountMinor: ['More than what is owed'] });
    }
    const split = splitPayment(schedule, receivedOnSchedule, input.amountMinor);
    const lines = [
      { account: ACCOUNT.bank, debit: input.amountMinor },
      ...(split.principalMinor > 0 ? [{ account: ACCOUNT.loansReceivable, credit: split.principalMinor }] : []),
      ...(split.interestMinor > 0 ? [{ account: ACCOUNT.interestIncome, credit: split.interestMinor }] : []),
    ];
    const entry = await postJournalEntry(tx, {
      fundId: fund.id,
      currency: fund.currency,
      occurredOn: input.paidOn,
      kind: 'repayment',
      description: `Prêt n° ${row.number}, remboursement`,
      projectId: row.projectId,
      sourceType: 'loan',
      sourceId: row.id,
      postedBy: actor.id,
      lines,
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
    await recordAudit(tx, actor, { action: 'loan.repayment', entity: 'loan', entityId: id, after: { ...input, ...split, journalEntryId: entry.id, closed: closes } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

/** Maker: someone proposes a rescheduling or a write-off; it changes nothing until another fund manager approves. */
export async function proposeLoanAction(db: Db, actor: Actor, id: string, input: ProposeLoanActionInput): Promise<Loan> {
  await db.transaction(async (tx) => {
    const row = await loanRow(tx, id, true);
    if (row.status !== 'active') throw new Conflict(`A ${row.status} loan is neither rescheduled nor written off`);
    const [pending] = await tx.select().from(loanActions).where(and(eq(loanActions.loanId, id), eq(loanActions.status, 'pending')));
    if (pending) throw new Conflict(`A ${pending.kind} already waits for a decision on this loan`);
    if (input.kind === 'reschedule' && row.disbursedOn && input.params.startsOn < row.disbursedOn) {
      throw new Unprocessable('A new schedule cannot start before the disbursement', 'invalid', { 'params.startsOn': ['Before the disbursement'] });
    }
    const params = input.kind === 'reschedule' ? input.params : { writtenOffOn: input.writtenOffOn };
    const [action] = await tx.insert(loanActions).values({ loanId: id, kind: input.kind, params, reason: input.reason, proposedBy: actor.id! }).returning();
    await recordAudit(tx, actor, { action: `loan.${input.kind}.propose`, entity: 'loan', entityId: id, after: { actionId: action.id, ...input } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}

/** Checker: a fund manager other than the proposer approves (and it takes effect) or rejects. */
export async function decideLoanAction(db: Db, actor: Actor, id: string, actionId: string, decision: 'approve' | 'reject'): Promise<Loan> {
  await db.transaction(async (tx) => {
    const preview = await loanRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await loanRow(tx, id, true);
    const [action] = await tx.select().from(loanActions).where(and(eq(loanActions.id, actionId), eq(loanActions.loanId, id))).for('update');
    if (!action) throw new NotFound('Loan action');
    if (action.status !== 'pending') throw new Conflict(`This ${action.kind} was already ${action.status}`);
    if (action.proposedBy === actor.id) throw new Forbidden('Whoever proposed it cannot approve it (maker-checker)');
    let journalEntryId: number | null = null;
    if (decision === 'approve') {
      if (row.status !== 'active') throw new Conflict(`The loan is ${row.status}`);
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
        const entry = outstanding === 0 ? null : await postJournalEntry(tx, {
          fundId: fund.id,
          currency: fund.currency,
          occurredOn: writtenOffOn,
          kind: 'write_off',
          description: `Prêt n° ${row.number} passé en perte : ${action.reason}`,
          projectId: row.projectId,
          sourceType: 'loan',
          sourceId: row.id,
          postedBy: actor.id,
          lines: [
            { account: ACCOUNT.loanLosses, debit: outstanding },
            { account: ACCOUNT.loansReceivable, credit: outstanding },
          ],
        });
        journalEntryId = entry?.id ?? null;
        await tx.update(loans).set({ status: 'written_off', closedOn: writtenOffOn, updatedAt: new Date() }).where(eq(loans.id, id));
      }
    }
    await tx
      .update(loanActions)
      .set({ status: decision === 'approve' ? 'approved' : 'rejected', decidedBy: actor.id, decidedAt: new Date(), journalEntryId })
      .where(eq(loanActions.id, actionId));
    await recordAudit(tx, actor, { action: `loan.${action.kind}.${decision}`, entity: 'loan', entityId: id, after: { actionId, journalEntryId } });
  });
  return getLoan(db, STAFF_VIEWER, id);
}
