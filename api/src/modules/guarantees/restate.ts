import type { RiskClass } from '@essor/shared/guarantees';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteeOutstandings, guaranteeRiskChanges, guarantees } from '../../db/schema/guarantees';
import type { Actor } from '../../lib/audit';
import type { FundRow } from '../funds/public';
import { postMovement, type DateBound } from '../ledger/public';
import { classFromArrears, classFromVisit, exposureOf, provisionFor, worseOf, type RiskPolicy } from './rules';
import { latestVisitRating, LIVE_STATUSES, type GuaranteeRow } from './store';

export interface Standing {
  /** The day the figures are known at; the entries are dated on it. */
  asOf: string;
  outstandingMinor: number;
  arrearsMinor: number;
  daysInArrears: number;
  /** Where the outstanding comes from: written to the history unless null (a change of class only). */
  source: 'issue' | 'bank' | 'schedule' | null;
  importId?: string | null;
}

export interface RestateOptions {
  /** The status the guarantee has after the change (its exposure is nil outside the live statuses). */
  status?: GuaranteeRow['status'];
  /** Why the class or the provision moves (kept with the risk change). */
  reason: 'issue' | 'arrears' | 'visit' | 'exposure' | 'call' | 'release';
  /** A class set by the event itself (a call puts the loan in loss), instead of arrears and visits. */
  riskClass?: RiskClass;
  /** The visit rating to use, when the change comes from a visit being recorded. */
  visitRating?: string | null;
  notBefore?: DateBound | null;
  /** The fund's promise has become a payout (a call approved): exposure and provision go to nil, the status stays. */
  exposureEnds?: boolean;
}

/**
 * The one place a guarantee's exposure, risk class and provision move, always together and always with
 * their entries in the fund's books, in the caller's transaction (under the fund's and the guarantee's
 * locks, lockGuarantee): exposure = coverage x outstanding (off balance sheet, 9000/9010), class = the worse
 * of the arrears' and the last visit's, provision = the class's rate x exposure (5200/2400). Returns the row.
 */
export async function restate(tx: Db, actor: Actor, fund: FundRow, row: GuaranteeRow, policy: RiskPolicy, standing: Standing, options: RestateOptions): Promise<GuaranteeRow> {
  const status = options.status ?? row.status;
  const live = (LIVE_STATUSES as readonly string[]).includes(status) && !options.exposureEnds;
  const exposure = live ? exposureOf(standing.outstandingMinor, row.coverageBps, row.guaranteedMinor) : 0;
  const visit = options.visitRating !== undefined ? options.visitRating : await latestVisitRating(tx, row.projectId);
  const riskClass: RiskClass = options.riskClass ?? (live ? worseOf(classFromArrears(standing.daysInArrears, policy), classFromVisit(visit)) : row.riskClass);
  const provision = live ? provisionFor(exposure, riskClass, policy) : 0;
  const details = {
    fund,
    occurredOn: standing.asOf,
    projectId: row.projectId,
    source: { type: 'guarantee', id: row.id },
    postedBy: actor.id,
    notBefore: options.notBefore ?? null,
    dateField: 'asOf',
  };
  const exposureDelta = exposure - row.exposureMinor;
  if (exposureDelta > 0) await postMovement(tx, 'guarantee_exposure_up', { ...details, amountMinor: exposureDelta, description: `Garantie n° ${row.number} : engagement porté à ${exposure}` });
  if (exposureDelta < 0) await postMovement(tx, 'guarantee_exposure_down', { ...details, amountMinor: -exposureDelta, description: `Garantie n° ${row.number} : engagement ramené à ${exposure}` });
  const provisionDelta = provision - row.provisionMinor;
  let provisionEntry: number | null = null;
  if (provisionDelta > 0) provisionEntry = (await postMovement(tx, 'provision_charge', { ...details, amountMinor: provisionDelta, description: `Garantie n° ${row.number} : provision portée à ${provision} (${riskClass})` })).id;
  if (provisionDelta < 0) provisionEntry = (await postMovement(tx, 'provision_release', { ...details, amountMinor: -provisionDelta, description: `Garantie n° ${row.number} : provision ramenée à ${provision} (${riskClass})` })).id;
  if (riskClass !== row.riskClass || provisionDelta !== 0) {
    await tx.insert(guaranteeRiskChanges).values({
      structureId: row.structureId,
      guaranteeId: row.id,
      fromClass: row.riskClass,
      toClass: riskClass,
      reason: riskClass !== row.riskClass ? options.reason : options.reason === 'issue' ? 'issue' : 'exposure',
      exposureMinor: exposure,
      provisionBeforeMinor: row.provisionMinor,
      provisionAfterMinor: provision,
      journalEntryId: provisionEntry,
      occurredOn: standing.asOf,
      changedBy: actor.id,
    });
  }
  if (standing.source) {
    await tx
      .insert(guaranteeOutstandings)
      .values({
        structureId: row.structureId,
        guaranteeId: row.id,
        asOf: standing.asOf,
        source: standing.source,
        outstandingMinor: standing.outstandingMinor,
        arrearsMinor: standing.arrearsMinor,
        daysInArrears: standing.daysInArrears,
        exposureMinor: exposure,
        importId: standing.importId ?? null,
        enteredBy: actor.id,
      })
      .onConflictDoUpdate({
        target: [guaranteeOutstandings.guaranteeId, guaranteeOutstandings.asOf, guaranteeOutstandings.source],
        set: { outstandingMinor: standing.outstandingMinor, arrearsMinor: standing.arrearsMinor, daysInArrears: standing.daysInArrears, exposureMinor: exposure, importId: standing.importId ?? null, enteredBy: actor.id, createdAt: sql`now()` },
      });
  }
  const [updated] = await tx
    .update(guarantees)
    .set({
      status,
      riskClass,
      outstandingMinor: standing.outstandingMinor,
      outstandingOn: standing.asOf,
      arrearsMinor: standing.arrearsMinor,
      daysInArrears: standing.daysInArrears,
      exposureMinor: exposure,
      provisionMinor: provision,
      updatedAt: new Date(),
    })
    .where(eq(guarantees.id, row.id))
    .returning();
  return updated;
}
