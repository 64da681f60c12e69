import type { CoachingSession, CreateSessionInput, UpdateSessionInput } from '@essor/shared/coaching';
import { and, eq, gt, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coaches, coachingPlanBudgets, coachingPlans, coachingSessions, sessionAttendees } from '../../db/schema/coaching';
import { cohorts } from '../../db/schema/programmes';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { msg, named } from '../../lib/messages/render';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { reaches } from '../../lib/scope';
import { assertProjectsIn } from './plans-service';
import { noticeSession } from './session-notices';
import { COACHING_TEAM } from './viewer';
import { insertActionItems } from './action-items';
import { cohortMemberIds, assertMembers, assertMayRun, assertCoachServes, lockSession, coachRow, type CoachRow } from './session-guards';
import { getSession } from './session-listing';
import { auditSession } from './session-notes';
import { anyOf } from '../../lib/any-of';

const MINUTE_MS = 60_000;

/** Locks the coach row: every booking of one coach queues here, so two overlapping bookings cannot both pass the check. */
async function lockCoach(tx: Db, coachId: string): Promise<CoachRow> {
  const [coach] = await tx.select().from(coaches).where(eq(coaches.id, coachId)).for('update');
  if (!coach) throw new Unprocessable('coaching.unknown_coach', 'invalid', { coachId: ['field.unknown_coach'] });
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
    throw new Conflict(msg('coaching.coach_booked', { title: clash.title, startsAt: clash.startsAt.toISOString() }), {
      startsAt: ['field.coach_busy'],
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
    anyOf(sessionAttendees.attendance, ['expected', 'present']),
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
      msg('coaching.plan_budget', { minutes: Math.max(remaining, 0), supportType: named('support', session.supportType) }),
      'invalid',
      { durationMinutes: ['field.over_plan_budget'] },
    );
  }
}

function assertHeldIsPast(status: string, startsAt: Date) {
  if (status === 'held' && startsAt.getTime() > Date.now()) {
    throw new Unprocessable('coaching.held_before_start', 'invalid', { status: ['field.not_started'] });
  }
}

export async function createSession(db: Db, actor: Actor, user: CurrentUser, input: CreateSessionInput): Promise<CoachingSession> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(startsAt.getTime() + input.durationMinutes * MINUTE_MS);
  assertHeldIsPast(input.status, startsAt);
  const id = await db.transaction(async (tx) => {
    const coach = await lockCoach(tx, input.coachId);
    const [cohort] = await tx.select({ id: cohorts.id, structureId: cohorts.structureId }).from(cohorts).where(eq(cohorts.id, input.cohortId));
    if (!cohort || !reaches(user, cohort.structureId, COACHING_TEAM)) throw new Unprocessable('coaching.unknown_cohort', 'invalid', { cohortId: ['field.unknown_cohort'] });
    assertMayRun(user, coach, cohort.structureId);
    await assertCoachServes(tx, user, coach, cohort.structureId);
    if (!coach.active) throw new Unprocessable('coaching.coach_inactive', 'invalid', { coachId: ['field.coach_inactive'] });
    await assertProjectsIn(tx, input.projectId ? [input.projectId] : [], cohort.structureId, 'projectId');
    await assertProjectsIn(tx, (input.attendees ?? []).map((a) => a.projectId), cohort.structureId, 'attendees');
    const members = await cohortMemberIds(tx, input.cohortId);
    const defaultAttendance = input.status === 'held' ? 'present' : 'expected';
    let attendees: { projectId: string; attendance: string; participants: number | null }[];
    if (input.format === 'individual') {
      assertMembers(members, [input.projectId!], 'projectId');
      const given = input.attendees?.find((a) => a.projectId === input.projectId);
      if (input.attendees?.some((a) => a.projectId !== input.projectId)) {
        throw new Unprocessable('coaching.individual_own_project', 'invalid', { attendees: ['field.other_projects_listed'] });
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
        structureId: cohort.structureId,
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
    // A session recorded after the fact (held) is history, not an invitation.
    if (session.status === 'scheduled') await noticeSession(tx, 'session.booked', session);
    return session.id;
  });
  return getSession(db, user, id);
}

export async function updateSession(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateSessionInput): Promise<CoachingSession> {
  await db.transaction(async (tx) => {
    const peek = await tx.select({ coachId: coachingSessions.coachId }).from(coachingSessions).where(eq(coachingSessions.id, id));
    if (peek.length === 0) throw new NotFound('thing.coaching_session');
    const targetCoachId = input.coachId ?? peek[0].coachId;
    // Coach rows are locked before the session row, in the same order as bookings, to avoid deadlocks.
    const lockedCoaches = [...new Set([peek[0].coachId, targetCoachId])].sort();
    for (const coachId of lockedCoaches) await lockCoach(tx, coachId);
    const current = await lockSession(tx, id);
    if (!lockedCoaches.includes(current.coachId)) throw new Conflict('coaching.changed_meanwhile');
    assertMayRun(user, await coachRow(tx, current.coachId), current.structureId);
    if (current.status === 'cancelled') throw new Conflict('coaching.cancelled_is_history');
    const targetCoach = await coachRow(tx, targetCoachId);
    if (input.coachId && input.coachId !== current.coachId) {
      assertMayRun(user, targetCoach, current.structureId);
      await assertCoachServes(tx, user, targetCoach, current.structureId);
      if (!targetCoach.active) throw new Unprocessable('coaching.coach_inactive', 'invalid', { coachId: ['field.coach_inactive'] });
    }
    const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
    const durationMinutes = input.durationMinutes ?? current.durationMinutes;
    const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);
    const mode = input.mode ?? current.mode;
    const place = input.place ?? current.place;
    if (mode === 'on_site' && !place) throw new Unprocessable('coaching.on_site_place', 'invalid', { place: ['field.required_on_site'] });
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
    await recordAudit(tx, actor, { action: 'coaching_session.update', entity: 'coaching_session', entityId: id, before: auditSession(current), after: auditSession(row, current) });
    if (moved && row.status === 'scheduled') await noticeSession(tx, 'session.moved', row, targetCoachId !== current.coachId ? [current.coachId] : []);
  });
  return getSession(db, user, id);
}

export async function cancelSession(db: Db, actor: Actor, user: CurrentUser, id: string, reason: string): Promise<CoachingSession> {
  await db.transaction(async (tx) => {
    const current = await lockSession(tx, id);
    assertMayRun(user, await coachRow(tx, current.coachId), current.structureId);
    if (current.status === 'cancelled') throw new Conflict('coaching.already_cancelled');
    if (current.status === 'held') throw new Conflict('coaching.held_not_cancelled');
    const [row] = await tx
      .update(coachingSessions)
      .set({ status: 'cancelled', cancelledAt: new Date(), cancellationReason: reason, updatedAt: new Date() })
      .where(eq(coachingSessions.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'coaching_session.cancel', entity: 'coaching_session', entityId: id, before: auditSession(current), after: auditSession(row) });
    await noticeSession(tx, 'session.cancelled', row);
  });
  return getSession(db, user, id);
}
