import type { Loan, LoanListQuery, ProposeLoanInput } from '@essor/shared/loans';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { loanActions, loanInstalments, loanRepayments, loans } from '../../db/schema/loans';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { NotFound, Unprocessable } from '../../lib/errors';
import { groupBy, indexBy } from '../../lib/group';
import { entityTimeline } from '../../lib/timeline';
import { STAFF_VIEWER, visibleRow, type Viewer } from '../../lib/viewer';
import { requestDecision } from '../approvals/public';
import { ensureCurrency, ensureFinanceable, ensureFinances, getFundRow } from '../funds/public';
import { todayUtc as today } from '../ledger/public';
import { allocatePayments, daysInArrears } from './schedule';
import type { LoanRow } from './standing';

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
  const fundOf = indexBy(fundRows, (f) => f.id);
  const projectOf = indexBy(projectRows, (p) => p.id);
  const instalmentsOf = groupBy(instalments, (i) => i.loanId);
  const repaymentsOf = groupBy(repayments, (r) => r.loanId);
  const actionsOf = groupBy(actions, (a) => a.loanId);
  return rows.map((row) => {
    const schedule = (instalmentsOf.get(row.id) ?? [])
      .filter((i) => i.version === row.scheduleVersion)
      .map((i) => ({ seq: i.seq, dueOn: i.dueOn, principalMinor: i.principalMinor, interestMinor: i.interestMinor }));
    const own = repaymentsOf.get(row.id) ?? [];
    const received = own.filter((r) => r.scheduleVersion === row.scheduleVersion).reduce((sum, r) => sum + r.amountMinor, 0);
    return shapeLoan(row, {
      fund: fundOf.get(row.fundId)!,
      project: projectOf.get(row.projectId)!,
      standing: allocatePayments(schedule, received, asOf),
      repayments: own,
      repaidPrincipal: own.reduce((sum, r) => sum + r.principalMinor, 0),
      actions: actionsOf.get(row.id) ?? [],
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
    structureId: row.structureId,
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
    // Filled per caller by ./flow.ts (withLoanActions).
    allowedActions: [],
    waiting: [],
  };
}

/** Read whole, never capped: arrears are computed per loan after reading, so a cut would hide the oldest loans in arrears. */
export async function listLoans(db: Db, viewer: Viewer, query: LoanListQuery): Promise<Loan[]> {
  const where: SQL[] = [visibleRow(viewer, loans.structureId, loans.projectId)];
  if (query.fundId) where.push(eq(loans.fundId, query.fundId));
  if (query.projectId) where.push(eq(loans.projectId, query.projectId));
  if (query.status) where.push(eq(loans.status, query.status));
  const rows = await db.select().from(loans).where(and(...where)).orderBy(desc(loans.number));
  const list = await toLoanList(db, rows);
  if (query.inArrears === undefined) return list;
  return list.filter((loan) => (loan.daysInArrears > 0) === (query.inArrears === 'true'));
}

export async function getLoan(db: Db, viewer: Viewer, id: string): Promise<Loan> {
  const [row] = await db.select().from(loans).where(and(eq(loans.id, id), visibleRow(viewer, loans.structureId, loans.projectId)));
  if (!row) throw new NotFound('thing.loan');
  return toLoan(db, row);
}

export async function proposeLoan(db: Db, actor: Actor, input: ProposeLoanInput): Promise<Loan> {
  const id = await db.transaction(async (tx) => {
    const fund = await getFundRow(tx, input.fundId).catch(() => {
      throw new Unprocessable('money.unknown_fund', 'invalid', { fundId: ['field.unknown_fund'] });
    });
    if (fund.type !== 'loan') throw new Unprocessable('loans.fund_type', 'invalid', { fundId: ['field.not_loan_fund'] });
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
    if (!project) throw new Unprocessable('money.unknown_project', 'invalid', { projectId: ['field.unknown_project'] });
    await ensureFinances(tx, fund, project);
    await ensureFinanceable(tx, project.id);
    ensureCurrency(fund, input.currency);
    ensureCurrency(fund, project.currency, 'projectId');
    const [row] = await tx
      .insert(loans)
      .values({ ...input, structureId: fund.structureId, proposedBy: actor.id!, status: 'proposed' })
      .returning();
    await recordAudit(tx, actor, { action: 'loan.propose', entity: 'loan', entityId: row.id, structureId: row.structureId, after: input });
    await requestDecision(tx, actor, {
      structureId: row.structureId,
      kind: 'loan.approve',
      entityId: row.id,
      summary: { number: row.number, purpose: row.purpose },
      amountMinor: row.principalMinor,
      currency: row.currency,
    });
    return row.id;
  });
  return getLoan(db, STAFF_VIEWER, id);
}
