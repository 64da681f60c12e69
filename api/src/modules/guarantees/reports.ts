import type { BankReportInput } from '@essor/shared/guarantees';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteeCalls, guarantees } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import type { FundRow } from '../funds/public';
import { todayUtc } from '../ledger/public';
import { restate, type RestateOptions, type Standing } from './restate';
import { LIVE_STATUSES, lockGuarantee, policyOf, type GuaranteeRow } from './store';

/** What the audit keeps of a guarantee's standing before and after a change. */
export function standingOf(row: GuaranteeRow) {
  return {
    status: row.status,
    riskClass: row.riskClass,
    outstandingMinor: row.outstandingMinor,
    outstandingOn: row.outstandingOn,
    daysInArrears: row.daysInArrears,
    arrearsMinor: row.arrearsMinor,
    exposureMinor: row.exposureMinor,
    provisionMinor: row.provisionMinor,
  };
}

export function ensureLive(row: GuaranteeRow): void {
  if (!(LIVE_STATUSES as readonly string[]).includes(row.status)) throw new Conflict(msg('guarantees.status', { status: row.status }));
}

/**
 * How a new outstanding restates a guarantee: an active one repaid in full is released (exposure and
 * provision to nil); a called one stays in loss, its exposure nil once the payout was approved.
 */
export async function restateOutstanding(tx: Db, actor: Actor, fund: FundRow, row: GuaranteeRow, standing: Standing, reason: RestateOptions['reason']): Promise<GuaranteeRow> {
  const policy = await policyOf(tx, row.fundId);
  if (row.status === 'active' && standing.outstandingMinor === 0) {
    const released = await restate(tx, actor, fund, row, policy, standing, { status: 'released', reason: 'release' });
    const [updated] = await tx.update(guarantees).set({ releasedOn: standing.asOf }).where(eq(guarantees.id, row.id)).returning();
    return { ...released, releasedOn: updated.releasedOn };
  }
  if (row.status === 'called') {
    const [approved] = await tx
      .select({ id: guaranteeCalls.id })
      .from(guaranteeCalls)
      .where(and(eq(guaranteeCalls.guaranteeId, row.id), eq(guaranteeCalls.status, 'approved')));
    return restate(tx, actor, fund, row, policy, standing, { reason, riskClass: 'loss', exposureEnds: Boolean(approved) });
  }
  return restate(tx, actor, fund, row, policy, standing, { reason });
}

/**
 * One bank report, in the caller's transaction under the guarantee's locks: the loan's outstanding and
 * arrears on a day move the exposure, the class and the provision (restate). The import posts each of its
 * rows through here.
 */
export async function applyBankReport(tx: Db, actor: Actor, guaranteeId: string, input: BankReportInput, importId: string | null = null): Promise<GuaranteeRow> {
  const { fund, row } = await lockGuarantee(tx, guaranteeId);
  ensureLive(row);
  if (input.outstandingMinor < 0 || input.outstandingMinor > row.loanAmountMinor) {
    throw new Unprocessable(msg('guarantees.report_above_loan', { loan: row.loanAmountMinor }), 'invalid', { outstandingMinor: ['field.above_loan'] });
  }
  if (input.asOf > todayUtc()) throw new Unprocessable('guarantees.report_in_future', 'invalid', { asOf: ['field.in_future'] });
  if (row.issuedOn && input.asOf < row.issuedOn) throw new Unprocessable(msg('guarantees.report_before_issue', { issuedOn: row.issuedOn }), 'invalid', { asOf: ['field.before_issue'] });
  const after = await restateOutstanding(
    tx,
    actor,
    fund,
    row,
    { asOf: input.asOf, outstandingMinor: input.outstandingMinor, arrearsMinor: input.arrearsMinor ?? 0, daysInArrears: input.daysInArrears ?? 0, source: 'bank', importId },
    'arrears',
  );
  await recordAudit(tx, actor, {
    action: 'guarantee.report',
    entity: 'guarantee',
    entityId: row.id,
    structureId: row.structureId,
    before: standingOf(row),
    after: { ...standingOf(after), asOf: input.asOf, importId },
  });
  return after;
}

/** A bank's monthly report on one loan, entered by hand. */
export async function recordBankReport(db: Db, actor: Actor, guaranteeId: string, input: BankReportInput): Promise<GuaranteeRow> {
  return db.transaction((tx) => applyBankReport(tx, actor, guaranteeId, input));
}
