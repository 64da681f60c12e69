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
import { and, asc, desc, eq, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { followupVisits } from '../../db/schema/followup';
import { milestones, organisations, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { NotFound, Unprocessable } from '../../lib/errors';

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

type MilestoneRow = typeof milestones.$inferSelect;

function toMilestone(row: MilestoneRow, projectTitle: string, organisationName: string, today = todayIso()): Milestone {
  return {
    id: row.id,
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

async function loadMilestones(db: Db, where: SQL | undefined): Promise<Milestone[]> {
  const rows = await db
    .select({ milestone: milestones, projectTitle: projects.title, organisationName: organisations.name })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(where)
    .orderBy(sql`${milestones.dueOn} asc nulls last`, asc(milestones.id))
    .limit(5000);
  const today = todayIso();
  return rows.map((r) => toMilestone(r.milestone, r.projectTitle, r.organisationName, today));
}

export async function listMilestones(db: Db, query: MilestoneListQuery & { projectIds?: string[] }): Promise<Milestone[]> {
  const where: SQL[] = [];
  if (query.projectId) where.push(eq(milestones.projectId, query.projectId));
  if (query.projectIds) where.push(inArray(milestones.projectId, query.projectIds.length ? query.projectIds : ['00000000-0000-0000-0000-000000000000']));
  if (query.status) where.push(eq(milestones.status, query.status));
  if (query.overdue === 'true') where.push(and(eq(milestones.status, 'planned'), isNotNull(milestones.dueOn), lt(milestones.dueOn, todayIso()))!);
  if (query.overdue === 'false') where.push(sql`not (${milestones.status} = 'planned' and ${milestones.dueOn} is not null and ${milestones.dueOn} < ${todayIso()})`);
  return loadMilestones(db, and(...where));
}

async function getMilestone(db: Db, id: string): Promise<Milestone> {
  const [found] = await loadMilestones(db, eq(milestones.id, id));
  if (!found) throw new NotFound('Milestone');
  return found;
}

async function assertProject(db: Db, projectId: string) {
  const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
  if (!project) throw new Unprocessable('No project with this id', 'invalid', { projectId: ['Unknown project'] });
}

export async function createMilestone(db: Db, actor: Actor, input: CreateMilestoneInput): Promise<Milestone> {
  const id = await db.transaction(async (tx) => {
    await assertProject(tx, input.projectId);
    const [row] = await tx
      .insert(milestones)
      .values({ projectId: input.projectId, kind: input.kind, title: input.title, dueOn: input.dueOn ?? null })
      .returning();
    await recordAudit(tx, actor, { action: 'milestone.create', entity: 'milestone', entityId: row.id, after: row });
    return row.id;
  });
  return getMilestone(db, id);
}

/** Reaching a milestone needs evidence (a registration number, an invoice, a contract) and a date. */
export async function updateMilestone(db: Db, actor: Actor, id: string, input: UpdateMilestoneInput): Promise<Milestone> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(milestones).where(eq(milestones.id, id)).for('update');
    if (!current) throw new NotFound('Milestone');
    const next = { ...current, ...input };
    if (next.status === 'reached') {
      if (!next.evidence) throw new Unprocessable('Say what shows the milestone is reached', 'invalid', { evidence: ['Required when reached'] });
      next.reachedOn = next.reachedOn ?? todayIso();
      if (next.reachedOn > todayIso()) throw new Unprocessable('A milestone cannot be reached in the future', 'invalid', { reachedOn: ['In the future'] });
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

function toVisit(row: VisitRow, projectTitle: string, organisationName: string): FollowupVisit {
  return {
    id: row.id,
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

export async function listVisits(db: Db, query: VisitListQuery): Promise<FollowupVisit[]> {
  const where: SQL[] = [];
  if (query.projectId) where.push(eq(followupVisits.projectId, query.projectId));
  if (query.riskRating) where.push(eq(followupVisits.riskRating, query.riskRating));
  const rows = await db
    .select({ visit: followupVisits, projectTitle: projects.title, organisationName: organisations.name })
    .from(followupVisits)
    .innerJoin(projects, eq(projects.id, followupVisits.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(...where))
    .orderBy(desc(followupVisits.visitedOn), desc(followupVisits.createdAt))
    .limit(5000);
  return rows.map((r) => toVisit(r.visit, r.projectTitle, r.organisationName));
}

export async function createVisit(db: Db, actor: Actor, user: CurrentUser, input: CreateVisitInput): Promise<FollowupVisit> {
  if (input.visitedOn > todayIso()) throw new Unprocessable('A visit is recorded once it took place', 'invalid', { visitedOn: ['In the future'] });
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select({ title: projects.title, organisationName: organisations.name })
      .from(projects)
      .innerJoin(organisations, eq(organisations.id, projects.organisationId))
      .where(eq(projects.id, input.projectId));
    if (!project) throw new Unprocessable('No project with this id', 'invalid', { projectId: ['Unknown project'] });
    const [row] = await tx
      .insert(followupVisits)
      .values({
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
    return toVisit(row, project.title, project.organisationName);
  });
}

/** Projects whose most recent visit rated them red, worst news first. */
export async function listAtRiskProjects(db: Db): Promise<AtRiskProject[]> {
  const latest = db
    .selectDistinctOn([followupVisits.projectId], { id: followupVisits.id })
    .from(followupVisits)
    .orderBy(followupVisits.projectId, desc(followupVisits.visitedOn), desc(followupVisits.createdAt))
    .as('latest');
  const rows = await db
    .select({ visit: followupVisits, projectTitle: projects.title, organisationName: organisations.name, district: projects.district })
    .from(followupVisits)
    .innerJoin(latest, eq(latest.id, followupVisits.id))
    .innerJoin(projects, eq(projects.id, followupVisits.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(eq(followupVisits.riskRating, 'red'))
    .orderBy(desc(followupVisits.visitedOn));
  return rows.map((r) => ({
    projectId: r.visit.projectId,
    projectTitle: r.projectTitle,
    organisationName: r.organisationName,
    district: r.district,
    latestVisit: toVisit(r.visit, r.projectTitle, r.organisationName),
  }));
}
