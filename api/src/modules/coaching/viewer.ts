import type { CurrentUser } from '../../lib/context';
import { reaches } from '../../lib/scope';

/** Who manages all coaching; other roles see only what is theirs. */
export const COACHING_MANAGERS = ['admin', 'staff'] as const;
/** Everyone who works on coaching: managers and coaches. */
export const COACHING_TEAM = ['admin', 'staff', 'coach'] as const;

/** Staff and admins manage the coaching of the structures they reach, and of those only. */
export function managesCoaching(user: CurrentUser, structureId: string): boolean {
  return reaches(user, structureId, COACHING_MANAGERS);
}
