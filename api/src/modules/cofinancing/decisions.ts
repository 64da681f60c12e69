import type { Cofinancing, DecisionNoteInput, PrepareCofinancingInput } from '@essor/shared/cofinancing';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cofinancingRequests, cofinancingTranches } from '../../db/schema/funds';
import { milestones, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { decidePending, requestDecision, withdrawPending } from '../approvals/public';
import { todayUtc as today } from '../ledger/public';
import { commit, ensureFinanceable, getFundRow, withFundLock } from '../funds/public';
import { checkFinancingRules, type FundRow } from './financing-rules';
import { requestRow, getCofinancing, requestDocument, type RequestRow } from './requests';
import { anyOf } from '../../lib/any-of';

/** Staff write the recommendation, the agreement's conditions and the tranche plan. */
export async function prepareCofinancing(db: Db, actor: Actor, id: string, input: PrepareCofinancingInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    if (row.status !== 'draft' && row.status !== 'prepared') throw new Conflict(msg('cofinancing.no_longer_prepared', { status: named('request_status', row.status) }));
    const planned = input.tranches.reduce((sum, t) => sum + t.amountMinor, 0);
    if (planned !== row.amountMinor) {
      throw new Unprocessable(msg('cofinancing.tranches_total', { planned, amount: row.amountMinor }), 'invalid', { tranches: ['field.tranches_add_up'] });
    }
    const milestoneIds = input.tranches.map((t) => t.milestoneId).filter((m): m is string => m !== null);
    if (milestoneIds.length) {
      const found = await tx.select({ id: milestones.id }).from(milestones).where(and(anyOf(milestones.id, milestoneIds), eq(milestones.projectId, row.projectId)));
      if (found.length !== new Set(milestoneIds).size) throw new Unprocessable('cofinancing.tranche_milestone', 'invalid', { tranches: ['field.unknown_milestone'] });
    }
    await tx.delete(cofinancingTranches).where(eq(cofinancingTranches.requestId, id));
    await tx.insert(cofinancingTranches).values(input.tranches.map((t, i) => ({ requestId: id, seq: i + 1, amountMinor: t.amountMinor, milestoneId: t.milestoneId })));
    await tx
      .update(cofinancingRequests)
      .set({
        status: 'prepared',
        recommendation: input.recommendation,
        conditions: input.conditions,
        preparedBy: actor.id,
        preparedAt: new Date(),
        committeeDecision: null,
        committeeNote: null,
        committeeDecidedBy: null,
        committeeDecidedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.prepare', entity: 'cofinancing', entityId: id, structureId: row.structureId, before: { status: row.status }, after: input });
    // Prepared again: the decision asked on the earlier version no longer stands.
    await withdrawPending(tx, actor, { kind: 'cofinancing.approve', entityId: id });
    const fund = await getFundRow(tx, row.fundId);
    await requestDecision(tx, actor, {
      structureId: row.structureId,
      kind: 'cofinancing.approve',
      entityId: id,
      summary: { number: row.number, purpose: row.purpose, recommendation: input.recommendation },
      amountMinor: row.amountMinor,
      currency: row.currency,
      limits: { committeeThresholdMinor: fund.committeeThresholdMinor },
    });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/**
 * The decision goes through the one maker-checker mechanism (nobody with a hand on the request decides);
 * the request's own rule: a committee said yes above the threshold.
 */
async function decideRequest(tx: Db, row: RequestRow, fund: FundRow, actor: Actor, decision: 'approve' | 'reject', note: string) {
  if (row.status !== 'prepared') throw new Conflict(row.status === 'draft' ? 'cofinancing.prepare_first' : msg('cofinancing.already_status', { status: named('request_status', row.status) }));
  await decidePending(tx, actor, { kind: 'cofinancing.approve', entityId: row.id }, decision, note, { people: requestDocument(row).people });
  const approving = decision === 'approve';
  if (approving && row.amountMinor > fund.committeeThresholdMinor && row.committeeDecision !== 'favourable') {
    throw new Conflict(
      row.committeeDecision === 'unfavourable' ? 'cofinancing.unfavourable' : msg('cofinancing.committee_first', { threshold: fund.committeeThresholdMinor }),
    );
  }
}

/** Approval commits the money: under the fund's lock, never more than is available. */
/** `accountingDate` defaults to today; the demo data backdates it. */
export async function approveCofinancing(db: Db, actor: Actor, id: string, input: DecisionNoteInput, accountingDate = today()): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => requestRow(tx, id, lock));
    await decideRequest(tx, row, fund, actor, 'approve', input.note);
    await ensureFinanceable(tx, row.projectId);
    const [project] = await tx.select().from(projects).where(eq(projects.id, row.projectId));
    const others = (row.otherFunders as { amountMinor: number }[]).reduce((sum, f) => sum + f.amountMinor, 0);
    await checkFinancingRules(tx, fund, project, row.amountMinor, others, false);
    const entry = await commit(tx, fund, 'cofinancing', row.amountMinor, {
      description: `Cofinancement n° ${row.number} approuvé : ${project.title}`,
      projectId: row.projectId,
      source: { type: 'cofinancing', id: row.id },
      occurredOn: accountingDate,
      postedBy: actor.id,
    });
    await tx
      .update(cofinancingRequests)
      .set({ status: 'approved', decidedBy: actor.id, decidedAt: new Date(), decisionNote: input.note, updatedAt: new Date() })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.approve', entity: 'cofinancing', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'approved', journalEntryId: entry.id, note: input.note } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

export async function rejectCofinancing(db: Db, actor: Actor, id: string, input: DecisionNoteInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    const fund = await getFundRow(tx, row.fundId);
    await decideRequest(tx, row, fund, actor, 'reject', input.note);
    await tx
      .update(cofinancingRequests)
      .set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), decisionNote: input.note, updatedAt: new Date() })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, { action: 'cofinancing.reject', entity: 'cofinancing', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'rejected', note: input.note } });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}
