import type { NotificationKind } from '@essor/shared/notifications';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coaches, coachingSessions, sessionAttendees } from '../../db/schema/coaching';
import { cohorts } from '../../db/schema/programmes';
import { organisations, projects } from '../../db/schema/projects';
import { notify } from '../notifications/public';
import { sessionInvite } from './calendar';
import { anyOf } from '../../lib/any-of';

type SessionRow = typeof coachingSessions.$inferSelect;
type SessionNotice = Extract<NotificationKind, 'session.booked' | 'session.moved' | 'session.cancelled'>;

/**
 * Tells the coach and the holders of the expected projects that a session was booked, moved or
 * cancelled, with the calendar invite (or its cancellation) attached. The event names the session's
 * version (its last change), so each move notifies again and a replayed request does not.
 */
export async function noticeSession(tx: Db, kind: SessionNotice, session: SessionRow, extraCoachIds: string[] = []): Promise<void> {
  const [cohort] = await tx.select({ name: cohorts.name }).from(cohorts).where(eq(cohorts.id, session.cohortId));
  const coachRows = await tx
    .select({ id: coaches.id, name: coaches.name, userId: coaches.userId })
    .from(coaches)
    .where(anyOf(coaches.id, [session.coachId, ...extraCoachIds]));
  const coachOf = (id: string) => coachRows.find((c) => c.id === id);
  const attendees = await tx
    .select({ organisationName: organisations.name, holderUserId: projects.holderUserId })
    .from(sessionAttendees)
    .innerJoin(projects, eq(projects.id, sessionAttendees.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(eq(sessionAttendees.sessionId, session.id))
    .orderBy(asc(organisations.name));
  const ics = sessionInvite({ session, cohortName: cohort?.name ?? '', attendees }, kind === 'session.cancelled' ? 'cancel' : 'request');
  const notice = {
    kind,
    structureId: session.structureId,
    eventKey: `${session.id}:${session.updatedAt.toISOString()}`,
    params: {
      title: session.title,
      coachName: coachOf(session.coachId)?.name ?? '',
      startsAt: session.startsAt.toISOString(),
      durationMinutes: session.durationMinutes,
      place: session.place,
      reason: session.cancellationReason,
    },
    attachments: [{ filename: 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${kind === 'session.cancelled' ? 'CANCEL' : 'REQUEST'}`, content: Buffer.from(ics).toString('base64') }],
  };
  const coachUsers = [session.coachId, ...extraCoachIds].map((id) => coachOf(id)?.userId);
  await notify(tx, { ...notice, recipients: coachUsers, link: `/coaching/sessions/${session.id}` });
  await notify(tx, { ...notice, recipients: attendees.map((a) => a.holderUserId), link: '/my-coaching' });
}
