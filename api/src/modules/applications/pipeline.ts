import { MOVES_NEEDING_A_REASON, PIPELINE, type ApplicationStatus, type MoveActor } from '@essor/shared/applications';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applicationEvents, applications } from '../../db/schema/applications';
import { users } from '../../db/schema/auth';
import { programmes } from '../../db/schema/programmes';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { msg, named } from '../../lib/messages/render';
import { Conflict, Invalid } from '../../lib/errors';
import { notify, peopleReaching } from '../notifications/public';
import { STAFF_ROLES, type ApplicationRow } from './access';

/** Who makes the move between two statuses, or null when the pipeline does not allow it. */
export function moverOf(from: ApplicationStatus, to: ApplicationStatus): MoveActor | null {
  return PIPELINE[from][to] ?? null;
}

export function assertMoveAllowed(from: ApplicationStatus, to: ApplicationStatus, by: MoveActor): void {
  const mover = moverOf(from, to);
  if (!mover) throw new Conflict(msg('applications.move_not_allowed', { from: named('status', from), to: named('status', to) }));
  if (mover !== by) {
    throw new Conflict(msg('applications.move_made_by', { from: named('status', from), to: named('status', to), who: { key: `mover.${mover}` } }));
  }
}

export function assertReason(to: ApplicationStatus, reason: string | undefined | null): void {
  if (MOVES_NEEDING_A_REASON.includes(to) && !reason?.trim()) throw new Invalid(msg('applications.reason_required', { status: named('status', to) }), { reason: ['field.reason_required'] });
}

/** Projects move on with their application: selected when accepted (joining a cohort makes them incubated). */
const PROJECT_STAGE_AFTER: Partial<Record<ApplicationStatus, string>> = { accepted: 'selected' };

/**
 * Applies one move inside the caller's transaction (the application row is already locked): status,
 * timeline event, audit. The caller has checked the pipeline rule and who may move.
 */
export async function applyMove(tx: Db, actor: Actor, app: ApplicationRow, to: ApplicationStatus, reason: string | null): Promise<ApplicationRow> {
  const from = app.status as ApplicationStatus;
  const now = new Date();
  const decided = to === 'accepted' || to === 'rejected' || to === 'waitlisted';
  const [row] = await tx
    .update(applications)
    .set({
      status: to,
      updatedAt: now,
      ...(to === 'submitted' ? { submittedAt: now } : {}),
      ...(decided ? { decidedAt: now } : {}),
    })
    .where(eq(applications.id, app.id))
    .returning();
  const [event] = await tx
    .insert(applicationEvents)
    .values({ applicationId: app.id, fromStatus: from, toStatus: to, reason, actorId: actor.id, at: now })
    .returning({ id: applicationEvents.id });
  const stage = PROJECT_STAGE_AFTER[to];
  if (stage) await tx.update(projects).set({ stage, updatedAt: now }).where(eq(projects.id, app.projectId));
  await recordAudit(tx, actor, { action: 'application.move', entity: 'application', entityId: app.id, before: { status: from }, after: { status: to, reason } });
  await notifyMove(tx, actor, app, from, to, reason, String(event.id));
  return row;
}

const DECISIONS: readonly ApplicationStatus[] = ['accepted', 'rejected', 'waitlisted'];

/**
 * Tells the holder of each move (a receipt when they submit, the decision when the committee decides) and,
 * on submission, the staff reaching the programme's structure. The event is the timeline row: one
 * notification per move, whatever retries the request sees.
 */
async function notifyMove(tx: Db, actor: Actor, app: ApplicationRow, from: ApplicationStatus, to: ApplicationStatus, reason: string | null, eventId: string) {
  const [about] = await tx
    .select({ projectTitle: projects.title, programmeName: programmes.name, holderName: users.name })
    .from(projects)
    .innerJoin(programmes, eq(programmes.id, app.programmeId))
    .innerJoin(users, eq(users.id, app.holderUserId))
    .where(eq(projects.id, app.projectId));
  const params = { ...about, from, to, reason };
  const common = { structureId: app.structureId, eventKey: `${app.id}:${eventId}`, params };
  if (to === 'submitted') {
    await notify(tx, { ...common, kind: 'application.received', recipients: [app.holderUserId], link: `/applications/${app.id}` });
    const staff = await peopleReaching(tx, app.structureId, STAFF_ROLES);
    await notify(tx, { ...common, kind: 'application.submitted', recipients: staff.filter((id) => id !== actor.id), link: `/applications/${app.id}` });
    return;
  }
  // The holder's own moves (a withdrawal) need no notice to themselves.
  if (actor.id === app.holderUserId) return;
  await notify(tx, { ...common, kind: DECISIONS.includes(to) ? 'application.decided' : 'application.moved', recipients: [app.holderUserId], link: `/applications/${app.id}` });
}
