import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coaches } from '../../db/schema/coaching';
import { NotFound } from '../../lib/errors';
import { sha256 } from '../../lib/passwords';
import { addSessionEvent, newCalendar } from './calendar';
import { sessionsForFeed } from './session-listing';

const DAY_MS = 86_400_000;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The coach's sessions as iCalendar, for any calendar application. A wrong or revoked token
 * answers like an unknown address, so the feed's existence is not revealed. Notes never go out.
 */
export async function coachCalendarFeed(db: Db, coachId: string, token: string): Promise<string> {
  const [coach] = await db.select().from(coaches).where(eq(coaches.id, coachId));
  if (!coach || !coach.calendarTokenHash || !sameSecret(coach.calendarTokenHash, sha256(token))) throw new NotFound('thing.calendar');
  const now = Date.now();
  const sessions = await sessionsForFeed(db, coach.id, new Date(now - 90 * DAY_MS), new Date(now + 366 * DAY_MS));
  const calendar = newCalendar(`Essor · ${coach.name}`);
  for (const entry of sessions) addSessionEvent(calendar, entry);
  return calendar.toString();
}
