import type { Loan, LoanFilters, LoanListQuery, ProposeLoanInput } from '@essor/shared/loans';
import type { Page } from '@essor/shared/pagination';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, desc, eq, lt, not, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { loanActions, loanInstalments, loanRepayments, loans } from '../../db/schema/loans';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { decodeNumberCursor, encodeCursor, everyRow, pageFrom } from '../../lib/cursor';
import { NotFound, Unprocessable } from '../../lib/errors';
import { groupBy, indexBy } from '../../lib/group';
import { rowsOf } from '../../lib/rows';
import { entityTimeline } from '../../lib/timeline';
import { STAFF_VIEWER, viewerShape, viewerValues, visibleRowPlaced, type Viewer } from '../../lib/viewer';
import { requestDecision } from '../approvals/public';
import { ensureCurrency, ensureFinanceable, ensureFinances, getFundRow } from '../funds/public';
import { todayUtc as today } from '../ledger/public';
import { allocatePayments, daysInArrears } from './schedule';
import type { LoanRow } from './standing';
import { anyOfPlaced } from '../../lib/any-of';
import { builtOnce, builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';

/** The rows a page of loans names, each read built once (a list's related reads run on every page). */
const fundCodes = builtOnce((db) => db.select({ id: funds.id, code: funds.code }).from(funds).where(anyOfPlaced(funds.id, 'ids')).prepare('essor_loan_funds'));
const projectTitles = builtOnce((db) => db.select({ id: projects.id, title: projects.title }).from(projects).where(anyOfPlaced(projects.id, 'ids')).prepare('essor_loan_projects'));
/** The instalments of each loan's current schedule (a rescheduled loan keeps its earlier versions for the record). */
const instalmentsOfLoans = builtOnce((db) =>
  db
    .select({ loanId: loanInstalments.loanId, seq: loanInstalments.seq, dueOn: loanInstalments.dueOn, principalMinor: loanInstalments.principalMinor, interestMinor: loanInstalments.interestMinor })
    .from(loanInstalments)
    .innerJoin(loans, and(eq(loans.id, loanInstalments.loanId), eq(loans.scheduleVersion, loanInstalments.version)))
    .where(anyOfPlaced(loanInstalments.loanId, 'ids'))
    .orderBy(asc(loanInstalments.seq))
    .prepare('essor_loan_instalments'),
);
/** What a list needs of the repayments: received on the current schedule, and the principal repaid in all. */
const repaymentSumsOfLoans = builtOnce((db) =>
  db
    .select({
      loanId: loanRepayments.loanId,
      received: sql<string>`coalesce(sum(${loanRepayments.amountMinor}) filter (where ${loanRepayments.scheduleVersion} = ${loans.scheduleVersion}), 0)`,
      repaid: sql<string>`sum(${loanRepayments.principalMinor})`,
    })
    .from(loanRepayments)
    .innerJoin(loans, eq(loans.id, loanRepayments.loanId))
    .where(anyOfPlaced(loanRepayments.loanId, 'ids'))
    .groupBy(loanRepayments.loanId)
    .prepare('essor_loan_repayment_sums'),
);
const repaymentsOfLoans = builtOnce((db) =>
  db
    .select()
    .from(loanRepayments)
    .where(anyOfPlaced(loanRepayments.loanId, 'ids'))
    .orderBy(asc(loanRepayments.paidOn), asc(loanRepayments.createdAt))
    .prepare('essor_loan_repayments'),
);
const actionsOfLoans = builtOnce((db) =>
  db.select().from(loanActions).where(anyOfPlaced(loanActions.loanId, 'ids')).orderBy(asc(loanActions.proposedAt)).prepare('essor_loan_actions'),
);

/**
 * Loans with their schedule standing and actions, read side by side whatever the number of rows. The figures come
 * from the repayments summed in SQL; a loan's own page (`withRepayments`) also lists them.
 */
async function toLoanList(db: Db, rows: LoanRow[], withRepayments = false): Promise<Loan[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Side by side: on PostgreSQL each goes out on its own connection of the pool, instead of round trips in a row.
  const [fundRows, projectRows, instalments, sums, actions, repayments] = await Promise.all([
    fundCodes(db).execute({ ids: [...new Set(rows.map((r) => r.fundId))] }),
    projectTitles(db).execute({ ids: [...new Set(rows.map((r) => r.projectId))] }),
    instalmentsOfLoans(db).execute({ ids }),
    repaymentSumsOfLoans(db).execute({ ids }),
    actionsOfLoans(db).execute({ ids }),
    withRepayments ? repaymentsOfLoans(db).execute({ ids }) : [],
  ]);
  const asOf = today();
  const fundOf = indexBy(fundRows, (f) => f.id);
  const projectOf = indexBy(projectRows, (p) => p.id);
  const instalmentsOf = groupBy(instalments, (i) => i.loanId);
  const sumsOf = indexBy(sums, (r) => r.loanId);
  const actionsOf = groupBy(actions, (a) => a.loanId);
  const repaymentsOf = groupBy(repayments, (r) => r.loanId);
  return rows.map((row) => {
    const schedule = (instalmentsOf.get(row.id) ?? []).map(({ loanId: _l, ...i }) => i);
    const paid = sumsOf.get(row.id);
    return shapeLoan(row, {
      fund: fundOf.get(row.fundId)!,
      project: projectOf.get(row.projectId)!,
      standing: allocatePayments(schedule, Number(paid?.received ?? 0), asOf),
      repayments: repaymentsOf.get(row.id) ?? [],
      repaidPrincipal: Number(paid?.repaid ?? 0),
      actions: actionsOf.get(row.id) ?? [],
      asOf,
      timeline: [],
    });
  });
}

async function toLoan(db: Db, row: LoanRow): Promise<Loan> {
  const [[shaped], timeline] = await Promise.all([toLoanList(db, [row], true), entityTimeline(db, 'loan', row.id)]);
  return { ...shaped, timeline };
}

interface LoanParts {
  fund: { code: string };
  project: { title: string };
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

/**
 * A loan in arrears, in SQL so that the list can page: active, and what fell due before today on its current
 * schedule is more than what was received on it. Payments settle instalments oldest first (allocatePayments), so
 * this is exactly "an instalment is overdue", the rule daysInArrears reads.
 */
function inArrears(asOf: SQL): SQL {
  return sql`(${loans.status} = 'active' and coalesce((
    select sum(${loanInstalments.principalMinor} + ${loanInstalments.interestMinor}) from ${loanInstalments}
    where ${loanInstalments.loanId} = ${loans.id} and ${loanInstalments.version} = ${loans.scheduleVersion} and ${loanInstalments.dueOn} < ${asOf}
  ), 0) > coalesce((
    select sum(${loanRepayments.amountMinor}) from ${loanRepayments}
    where ${loanRepayments.loanId} = ${loans.id} and ${loanRepayments.scheduleVersion} = ${loans.scheduleVersion}
  ), 0))`;
}

/**
 * How many instalments of the active loans of these structures are overdue on `asOf`, counted in the database:
 * payments settle instalments oldest first (allocatePayments), so an instalment is overdue when it fell due before
 * `asOf` and what was received on the schedule does not reach the running total through it.
 */
export async function countLateInstalments(db: Db, structureIds: readonly string[], asOf: string): Promise<number> {
  if (structureIds.length === 0) return 0;
  const result = await db.execute(sql`
    with live as (
      select ${loans.id} as id, ${loans.scheduleVersion} as version from ${loans}
      where ${loans.status} = 'active' and ${loans.structureId} = any(${sql.param([...structureIds])}::uuid[])
    ),
    running as (
      select i.loan_id, i.due_on, i.principal_minor + i.interest_minor as amount,
             sum(i.principal_minor + i.interest_minor) over (partition by i.loan_id order by i.seq) as through
      from loan_instalments i join live on live.id = i.loan_id and live.version = i.version
    ),
    received as (
      select r.loan_id, sum(r.amount_minor) as amount
      from loan_repayments r join live on live.id = r.loan_id and live.version = r.schedule_version
      group by r.loan_id
    )
    select count(*)::int as n from running
    left join received on received.loan_id = running.loan_id
    where running.due_on < ${asOf} and running.amount > 0 and running.through > coalesce(received.amount, 0)`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

const FILTERS = ['fundId', 'projectId', 'status'] as const;

/**
 * A page of loans, built once per shape: the viewer, the filters given, in arrears or not, first page or after a
 * cursor. The day arrears are counted on comes as the `asOf` value.
 */
const loansPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [visibleRowPlaced(has, loans.structureId, loans.projectId)];
  where.push(...placedEquals(has, loans, FILTERS));
  if (has('inArrears')) where.push(inArrears(sql`${sql.placeholder('asOf')}::date`));
  if (has('current')) where.push(not(inArrears(sql`${sql.placeholder('asOf')}::date`)));
  if (has('cursor')) where.push(lt(loans.number, sql.placeholder('number')));
  return db.select().from(loans).where(and(...where)).orderBy(desc(loans.number)).limit(sql.placeholder('limit')).prepare(`essor_loans_${shape}`);
});

/** A page of loans, newest first (by number), each with its schedule standing, repayments and actions. */
export async function listLoans(db: Db, viewer: Viewer, query: LoanListQuery): Promise<Page<Loan>> {
  const number = query.cursor ? decodeNumberCursor(query.cursor)[0] : null;
  const arrears = query.inArrears === undefined ? null : query.inArrears === 'true' ? 'inArrears' : 'current';
  const shape = [viewerShape(viewer), ...givenFilters(query, FILTERS), arrears, number !== null && 'cursor'];
  const rows = await loansPage(db, shape).execute({
    ...viewerValues(viewer),
    ...filterValues(query, FILTERS),
    asOf: today(),
    number,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.number, row.id));
  return { items: await toLoanList(db, page.items), nextCursor: page.nextCursor };
}

/** Every loan the filters select, walked a page at a time (the CSV export, the home page's figures). */
export async function allLoans(db: Db, viewer: Viewer, filters: LoanFilters): Promise<Loan[]> {
  return everyRow((cursor, limit) => listLoans(db, viewer, { ...filters, cursor, limit }));
}

/** One loan as the viewer may read it, built once per viewer shape. */
const loanById = builtPerShape((db, has, shape) =>
  db
    .select()
    .from(loans)
    .where(and(eq(loans.id, sql.placeholder('id')), visibleRowPlaced(has, loans.structureId, loans.projectId)))
    .prepare(`essor_loan_${shape}`),
);

export async function getLoan(db: Db, viewer: Viewer, id: string): Promise<Loan> {
  const [row] = await loanById(db, [viewerShape(viewer)]).execute({ id, ...viewerValues(viewer) });
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
