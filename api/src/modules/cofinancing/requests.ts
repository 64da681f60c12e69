import type { Cofinancing, CofinancingFilters, CofinancingListQuery, CreateCofinancingInput, TimelineEvent } from '@essor/shared/cofinancing';
import type { Page } from '@essor/shared/pagination';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cofinancingRequests, cofinancingTranches, funds } from '../../db/schema/funds';
import { milestones, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { decodeNumberCursor, encodeCursor, everyRow, pageFrom } from '../../lib/cursor';
import { NotFound, Unprocessable } from '../../lib/errors';
import { groupBy, indexBy } from '../../lib/group';
import { entityTimeline } from '../../lib/timeline';
import { STAFF_VIEWER, viewerShape, viewerValues, visibleRow, visibleRowPlaced, type Viewer } from '../../lib/viewer';
import { ensureCurrency, ensureFinanceable, ensureFinances, getFundRow } from '../funds/public';
import { checkFinancingRules, type ProjectRow, type FundRow } from './financing-rules';
import { anyOfPlaced } from '../../lib/any-of';
import { builtOnce, builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';

export type RequestRow = typeof cofinancingRequests.$inferSelect;

/** The rows a page of requests names, each read built once (a list's related reads run on every page). */
const fundsByIds = builtOnce((db) =>
  db.select({ id: funds.id, code: funds.code, committeeThresholdMinor: funds.committeeThresholdMinor }).from(funds).where(anyOfPlaced(funds.id, 'ids')).prepare('essor_cofinancing_funds'),
);
const projectsByIds = builtOnce((db) =>
  db.select({ id: projects.id, title: projects.title, totalBudgetMinor: projects.totalBudgetMinor }).from(projects).where(anyOfPlaced(projects.id, 'ids')).prepare('essor_cofinancing_projects'),
);
const tranchesOfRequests = builtOnce((db) =>
  db
    .select({ t: cofinancingTranches, milestoneTitle: milestones.title, milestoneStatus: milestones.status })
    .from(cofinancingTranches)
    .leftJoin(milestones, eq(milestones.id, cofinancingTranches.milestoneId))
    .where(anyOfPlaced(cofinancingTranches.requestId, 'ids'))
    .orderBy(asc(cofinancingTranches.seq))
    .prepare('essor_cofinancing_tranches'),
);

/** Requests with their fund, project and tranches, read in three queries whatever the number of rows. */
async function toCofinancingList(db: Db, rows: RequestRow[]): Promise<Cofinancing[]> {
  if (rows.length === 0) return [];
  // Side by side: on PostgreSQL each goes out on its own connection of the pool, instead of three round trips in a row.
  const [fundRows, projectRows, trancheRows] = await Promise.all([
    fundsByIds(db).execute({ ids: [...new Set(rows.map((r) => r.fundId))] }),
    projectsByIds(db).execute({ ids: [...new Set(rows.map((r) => r.projectId))] }),
    tranchesOfRequests(db).execute({ ids: rows.map((r) => r.id) }),
  ]);
  const fundOf = indexBy(fundRows, (f) => f.id);
  const projectOf = indexBy(projectRows, (p) => p.id);
  const tranchesOf = groupBy(trancheRows, ({ t }) => t.requestId);
  return rows.map((row) => shapeCofinancing(row, fundOf.get(row.fundId)!, projectOf.get(row.projectId)!, tranchesOf.get(row.id) ?? [], []));
}

async function toCofinancing(db: Db, row: RequestRow): Promise<Cofinancing> {
  const [shaped] = await toCofinancingList(db, [row]);
  return { ...shaped, timeline: await entityTimeline(db, 'cofinancing', row.id) };
}

type TrancheRow = { t: typeof cofinancingTranches.$inferSelect; milestoneTitle: string | null; milestoneStatus: string | null };

function shapeCofinancing(row: RequestRow, fund: Pick<FundRow, 'code' | 'committeeThresholdMinor'>, project: Pick<ProjectRow, 'title' | 'totalBudgetMinor'>, tranches: TrancheRow[], timeline: TimelineEvent[]): Cofinancing {
  return {
    id: row.id,
    number: row.number,
    structureId: row.structureId,
    fundId: row.fundId,
    fundCode: fund.code,
    projectId: row.projectId,
    projectTitle: project.title,
    projectBudgetMinor: project.totalBudgetMinor,
    amountMinor: row.amountMinor,
    currency: row.currency as CurrencyCode,
    purpose: row.purpose,
    otherFunders: row.otherFunders as Cofinancing['otherFunders'],
    status: row.status as Cofinancing['status'],
    createdBy: row.createdBy,
    recommendation: row.recommendation,
    preparedBy: row.preparedBy,
    preparedAt: row.preparedAt?.toISOString() ?? null,
    committeeRequired: row.amountMinor > fund.committeeThresholdMinor,
    committeeDecision: row.committeeDecision as Cofinancing['committeeDecision'],
    committeeNote: row.committeeNote,
    committeeDecidedAt: row.committeeDecidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    conditions: row.conditions as string[],
    agreementSignedOn: row.agreementSignedOn,
    tranches: tranches.map(({ t, milestoneTitle, milestoneStatus }) => ({
      id: t.id,
      seq: t.seq,
      amountMinor: t.amountMinor,
      milestoneId: t.milestoneId,
      milestoneTitle,
      milestoneStatus,
      status: t.status as 'planned' | 'disbursed' | 'cancelled',
      disbursedOn: t.disbursedOn,
      journalEntryId: t.journalEntryId,
      disbursable: false,
    })),
    disbursedMinor: tranches.filter(({ t }) => t.status === 'disbursed').reduce((sum, { t }) => sum + t.amountMinor, 0),
    createdAt: row.createdAt.toISOString(),
    timeline,
    // Filled per caller by ./flow.ts (withCofinancingActions).
    allowedActions: [],
    waiting: [],
  };
}

export async function requestRow(db: Db, id: string, forUpdate = false): Promise<RequestRow> {
  const query = db.select().from(cofinancingRequests).where(eq(cofinancingRequests.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFound('thing.cofinancing');
  return row;
}

const FILTERS = ['fundId', 'projectId', 'status'] as const;

/** A page of requests, built once per shape: the viewer, the filters given, first page or after a cursor. */
const requestsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [visibleRowPlaced(has, cofinancingRequests.structureId, cofinancingRequests.projectId)];
  where.push(...placedEquals(has, cofinancingRequests, FILTERS));
  if (has('cursor')) where.push(lt(cofinancingRequests.number, sql.placeholder('number')));
  return db
    .select()
    .from(cofinancingRequests)
    .where(and(...where))
    .orderBy(desc(cofinancingRequests.number))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_cofinancing_${shape}`);
});

/** A page of requests, newest first (by number), each with its tranches and committee standing. */
export async function listCofinancing(db: Db, viewer: Viewer, query: CofinancingListQuery): Promise<Page<Cofinancing>> {
  const number = query.cursor ? decodeNumberCursor(query.cursor)[0] : null;
  const shape = [viewerShape(viewer), ...givenFilters(query, FILTERS), number !== null && 'cursor'];
  const rows = await requestsPage(db, shape).execute({
    ...viewerValues(viewer),
    ...filterValues(query, FILTERS),
    number,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.number, row.id));
  return { items: await toCofinancingList(db, page.items), nextCursor: page.nextCursor };
}

/** Every request the filters select, walked a page at a time (the CSV export, the home page's figures). */
export async function allCofinancing(db: Db, viewer: Viewer, filters: CofinancingFilters): Promise<Cofinancing[]> {
  return everyRow((cursor, limit) => listCofinancing(db, viewer, { ...filters, cursor, limit }));
}

export async function getCofinancing(db: Db, viewer: Viewer, id: string): Promise<Cofinancing> {
  const [row] = await db
    .select()
    .from(cofinancingRequests)
    .where(and(eq(cofinancingRequests.id, id), visibleRow(viewer, cofinancingRequests.structureId, cofinancingRequests.projectId)));
  if (!row) throw new NotFound('thing.cofinancing');
  return toCofinancing(db, row);
}

export async function createCofinancing(db: Db, actor: Actor, input: CreateCofinancingInput): Promise<Cofinancing> {
  const id = await db.transaction(async (tx) => {
    const fund = await getFundRow(tx, input.fundId).catch(() => {
      throw new Unprocessable('money.unknown_fund', 'invalid', { fundId: ['field.unknown_fund'] });
    });
    if (fund.type !== 'co_financing') throw new Unprocessable('cofinancing.fund_type', 'invalid', { fundId: ['field.not_cofinancing_fund'] });
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
    if (!project) throw new Unprocessable('money.unknown_project', 'invalid', { projectId: ['field.unknown_project'] });
    await ensureFinances(tx, fund, project);
    await ensureFinanceable(tx, project.id);
    ensureCurrency(fund, input.currency);
    ensureCurrency(fund, project.currency, 'projectId');
    const others = input.otherFunders.reduce((sum, f) => sum + f.amountMinor, 0);
    await checkFinancingRules(tx, fund, project, input.amountMinor, others, false);
    const [row] = await tx
      .insert(cofinancingRequests)
      .values({ ...input, structureId: fund.structureId, createdBy: actor.id!, status: 'draft' })
      .returning();
    await recordAudit(tx, actor, { action: 'cofinancing.create', entity: 'cofinancing', entityId: row.id, structureId: row.structureId, after: input });
    return row.id;
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** The four-eyes view of a request: its own trail, plus the people its row names. */
export function requestDocument(row: RequestRow) {
  return { entity: 'cofinancing', entityId: row.id, people: [row.createdBy, row.preparedBy, row.committeeDecidedBy] };
}
