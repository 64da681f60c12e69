import { hasAnyRole, STAFF_SIDE_ROLES } from '@essor/shared/roles';
import { sql, type SQL } from 'drizzle-orm';
import type { CurrentUser } from '../../lib/context';

/** Who is reading financing: staff-side roles see everything, a project holder only their own projects. */
export interface Viewer {
  userId: string;
  ownProjectsOnly: boolean;
}

export const STAFF_VIEWER: Viewer = { userId: '00000000-0000-0000-0000-000000000000', ownProjectsOnly: false };

export function viewerOf(user: CurrentUser): Viewer {
  return { userId: user.id, ownProjectsOnly: !hasAnyRole(user.roles, STAFF_SIDE_ROLES) };
}

/** A condition on a project id column: true for every project the viewer may see. */
export function visibleProject(viewer: Viewer, projectIdColumn: SQL | unknown): SQL {
  if (!viewer.ownProjectsOnly) return sql`true`;
  return sql`${projectIdColumn} in (
    select p.id from projects p join organisations o on o.id = p.organisation_id
    where p.holder_user_id = ${viewer.userId} or o.owner_user_id = ${viewer.userId})`;
}
