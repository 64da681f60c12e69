import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteeAgreements, guaranteeOutstandings, guarantees } from '../../db/schema/guarantees';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../../lib/audit';
import { todayUtc } from '../ledger/public';
import { addMonths } from '../loans/public';
import { chargeFee } from './fees';
import { restateOutstanding, standingOf } from './reports';
import { feeAnniversaries, scheduledOutstanding } from './rules';
import { lockGuarantee, type GuaranteeRow } from './store';

export const MOVE_EXPOSURE_JOB = 'guarantees.move-exposure';
export const CHARGE_YEARLY_FEES_JOB = 'guarantees.charge-yearly-fees';

/** A bank report older than this no longer says what the loan owes: the schedule does. */
export const STALE_REPORT_DAYS = 45;

function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export function scheduleTermsOf(row: GuaranteeRow) {
  return { principalMinor: row.loanAmountMinor, rateBps: row.loanRateBps, termMonths: row.termMonths, graceMonths: row.graceMonths, method: row.method as 'annuity' | 'declining', startsOn: row.disbursedOn };
}

async function lastBankReportOn(db: Db, guaranteeId: string): Promise<string | null> {
  const [last] = await db
    .select({ asOf: guaranteeOutstandings.asOf })
    .from(guaranteeOutstandings)
    .where(and(eq(guaranteeOutstandings.guaranteeId, guaranteeId), eq(guaranteeOutstandings.source, 'bank')))
    .orderBy(desc(guaranteeOutstandings.asOf))
    .limit(1);
  return last?.asOf ?? null;
}

/**
 * Daily: every active guarantee the bank has not reported on for 45 days (or ever) follows its loan's
 * schedule: the outstanding is the principal not yet due today (never raised: a loan only amortises),
 * days in arrears kept as last reported; repaid in full, it is released. Each guarantee in its own
 * transaction; a second run the same day changes nothing.
 */
export async function moveExposureFromSchedule(db: Db, today = todayUtc(), actor: Actor = SYSTEM_ACTOR): Promise<{ moved: number; released: number }> {
  const staleBefore = daysBefore(today, STALE_REPORT_DAYS);
  const active = await db.select({ id: guarantees.id }).from(guarantees).where(eq(guarantees.status, 'active')).orderBy(asc(guarantees.number));
  let moved = 0;
  let released = 0;
  for (const { id } of active) {
    await db.transaction(async (tx) => {
      const { fund, row } = await lockGuarantee(tx, id);
      if (row.status !== 'active' || (row.issuedOn && row.issuedOn > today)) return;
      const lastReport = await lastBankReportOn(tx, id);
      if (lastReport && lastReport >= staleBefore) return;
      const scheduled = scheduledOutstanding(scheduleTermsOf(row), today);
      if (scheduled >= row.outstandingMinor) return;
      const after = await restateOutstanding(tx, actor, fund, row, { asOf: today, outstandingMinor: scheduled, arrearsMinor: row.arrearsMinor, daysInArrears: row.daysInArrears, source: 'schedule' }, 'exposure');
      await recordAudit(tx, actor, { action: 'guarantee.schedule_move', entity: 'guarantee', entityId: id, structureId: row.structureId, before: standingOf(row), after: { ...standingOf(after), asOf: today } });
      moved++;
      if (after.status === 'released') released++;
    });
  }
  return { moved, released };
}

/** The exposure the guarantee had on a day: the latest outstanding known on or before it. */
async function exposureOn(db: Db, row: GuaranteeRow, day: string): Promise<number> {
  const [known] = await db
    .select({ exposure: guaranteeOutstandings.exposureMinor })
    .from(guaranteeOutstandings)
    .where(and(eq(guaranteeOutstandings.guaranteeId, row.id), lte(guaranteeOutstandings.asOf, day)))
    .orderBy(desc(guaranteeOutstandings.asOf), desc(guaranteeOutstandings.createdAt))
    .limit(1);
  return known?.exposure ?? row.exposureMinor;
}

/**
 * Daily: under agreements charging yearly on the outstanding, each anniversary of an active guarantee's
 * issue up to today is charged once (rate x the exposure on that day). Each guarantee in its own transaction.
 */
export async function chargeYearlyFees(db: Db, today = todayUtc(), actor: Actor = SYSTEM_ACTOR): Promise<{ charged: number; amountMinor: number }> {
  const due = await db
    .select({ id: guarantees.id, rateBps: guaranteeAgreements.feeRateBps })
    .from(guarantees)
    .innerJoin(guaranteeAgreements, eq(guaranteeAgreements.id, guarantees.agreementId))
    .where(and(eq(guarantees.status, 'active'), eq(guaranteeAgreements.feeBasis, 'yearly_outstanding')))
    .orderBy(asc(guarantees.number));
  let charged = 0;
  let amountMinor = 0;
  for (const { id, rateBps } of due) {
    await db.transaction(async (tx) => {
      const { fund, row } = await lockGuarantee(tx, id);
      if (row.status !== 'active' || !row.issuedOn) return;
      for (const day of feeAnniversaries(row.issuedOn, today, addMonths)) {
        const baseMinor = await exposureOn(tx, row, day);
        const amount = await chargeFee(tx, actor, fund, row, { chargedOn: day, basis: 'yearly_outstanding', baseMinor, rateBps });
        if (amount === null) continue;
        await recordAudit(tx, actor, { action: 'guarantee.fee', entity: 'guarantee', entityId: id, structureId: row.structureId, after: { chargedOn: day, basis: 'yearly_outstanding', baseMinor, rateBps, amountMinor: amount } });
        charged++;
        amountMinor += amount;
      }
    });
  }
  return { charged, amountMinor };
}
