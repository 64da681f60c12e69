import { MOVES_NEEDING_A_REASON, PIPELINE, type ApplicationStatus, type MoveActor } from '@essor/shared/applications';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applicationEvents, applications } from '../../db/schema/applications';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Invalid } from '../../lib/errors';
import type { ApplicationRow } from './access';

/** Who makes the move between two statuses, or null when the pipeline does not allow it. */
export function moverOf(from: ApplicationStatus, to: ApplicationStatus): MoveActor | null {
  return PIPELINE[from][to] ?? null;
}

export function assertMoveAllowed(from: ApplicationStatus, to: ApplicationStatus, by: MoveActor): void {
  const mover = moverOf(from, to);
  if (!mover) throw new Conflict(`The pipeline does not allow a move from ${from} to ${to}`);
  if (mover !== by) {
    const who = mover === 'holder' ? 'the project holder' : mover === 'staff' ? 'programme staff' : 'a committee session decision';
    throw new Conflict(`A move from ${from} to ${to} is made by ${who}`);
  }
}

export function assertReason(to: ApplicationStatus, reason: string | undefined | null): void {
  if (MOVES_NEEDING_A_REASON.includes(to) && !reason?.trim()) throw new Invalid(`Say why the application is ${to}`, { reason: ['Required for this move'] });
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
  await tx.insert(applicationEvents).values({ applicationId: app.id, fromStatus: from, toStatus: to, reason, actorId: actor.id, at: now });
  const stage = PROJECT_STAGE_AFTER[to];
  if (stage) await tx.update(projects).set({ stage, updatedAt: now }).where(eq(projects.id, app.projectId));
  await recordAudit(tx, actor, { action: 'application.move', entity: 'application', entityId: app.id, before: { status: from }, after: { status: to, reason } });
  return row;
}
