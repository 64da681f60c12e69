import type { AttendanceInput, CoachingSession } from '@essor/shared/coaching';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessionAttendees } from '../../db/schema/coaching';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { Conflict, Unprocessable } from '../../lib/errors';
import { cohortMemberIds, assertMembers, assertMayRun, lockSession, coachRow, type SessionRow } from './session-guards';
import { getSession } from './session-listing';

/** Who came can only be said once the session has begun; before that a project is only expected. */
function assertStarted(session: SessionRow, input: AttendanceInput) {
  if (session.startsAt.getTime() > Date.now() && input.attendees.some((a) => a.attendance !== 'expected')) {
    throw new Conflict('coaching.attendance_after_start', { attendees: ['field.not_started'] });
  }
}

export async function recordAttendance(db: Db, actor: Actor, user: CurrentUser, id: string, input: AttendanceInput): Promise<CoachingSession> {
  await db.transaction(async (tx) => {
    const session = await lockSession(tx, id);
    assertMayRun(user, await coachRow(tx, session.coachId), session.structureId);
    if (session.status === 'cancelled') throw new Conflict('coaching.cancelled_is_history');
    const members = await cohortMemberIds(tx, session.cohortId);
    assertMembers(members, input.attendees.map((a) => a.projectId), 'attendees');
    if (session.format === 'individual' && input.attendees.some((a) => a.projectId !== session.projectId)) {
      throw new Unprocessable('coaching.individual_own_project', 'invalid', { attendees: ['field.other_projects_listed'] });
    }
    assertStarted(session, input);
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
