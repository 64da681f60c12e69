import type { DecideInput } from '@essor/shared/guarantees';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guarantees } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { decidePending } from '../approvals/public';
import { todayUtc as today } from '../ledger/public';
import { agreementRow } from './agreements';
import { chargeFee } from './fees';
import { restate } from './restate';
import { exposureOf, scheduledOutstanding, withinLeverage } from './rules';
import { exposureOfFunds, lockGuarantee, netAssetsOf, policyOf, type GuaranteeRow } from './store';

/** The loan's principal still owed on the issue day, from its own schedule. */
export function outstandingAtIssue(row: GuaranteeRow, issueDay: string): number {
  return scheduledOutstanding(
    { principalMinor: row.loanAmountMinor, rateBps: row.loanRateBps, termMonths: row.termMonths, graceMonths: row.graceMonths, method: row.method as 'annuity' | 'declining', startsOn: row.disbursedOn },
    issueDay,
  );
}

/**
 * A fund manager who never touched the guarantee approves it: under the fund's lock the exposure it adds
 * must stay within the leverage cap; then the exposure is posted (restate, source 'issue') and the upfront
 * fee charged, in the one transaction. Refused, nothing is written.
 */
export async function approveGuarantee(db: Db, actor: Actor, id: string, input: Partial<DecideInput> = {}): Promise<GuaranteeRow> {
  return db.transaction(async (tx) => {
    const { fund, row } = await lockGuarantee(tx, id);
    if (row.status !== 'prepared') throw new Conflict(msg('guarantees.status', { status: row.status }));
    await decidePending(tx, actor, { kind: 'guarantee.approve', entityId: id }, 'approve', input.note ?? '', { people: [row.preparedBy] });
    const issueDay = input.accountingDate ?? today();
    if (issueDay < row.disbursedOn) {
      throw new Unprocessable(msg('guarantees.issue_before_disbursed', { disbursedOn: row.disbursedOn }), 'invalid', { accountingDate: ['field.issue_before_disbursed'] });
    }
    const policy = await policyOf(tx, fund.id);
    const agreement = await agreementRow(tx, row.agreementId);
    const outstanding = outstandingAtIssue(row, issueDay);
    const exposure = exposureOf(outstanding, row.coverageBps, row.guaranteedMinor);
    const before = (await exposureOfFunds(tx, [fund.id])).get(fund.id)!;
    const netAssets = (await netAssetsOf(tx, [fund.id])).get(fund.id)!;
    if (!withinLeverage(before + exposure, netAssets, policy.leverageCapPct)) {
      throw new Conflict(msg('guarantees.over_leverage', { exposure: before + exposure, cap: policy.leverageCapPct, netAssets }), { coverageBps: ['field.over_leverage'], loanAmountMinor: ['field.over_leverage'] });
    }
    await restate(tx, actor, fund, row, policy, { asOf: issueDay, outstandingMinor: outstanding, arrearsMinor: 0, daysInArrears: 0, source: 'issue' }, { status: 'active', reason: 'issue' });
    if (agreement.feeBasis === 'upfront') {
      await chargeFee(tx, actor, fund, row, { chargedOn: issueDay, basis: 'upfront', baseMinor: row.guaranteedMinor, rateBps: agreement.feeRateBps });
    }
    const [updated] = await tx.update(guarantees).set({ decidedBy: actor.id, decidedAt: new Date(), issuedOn: issueDay, updatedAt: new Date() }).where(eq(guarantees.id, id)).returning();
    await recordAudit(tx, actor, {
      action: 'guarantee.approve',
      entity: 'guarantee',
      entityId: id,
      structureId: row.structureId,
      before: { status: row.status },
      after: { status: 'active', issuedOn: issueDay, outstandingMinor: outstanding, exposureMinor: updated.exposureMinor, feesMinor: updated.feesMinor, note: input.note ?? '' },
    });
    return updated;
  });
}

/** A fund manager who never touched it turns the guarantee down: nothing is posted. */
export async function rejectGuarantee(db: Db, actor: Actor, id: string, input: Partial<DecideInput> = {}): Promise<GuaranteeRow> {
  return db.transaction(async (tx) => {
    const { row } = await lockGuarantee(tx, id);
    if (row.status !== 'prepared') throw new Conflict(msg('guarantees.status', { status: row.status }));
    await decidePending(tx, actor, { kind: 'guarantee.approve', entityId: id }, 'reject', input.note ?? '', { people: [row.preparedBy] });
    const [updated] = await tx.update(guarantees).set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(guarantees.id, id)).returning();
    await recordAudit(tx, actor, { action: 'guarantee.reject', entity: 'guarantee', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'rejected', note: input.note ?? '' } });
    return updated;
  });
}
