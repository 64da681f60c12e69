import type { CallInput, PayCallInput, RecoveryInput } from '@essor/shared/guarantees';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteeAgreements, guaranteeCalls, guaranteeRecoveries, guarantees } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { rowsOf } from '../../lib/rows';
import { decidePending, requestDecision } from '../approvals/public';
import type { FundRow } from '../funds/public';
import { postMovement, todayUtc } from '../ledger/public';
import { standingOf } from './reports';
import { restate, type Standing } from './restate';
import { payoutFor, portfolioRoom, recoveryShare, shareOf } from './rules';
import { lockGuarantee, policyOf, type GuaranteeRow } from './store';

export type CallRow = typeof guaranteeCalls.$inferSelect;

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function sameStanding(row: GuaranteeRow, asOf: string): Standing {
  return { asOf: asOf < row.outstandingOn ? row.outstandingOn : asOf, outstandingMinor: row.outstandingMinor, arrearsMinor: row.arrearsMinor, daysInArrears: row.daysInArrears, source: null };
}

function ensureStatus(row: GuaranteeRow, ...statuses: GuaranteeRow['status'][]): void {
  if (!statuses.includes(row.status)) throw new Conflict(msg('guarantees.status', { status: row.status }));
}

function ensureCallStatus(call: CallRow, status: CallRow['status']): void {
  if (call.status !== status) throw new Conflict(msg('guarantees.call_status', { status: call.status }));
}

function ensureNotFuture(day: string, field: string): void {
  if (day > todayUtc()) throw new Unprocessable('guarantees.call_in_future', 'invalid', { [field]: ['field.in_future'] });
}

async function agreementOf(tx: Db, id: string) {
  const [agreement] = await tx.select().from(guaranteeAgreements).where(eq(guaranteeAgreements.id, id));
  if (!agreement) throw new NotFound('thing.guarantee_agreement');
  return agreement;
}

/**
 * What calls under the agreement may still pay under its portfolio cap (null: no cap): the cap's share of
 * every guarantee it issued, less the payouts already approved or paid. Read under the fund's lock.
 */
async function roomUnder(tx: Db, agreementId: string, capBps: number | null, exceptCall?: string): Promise<number | null> {
  if (capBps === null) return null;
  const [issued] = await tx
    .select({ total: sql<string>`coalesce(sum(${guarantees.guaranteedMinor}), 0)` })
    .from(guarantees)
    .where(and(eq(guarantees.agreementId, agreementId), notInArray(guarantees.status, ['prepared', 'rejected', 'cancelled'])));
  const paid = rowsOf<{ total: string | number }>(
    await tx.execute(sql`
      select coalesce(sum(c.payout_minor), 0) as total from guarantee_calls c join guarantees g on g.id = c.guarantee_id
      where g.agreement_id = ${agreementId} and c.status in ('approved', 'paid') ${exceptCall ? sql`and c.id <> ${exceptCall}` : sql``}`),
  );
  return portfolioRoom(capBps, Number(issued.total), Number(paid[0]?.total ?? 0));
}

/** The fund's cash: the balance of its bank account (1000). */
async function cashOf(tx: Db, fundId: string): Promise<number> {
  const rows = rowsOf<{ cash: string | number }>(
    await tx.execute(sql`
      select coalesce(sum(l.debit_minor - l.credit_minor), 0) as cash
      from journal_lines l join ledger_accounts a on a.id = l.account_id
      where a.fund_id = ${fundId} and a.code = '1000'`),
  );
  return Number(rows[0]?.cash ?? 0);
}

async function lockCall(tx: Db, callId: string): Promise<{ fund: FundRow; row: GuaranteeRow; call: CallRow }> {
  const [preview] = await tx.select({ guaranteeId: guaranteeCalls.guaranteeId }).from(guaranteeCalls).where(eq(guaranteeCalls.id, callId));
  if (!preview) throw new NotFound('thing.guarantee_call');
  const { fund, row } = await lockGuarantee(tx, preview.guaranteeId);
  const [call] = await tx.select().from(guaranteeCalls).where(eq(guaranteeCalls.id, callId)).for('update');
  return { fund, row, call };
}

async function latestCall(tx: Db, guaranteeId: string, status: CallRow['status']): Promise<CallRow> {
  const [call] = await tx.select().from(guaranteeCalls).where(and(eq(guaranteeCalls.guaranteeId, guaranteeId), eq(guaranteeCalls.status, status)));
  if (!call) throw new NotFound('thing.guarantee_call');
  return call;
}

/**
 * The bank calls the guarantee after a default, within the agreement's claim deadline: the payout is the
 * coverage times the declared loss, no more than claimed, guaranteed, or the portfolio cap allows. The loan
 * goes to loss (provision = loss rate x exposure) and the payout waits on a second person.
 */
export async function callGuarantee(db: Db, actor: Actor, id: string, input: CallInput): Promise<CallRow> {
  return db.transaction(async (tx) => {
    const { fund, row } = await lockGuarantee(tx, id);
    ensureStatus(row, 'active');
    const agreement = await agreementOf(tx, row.agreementId);
    ensureNotFuture(input.calledOn, 'calledOn');
    if (input.calledOn < input.defaultedOn || input.calledOn > addDays(input.defaultedOn, agreement.claimDeadlineDays)) {
      throw new Unprocessable(msg('guarantees.call_deadline', { days: agreement.claimDeadlineDays }), 'invalid', { calledOn: ['field.call_deadline'] });
    }
    const claimed = input.claimedMinor ?? shareOf(input.declaredLossMinor, row.coverageBps);
    if (claimed > row.guaranteedMinor) {
      throw new Unprocessable(msg('guarantees.claim_above_guaranteed', { guaranteed: row.guaranteedMinor }), 'invalid', { claimedMinor: ['field.above_guaranteed'] });
    }
    const room = await roomUnder(tx, agreement.id, agreement.portfolioCapBps);
    const payout = payoutFor({ coverageBps: row.coverageBps, declaredLossMinor: input.declaredLossMinor, claimedMinor: claimed, guaranteedMinor: row.guaranteedMinor, portfolioRoomMinor: room });
    if (payout <= 0) throw new Unprocessable('guarantees.no_portfolio_room');
    const [call] = await tx
      .insert(guaranteeCalls)
      .values({
        structureId: row.structureId,
        guaranteeId: row.id,
        defaultedOn: input.defaultedOn,
        calledOn: input.calledOn,
        declaredLossMinor: input.declaredLossMinor,
        claimedMinor: claimed,
        payoutMinor: payout,
        note: input.note ?? '',
        madeBy: actor.id!,
      })
      .returning();
    const policy = await policyOf(tx, row.fundId);
    const after = await restate(tx, actor, fund, row, policy, sameStanding(row, input.calledOn), { status: 'called', riskClass: 'loss', reason: 'call' });
    await requestDecision(tx, actor, {
      structureId: row.structureId,
      kind: 'guarantee.call',
      entityId: row.id,
      subjectId: call.id,
      summary: { number: row.number, bankLoanRef: row.bankLoanRef, declaredLossMinor: call.declaredLossMinor, claimedMinor: claimed, payoutMinor: payout },
      amountMinor: payout,
      currency: row.currency,
    });
    await recordAudit(tx, actor, { action: 'guarantee.call', entity: 'guarantee', entityId: row.id, structureId: row.structureId, before: standingOf(row), after: { ...standingOf(after), call } });
    return call;
  });
}

/**
 * A second person decides the call (its maker may not: 403). Approved: the payout becomes a loss owed to
 * the bank (5300/2410) and the exposure and provision go to nil, the status stays called until paid.
 * Rejected: the guarantee is active again, its class derived again from arrears and visits.
 */
export async function decideCall(db: Db, actor: Actor, callId: string, decision: 'approve' | 'reject', note: string, accountingDate?: string): Promise<CallRow> {
  return db.transaction(async (tx) => {
    const { fund, row, call } = await lockCall(tx, callId);
    ensureCallStatus(call, 'pending');
    const on = accountingDate ?? todayUtc();
    ensureNotFuture(on, 'accountingDate');
    await decidePending(tx, actor, { kind: 'guarantee.call', entityId: row.id }, decision, note, { people: [call.madeBy] });
    const policy = await policyOf(tx, row.fundId);
    const standing = sameStanding(row, on < call.calledOn ? call.calledOn : on);
    let decided: CallRow;
    let after: GuaranteeRow;
    if (decision === 'approve') {
      const agreement = await agreementOf(tx, row.agreementId);
      const room = await roomUnder(tx, agreement.id, agreement.portfolioCapBps, call.id);
      // Another call may have used the portfolio's room since this one was made.
      const payout = room === null ? call.payoutMinor : Math.min(call.payoutMinor, room);
      if (payout <= 0) throw new Unprocessable('guarantees.no_portfolio_room');
      const entry = await postMovement(tx, 'guarantee_call_approved', {
        fund,
        amountMinor: payout,
        occurredOn: standing.asOf,
        description: `Garantie n° ${row.number} : appel approuvé, indemnité due à la banque`,
        projectId: row.projectId,
        source: { type: 'guarantee_call', id: call.id },
        postedBy: actor.id,
        dateField: 'accountingDate',
      });
      [decided] = await tx
        .update(guaranteeCalls)
        .set({ status: 'approved', payoutMinor: payout, approvedOn: standing.asOf, decidedBy: actor.id, decidedAt: new Date(), approvalEntryId: entry.id })
        .where(eq(guaranteeCalls.id, call.id))
        .returning();
      after = await restate(tx, actor, fund, row, policy, standing, { status: 'called', reason: 'call', riskClass: 'loss', exposureEnds: true });
    } else {
      [decided] = await tx.update(guaranteeCalls).set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date() }).where(eq(guaranteeCalls.id, call.id)).returning();
      after = await restate(tx, actor, fund, row, policy, standing, { status: 'active', reason: 'call' });
    }
    await recordAudit(tx, actor, {
      action: `guarantee_call.${decision}`,
      entity: 'guarantee_call',
      entityId: call.id,
      structureId: row.structureId,
      before: { call: { status: call.status, payoutMinor: call.payoutMinor }, guarantee: standingOf(row) },
      after: { call: { status: decided.status, payoutMinor: decided.payoutMinor, note }, guarantee: standingOf(after) },
    });
    return decided;
  });
}

/** Pays an approved call to the bank (2410/1000), never past the fund's cash (409): the guarantee is paid. */
export async function payCall(db: Db, actor: Actor, callId: string, input: PayCallInput): Promise<CallRow> {
  return db.transaction(async (tx) => {
    const { fund, row, call } = await lockCall(tx, callId);
    ensureCallStatus(call, 'approved');
    ensureNotFuture(input.paidOn, 'paidOn');
    if (call.approvedOn && input.paidOn < call.approvedOn) throw new Unprocessable(msg('guarantees.pay_before_approval', { approvedOn: call.approvedOn }), 'invalid', { paidOn: ['field.before_start'] });
    const cash = await cashOf(tx, fund.id);
    if (cash < call.payoutMinor) throw new Conflict(msg('guarantees.call_short_of_cash', { cash, payout: call.payoutMinor }));
    const entry = await postMovement(tx, 'guarantee_call_paid', {
      fund,
      amountMinor: call.payoutMinor,
      occurredOn: input.paidOn,
      description: `Garantie n° ${row.number} : indemnité versée à la banque`,
      projectId: row.projectId,
      source: { type: 'guarantee_call', id: call.id },
      postedBy: actor.id,
      dateField: 'paidOn',
    });
    const [paid] = await tx.update(guaranteeCalls).set({ status: 'paid', paidOn: input.paidOn, paymentEntryId: entry.id }).where(eq(guaranteeCalls.id, call.id)).returning();
    await tx.update(guarantees).set({ status: 'paid', paidMinor: call.payoutMinor, updatedAt: new Date() }).where(eq(guarantees.id, row.id));
    await recordAudit(tx, actor, {
      action: 'guarantee_call.pay',
      entity: 'guarantee_call',
      entityId: call.id,
      structureId: row.structureId,
      before: { status: call.status, guaranteeStatus: row.status },
      after: { status: 'paid', paidOn: input.paidOn, payoutMinor: call.payoutMinor, guaranteeStatus: 'paid' },
    });
    return paid;
  });
}

/** The fund's share of what the bank recovered after the payout (coverage x recovered, up to what is left unrecovered), in the bank (1000/4200). */
export async function recordRecovery(db: Db, actor: Actor, guaranteeId: string, input: RecoveryInput): Promise<number> {
  return db.transaction(async (tx) => {
    const { fund, row } = await lockGuarantee(tx, guaranteeId);
    ensureStatus(row, 'paid');
    const call = await latestCall(tx, row.id, 'paid');
    ensureNotFuture(input.receivedOn, 'receivedOn');
    if (call.paidOn && input.receivedOn < call.paidOn) throw new Unprocessable(msg('guarantees.recovery_before_payment', { paidOn: call.paidOn }), 'invalid', { receivedOn: ['field.before_start'] });
    const share = recoveryShare(input.bankRecoveredMinor, row.coverageBps, row.paidMinor, row.recoveredMinor);
    if (share <= 0) throw new Unprocessable('guarantees.nothing_to_recover', 'invalid', { bankRecoveredMinor: ['guarantees.nothing_to_recover'] });
    const entry = await postMovement(tx, 'guarantee_recovery', {
      fund,
      amountMinor: share,
      occurredOn: input.receivedOn,
      description: `Garantie n° ${row.number} : part du fonds dans une récupération`,
      projectId: row.projectId,
      source: { type: 'guarantee', id: row.id },
      postedBy: actor.id,
      dateField: 'receivedOn',
    });
    const [recovery] = await tx
      .insert(guaranteeRecoveries)
      .values({ structureId: row.structureId, guaranteeId: row.id, callId: call.id, receivedOn: input.receivedOn, bankRecoveredMinor: input.bankRecoveredMinor, fundShareMinor: share, journalEntryId: entry.id, enteredBy: actor.id! })
      .returning();
    await tx.update(guarantees).set({ recoveredMinor: sql`${guarantees.recoveredMinor} + ${share}`, updatedAt: new Date() }).where(eq(guarantees.id, row.id));
    await recordAudit(tx, actor, { action: 'guarantee.recovery', entity: 'guarantee', entityId: row.id, structureId: row.structureId, before: { recoveredMinor: row.recoveredMinor }, after: { recoveredMinor: row.recoveredMinor + share, recovery } });
    return share;
  });
}

/** A paid guarantee is closed when nothing more is expected (a repaid one is released, not closed). */
export async function closeGuarantee(db: Db, actor: Actor, id: string): Promise<GuaranteeRow> {
  return db.transaction(async (tx) => {
    const { row } = await lockGuarantee(tx, id);
    ensureStatus(row, 'paid');
    const closedOn = todayUtc();
    const [closed] = await tx.update(guarantees).set({ status: 'closed', closedOn, updatedAt: new Date() }).where(eq(guarantees.id, row.id)).returning();
    await recordAudit(tx, actor, { action: 'guarantee.close', entity: 'guarantee', entityId: row.id, structureId: row.structureId, before: { status: row.status }, after: { status: 'closed', closedOn } });
    return closed;
  });
}

/** The guarantee a call belongs to (the routes reply with it). */
export async function guaranteeOfCall(db: Db, callId: string): Promise<string> {
  const [call] = await db.select({ guaranteeId: guaranteeCalls.guaranteeId }).from(guaranteeCalls).where(eq(guaranteeCalls.id, callId));
  if (!call) throw new NotFound('thing.guarantee_call');
  return call.guaranteeId;
}
