import type { CurrentUser } from '../../lib/context';
import { managesCoaching } from './viewer';
import type { SessionRow } from './session-guards';
import type { Assembled } from './session-listing';

/** Notes are confidential: the structure's staff and admins and the coach who ran the session read them, nobody else. */
export function mayReadNotes(user: CurrentUser, a: Assembled): boolean {
  return managesCoaching(user, a.session.structureId) || (a.coachUserId !== null && a.coachUserId === user.id);
}

/** The notes are confidential, so the audit keeps only their length, and marks an edit of them. */
export function auditSession(row: SessionRow, previous?: SessionRow) {
  const { notes, ...rest } = row;
  return { ...rest, notesLength: notes.length, ...(previous && previous.notes !== notes ? { notesEdited: true } : {}) };
}
