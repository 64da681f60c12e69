import type { ActionItem, CreateActionItemInput, UpdateActionItemInput } from '@essor/shared/coaching';
import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { actionItems, coachingSessions } from '../../db/schema/coaching';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { holderProjectIds } from '../../lib/holder-projects';
import { cohortMemberIds, assertMembers, assertMayRun, lockSession, coachRow, type SessionRow } from './session-guards';
import { todayIso, toActionItem } from './session-listing';
import { anyOf } from '../../lib/any-of';

export async function listHolderActionItems(db: Db, user: CurrentUser, status?: ActionItem['status']): Promise<ActionItem[]> {
  const mine = await holderProjectIds(db, user.id);
  if (mine.length === 0) return [];
  const where: SQL[] = [anyOf(actionItems.projectId, mine), ne(coachingSessions.status, 'cancelled')];
  if (status) where.push(eq(actionItems.status, status));
  const rows = await db
    .select({ item: actionItems, projectTitle: projects.title })
    .from(actionItems)
    .innerJoin(projects, eq(projects.id, actionItems.projectId))
    .innerJoin(coachingSessions, eq(coachingSessions.id, actionItems.sessionId))
    .where(and(...where))
    .orderBy(sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.id));
  const today = todayIso();
  return rows.map((r) => toActionItem(r.item, r.projectTitle, today));
}

export async function insertActionItems(tx: Db, session: SessionRow, members: string[], inputs: CreateActionItemInput[]) {
  if (inputs.length === 0) return [];
  const values = inputs.map((input, index) => {
    const projectId = input.projectId ?? session.projectId;
    if (!projectId) {
      throw new Unprocessable('coaching.workshop_item_project', 'invalid', { [`actionItems.${index}.projectId`]: ['field.required_for_workshop'] });
    }
    if (session.format === 'individual' && projectId !== session.projectId) {
      throw new Unprocessable('coaching.individual_items_own_project', 'invalid', { [`actionItems.${index}.projectId`]: ['field.not_session_project'] });
    }
    return { sessionId: session.id, projectId, description: input.description, owner: input.owner, dueOn: input.dueOn ?? null };
  });
  assertMembers(members, values.map((v) => v.projectId), 'actionItems');
  return tx.insert(actionItems).values(values).returning();
}

export async function addActionItem(db: Db, actor: Actor, user: CurrentUser, sessionId: string, input: CreateActionItemInput): Promise<ActionItem> {
  return db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    assertMayRun(user, await coachRow(tx, session.coachId), session.structureId);
    if (session.status === 'cancelled') throw new Conflict('coaching.cancelled_is_history');
    const members = await cohortMemberIds(tx, session.cohortId);
    const [item] = await insertActionItems(tx, session, members, [input]);
    await recordAudit(tx, actor, { action: 'action_item.create', entity: 'action_item', entityId: item.id, after: item, structureId: session.structureId });
    const [project] = await tx.select({ title: projects.title }).from(projects).where(eq(projects.id, item.projectId));
    return toActionItem(item, project.title);
  });
}

async function lockActionItem(tx: Db, id: string) {
  const [row] = await tx
    .select({ item: actionItems, projectTitle: projects.title, structureId: coachingSessions.structureId })
    .from(actionItems)
    .innerJoin(projects, eq(projects.id, actionItems.projectId))
    .innerJoin(coachingSessions, eq(coachingSessions.id, actionItems.sessionId))
    .where(eq(actionItems.id, id))
    .for('update', { of: actionItems });
  if (!row) throw new NotFound('thing.action_item');
  return row;
}

export async function updateActionItem(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateActionItemInput): Promise<ActionItem> {
  return db.transaction(async (tx) => {
    const { item: current, projectTitle } = await lockActionItem(tx, id);
    const [session] = await tx.select().from(coachingSessions).where(eq(coachingSessions.id, current.sessionId));
    assertMayRun(user, await coachRow(tx, session.coachId), session.structureId);
    const doneAt = input.status === undefined ? current.doneAt : input.status === 'done' ? (current.doneAt ?? new Date()) : null;
    const [row] = await tx
      .update(actionItems)
      .set({ ...input, doneAt, updatedAt: new Date() })
      .where(eq(actionItems.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'action_item.update', entity: 'action_item', entityId: id, before: current, after: row, structureId: session.structureId });
    return toActionItem(row, projectTitle);
  });
}

/** A project holder ticks their own action items done (or reopens them); nothing else. */
export async function setHolderActionItemStatus(db: Db, actor: Actor, user: CurrentUser, id: string, status: 'open' | 'done'): Promise<ActionItem> {
  const mine = await holderProjectIds(db, user.id);
  return db.transaction(async (tx) => {
    const { item: current, projectTitle, structureId } = await lockActionItem(tx, id);
    // Someone else's item answers as missing, so holders cannot probe for ids.
    if (!mine.includes(current.projectId)) throw new NotFound('thing.action_item');
    if (current.status === 'dropped') throw new Conflict('coaching.item_dropped');
    const [row] = await tx
      .update(actionItems)
      .set({ status, doneAt: status === 'done' ? (current.doneAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(actionItems.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'action_item.holder_status', entity: 'action_item', entityId: id, before: { status: current.status }, after: { status }, structureId });
    return toActionItem(row, projectTitle);
  });
}
