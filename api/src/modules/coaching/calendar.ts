import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { coachingSessions } from '../../db/schema/coaching';

type SessionRow = typeof coachingSessions.$inferSelect;

export interface CalendarSession {
  session: SessionRow;
  cohortName: string;
  attendees: { organisationName: string }[];
}

/** One session as a calendar event: the same UID in the coach's feed and in the invites, so calendars update it. */
export function addSessionEvent(calendar: ICalCalendar, { session, cohortName, attendees }: CalendarSession): void {
  calendar.createEvent({
    id: `${session.id}@essor`,
    start: session.startsAt,
    end: session.endsAt,
    summary: session.title,
    description: [cohortName, attendees.map((a) => a.organisationName).join(', ')].filter(Boolean).join('\n'),
    location: session.place || null,
    status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: session.updatedAt,
    // Each change is a newer version of the same event (seconds are enough: two changes need two requests).
    sequence: Math.floor(session.updatedAt.getTime() / 1000) - Math.floor(session.createdAt.getTime() / 1000),
  });
}

export function newCalendar(name: string, method?: 'request' | 'cancel'): ICalCalendar {
  return ical({
    name,
    prodId: { company: 'Essor', product: 'coaching', language: 'FR' },
    ...(method ? { method: method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST } : {}),
  });
}

/** A one-event calendar to attach to an e-mail: an invite, its update, or its cancellation. */
export function sessionInvite(entry: CalendarSession, method: 'request' | 'cancel'): string {
  const calendar = newCalendar(`Essor · ${entry.session.title}`, method);
  addSessionEvent(calendar, entry);
  return calendar.toString();
}
