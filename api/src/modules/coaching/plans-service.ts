import { SUPPORT_TYPES, type CoachingPlan, type PlanListQuery, type SavePlanInput, type SupportType } from '@essor/shared/coaching';
import type { Page } from '@essor/shared/pagination';
import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coachingPlanBudgets, coachingPlans, coachingSessions, sessionAttendees } from '../../db/schema/coaching';
import { cohortMembers, organisations, projects } from '../../db/schema/projects';
import { cohorts } from '../../db/schema/programmes';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { decodeTextCursor, encodeCursor, pageFrom } from '../../lib/cursor';
import { msg } from '../../lib/messages/render';
import { Invalid, NotFound, Unprocessable } from '../../lib/errors';
import { groupBy } from '../../lib/group';
import { builtOnce, builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';
import { inPlaceholderReach, structuresReached } from '../../lib/scope';
import { COACHING_TEAM } from './viewer';
import { anyOf, anyOfPlaced } from '../../lib/any-of';

/** A cohort coaches the projects of its own structure only, whatever its member list says. */
export async function assertProjectsIn(tx: Db, projectIds: string[], structureId: string, field: string) {
  if (projectIds.length === 0) return;
  const rows = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(anyOf(projects.id, projectIds), ne(projects.structureId, structureId)));
  if (rows.length > 0) {
    throw new Unprocessable('coaching.project_other_structure', 'invalid', {
      [field]: [msg('field.in_other_structure', { ids: rows.map((r) => r.id).join(', ') })],
    });
  }
}

type Usage = { planKey: string; supportType: string; consumed: number; scheduled: number };

/**
 * Minutes used per (cohort, project, type): consumed counts held sessions the project attended,
 * scheduled counts those still ahead where it is expected. Cancelled sessions count for nothing.
 */
const usageRows = builtOnce((db) =>
  db
    .select({
      cohortId: coachingSessions.cohortId,
      projectId: sessionAttendees.projectId,
      supportType: coachingSessions.supportType,
      consumed: sql<string>`coalesce(sum(${coachingSessions.durationMinutes}) filter (where ${coachingSessions.status} = 'held' and ${sessionAttendees.attendance} = 'present'), 0)`,
      scheduled: sql<string>`coalesce(sum(${coachingSessions.durationMinutes}) filter (where ${coachingSessions.status} = 'scheduled' and ${sessionAttendees.attendance} in ('expected', 'present')), 0)`,
    })
    .from(coachingSessions)
    .innerJoin(sessionAttendees, eq(sessionAttendees.sessionId, coachingSessions.id))
    .where(and(ne(coachingSessions.status, 'cancelled'), anyOfPlaced(coachingSessions.cohortId, 'cohortIds'), anyOfPlaced(sessionAttendees.projectId, 'projectIds')))
    .groupBy(coachingSessions.cohortId, sessionAttendees.projectId, coachingSessions.supportType)
    .prepare('essor_plan_usage'),
);

async function usageOf(db: Db, plans: { cohortId: string; projectId: string }[]): Promise<Usage[]> {
  if (plans.length === 0) return [];
  const rows = await usageRows(db).execute({ cohortIds: [...new Set(plans.map((p) => p.cohortId))], projectIds: [...new Set(plans.map((p) => p.projectId))] });
  return rows.map((r) => ({ planKey: `${r.cohortId}/${r.projectId}`, supportType: r.supportType, consumed: Number(r.consumed), scheduled: Number(r.scheduled) }));
}

const planBudgets = builtOnce((db) => db.select().from(coachingPlanBudgets).where(anyOfPlaced(coachingPlanBudgets.planId, 'planIds')).prepare('essor_plan_budgets'));

function selectPlans(db: Db) {
  return db
    .select({ plan: coachingPlans, structureName: structures.name, cohortName: cohorts.name, projectTitle: projects.title, organisationName: organisations.name })
    .from(coachingPlans)
    .innerJoin(structures, eq(structures.id, coachingPlans.structureId))
    .innerJoin(cohorts, eq(cohorts.id, coachingPlans.cohortId))
    .innerJoin(projects, eq(projects.id, coachingPlans.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId));
}

type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlans>['execute']>>[number];

const PLAN_ORDER = [asc(cohorts.name), asc(projects.title), asc(coachingPlans.id)];

async function loadPlans(db: Db, where: SQL | undefined): Promise<CoachingPlan[]> {
  return withFigures(db, await selectPlans(db).where(where).orderBy(...PLAN_ORDER));
}

/** The plans with their budget lines and the minutes used, both read side by side for the whole page. */
async function withFigures(db: Db, rows: PlanRow[]): Promise<CoachingPlan[]> {
  if (rows.length === 0) return [];
  const [budgets, usages] = await Promise.all([planBudgets(db).execute({ planIds: rows.map((r) => r.plan.id) }), usageOf(db, rows.map((r) => r.plan))]);
  const usage = groupBy(usages, (u) => u.planKey);
  const budgetsOf = groupBy(budgets, (b) => b.planId);
  return rows.map(({ plan, structureName, cohortName, projectTitle, organisationName }) => {
    const key = `${plan.cohortId}/${plan.projectId}`;
    const mine = usage.get(key) ?? [];
    const own = budgetsOf.get(plan.id) ?? [];
    const types = SUPPORT_TYPES.filter((t) => own.some((b) => b.supportType === t) || mine.some((u) => u.supportType === t));
    const lines = types.map((supportType: SupportType) => ({
      supportType,
      budgetMinutes: own.find((b) => b.supportType === supportType)?.budgetMinutes ?? 0,
      consumedMinutes: mine.find((u) => u.supportType === supportType)?.consumed ?? 0,
      scheduledMinutes: mine.find((u) => u.supportType === supportType)?.scheduled ?? 0,
    }));
    const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((total, l) => total + pick(l), 0);
    return {
      id: plan.id,
      structureId: plan.structureId,
      structureName,
      cohortId: plan.cohortId,
      cohortName,
      projectId: plan.projectId,
      projectTitle,
      organisationName,
      objectives: plan.objectives,
      lines,
      budgetMinutes: sum((l) => l.budgetMinutes),
      consumedMinutes: sum((l) => l.consumedMinutes),
      scheduledMinutes: sum((l) => l.scheduledMinutes),
    };
  });
}

const PLAN_FILTERS = ['cohortId', 'projectId'] as const;

/** A page of plans, built once per shape: the filters given, first page or after a cursor. */
const plansPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [inPlaceholderReach(coachingPlans.structureId), ...placedEquals(has, coachingPlans, PLAN_FILTERS)];
  if (has('cursor')) {
    const after = [sql.placeholder('cohortName'), sql.placeholder('projectTitle'), sql`${sql.placeholder('id')}::uuid`];
    where.push(sql`(${cohorts.name}, ${projects.title}, ${coachingPlans.id}) > (${sql.join(after, sql`, `)})`);
  }
  return selectPlans(db)
    .where(and(...where))
    .orderBy(...PLAN_ORDER)
    .limit(sql.placeholder('limit'))
    .prepare(`essor_plans_${shape}`);
});

/** A page of the plans the caller's coaching roles reach, by cohort then project. */
export async function listPlans(db: Db, user: CurrentUser, query: PlanListQuery): Promise<Page<CoachingPlan>> {
  const [cohortName, projectTitle, id] = query.cursor ? decodePlanCursor(query.cursor) : [null, null, null];
  const rows = await plansPage(db, [...givenFilters(query, PLAN_FILTERS), Boolean(id) && 'cursor']).execute({
    reach: structuresReached(user, COACHING_TEAM),
    ...filterValues(query, PLAN_FILTERS),
    cohortName,
    projectTitle,
    id,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(`${row.cohortName}\u0000${row.projectTitle}`, row.plan.id));
  return { items: await withFigures(db, page.items), nextCursor: page.nextCursor };
}

/** A plan cursor: the cohort's name and the project's title (no stored text holds a NUL), and the plan's id. */
function decodePlanCursor(cursor: string): [string, string, string] {
  const [names, id] = decodeTextCursor(cursor);
  const [cohortName, projectTitle, ...rest] = names.split('\u0000');
  if (projectTitle === undefined || rest.length) throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
  return [cohortName, projectTitle, id];
}

/** The plans of a holder's own projects, wherever they are coached. */
export async function listHolderPlans(db: Db, projectIds: string[]): Promise<CoachingPlan[]> {
  if (projectIds.length === 0) return [];
  return loadPlans(db, anyOf(coachingPlans.projectId, projectIds));
}

export async function getPlan(db: Db, id: string): Promise<CoachingPlan> {
  const [plan] = await loadPlans(db, eq(coachingPlans.id, id));
  if (!plan) throw new NotFound('thing.coaching_plan');
  return plan;
}

/** Creates or replaces the plan of a project in a cohort; its budgets are replaced as a whole. */
export async function savePlan(db: Db, actor: Actor, input: SavePlanInput): Promise<CoachingPlan> {
  const id = await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ projectId: cohortMembers.projectId })
      .from(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, input.cohortId), eq(cohortMembers.projectId, input.projectId)));
    if (!member) throw new Unprocessable('coaching.plan_for_cohort_project', 'invalid', { projectId: ['field.not_in_this_cohort'] });
    const [cohort] = await tx.select({ structureId: cohorts.structureId }).from(cohorts).where(eq(cohorts.id, input.cohortId));
    await assertProjectsIn(tx, [input.projectId], cohort.structureId, 'projectId');
    const [existing] = await tx
      .select()
      .from(coachingPlans)
      .where(and(eq(coachingPlans.cohortId, input.cohortId), eq(coachingPlans.projectId, input.projectId)))
      .for('update');
    const before = existing ? await tx.select().from(coachingPlanBudgets).where(eq(coachingPlanBudgets.planId, existing.id)) : null;
    const [plan] = existing
      ? await tx.update(coachingPlans).set({ objectives: input.objectives, updatedAt: new Date() }).where(eq(coachingPlans.id, existing.id)).returning()
      : await tx
          .insert(coachingPlans)
          .values({ structureId: cohort.structureId, cohortId: input.cohortId, projectId: input.projectId, objectives: input.objectives })
          .onConflictDoUpdate({ target: [coachingPlans.cohortId, coachingPlans.projectId], set: { objectives: input.objectives, updatedAt: new Date() } })
          .returning();
    await tx.delete(coachingPlanBudgets).where(eq(coachingPlanBudgets.planId, plan.id));
    await tx.insert(coachingPlanBudgets).values(input.budgets.map((b) => ({ planId: plan.id, supportType: b.supportType, budgetMinutes: b.budgetMinutes })));
    await recordAudit(tx, actor, {
      action: existing ? 'coaching_plan.update' : 'coaching_plan.create',
      entity: 'coaching_plan',
      entityId: plan.id,
      before: existing ? { objectives: existing.objectives, budgets: before } : undefined,
      after: { objectives: input.objectives, budgets: input.budgets },
      structureId: plan.structureId,
    });
    return plan.id;
  });
  return getPlan(db, id);
}
