import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pendingDecisions } from '../../db/schema/approvals';
import { recordAudit, type Actor } from '../../lib/audit';
import { AppError, Conflict, Forbidden } from '../../lib/errors';
import { msg, named, render } from '../../lib/messages/render';
import { notify, peopleReaching } from '../notifications/public';
import { handsOnDocument } from './four-eyes';

export type PendingDecision = typeof pendingDecisions.$inferSelect;

/**
 * Every kind of four-eyes decision, with the document it is about. `wholeTrail`: whoever appears in the
 * document's audit trail may not decide (a request, a proposed loan, a quote); otherwise only the maker is
 * barred, because the document's trail is day-to-day work (an active loan's repayments, a fund's
 * contributions) that must not stop its managers from checking a rescheduling or a closure.
 */
export const DECISION_KINDS = {
  'cofinancing.approve': { entity: 'cofinancing', what: 'four_eyes.request', wholeTrail: true, link: (d: PendingDecision) => `/funds/cofinancing/${d.entityId}` },
  'loan.approve': { entity: 'loan', what: 'four_eyes.loan', wholeTrail: true, link: (d: PendingDecision) => `/funds/loans/${d.entityId}` },
  'loan.reschedule': { entity: 'loan', what: 'four_eyes.loan_action', wholeTrail: false, link: (d: PendingDecision) => `/funds/loans/${d.entityId}` },
  'loan.write_off': { entity: 'loan', what: 'four_eyes.loan_action', wholeTrail: false, link: (d: PendingDecision) => `/funds/loans/${d.entityId}` },
  'equipment.approve': { entity: 'equipment_quote', what: 'four_eyes.quote', wholeTrail: true, link: () => '/funds/equipment' },
  'closure.approve': { entity: 'fund', what: 'four_eyes.closure', wholeTrail: false, link: (d: PendingDecision) => `/funds/${d.entityId}` },
  'bond_offering.approve': { entity: 'bond_offering', what: 'four_eyes.bond_offering', wholeTrail: true, link: (d: PendingDecision) => `/bonds/offerings/${d.entityId}` },
  'guarantee.approve': { entity: 'guarantee', what: 'four_eyes.guarantee', wholeTrail: true, link: (d: PendingDecision) => `/guarantees/${d.entityId}` },
  // A call's payout: whoever entered the call may not approve it; the guarantee's own day-to-day trail (reports) does not bar.
  'guarantee.call': { entity: 'guarantee', what: 'four_eyes.guarantee_call', wholeTrail: false, link: (d: PendingDecision) => `/guarantees/${d.entityId}` },
} as const;
export type DecisionKind = keyof typeof DECISION_KINDS;

const CHECKERS = ['fund_manager'] as const;

export interface DecisionRequest {
  structureId: string;
  kind: DecisionKind;
  entityId: string;
  /** The row that owns the action when it is not the document itself (a loan action, a closure). */
  subjectId?: string | null;
  /** What approving would do, shown to the checker. */
  summary: Record<string, unknown>;
  amountMinor?: number | null;
  currency?: string | null;
  limits?: Record<string, unknown>;
}

export interface DecisionTarget {
  kind: DecisionKind;
  entityId: string;
}

export interface CheckerOptions {
  /** People the document's row names as having acted on it (creator, preparer ...), barred like the trail. */
  people?: (string | null)[];
  /** The module's own wording of the refusal, when it names more than the generic four-eyes message. */
  refusal?: AppError;
}

function violatesOnePending(error: unknown): boolean {
  for (let e = error as { code?: string; constraint?: string; constraint_name?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && (e.constraint === 'pending_decisions_one_pending_uq' || e.constraint_name === 'pending_decisions_one_pending_uq' || e.message?.includes('pending_decisions_one_pending_uq'))) return true;
  }
  return false;
}

/** What the decision is about, for the notification templates (`what`): its kind and the document's number or day, French first. */
function whatOf(d: PendingDecision): string {
  const name = named('decision_kind', d.kind);
  const summary = d.summary as { number?: unknown; closesOn?: unknown };
  const ref = summary.number != null ? ` n° ${summary.number}` : summary.closesOn != null ? ` au ${summary.closesOn}` : '';
  return `${typeof name === 'object' ? render(name, 'fr') : name}${ref}`;
}

const auditOf = (d: PendingDecision) => ({ kind: d.kind, entity: d.entity, entityId: d.entityId, subjectId: d.subjectId, status: d.status });

/**
 * Maker: asks for a decision on a document, in the caller's transaction. A decision of the same kind
 * already waiting on it is refused (409), even when two makers ask at once (the partial unique index).
 * The fund managers reaching the structure, the maker aside, are told.
 */
export async function requestDecision(tx: Db, actor: Actor, input: DecisionRequest): Promise<PendingDecision> {
  const { entity } = DECISION_KINDS[input.kind];
  const [waiting] = await tx
    .select({ id: pendingDecisions.id })
    .from(pendingDecisions)
    .where(and(eq(pendingDecisions.kind, input.kind), eq(pendingDecisions.entityId, input.entityId), eq(pendingDecisions.status, 'pending')));
  if (waiting) throw new Conflict(msg('approvals.already_pending', { kind: named('decision_kind', input.kind) }));
  let decision: PendingDecision;
  try {
    [decision] = await tx
      .insert(pendingDecisions)
      .values({
        structureId: input.structureId,
        kind: input.kind,
        entity,
        entityId: input.entityId,
        subjectId: input.subjectId ?? null,
        makerId: actor.id!,
        summary: input.summary,
        amountMinor: input.amountMinor ?? null,
        currency: input.amountMinor == null ? null : (input.currency ?? null),
        limits: input.limits ?? {},
      })
      .returning();
  } catch (error) {
    if (violatesOnePending(error)) throw new Conflict(msg('approvals.already_pending', { kind: named('decision_kind', input.kind) }));
    throw error;
  }
  await recordAudit(tx, actor, { action: 'approval.request', entity: 'pending_decision', entityId: decision.id, structureId: decision.structureId, after: { ...auditOf(decision), amountMinor: decision.amountMinor, currency: decision.currency, limits: decision.limits } });
  const managers = (await peopleReaching(tx, decision.structureId, CHECKERS)).filter((id) => id !== actor.id);
  await notify(tx, {
    kind: 'approval.requested',
    recipients: managers,
    structureId: decision.structureId,
    eventKey: decision.id,
    params: { what: whatOf(decision), by: actor.email, kind: decision.kind, summary: decision.summary, amountMinor: decision.amountMinor, currency: decision.currency },
    link: DECISION_KINDS[input.kind].link(decision),
  });
  return decision;
}

async function lockPending(tx: Db, target: DecisionTarget): Promise<PendingDecision | undefined> {
  const [row] = await tx
    .select()
    .from(pendingDecisions)
    .where(and(eq(pendingDecisions.kind, target.kind), eq(pendingDecisions.entityId, target.entityId), eq(pendingDecisions.status, 'pending')))
    .for('update');
  return row;
}

/**
 * Checker: approves or rejects the decision waiting on a document, in the caller's transaction, and gives
 * it back so the module then applies its own rule (posting, a new schedule ...). Refuses when none waits
 * (409), the maker or anyone with a hand on the document (403), and whoever does not manage a fund of
 * the document's structure (403).
 */
export async function decidePending(tx: Db, actor: Actor, target: DecisionTarget, decision: 'approve' | 'reject', note: string | null, options: CheckerOptions = {}): Promise<PendingDecision> {
  const row = await lockPending(tx, target);
  if (!row) throw new Conflict(msg('approvals.none_pending', { kind: named('decision_kind', target.kind) }));
  const kind = DECISION_KINDS[target.kind];
  const people = [row.makerId, ...(options.people ?? [])];
  const hands = kind.wholeTrail ? await handsOnDocument(tx, { entity: kind.entity, entityId: row.entityId, people }) : new Set(people);
  if (!actor.id || hands.has(actor.id)) throw options.refusal ?? new Forbidden(msg('error.four_eyes', { what: { key: kind.what } }));
  if (!(await peopleReaching(tx, row.structureId, CHECKERS)).includes(actor.id)) throw new Forbidden('approvals.not_checker');
  const status = decision === 'approve' ? 'approved' : 'rejected';
  const [decided] = await tx
    .update(pendingDecisions)
    .set({ status, checkerId: actor.id, decidedAt: new Date(), decisionNote: note || null })
    .where(eq(pendingDecisions.id, row.id))
    .returning();
  await recordAudit(tx, actor, { action: `approval.${decision}`, entity: 'pending_decision', entityId: row.id, structureId: row.structureId, before: { status: row.status }, after: { ...auditOf(decided), note: decided.decisionNote } });
  await notify(tx, {
    kind: decision === 'approve' ? 'approval.given' : 'approval.refused',
    recipients: [row.makerId],
    structureId: row.structureId,
    eventKey: row.id,
    params: { what: whatOf(row), by: actor.email, reason: decided.decisionNote, kind: row.kind, summary: row.summary },
    link: kind.link(row),
  });
  return decided;
}

/** The document was cancelled or prepared again: what waited on it no longer does (nothing when none waits). */
export async function withdrawPending(tx: Db, actor: Actor, target: DecisionTarget): Promise<PendingDecision | null> {
  const row = await lockPending(tx, target);
  if (!row) return null;
  const [withdrawn] = await tx.update(pendingDecisions).set({ status: 'withdrawn', decidedAt: new Date() }).where(eq(pendingDecisions.id, row.id)).returning();
  await recordAudit(tx, actor, { action: 'approval.withdraw', entity: 'pending_decision', entityId: row.id, structureId: row.structureId, before: { status: row.status }, after: auditOf(withdrawn) });
  return withdrawn;
}
