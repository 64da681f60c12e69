import type { ActionItem, CalendarQuery, CoachingSession, HolderSession } from '@essor/shared/coaching';
import { and, asc, eq, gt, gte, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { actionItems, coaches, coachingSessions, sessionAttendees } from '../../db/schema/coaching';
import { organisations, projects } from '../../db/schema/projects';
import { cohorts } from '../../db/schema/programmes';
import { structures } from '../../db/schema/structures';
import type { CurrentUser } from '../../lib/context';
import { NotFound } from '../../lib/errors';
import { groupBy } from '../../lib/group';
import { holderProjectIds } from '../../lib/holder-projects';
import { inReach } from '../../lib/scope';
import { COACHING_TEAM } from './viewer';
import { mayReadNotes } from './session-notes';
import { anyOf } from '../../lib/any-of';

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** Loads sessions with their cohort, coach, attendees and action items, in as few queries as the list needs. */
async function assembleSessions(db: Db, where: SQL | undefined, limit = 2000) {
  const rows = await db
    .select({ session: coachingSessions, structureName: structures.name, cohortName: cohorts.name, coachName: coaches.name, coachUserId: coaches.userId })
    .from(coachingSessions)
    .innerJoin(structures, eq(structures.id, coachingSessions.structureId))
    .innerJoin(cohorts, eq(cohorts.id, coachingSessions.cohortId))
    .innerJoin(coaches, eq(coaches.id, coachingSessions.coachId))
    .where(where)
    .orderBy(asc(coachingSessions.startsAt), asc(coachingSessions.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.session.id);
  const attendees = await db
    .select({
      sessionId: sessionAttendees.sessionId,
      projectId: sessionAttendees.projectId,
      attendance: sessionAttendees.attendance,
      participants: sessionAttendees.participants,
      projectTitle: projects.title,
      organisationName: organisations.name,
    })
    .from(sessionAttendees)
    .innerJoin(projects, eq(projects.id, sessionAttendees.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(anyOf(sessionAttendees.sessionId, ids))
    .orderBy(asc(projects.title));
  const items = await db
    .select({ item: actionItems, projectTitle: projects.title })
    .from(actionItems)
    .innerJoin(projects, eq(projects.id, actionItems.projectId))
    .where(anyOf(actionItems.sessionId, ids))
    .orderBy(asc(actionItems.createdAt), asc(actionItems.id));
  const today = todayIso();
  const attendeesOf = groupBy(attendees, (a) => a.sessionId);
  const itemsOf = groupBy(items, (i) => i.item.sessionId);
  return rows.map((r) => ({
    ...r,
    attendees: (attendeesOf.get(r.session.id) ?? [])
      .map((a) => ({
        projectId: a.projectId,
        projectTitle: a.projectTitle,
        organisationName: a.organisationName,
        attendance: a.attendance as CoachingSession['attendees'][number]['attendance'],
        participants: a.participants,
      })),
    actionItems: (itemsOf.get(r.session.id) ?? []).map((i) => toActionItem(i.item, i.projectTitle, today)),
  }));
}

export type Assembled = Awaited<ReturnType<typeof assembleSessions>>[number];

export function toActionItem(item: typeof actionItems.$inferSelect, projectTitle: string, today = todayIso()): ActionItem {
  return {
    id: item.id,
    sessionId: item.sessionId,
    projectId: item.projectId,
    projectTitle,
    description: item.description,
    owner: item.owner,
    dueOn: item.dueOn,
    status: item.status as ActionItem['status'],
    overdue: item.status === 'open' && item.dueOn !== null && item.dueOn < today,
    doneAt: iso(item.doneAt),
  };
}

function holderView(a: Assembled): HolderSession {
  const s = a.session;
  return {
    id: s.id,
    structureId: s.structureId,
    structureName: a.structureName,
    cohortId: s.cohortId,
    cohortName: a.cohortName,
    format: s.format as HolderSession['format'],
    projectId: s.projectId,
    supportType: s.supportType as HolderSession['supportType'],
    title: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    durationMinutes: s.durationMinutes,
    mode: s.mode as HolderSession['mode'],
    place: s.place,
    coachId: s.coachId,
    coachName: a.coachName,
    status: s.status as HolderSession['status'],
    decisions: s.decisions,
    cancelledAt: iso(s.cancelledAt),
    cancellationReason: s.cancellationReason,
    attendees: a.attendees,
    actionItems: a.actionItems,
  };
}

function staffView(a: Assembled, user: CurrentUser): CoachingSession {
  return { ...holderView(a), notes: mayReadNotes(user, a) ? a.session.notes : null };
}

export async function getSession(db: Db, user: CurrentUser, id: string): Promise<CoachingSession> {
  const [found] = await assembleSessions(db, eq(coachingSessions.id, id));
  if (!found) throw new NotFound('thing.coaching_session');
  return staffView(found, user);
}

export async function listCalendar(db: Db, user: CurrentUser, query: CalendarQuery): Promise<CoachingSession[]> {
  const where: SQL[] = [
    lt(coachingSessions.startsAt, new Date(query.to)),
    gt(coachingSessions.endsAt, new Date(query.from)),
    or(inReach(coachingSessions.structureId, user, COACHING_TEAM), eq(coaches.userId, user.id))!,
  ];
  if (query.coachId) where.push(eq(coachingSessions.coachId, query.coachId));
  if (query.cohortId) where.push(eq(coachingSessions.cohortId, query.cohortId));
  if (query.projectId) {
    where.push(
      or(
        eq(coachingSessions.projectId, query.projectId),
        sql`exists (select 1 from ${sessionAttendees} where ${sessionAttendees.sessionId} = ${coachingSessions.id} and ${sessionAttendees.projectId} = ${query.projectId})`,
      )!,
    );
  }
  if (query.includeCancelled === 'false') where.push(ne(coachingSessions.status, 'cancelled'));
  const rows = await assembleSessions(db, and(...where));
  return rows.map((r) => staffView(r, user));
}

/** A coach's own sessions: upcoming by default, or those of the given range. */
export async function listMySessions(db: Db, user: CurrentUser, range: { from?: string; to?: string }): Promise<CoachingSession[]> {
  const [coach] = await db.select({ id: coaches.id }).from(coaches).where(eq(coaches.userId, user.id));
  if (!coach) return [];
  const from = range.from ? new Date(range.from) : new Date(Date.now() - 30 * 86_400_000);
  const where: SQL[] = [eq(coachingSessions.coachId, coach.id), gt(coachingSessions.endsAt, from)];
  if (range.to) where.push(lt(coachingSessions.startsAt, new Date(range.to)));
  const rows = await assembleSessions(db, and(...where), 500);
  return rows.map((r) => staffView(r, user));
}

/** The sessions of a holder's projects, with only their own attendance and action items, never notes. */
export async function listHolderSessions(db: Db, user: CurrentUser): Promise<HolderSession[]> {
  const mine = await holderProjectIds(db, user.id);
  if (mine.length === 0) return [];
  const rows = await assembleSessions(
    db,
    or(
      anyOf(coachingSessions.projectId, mine),
      sql`exists (select 1 from ${sessionAttendees} where ${sessionAttendees.sessionId} = ${coachingSessions.id} and ${anyOf(sessionAttendees.projectId, mine)})`,
    ),
    1000,
  );
  return rows.map((r) => {
    const view = holderView(r);
    return {
      ...view,
      attendees: view.attendees.filter((a) => mine.includes(a.projectId)),
      actionItems: view.actionItems.filter((i) => mine.includes(i.projectId)),
    };
  });
}

/** Sessions of a coach for the calendar feed (cancelled ones included, so calendars drop them). */
export async function sessionsForFeed(db: Db, coachId: string, from: Date, to: Date) {
  return assembleSessions(db, and(eq(coachingSessions.coachId, coachId), gte(coachingSessions.startsAt, from), lt(coachingSessions.startsAt, to)), 2000);
}
