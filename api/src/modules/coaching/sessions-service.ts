import type {
  ActionItem,
  AttendanceInput,
  CalendarQuery,
  CoachingSession,
  CreateActionItemInput,
  CreateSessionInput,
  HolderSession,
  UpdateActionItemInput,
  UpdateSessionInput,
} from '@essor/shared/coaching';
import { and, asc, eq, gt, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { actionItems, coaches, coachingPlanBudgets, coachingPlans, coachingSessions, sessionAttendees } from '../../db/schema/coaching';
import { cohortMembers, organisations, projects } from '../../db/schema/projects';
import { cohorts } from '../../db/schema/programmes';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../lib/errors';
import { holderProjectIds } from '../../lib/holder-projects';
import { managesCoaching } from './viewer';

type SessionRow = typeof coachingSessions.$inferSelect;
type CoachRow = typeof coaches.$inferSelect;

const MINUTE_MS = 60_000;

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** Loads sessions with their cohort, coach, attendees and action items, in as few queries as the list needs. */
async function assembleSessions(db: Db, where: SQL | undefined, limit = 2000) {
  const rows = await db
    .select({ session: coachingSessions, cohortName: cohorts.name, coachName: coaches.name, coachUserId: coaches.userId })
    .from(coachingSessions)
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
    .where(inArray(sessionAttendees.sessionId, ids))
    .orderBy(asc(projects.title));
  const items = await db
    .select({ item: actionItems, projectTitle: projects.title })
    .from(actionItems)
    .innerJoin(projects, eq(projects.id, actionItems.projectId))
    .where(inArray(actionItems.sessionId, ids))
    .orderBy(asc(actionItems.createdAt), asc(actionItems.id));
  const today = todayIso();
  return rows.map((r) => ({
    ...r,
    attendees: attendees
      .filter((a) => a.sessionId === r.session.id)
      .map((a) => ({
        projectId: a.projectId,
        projectTitle: a.projectTitle,
        organisationName: a.organisationName,
        attendance: a.attendance as CoachingSession['attendees'][number]['attendance'],
        participants: a.participants,
      })),
    actionItems: items.filter((i) => i.item.sessionId === r.session.id).map((i) => toActionItem(i.item, i.projectTitle, today)),
  }));
}

type Assembled = Awaited<ReturnType<typeof assembleSessions>>[number];

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

/** Notes are confidential: staff, admins and the coach who ran the session read them, nobody else. */
function mayReadNotes(user: CurrentUser, coachUserId: string | null): boolean {
  return managesCoaching(user) || (coachUserId !== null && coachUserId === user.id);
}

function staffView(a: Assembled, user: CurrentUser): CoachingSession {
  return { ...holderView(a), notes: mayReadNotes(user, a.coachUserId) ? a.session.notes : null };
}

export async function getSession(db: Db, user: CurrentUser, id: string): Promise<CoachingSession> {
  const [found] = await assembleSessions(db, eq(coachingSessions.id, id));
  if (!found) throw new NotFound('Session');
  return staffView(found, user);
}

export async function listCalendar(db: Db, user: CurrentUser, query: CalendarQuery): Promise<CoachingSession[]> {
  const where: SQL[] = [lt(coachingSessions.startsAt, new Date(query.to)), gt(coachingSessions.endsAt, new Date(query.from))];
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
      inArray(coachingSessions.projectId, mine),
      sql`exists (select 1 from ${sessionAttendees} where ${sessionAttendees.sessionId} = ${coachingSessions.id} and ${inArray(sessionAttendees.projectId, mine)})`,
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

export async function listHolderActionItems(db: Db, user: CurrentUser, status?: ActionItem['status']): Promise<ActionItem[]> {
  const mine = await holderProjectIds(db, user.id);
  if (mine.length === 0) return [];
  const where: SQL[] = [inArray(actionItems.projectId, mine), ne(coachingSessions.status, 'cancelled')];
  if (status) where.push(eq(actionItems.status, status));
  const rows = await db
    .select({ item: actionItems, projectTitle: projects.title })
    .from(actionItems)
    .innerJoin(projects, eq(projects.id, actionItems.projectId))
    .innerJoin(coachingSessions, eq(coachingSessions.id, actionItems.sessionId))
    .where(and(...where))
    .orderBy(sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.id));
  const today = todayIso();
  return rows.map((r) => toActionItem(r.item, r.projectTitle, today));
}

/** Locks the coach row: every booking of one coach queues here, so two overlapping bookings cannot both pass the check. */
async function lockCoach(tx: Db, coachId: string): Promise<CoachRow> {
  const [coach] = await tx.select().from(coaches).where(eq(coaches.id, coachId)).for('update');
  if (!coach) throw new Unprocessable('No coach with this id', 'invalid', { coachId: ['Unknown coach'] });
  return coach;
}

/** Half-open intervals: a session ending at 10:00 does not overlap one starting at 10:00. */
async function assertCoachFree(tx: Db, coachId: string, startsAt: Date, endsAt: Date, exceptSessionId?: string) {
  const where: SQL[] = [
    eq(coachingSessions.coachId, coachId),
    ne(coachingSessions.status, 'cancelled'),
    lt(coachingSessions.startsAt, endsAt),
    gt(coachingSessions.endsAt, startsAt),
  ];
  if (exceptSessionId) where.push(ne(coachingSessions.id, exceptSessionId));
  const [clash] = await tx
    .select({ id: coachingSessions.id, title: coachingSessions.title, startsAt: coachingSessions.startsAt })
    .from(coachingSessions)
    .where(and(...where))
    .limit(1);
  if (clash) {
    throw new Conflict(`The coach is already booked at that time ("${clash.title}", ${clash.startsAt.toISOString()})`, {
      startsAt: ['The coach has another session at that time'],
    });
  }
}

async function cohortMemberIds(tx: Db, cohortId: string): Promise<string[]> {
  const rows = await tx.select({ projectId: cohortMembers.projectId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));
  return rows.map((r) => r.projectId);
}

function assertMembers(members: string[], projectIds: string[], field: string) {
  const strangers = projectIds.filter((id) => !members.includes(id));
  if (strangers.length > 0) {
    throw new Unprocessable('Only projects of the session’s cohort can attend or own its action items', 'invalid', {
      [field]: [`Not in the cohort: ${strangers.join(', ')}`],
    });
  }
}

/**
 * Refuses an individual session that would take a project past its plan's budget for that type of
 * support (sessions held plus those still scheduled). Projects without a plan are not limited.
 */
async function assertWithinBudget(tx: Db, session: { cohortId: string; projectId: string; supportType: string; durationMinutes: number }, exceptSessionId?: string) {
  const [plan] = await tx
    .select({ id: coachingPlans.id })
    .from(coachingPlans)
    .where(and(eq(coachingPlans.cohortId, session.cohortId), eq(coachingPlans.projectId, session.projectId)))
    .for('update');
  if (!plan) return;
  const [line] = await tx
    .select({ budgetMinutes: coachingPlanBudgets.budgetMinutes })
    .from(coachingPlanBudgets)
    .where(and(eq(coachingPlanBudgets.planId, plan.id), eq(coachingPlanBudgets.supportType, session.supportType)));
  const budget = line?.budgetMinutes ?? 0;
  const where: SQL[] = [
    eq(coachingSessions.cohortId, session.cohortId),
    eq(coachingSessions.supportType, session.supportType),
    ne(coachingSessions.status, 'cancelled'),
    eq(sessionAttendees.projectId, session.projectId),
    inArray(sessionAttendees.attendance, ['expected', 'present']),
  ];
  if (exceptSessionId) where.push(ne(coachingSessions.id, exceptSessionId));
  const [{ used }] = await tx
    .select({ used: sql<string>`coalesce(sum(${coachingSessions.durationMinutes}), 0)` })
    .from(coachingSessions)
    .innerJoin(sessionAttendees, eq(sessionAttendees.sessionId, coachingSessions.id))
    .where(and(...where));
  const remaining = budget - Number(used);
  if (session.durationMinutes > remaining) {
    throw new Unprocessable(
      `The coaching plan has ${Math.max(remaining, 0)} minutes of ${session.supportType} left for this project`,
      'invalid',
      { durationMinutes: ['Over the plan’s budget for this type of support'] },
    );
  }
}

function assertMayRun(user: CurrentUser, coach: CoachRow) {
  if (!managesCoaching(user) && coach.userId !== user.id) throw new Forbidden('A coach books and edits only their own sessions');
}

function assertHeldIsPast(status: string, startsAt: Date) {
  if (status === 'held' && startsAt.getTime() > Date.now()) {
    throw new Unprocessable('A session cannot be marked held before it starts', 'invalid', { status: ['The session has not started yet'] });
  }
}

async function insertActionItems(tx: Db, session: SessionRow, members: string[], inputs: CreateActionItemInput[]) {
  if (inputs.length === 0) return [];
  const values = inputs.map((input, index) => {
    const projectId = input.projectId ?? session.projectId;
    if (!projectId) {
      throw new Unprocessable('Say which project an action item of a group workshop is for', 'invalid', { [`actionItems.${index}.projectId`]: ['Required for a group workshop'] });
    }
    if (session.format === 'individual' && projectId !== session.projectId) {
      throw new Unprocessable('An individual session’s action items are for its own project', 'invalid', { [`actionItems.${index}.projectId`]: ['Not the session’s project'] });
    }
    return { sessionId: session.id, projectId, description: input.description, owner: input.owner, dueOn: input.dueOn ?? null };
  });
  assertMembers(members, values.map((v) => v.projectId), 'actionItems');
  return tx.insert(actionItems).values(values).returning();
}

function auditSession(row: SessionRow) {
  const { notes: _notes, ...rest } = row;
  return rest;
}

export async function createSession(db: Db, actor: Actor, user: CurrentUser, input: CreateSessionInput): Promise<CoachingSession> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(startsAt.getTime() + input.durationMinutes * MINUTE_MS);
  assertHeldIsPast(input.status, startsAt);
  const id = await db.transaction(async (tx) => {
    const coach = await lockCoach(tx, input.coachId);
    assertMayRun(user, coach);
    if (!coach.active) throw new Unprocessable('This coach is no longer active', 'invalid', { coachId: ['Inactive coach'] });
    const [cohort] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, input.cohortId));
    if (!cohort) throw new Unprocessable('No cohort with this id', 'invalid', { cohortId: ['Unknown cohort'] });
    const members = await cohortMemberIds(tx, input.cohortId);
    const defaultAttendance = input.status === 'held' ? 'present' : 'expected';
    let attendees: { projectId: string; attendance: string; participants: number | null }[];
    if (input.format === 'individual') {
      assertMembers(members, [input.projectId!], 'projectId');
      const given = input.attendees?.find((a) => a.projectId === input.projectId);
      if (input.attendees?.some((a) => a.projectId !== input.projectId)) {
        throw new Unprocessable('An individual session is attended by its own project only', 'invalid', { attendees: ['Other projects listed'] });
      }
      attendees = [{ projectId: input.projectId!, attendance: given?.attendance ?? defaultAttendance, participants: given?.participants ?? null }];
    } else if (input.attendees) {
      assertMembers(members, input.attendees.map((a) => a.projectId), 'attendees');
      attendees = input.attendees.map((a) => ({ projectId: a.projectId, attendance: a.attendance, participants: a.participants ?? null }));
    } else {
      attendees = members.map((projectId) => ({ projectId, attendance: defaultAttendance, participants: null }));
    }
    await assertCoachFree(tx, coach.id, startsAt, endsAt);
    if (input.format === 'individual') {
      await assertWithinBudget(tx, { cohortId: input.cohortId, projectId: input.projectId!, supportType: input.supportType, durationMinutes: input.durationMinutes });
    }
    const [session] = await tx
      .insert(coachingSessions)
      .values({
        cohortId: input.cohortId,
        format: input.format,
        projectId: input.format === 'individual' ? input.projectId! : null,
        supportType: input.supportType,
        title: input.title,
        startsAt,
        endsAt,
        durationMinutes: input.durationMinutes,
        mode: input.mode,
        place: input.place,
        coachId: coach.id,
        status: input.status,
        notes: input.notes,
        decisions: input.decisions,
        createdBy: actor.id,
      })
      .returning();
    if (attendees.length > 0) await tx.insert(sessionAttendees).values(attendees.map((a) => ({ ...a, sessionId: session.id })));
    const items = await insertActionItems(tx, session, members, input.actionItems);
    await recordAudit(tx, actor, {
      action: 'coaching_session.create',
      entity: 'coaching_session',
      entityId: session.id,
      after: { ...auditSession(session), attendees, actionItems: items.map((i) => i.id) },
    });
    return session.id;
  });
  return getSession(db, user, id);
}

async function lockSession(tx: Db, id: string): Promise<SessionRow> {
  const [session] = await tx.select().from(coachingSessions).where(eq(coachingSessions.id, id)).for('update');
  if (!session) throw new NotFound('Session');
  return session;
}

async function coachRow(tx: Db, id: string): Promise<CoachRow> {
  const [coach] = await tx.select().from(coaches).where(eq(coaches.id, id));
  if (!coach) throw new NotFound('Coach');
  return coach;
}

export async function updateSession(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateSessionInput): Promise<CoachingSession> {
  await db.transaction(async (tx) => {
    const peek = await tx.select({ coachId: coachingSessions.coachId }).from(coachingSessions).where(eq(coachingSessions.id, id));
    if (peek.length === 0) throw new NotFound('Session');
    const targetCoachId = input.coachId ?? peek[0].coachId;
    // Coach rows are locked before the session row, in the same order as bookings, to avoid deadlocks.
    const lockedCoaches = [...new Set([peek[0].coachId, targetCoachId])].sort();
    for (const coachId of lockedCoaches) await lockCoach(tx, coachId);
    const current = await lockSession(tx, id);
    if (!lockedCoaches.includes(current.coachId)) throw new Conflict('The session was changed meanwhile; reload and try again');
    assertMayRun(user, await coachRow(tx, current.coachId));
    if (current.status === 'cancelled') throw new Conflict('A cancelled session is kept as history and cannot be changed');
    const targetCoach = await coachRow(tx, targetCoachId);
    if (input.coachId && input.coachId !== current.coachId) {
      assertMayRun(user, targetCoach);
      if (!targetCoach.active) throw new Unprocessable('This coach is no longer active', 'invalid', { coachId: ['Inactive coach'] });
    }
    const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
    const durationMinutes = input.durationMinutes ?? current.durationMinutes;
    const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);
    const mode = input.mode ?? current.mode;
    const place = input.place ?? current.place;
    if (mode === 'on_site' && !place) throw new Unprocessable('Say where an on-site session takes place', 'invalid', { place: ['Required on site'] });
    const status = input.status ?? current.status;
    assertHeldIsPast(status, startsAt);
    const moved = startsAt.getTime() !== current.startsAt.getTime() || durationMinutes !== current.durationMinutes || targetCoachId !== current.coachId;
    if (moved) await assertCoachFree(tx, targetCoachId, startsAt, endsAt, id);
    const supportType = input.supportType ?? current.supportType;
    if (current.format === 'individual' && (durationMinutes > current.durationMinutes || supportType !== current.supportType)) {
      await assertWithinBudget(tx, { cohortId: current.cohortId, projectId: current.projectId!, supportType, durationMinutes }, id);
    }
    const [row] = await tx
      .update(coachingSessions)
      .set({ ...input, startsAt, endsAt, durationMinutes, coachId: targetCoachId, updatedAt: new Date() })
      .where(eq(coachingSessions.id, id))
      .returning();
    // Marking a session held confirms the attendees still expected; the coach corrects absences afterwards.
    if (status === 'held' && current.status !== 'held') {
      await tx
        .update(sessionAttendees)
        .set({ attendance: 'present' })
        .where(and(eq(sessionAttendees.sessionId, id), eq(sessionAttendees.attendance, 'expected')));
    }
    await recordAudit(tx, actor, { action: 'coaching_session.update', entity: 'coaching_session', entityId: id, before: auditSession(current), after: auditSession(row) });
  });
  return getSession(db, user, id);
}

export async function cancelSession(db: Db, actor: Actor, user: CurrentUser, id: string, reason: string): Promise<CoachingSession> {
  await db.transaction(async (tx) => {
    const current = await lockSession(tx, id);
    assertMayRun(user, await coachRow(tx, current.coachId));
    if (current.status === 'cancelled') throw new Conflict('This session is already cancelled');
    if (current.status === 'held') throw new Conflict('A session that was held cannot be cancelled');
    const [row] = await tx
      .update(coachingSessions)
      .set({ status: 'cancelled', cancelledAt: new Date(), cancellationReason: reason, updatedAt: new Date() })
      .where(eq(coachingSessions.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'coaching_session.cancel', entity: 'coaching_session', entityId: id, before: auditSession(current), after: auditSession(row) });
  });
  return getSession(db, user, id);
}

export async function recordAttendance(db: Db, actor: Actor, user: CurrentUser, id: string, input: AttendanceInput): Promise<CoachingSession> {
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, id);
    assertMayRun(user, await coachRow(tx, session.coachId));
    if (session.status === 'cancelled') throw new Conflict('A cancelled session is kept as history and cannot be changed');
    const members = await cohortMemberIds(tx, session.cohortId);
    assertMembers(members, input.attendees.map((a) => a.projectId), 'attendees');
    if (session.format === 'individual' && input.attendees.some((a) => a.projectId !== session.projectId)) {
      throw new Unprocessable('An individual session is attended by its own project only', 'invalid', { attendees: ['Other projects listed'] });
    }
    const before = await tx.select().from(sessionAttendees).where(eq(sessionAttendees.sessionId, id));
    for (const a of input.attendees) {
      await tx
        .insert(sessionAttendees)
        .values({ sessionId: id, projectId: a.projectId, attendance: a.attendance, participants: a.participants ?? null })
        .onConflictDoUpdate({
          target: [sessionAttendees.sessionId, sessionAttendees.projectId],
          set: { attendance: a.attendance, participants: a.participants ?? null },
        });
    }
    await recordAudit(tx, actor, { action: 'coaching_session.attendance', entity: 'coaching_session', entityId: id, before, after: input.attendees });
  });
  return getSession(db, user, id);
}

export async function addActionItem(db: Db, actor: Actor, user: CurrentUser, sessionId: string, input: CreateActionItemInput): Promise<ActionItem> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    assertMayRun(user, await coachRow(tx, session.coachId));
    if (session.status === 'cancelled') throw new Conflict('A cancelled session is kept as history and cannot be changed');
    const members = await cohortMemberIds(tx, session.cohortId);
    const [item] = await insertActionItems(tx, session, members, [input]);
    await recordAudit(tx, actor, { action: 'action_item.create', entity: 'action_item', entityId: item.id, after: item });
    const [project] = await tx.select({ title: projects.title }).from(projects).where(eq(projects.id, item.projectId));
    return toActionItem(item, project.title);
  });
}

async function lockActionItem(tx: Db, id: string) {
  const [row] = await tx
    .select({ item: actionItems, projectTitle: projects.title })
    .from(actionItems)
    .innerJoin(projects, eq(projects.id, actionItems.projectId))
    .where(eq(actionItems.id, id))
    .for('update', { of: actionItems });
  if (!row) throw new NotFound('Action item');
  return row;
}

export async function updateActionItem(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateActionItemInput): Promise<ActionItem> {
  return db.transaction(async (tx) => {
    const { item: current, projectTitle } = await lockActionItem(tx, id);
    const [session] = await tx.select().from(coachingSessions).where(eq(coachingSessions.id, current.sessionId));
    assertMayRun(user, await coachRow(tx, session.coachId));
    const doneAt = input.status === undefined ? current.doneAt : input.status === 'done' ? (current.doneAt ?? new Date()) : null;
    const [row] = await tx
      .update(actionItems)
      .set({ ...input, doneAt, updatedAt: new Date() })
      .where(eq(actionItems.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'action_item.update', entity: 'action_item', entityId: id, before: current, after: row });
    return toActionItem(row, projectTitle);
  });
}

/** A project holder ticks their own action items done (or reopens them); nothing else. */
export async function setHolderActionItemStatus(db: Db, actor: Actor, user: CurrentUser, id: string, status: 'open' | 'done'): Promise<ActionItem> {
  const mine = await holderProjectIds(db, user.id);
  return db.transaction(async (tx) => {
    const { item: current, projectTitle } = await lockActionItem(tx, id);
    // Someone else's item answers as missing, so holders cannot probe for ids.
    if (!mine.includes(current.projectId)) throw new NotFound('Action item');
    if (current.status === 'dropped') throw new Conflict('This action item was dropped by the coach');
    const [row] = await tx
      .update(actionItems)
      .set({ status, doneAt: status === 'done' ? (current.doneAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(actionItems.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'action_item.holder_status', entity: 'action_item', entityId: id, before: { status: current.status }, after: { status } });
    return toActionItem(row, projectTitle);
  });
}

/** Sessions of a coach for the calendar feed (cancelled ones included, so calendars drop them). */
export async function sessionsForFeed(db: Db, coachId: string, from: Date, to: Date) {
  return assembleSessions(db, and(eq(coachingSessions.coachId, coachId), gte(coachingSessions.startsAt, from), lt(coachingSessions.startsAt, to)), 2000);
}
