import type { Cohort, CohortDetail, CohortMember, CreateCohortInput, UpdateCohortInput } from '@essor/shared/cohorts';
import type { Role } from '@essor/shared/roles';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications } from '../../db/schema/applications';
import { cohorts, programmes } from '../../db/schema/programmes';
import { cohortMembers, organisations, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { msg, named } from '../../lib/messages/render';
import { Conflict, isUniqueViolation, NotFound } from '../../lib/errors';
import { builtPerShape, placedEquals } from '../../lib/prepared';
import { inPlaceholderReach, structuresReached } from '../../lib/scope';

const memberCount = sql<number>`(select count(*) from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohorts.id})`.mapWith(Number);

function selectCohorts(db: Db) {
  return db
    .select({ cohort: cohorts, programmeCode: programmes.code, programmeName: programmes.name, memberCount })
    .from(cohorts)
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId));
}

function toCohort(row: { cohort: typeof cohorts.$inferSelect; programmeCode: string; programmeName: string; memberCount: number }): Cohort {
  const c = row.cohort;
  return {
    id: c.id,
    structureId: c.structureId,
    programmeId: c.programmeId,
    programmeCode: row.programmeCode,
    programmeName: row.programmeName,
    name: c.name,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    capacity: c.capacity,
    memberCount: row.memberCount,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The cohorts list, built once with and without a programme. */
const cohortsList = builtPerShape((db, has, shape) =>
  selectCohorts(db)
    .where(and(inPlaceholderReach(cohorts.structureId), ...placedEquals(has, cohorts, ['programmeId'])))
    .orderBy(asc(programmes.code), asc(cohorts.startsOn), asc(cohorts.name))
    .prepare(`essor_cohorts_${shape}`),
);

/** The cohorts of the structures `roles` reach for this person. */
export async function listCohorts(db: Db, user: CurrentUser, roles: readonly Role[], programmeId?: string): Promise<Cohort[]> {
  const rows = await cohortsList(db, [Boolean(programmeId) && 'programmeId']).execute({ reach: structuresReached(user, roles), programmeId: programmeId ?? null });
  return rows.map(toCohort);
}

export async function listCohortMembers(db: Db, cohortId: string): Promise<CohortMember[]> {
  const rows = await db
    .select({
      projectId: projects.id,
      projectTitle: projects.title,
      organisationName: organisations.name,
      legalForm: organisations.legalForm,
      district: projects.district,
      stage: projects.stage,
      applicationId: applications.id,
      joinedAt: cohortMembers.joinedAt,
    })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(projects, eq(projects.id, cohortMembers.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .leftJoin(applications, and(eq(applications.projectId, projects.id), eq(applications.programmeId, cohorts.programmeId)))
    .where(eq(cohortMembers.cohortId, cohortId))
    .orderBy(asc(cohortMembers.joinedAt), asc(projects.title));
  return rows.map((r) => ({ ...r, applicationId: r.applicationId ?? null, joinedAt: r.joinedAt.toISOString() }));
}

export async function getCohort(db: Db, id: string): Promise<CohortDetail> {
  const [row] = await selectCohorts(db).where(eq(cohorts.id, id));
  if (!row) throw new NotFound('thing.cohort');
  return { ...toCohort(row), members: await listCohortMembers(db, id) };
}

export async function createCohort(db: Db, actor: Actor, input: CreateCohortInput): Promise<CohortDetail> {
  try {
    const id = await db.transaction(async (tx) => {
      const [programme] = await tx.select({ id: programmes.id, structureId: programmes.structureId }).from(programmes).where(eq(programmes.id, input.programmeId));
      if (!programme) throw new NotFound('thing.programme');
      const [row] = await tx.insert(cohorts).values({ ...input, structureId: programme.structureId }).returning();
      await recordAudit(tx, actor, { action: 'cohort.create', entity: 'cohort', entityId: row.id, after: input });
      return row.id;
    });
    return getCohort(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('cohorts.name_taken', { name: ['field.already_used'] });
    throw error;
  }
}

export async function updateCohort(db: Db, actor: Actor, id: string, input: UpdateCohortInput): Promise<CohortDetail> {
  try {
    await db.transaction(async (tx) => {
      const [current] = await tx.select().from(cohorts).where(eq(cohorts.id, id)).for('update');
      if (!current) throw new NotFound('thing.cohort');
      const startsOn = input.startsOn ?? current.startsOn;
      const endsOn = input.endsOn ?? current.endsOn;
      if (startsOn > endsOn) throw new Conflict('cohorts.ends_before_start', { endsOn: ['field.before_start'] });
      if (input.capacity !== undefined) {
        const [{ n }] = await tx.select({ n: count() }).from(cohortMembers).where(eq(cohortMembers.cohortId, id));
        if (input.capacity < n) throw new Conflict(msg('cohorts.capacity_below_count', { count: n }), { capacity: [msg('field.at_least', { count: n })] });
      }
      await tx.update(cohorts).set(input).where(eq(cohorts.id, id));
      const { createdAt: _c, ...before } = current;
      await recordAudit(tx, actor, { action: 'cohort.update', entity: 'cohort', entityId: id, before, after: { ...before, ...input } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('cohorts.name_taken', { name: ['field.already_used'] });
    throw error;
  }
  return getCohort(db, id);
}

/**
 * Puts an accepted application's project into a cohort of its programme, inside the caller's
 * transaction. The cohort row is locked first, so concurrent joins queue and capacity holds.
 */
export async function addToCohort(tx: Db, actor: Actor, cohortId: string, applicationId: string): Promise<void> {
  const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.id, cohortId)).for('update');
  if (!cohort) throw new NotFound('thing.cohort');
  const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) throw new NotFound('thing.application');
  if (app.programmeId !== cohort.programmeId) throw new Conflict('cohorts.other_programme');
  if (app.status !== 'accepted') throw new Conflict(msg('cohorts.only_accepted_joins', { status: named('status', app.status) }));
  const [already] = await tx
    .select({ cohortId: cohortMembers.cohortId })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .where(and(eq(cohortMembers.projectId, app.projectId), eq(cohorts.programmeId, cohort.programmeId)));
  if (already) throw new Conflict('cohorts.already_in_cohort');
  const [{ n }] = await tx.select({ n: count() }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));
  if (n >= cohort.capacity) throw new Conflict(msg('cohorts.full', { capacity: cohort.capacity }));
  try {
    // The savepoint keeps a refused insert from poisoning the caller's transaction before the 409 rolls it back.
    await tx.transaction((sp) => sp.insert(cohortMembers).values({ cohortId, programmeId: cohort.programmeId, projectId: app.projectId }));
  } catch (error) {
    // A concurrent join of the same project to another cohort of the programme got there first.
    if (isUniqueViolation(error)) throw new Conflict('cohorts.already_in_cohort');
    throw error;
  }
  await tx.update(projects).set({ stage: 'incubated', updatedAt: new Date() }).where(eq(projects.id, app.projectId));
  await recordAudit(tx, actor, { action: 'cohort.join', entity: 'cohort', entityId: cohortId, after: { applicationId, projectId: app.projectId } });
}

export async function joinCohort(db: Db, actor: Actor, cohortId: string, applicationId: string): Promise<CohortDetail> {
  await db.transaction((tx) => addToCohort(tx, actor, cohortId, applicationId));
  return getCohort(db, cohortId);
}
