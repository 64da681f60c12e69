import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coaches, coachingSessions } from '../../db/schema/coaching';
import { cohortMembers, projects } from '../../db/schema/projects';
import { cohorts } from '../../db/schema/programmes';
import type { CurrentUser } from '../../lib/context';
import { msg } from '../../lib/messages/render';
import { Forbidden, NotFound, Unprocessable } from '../../lib/errors';
import { isWithin, reaches } from '../../lib/scope';
import { COACHING_TEAM, managesCoaching } from './viewer';

export type SessionRow = typeof coachingSessions.$inferSelect;

export type CoachRow = typeof coaches.$inferSelect;

/** The cohort's projects that lie in its structure: only those can be coached in its sessions. */
export async function cohortMemberIds(tx: Db, cohortId: string): Promise<string[]> {
  const rows = await tx
    .select({ projectId: cohortMembers.projectId })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(projects, and(eq(projects.id, cohortMembers.projectId), eq(projects.structureId, cohorts.structureId)))
    .where(eq(cohortMembers.cohortId, cohortId));
  return rows.map((r) => r.projectId);
}

export function assertMembers(members: string[], projectIds: string[], field: string) {
  const strangers = projectIds.filter((id) => !members.includes(id));
  if (strangers.length > 0) {
    throw new Unprocessable('coaching.cohort_projects_only', 'invalid', {
      [field]: [msg('field.not_in_cohort', { ids: strangers.join(', ') })],
    });
  }
}

export function assertMayRun(user: CurrentUser, coach: CoachRow, structureId: string) {
  if (!managesCoaching(user, structureId) && coach.userId !== user.id) throw new Forbidden('coaching.own_sessions_only');
}

/** A session's coach works in a structure the caller reaches, and that is the session's or one above it. */
export async function assertCoachServes(tx: Db, user: CurrentUser, coach: CoachRow, structureId: string) {
  if (!reaches(user, coach.structureId, COACHING_TEAM)) throw new Unprocessable('coaching.unknown_coach', 'invalid', { coachId: ['field.unknown_coach'] });
  if (!(await isWithin(tx, structureId, coach.structureId))) {
    throw new Unprocessable('coaching.coach_other_structure', 'invalid', { coachId: ['field.coach_other_structure'] });
  }
}

export async function lockSession(tx: Db, id: string): Promise<SessionRow> {
  const [session] = await tx.select().from(coachingSessions).where(eq(coachingSessions.id, id)).for('update');
  if (!session) throw new NotFound('thing.coaching_session');
  return session;
}

export async function coachRow(tx: Db, id: string): Promise<CoachRow> {
  const [coach] = await tx.select().from(coaches).where(eq(coaches.id, id));
  if (!coach) throw new NotFound('thing.coach');
  return coach;
}
