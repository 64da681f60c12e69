import type { Coach, CoachListQuery, CreateCoachInput, UpdateCoachInput } from '@essor/shared/coaching';
import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema/auth';
import { coaches } from '../../db/schema/coaching';
import { cohortMembers, organisations, projects } from '../../db/schema/projects';
import { cohorts, programmes } from '../../db/schema/programmes';
import { memberships, structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { Conflict, Forbidden, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { randomToken, sha256 } from '../../lib/passwords';
import { builtPerShape } from '../../lib/prepared';
import { inPlaceholderReach, inReach, structuresReached } from '../../lib/scope';
import { COACHING_TEAM, managesCoaching } from './viewer';
import { anyOf } from '../../lib/any-of';

type CoachRow = typeof coaches.$inferSelect;

/** A coach's columns as the roster and a profile show them: whether a calendar feed exists, never its token's hash. */
const { calendarTokenHash: _hash, createdAt: _created, ...shownColumns } = getTableColumns(coaches);
const COACH_FIELDS = { ...shownColumns, hasCalendarFeed: sql<boolean>`${coaches.calendarTokenHash} is not null`, structureName: structures.name };

type ShownCoach = Omit<CoachRow, 'calendarTokenHash' | 'createdAt'> & { hasCalendarFeed: boolean; structureName: string };

export function toCoach(row: CoachRow, structureName: string): Coach {
  return shownCoach({ ...row, hasCalendarFeed: row.calendarTokenHash !== null, structureName });
}

function shownCoach(row: ShownCoach): Coach {
  return {
    id: row.id,
    structureId: row.structureId,
    structureName: row.structureName,
    userId: row.userId,
    kind: row.kind as Coach['kind'],
    name: row.name,
    email: row.email,
    profession: row.profession as Coach['profession'],
    firm: row.firm,
    specialties: row.specialties as Coach['specialties'],
    languages: row.languages as Coach['languages'],
    hourlyRateMinor: row.hourlyRateMinor,
    currency: row.currency as Coach['currency'],
    weeklyAvailability: row.weeklyAvailability as Coach['weeklyAvailability'],
    active: row.active,
    hasCalendarFeed: row.hasCalendarFeed,
  };
}

async function loadCoaches(db: Db, where: SQL | undefined): Promise<Coach[]> {
  const rows = await db
    .select(COACH_FIELDS)
    .from(coaches)
    .innerJoin(structures, eq(structures.id, coaches.structureId))
    .where(where)
    .orderBy(asc(coaches.name), asc(coaches.id));
  return rows.map(shownCoach);
}

/** The roster, built once per shape (which filters are given); the values come as placeholders. */
const rosterQuery = builtPerShape((db, has, shape) => {
  const where: SQL[] = [inPlaceholderReach(coaches.structureId)];
  if (has('specialty')) where.push(sql`${coaches.specialties} @> array[${sql.placeholder('specialty')}]::text[]`);
  if (has('language')) where.push(sql`${coaches.languages} @> array[${sql.placeholder('language')}]::text[]`);
  if (has('kind')) where.push(eq(coaches.kind, sql.placeholder('kind')));
  if (has('active')) where.push(eq(coaches.active, sql.placeholder('active')));
  return db
    .select(COACH_FIELDS)
    .from(coaches)
    .innerJoin(structures, eq(structures.id, coaches.structureId))
    .where(and(...where))
    .orderBy(asc(coaches.name), asc(coaches.id))
    .prepare(`essor_coaches_${shape}`);
});

export async function listCoaches(db: Db, user: CurrentUser, query: CoachListQuery): Promise<Coach[]> {
  const shape = (['specialty', 'language', 'kind', 'active'] as const).map((name) => Boolean(query[name]) && name);
  const rows = await rosterQuery(db, shape).execute({
    reach: structuresReached(user, COACHING_TEAM),
    specialty: query.specialty ?? null,
    language: query.language ?? null,
    kind: query.kind ?? null,
    active: query.active === 'true',
  });
  return rows.map(shownCoach);
}

export async function getCoach(db: Db, id: string): Promise<Coach> {
  const [coach] = await loadCoaches(db, eq(coaches.id, id));
  if (!coach) throw new NotFound('thing.coach');
  return coach;
}

/** The coach profile of a signed-in coach, or null when their account has none. */
export async function coachOfUser(db: Db, userId: string): Promise<CoachRow | null> {
  const [row] = await db.select().from(coaches).where(eq(coaches.userId, userId));
  return row ?? null;
}

/** The linked account must hold a coaching role on the coach's structure (directly or from above). */
async function checkLinkedAccount(db: Db, userId: string | null | undefined, structureId: string) {
  if (!userId) return;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw new Unprocessable('coaching.unknown_account', 'invalid', { userId: ['field.unknown_account'] });
  const [held] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(structures, eq(structures.id, memberships.structureId))
    .where(
      and(
        eq(memberships.userId, userId),
        anyOf(memberships.role, [...COACHING_TEAM]),
        sql`(select path from ${structures} where id = ${structureId}) like ${structures.path} || '%'`,
      ),
    )
    .limit(1);
  if (!held) {
    throw new Unprocessable('coaching.profile_holder', 'invalid', {
      userId: ['field.not_coach_or_staff'],
    });
  }
}

function rateFields(kind: string, input: { hourlyRateMinor?: number | null; currency?: string | null }) {
  // Staff coaching is part of their salary: no rate is kept for them.
  if (kind === 'staff') return { hourlyRateMinor: null, currency: null };
  return { hourlyRateMinor: input.hourlyRateMinor ?? null, currency: input.currency ?? null };
}

/** Adds a coach to `structureId`, which the route resolved from the caller's reach. */
export async function createCoach(db: Db, actor: Actor, structureId: string, input: CreateCoachInput): Promise<Coach> {
  try {
    return await db.transaction(async (tx) => {
      await checkLinkedAccount(tx, input.userId, structureId);
      const [row] = await tx
        .insert(coaches)
        .values({
          structureId,
          userId: input.userId ?? null,
          kind: input.kind,
          name: input.name,
          email: input.email ?? null,
          profession: input.profession,
          firm: input.firm ?? null,
          specialties: input.specialties,
          languages: input.languages,
          ...rateFields(input.kind, input),
          weeklyAvailability: input.weeklyAvailability ?? [],
        })
        .returning({ id: coaches.id });
      const coach = await getCoach(tx, row.id);
      await recordAudit(tx, actor, { action: 'coach.create', entity: 'coach', entityId: coach.id, after: coach });
      return coach;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('coaching.profile_exists', { userId: ['field.already_linked'] });
    throw error;
  }
}

export async function updateCoach(db: Db, actor: Actor, id: string, input: UpdateCoachInput): Promise<Coach> {
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select().from(coaches).where(eq(coaches.id, id)).for('update');
      if (!current) throw new NotFound('thing.coach');
      if (input.userId !== undefined) await checkLinkedAccount(tx, input.userId, current.structureId);
      const merged = {
        hourlyRateMinor: input.hourlyRateMinor !== undefined ? input.hourlyRateMinor : current.hourlyRateMinor,
        currency: input.currency !== undefined ? input.currency : current.currency,
      };
      if (current.kind === 'external' && (merged.hourlyRateMinor == null || merged.currency == null)) {
        throw new Unprocessable('coaching.expert_rate', 'invalid', { hourlyRateMinor: ['field.required'] });
      }
      const before = await getCoach(tx, id);
      await tx
        .update(coaches)
        .set({ ...input, ...rateFields(current.kind, merged), updatedAt: new Date() })
        .where(eq(coaches.id, id));
      const after = await getCoach(tx, id);
      await recordAudit(tx, actor, { action: 'coach.update', entity: 'coach', entityId: id, before, after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('coaching.profile_exists', { userId: ['field.already_linked'] });
    throw error;
  }
}

/**
 * Issues a new secret feed address for a coach (the old one stops working). Only its hash is kept,
 * so the address is shown once; staff may issue it for anyone, a coach only for themselves.
 */
export async function rotateCalendarToken(db: Db, actor: Actor, user: CurrentUser, coachId: string): Promise<{ token: string }> {
  return db.transaction(async (tx) => {
    const [coach] = await tx.select().from(coaches).where(eq(coaches.id, coachId)).for('update');
    if (!coach) throw new NotFound('thing.coach');
    if (!managesCoaching(user, coach.structureId) && coach.userId !== user.id) throw new Forbidden('coaching.own_feed_only');
    const token = randomToken();
    await tx.update(coaches).set({ calendarTokenHash: sha256(token), updatedAt: new Date() }).where(eq(coaches.id, coachId));
    await recordAudit(tx, actor, { action: 'coach.calendar_token', entity: 'coach', entityId: coachId, structureId: coach.structureId });
    return { token };
  });
}

/** Cohorts with their member projects: what the session and plan forms choose from. */
export async function coachingRoster(db: Db, user: CurrentUser) {
  const cohortRows = await db
    .select({ id: cohorts.id, name: cohorts.name, programmeCode: programmes.code, programmeName: programmes.name, currency: programmes.currency })
    .from(cohorts)
    .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
    .where(inReach(cohorts.structureId, user, COACHING_TEAM))
    .orderBy(asc(programmes.code), asc(cohorts.startsOn));
  if (cohortRows.length === 0) return [];
  const members = await db
    .select({ cohortId: cohortMembers.cohortId, id: projects.id, title: projects.title, organisationName: organisations.name })
    .from(cohortMembers)
    .innerJoin(projects, eq(projects.id, cohortMembers.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(anyOf(cohortMembers.cohortId, cohortRows.map((c) => c.id)))
    .orderBy(asc(projects.title));
  return cohortRows.map((c) => ({
    ...c,
    projects: members.filter((m) => m.cohortId === c.id).map(({ cohortId: _c, ...p }) => p),
  }));
}
