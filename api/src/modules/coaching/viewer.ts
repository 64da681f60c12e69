import { hasAnyRole } from '@essor/shared/roles';
import type { CurrentUser } from '../../lib/context';

/** Staff and admins manage all coaching; other roles see only what is theirs. */
export function managesCoaching(user: CurrentUser): boolean {
  return hasAnyRole(user.roles, ['admin', 'staff']);
}
