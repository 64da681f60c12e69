import { hasAnyRole } from '@essor/shared/roles';
import { and, eq, exists, notExists } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications } from '../../db/schema/applications';
import { committeeAgenda, committeeConflicts, committeeMembers } from '../../db/schema/committee';
import type { CurrentUser } from '../../lib/context';
import { NotFound } from '../../lib/errors';

export type ApplicationRow = typeof applications.$inferSelect;

/** The roles that run the intake: they see and move every application of the structures they reach. */
export const STAFF_ROLES = ['admin', 'staff'] as const;

export function isStaff(user: Pick<CurrentUser, 'roles'>): boolean {
  return hasAnyRole(user.roles, STAFF_ROLES);
}

export function isHolderOf(user: Pick<CurrentUser, 'id' | 'roles'>, app: Pick<ApplicationRow, 'holderUserId'>): boolean {
  return app.holderUserId === user.id && user.roles.includes('project_holder');
}

/** A member who declared a conflict of interest on an application sees nothing of it, in any session. */
export async function declaredConflictOn(db: Db, userId: string, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: committeeConflicts.userId })
    .from(committeeConflicts)
    .where(and(eq(committeeConflicts.applicationId, applicationId), eq(committeeConflicts.userId, userId)))
    .limit(1);
  return Boolean(row);
}

async function sitsOnCommitteeFor(db: Db, userId: string, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ applicationId: committeeAgenda.applicationId })
    .from(committeeAgenda)
    .where(
      and(
        eq(committeeAgenda.applicationId, applicationId),
        notExists(
          db
            .select({ userId: committeeConflicts.userId })
            .from(committeeConflicts)
            .where(and(eq(committeeConflicts.applicationId, applicationId), eq(committeeConflicts.userId, userId))),
        ),
        exists(
          db
            .select({ userId: committeeMembers.userId })
            .from(committeeMembers)
            .where(and(eq(committeeMembers.sessionId, committeeAgenda.sessionId), eq(committeeMembers.userId, userId))),
        ),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Staff see every application, a holder only their own, a committee member those on the agenda of a
 * session they sit on, unless they declared a conflict of interest on it. Anyone else gets 404, so an id
 * reveals nothing.
 */
export async function assertCanSee(db: Db, user: CurrentUser, app: ApplicationRow | undefined): Promise<ApplicationRow> {
  if (!app) throw new NotFound('thing.application');
  if (isStaff(user) || isHolderOf(user, app)) return app;
  if (user.roles.includes('committee_member') && (await sitsOnCommitteeFor(db, user.id, app.id))) return app;
  throw new NotFound('thing.application');
}

export async function loadVisibleApplication(db: Db, user: CurrentUser, id: string, options: { lock?: boolean } = {}): Promise<ApplicationRow> {
  const query = db.select().from(applications).where(eq(applications.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return assertCanSee(db, user, row);
}
