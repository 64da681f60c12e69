import type {
  AtRiskProject,
  CreateMilestoneInput,
  CreateVisitInput,
  FollowupVisit,
  Milestone,
  MilestoneListQuery,
  UpdateMilestoneInput,
  VisitListQuery,
} from '@essor/shared/followup';
import type { Page } from '@essor/shared/pagination';
import { and, asc, count, desc, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coaches, coachingSessions, sessionAttendees } from '../../db/schema/coaching';
import { followupVisits } from '../../db/schema/followup';
import { cofinancingTranches } from '../../db/schema/funds';
import { milestones, organisations, projects } from '../../db/schema/projects';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, Forbidden, Invalid, NotFound, Unprocessable } from '../../lib/errors';
import { builtOnce, builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';
import { inPlaceholderReach, reaches, structuresReached } from '../../lib/scope';
import { reassessProjectGuarantees } from '../guarantees/public';
import { anyOf } from '../../lib/any-of';

/** Who reads milestones and visits; who records them; who watches the red list. */
export const FOLLOWUP_READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;
export const FOLLOWERS = ['admin', 'staff', 'coach'] as const;
export const RISK_WATCHERS = ['admin', 'staff', 'fund_manager'] as const;
const MILESTONE_STAFF = ['admin', 'staff'] as const;

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

type MilestoneRow = typeof milestones.$inferSelect;

interface Names {
  structureName: string;
  projectTitle: string;
  organisationName: string;
}

function toMilestone(row: MilestoneRow, { structureName, projectTitle, organisationName }: Names, today = todayIso()): Milestone {
  return {
    id: row.id,
    structureId: row.structureId,
    structureName,
    projectId: row.projectId,
    projectTitle,
    organisationName,
    kind: row.kind,
    title: row.title,
    dueOn: row.dueOn,
    status: row.status as Milestone['status'],
    evidence: row.evidence,
    reachedOn: row.reachedOn,
    overdue: row.status === 'planned' && row.dueOn !== null && row.dueOn < today,
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isDay = (v: unknown): v is string => typeof v === 'string' && ISO_DAY.test(v) && !Number.isNaN(Date.parse(v));

/** A cursor that no page of ours handed out: a 400 before it reaches SQL casts. */
function forgedCursor(): never {
  throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
}

type MilestoneListFilters = Omit<MilestoneListQuery, 'cursor' | 'limit'>;
type VisitListFilters = Omit<VisitListQuery, 'cursor' | 'limit'>;

function selectMilestones(db: Db) {
  return db
    .select({ milestone: milestones, structureName: structures.name, projectTitle: projects.title, organisationName: organisations.name })
    .from(milestones)
    .innerJoin(structures, eq(structures.id, milestones.structureId))
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId));
}

async function loadMilestones(db: Db, where: SQL | undefined): Promise<Milestone[]> {
  const rows = await selectMilestones(db).where(where).orderBy(sql`${milestones.dueOn} asc nulls last`, asc(milestones.id));
  const today = todayIso();
  return rows.map((r) => toMilestone(r.milestone, r, today));
}

/**
 * The milestones list's and count's conditions, for queries built once per shape: the reach (`reach`), the project
 * and status (`projectId`, `status`), overdue or not on the day given (`today`).
 */
const MILESTONE_FILTERS = ['projectId', 'status'] as const;

function milestoneConditions(has: (part: string) => boolean): SQL[] {
  const where: SQL[] = [inPlaceholderReach(milestones.structureId)];
  where.push(...placedEquals(has, milestones, MILESTONE_FILTERS));
  const overdue = sql`(${milestones.status} = 'planned' and ${milestones.dueOn} is not null and ${milestones.dueOn} < ${sql.placeholder('today')}::date)`;
  if (has('overdue')) where.push(overdue);
  if (has('notOverdue')) where.push(sql`not ${overdue}`);
  return where;
}

function milestoneShape(query: MilestoneListFilters) {
  return [...givenFilters(query, MILESTONE_FILTERS), query.overdue === 'true' ? 'overdue' : query.overdue === 'false' && 'notOverdue'];
}

function milestoneValues(user: CurrentUser, query: MilestoneListFilters) {
  return { reach: structuresReached(user, FOLLOWUP_READERS), ...filterValues(query, MILESTONE_FILTERS), today: todayIso() };
}

/** After the milestone (due day, '' when undated; id) in the list's order: due day ascending, undated last, then id. */
function afterMilestone(cursor: string): { due: string; id: string } {
  const [due, id] = decodeCursor(cursor);
  if ((due !== '' && !isDay(due)) || typeof id !== 'string' || !UUID.test(id)) forgedCursor();
  return { due, id };
}

/** A page of milestones, built once per shape: the filters given, first page, after a dated one or an undated one. */
const milestonesPage = builtPerShape((db, has, shape) => {
  const where = milestoneConditions(has);
  if (has('afterUndated')) where.push(sql`(${milestones.dueOn} is null and ${milestones.id} > ${sql.placeholder('id')}::uuid)`);
  if (has('afterDated')) {
    const [due, id] = [sql`${sql.placeholder('due')}::date`, sql`${sql.placeholder('id')}::uuid`];
    where.push(sql`(${milestones.dueOn} > ${due} or (${milestones.dueOn} = ${due} and ${milestones.id} > ${id}) or ${milestones.dueOn} is null)`);
  }
  return selectMilestones(db)
    .where(and(...where))
    .orderBy(sql`${milestones.dueOn} asc nulls last`, asc(milestones.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_milestones_${shape}`);
});

/** Milestones in reach, soonest due first and undated last, one keyset page at a time. */
export async function listMilestones(db: Db, user: CurrentUser, query: MilestoneListQuery): Promise<Page<Milestone>> {
  const after = query.cursor ? afterMilestone(query.cursor) : null;
  const rows = await milestonesPage(db, [...milestoneShape(query), after && (after.due === '' ? 'afterUndated' : 'afterDated')]).execute({
    ...milestoneValues(user, query),
    due: after?.due || null,
    id: after?.id ?? null,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.milestone.dueOn ?? '', r.milestone.id));
  const today = todayIso();
  return { items: page.items.map((r) => toMilestone(r.milestone, r, today)), nextCursor: page.nextCursor };
}

/** Every milestone the filters select, page after page (the CSV export). */
export function exportMilestones(db: Db, user: CurrentUser, query: MilestoneListFilters, pageSize = WALK_PAGE_SIZE): AsyncGenerator<Milestone[]> {
  return allPages((cursor) => listMilestones(db, user, { ...query, cursor, limit: pageSize }));
}

const milestonesCount = builtPerShape((db, has, shape) =>
  db
    .select({ n: count() })
    .from(milestones)
    .where(and(...milestoneConditions(has)))
    .prepare(`essor_milestones_count_${shape}`),
);

/** How many milestones the filters select, however many pages they fill. */
export async function countMilestones(db: Db, user: CurrentUser, query: MilestoneListFilters): Promise<number> {
  const [row] = await milestonesCount(db, milestoneShape(query)).execute(milestoneValues(user, query));
  return Number(row?.n ?? 0);
}

/** The milestones of a holder's own projects, wherever they are followed. */
export async function listHolderMilestones(db: Db, projectIds: string[]): Promise<Milestone[]> {
  if (projectIds.length === 0) return [];
  return loadMilestones(db, anyOf(milestones.projectId, projectIds));
}

async function getMilestone(db: Db, id: string): Promise<Milestone> {
  const [found] = await loadMilestones(db, eq(milestones.id, id));
  if (!found) throw new NotFound('thing.milestone');
  return found;
}

/** The project a milestone or visit is for; the row takes its structure. */
async function projectOf(db: Db, projectId: string) {
  const [project] = await db
    .select({ structureId: projects.structureId, structureName: structures.name, projectTitle: projects.title, organisationName: organisations.name })
    .from(projects)
    .innerJoin(structures, eq(structures.id, projects.structureId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(eq(projects.id, projectId));
  if (!project) throw new Unprocessable('followup.unknown_project', 'invalid', { projectId: ['field.unknown_project'] });
  return project;
}

export async function createMilestone(db: Db, actor: Actor, input: CreateMilestoneInput): Promise<Milestone> {
  const id = await db.transaction(async (tx) => {
    const project = await projectOf(tx, input.projectId);
    const [row] = await tx
      .insert(milestones)
      .values({ structureId: project.structureId, projectId: input.projectId, kind: input.kind, title: input.title, dueOn: input.dueOn ?? null })
      .returning();
    await recordAudit(tx, actor, { action: 'milestone.create', entity: 'milestone', entityId: row.id, after: row });
    return row.id;
  });
  return getMilestone(db, id);
}

/** A coach of the project: they coach (or coached) one of its sessions, individual or as a group attendee. */
async function coachesProject(db: Db, userId: string, projectId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: coachingSessions.id })
    .from(coachingSessions)
    .innerJoin(coaches, eq(coaches.id, coachingSessions.coachId))
    .where(
      and(
        eq(coaches.userId, userId),
        or(
          eq(coachingSessions.projectId, projectId),
          exists(
            db
              .select({ projectId: sessionAttendees.projectId })
              .from(sessionAttendees)
              .where(and(eq(sessionAttendees.sessionId, coachingSessions.id), eq(sessionAttendees.projectId, projectId))),
          ),
        ),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** A reached milestone releases co-financing tranches; once one was paid on it, the milestone stays reached. */
async function releasedMoney(db: Db, milestoneId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: cofinancingTranches.id })
    .from(cofinancingTranches)
    .where(and(eq(cofinancingTranches.milestoneId, milestoneId), eq(cofinancingTranches.status, 'disbursed')))
    .limit(1);
  return Boolean(row);
}

/**
 * Reaching a milestone needs evidence (a registration number, an invoice, a contract) and a date. Staff
 * mark any milestone they reach; a coach only those of the projects they coach.
 */
export async function updateMilestone(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateMilestoneInput): Promise<Milestone> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(milestones).where(eq(milestones.id, id)).for('update');
    if (!current) throw new NotFound('thing.milestone');
    if (!reaches(user, current.structureId, MILESTONE_STAFF) && !(await coachesProject(tx, user.id, current.projectId))) {
      throw new Forbidden('followup.who_records');
    }
    const next = { ...current, ...input };
    if (current.status === 'reached' && next.status !== 'reached' && (await releasedMoney(tx, id))) {
      throw new Conflict('followup.tranche_paid');
    }
    if (next.status === 'reached') {
      if (!next.evidence) throw new Unprocessable('followup.evidence_required', 'invalid', { evidence: ['field.required_when_reached'] });
      next.reachedOn = next.reachedOn ?? todayIso();
      if (next.reachedOn > todayIso()) throw new Unprocessable('followup.reached_in_future', 'invalid', { reachedOn: ['field.in_future'] });
    } else {
      next.reachedOn = null;
    }
    const [row] = await tx
      .update(milestones)
      .set({ title: next.title, dueOn: next.dueOn, status: next.status, evidence: next.evidence, reachedOn: next.reachedOn, updatedAt: new Date() })
      .where(eq(milestones.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'milestone.update', entity: 'milestone', entityId: id, before: current, after: row });
  });
  return getMilestone(db, id);
}

type VisitRow = typeof followupVisits.$inferSelect;

function toVisit(row: VisitRow, { structureName, projectTitle, organisationName }: Names): FollowupVisit {
  return {
    id: row.id,
    structureId: row.structureId,
    structureName,
    projectId: row.projectId,
    projectTitle,
    organisationName,
    visitedOn: row.visitedOn,
    visitorName: row.visitorName,
    findings: row.findings,
    riskRating: row.riskRating as FollowupVisit['riskRating'],
    recommendations: row.recommendations,
    nextVisitOn: row.nextVisitOn,
  };
}

/** Before the visit (day visited|recorded at; id) in the list's order: latest visit first, latest recorded first, then id. */
function beforeVisit(cursor: string): { day: string; at: string; id: string } {
  const [key, id] = decodeCursor(cursor);
  const [day, at] = typeof key === 'string' ? key.split('|') : [];
  if (!isDay(day) || !at || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id)) forgedCursor();
  return { day, at, id };
}

const VISIT_FILTERS = ['projectId', 'riskRating'] as const;

/** A page of visits, built once per shape: the filters given, first page or after a cursor. */
const visitsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [inPlaceholderReach(followupVisits.structureId)];
  where.push(...placedEquals(has, followupVisits, VISIT_FILTERS));
  if (has('cursor')) {
    where.push(sql`(${followupVisits.visitedOn}, ${followupVisits.createdAt}, ${followupVisits.id}) < (${sql.placeholder('day')}::date, ${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  }
  return db
    .select({ visit: followupVisits, structureName: structures.name, projectTitle: projects.title, organisationName: organisations.name })
    .from(followupVisits)
    .innerJoin(structures, eq(structures.id, followupVisits.structureId))
    .innerJoin(projects, eq(projects.id, followupVisits.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(...where))
    .orderBy(desc(followupVisits.visitedOn), desc(followupVisits.createdAt), desc(followupVisits.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_visits_${shape}`);
});

/** Visits in reach, latest first, one keyset page at a time. */
export async function listVisits(db: Db, user: CurrentUser, query: VisitListQuery): Promise<Page<FollowupVisit>> {
  const before = query.cursor ? beforeVisit(query.cursor) : null;
  const rows = await visitsPage(db, [...givenFilters(query, VISIT_FILTERS), Boolean(before) && 'cursor']).execute({
    reach: structuresReached(user, FOLLOWUP_READERS),
    ...filterValues(query, VISIT_FILTERS),
    day: before?.day ?? null,
    at: before?.at ?? null,
    id: before?.id ?? null,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(`${r.visit.visitedOn}|${r.visit.createdAt.toISOString()}`, r.visit.id));
  return { items: page.items.map((r) => toVisit(r.visit, r)), nextCursor: page.nextCursor };
}

/** Every visit the filters select, page after page (the CSV export). */
export function exportVisits(db: Db, user: CurrentUser, query: VisitListFilters, pageSize = WALK_PAGE_SIZE): AsyncGenerator<FollowupVisit[]> {
  return allPages((cursor) => listVisits(db, user, { ...query, cursor, limit: pageSize }));
}

export async function createVisit(db: Db, actor: Actor, user: CurrentUser, input: CreateVisitInput): Promise<FollowupVisit> {
  if (input.visitedOn > todayIso()) throw new Unprocessable('followup.visit_in_future', 'invalid', { visitedOn: ['field.in_future'] });
  return db.transaction(async (tx) => {
    const project = await projectOf(tx, input.projectId);
    const [row] = await tx
      .insert(followupVisits)
      .values({
        structureId: project.structureId,
        projectId: input.projectId,
        visitedOn: input.visitedOn,
        visitorName: input.visitorName ?? user.name,
        visitorUserId: actor.id,
        findings: input.findings,
        riskRating: input.riskRating,
        recommendations: input.recommendations,
        nextVisitOn: input.nextVisitOn ?? null,
      })
      .returning();
    await recordAudit(tx, actor, { action: 'followup_visit.create', entity: 'followup_visit', entityId: row.id, after: row });
    // The visit's rating counts in the risk class of the project's guarantees (their provision moves with it).
    await reassessProjectGuarantees(tx, actor, input.projectId, input.riskRating, input.visitedOn);
    return toVisit(row, project);
  });
}

/** Projects whose most recent visit rated them red, worst news first (built once: `reach` comes when it runs). */
const atRiskQuery = builtOnce((db) => {
  const latest = db
    .selectDistinctOn([followupVisits.projectId], { id: followupVisits.id })
    .from(followupVisits)
    // A project's visits are in its structure: the latest of each is looked for in reach only, not in the whole network.
    .where(inPlaceholderReach(followupVisits.structureId))
    .orderBy(followupVisits.projectId, desc(followupVisits.visitedOn), desc(followupVisits.createdAt))
    .as('latest');
  return db
    .select({ visit: followupVisits, structureName: structures.name, projectTitle: projects.title, organisationName: organisations.name, district: projects.district })
    .from(followupVisits)
    .innerJoin(latest, eq(latest.id, followupVisits.id))
    .innerJoin(structures, eq(structures.id, followupVisits.structureId))
    .innerJoin(projects, eq(projects.id, followupVisits.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(eq(followupVisits.riskRating, 'red'), inPlaceholderReach(followupVisits.structureId)))
    .orderBy(desc(followupVisits.visitedOn), asc(followupVisits.id))
    .prepare('essor_projects_at_risk');
});

export async function listAtRiskProjects(db: Db, user: CurrentUser): Promise<AtRiskProject[]> {
  const rows = await atRiskQuery(db).execute({ reach: structuresReached(user, RISK_WATCHERS) });
  return rows.map((r) => ({
    projectId: r.visit.projectId,
    projectTitle: r.projectTitle,
    organisationName: r.organisationName,
    district: r.district,
    latestVisit: toVisit(r.visit, r),
  }));
}
