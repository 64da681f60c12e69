import type { AccountingClosure, DecideClosureInput, RequestClosureInput } from '@essor/shared/ledger';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { users } from '../../db/schema/auth';
import { accountingClosures } from '../../db/schema/ledger';
import { recordAudit, type Actor } from '../../lib/audit';
import { AppError, Conflict, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { decidePending, requestDecision } from '../approvals/public';
import { lockFund } from './lock';
import { closedThrough, todayUtc } from '../ledger/public';

type ClosureRow = typeof accountingClosures.$inferSelect;

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

/** A fund's closures, newest first; `viewerId` says which pending one the signed-in person may decide. */
export async function listClosures(db: Db, fundId: string, viewerId: string | null): Promise<AccountingClosure[]> {
  const rows = await db
    .select({ c: accountingClosures, requestedByEmail: requester.email, decidedByEmail: decider.email })
    .from(accountingClosures)
    .leftJoin(requester, eq(requester.id, accountingClosures.requestedBy))
    .leftJoin(decider, eq(decider.id, accountingClosures.decidedBy))
    .where(eq(accountingClosures.fundId, fundId))
    .orderBy(desc(accountingClosures.requestedAt));
  return rows.map(({ c, requestedByEmail, decidedByEmail }) => toClosure(c, requestedByEmail, decidedByEmail, viewerId));
}

function toClosure(row: ClosureRow, requestedByEmail: string | null, decidedByEmail: string | null, viewerId: string | null): AccountingClosure {
  return {
    id: row.id,
    fundId: row.fundId,
    closesOn: row.closesOn,
    status: row.status as AccountingClosure['status'],
    note: row.note,
    requestedBy: row.requestedBy,
    requestedByEmail,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedByEmail,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    canDecide: row.status === 'pending' && viewerId !== null && row.requestedBy !== viewerId,
  };
}

/** A closing date must come after the last one and not after today. */
async function ensureClosable(tx: Db, fundId: string, closesOn: string): Promise<void> {
  const today = todayUtc();
  if (closesOn > today) throw new Unprocessable(msg('funds.close_after_today', { closesOn, today }), 'invalid', { closesOn: [msg('field.after_today', { today })] });
  const closed = await closedThrough(tx, fundId);
  if (closed && closesOn <= closed) {
    throw new Unprocessable(msg('funds.already_closed_up_to', { closed }), 'invalid', { closesOn: [msg('field.on_or_before_closure', { closed })] });
  }
}

/** Maker: a fund manager asks to close the fund's books up to a day; nothing changes until another approves. */
export async function requestClosure(db: Db, actor: Actor, fundId: string, input: RequestClosureInput): Promise<AccountingClosure> {
  try {
    const id = await db.transaction(async (tx) => {
      const fund = await lockFund(tx, fundId);
      await ensureClosable(tx, fundId, input.closesOn);
      const [row] = await tx
        .insert(accountingClosures)
        .values({ fundId, structureId: fund.structureId, closesOn: input.closesOn, note: input.note, requestedBy: actor.id! })
        .returning();
      await recordAudit(tx, actor, { action: 'fund.closure.request', entity: 'fund', entityId: fundId, structureId: fund.structureId, after: { closureId: row.id, ...input } });
      await requestDecision(tx, actor, { structureId: fund.structureId, kind: 'closure.approve', entityId: fundId, subjectId: row.id, summary: { code: fund.code, closesOn: input.closesOn, note: input.note } });
      return row.id;
    });
    return (await listClosures(db, fundId, actor.id)).find((c) => c.id === id)!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('funds.closure_pending', { closesOn: ['field.closure_waits'] });
    throw error;
  }
}

/**
 * Checker: another fund manager approves (the books close from then on) or rejects. Under the fund's
 * lock, so no movement is being posted into the period while it closes.
 */
export async function decideClosure(db: Db, actor: Actor, fundId: string, closureId: string, decision: 'approve' | 'reject', input: DecideClosureInput): Promise<AccountingClosure> {
  await db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    const [row] = await tx.select().from(accountingClosures).where(and(eq(accountingClosures.id, closureId), eq(accountingClosures.fundId, fundId))).for('update');
    if (!row) throw new NotFound('thing.closure');
    if (row.status !== 'pending') throw new Conflict(msg('funds.closure_decided', { closesOn: row.closesOn, status: named('closure_status', row.status) }));
    const refusal = new AppError(403, 'forbidden', msg('funds.closure_four_eyes', { closesOn: row.closesOn }), { closesOn: [msg('field.closure_asked_by_you', { closesOn: row.closesOn })] });
    await decidePending(tx, actor, { kind: 'closure.approve', entityId: fundId }, decision, input.note, { people: [row.requestedBy], refusal });
    if (decision === 'approve') await ensureClosable(tx, fundId, row.closesOn);
    const status = decision === 'approve' ? 'approved' : 'rejected';
    await tx.update(accountingClosures).set({ status, decidedBy: actor.id, decidedAt: new Date(), decisionNote: input.note }).where(eq(accountingClosures.id, closureId));
    await recordAudit(tx, actor, { action: `fund.closure.${decision}`, entity: 'fund', entityId: fundId, structureId: fund.structureId, after: { closureId, closesOn: row.closesOn, status, note: input.note } });
  });
  return (await listClosures(db, fundId, actor.id)).find((c) => c.id === closureId)!;
}
