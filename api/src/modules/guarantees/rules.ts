import type { RiskClass } from '@essor/shared/guarantees';
import { buildSchedule, divideRounded, type ScheduleTerms } from '../loans/public';

/**
 * The guarantee fund's arithmetic, pure so it is tested against hand-computed tables: every share is the
 * exact integer product rounded half up once, to the minor unit.
 */

/** amount x bps / 10 000, rounded half up. */
export function shareOf(amountMinor: number, bps: number): number {
  return Number(divideRounded(BigInt(amountMinor) * BigInt(bps), 10_000n));
}

/** The most the fund can ever pay on a loan: its coverage times the loan amount. */
export function guaranteedAmount(loanAmountMinor: number, coverageBps: number): number {
  return shareOf(loanAmountMinor, coverageBps);
}

/** The fund's exposure: its coverage times the loan's outstanding principal, never above the guaranteed amount. */
export function exposureOf(outstandingMinor: number, coverageBps: number, guaranteedMinor: number): number {
  return Math.min(shareOf(outstandingMinor, coverageBps), guaranteedMinor);
}

export const RISK_ORDER: readonly RiskClass[] = ['performing', 'watch', 'doubtful', 'loss'];

export function worseOf(a: RiskClass, b: RiskClass): RiskClass {
  return RISK_ORDER.indexOf(a) >= RISK_ORDER.indexOf(b) ? a : b;
}

export interface RiskPolicy {
  performingBps: number;
  watchBps: number;
  doubtfulBps: number;
  lossBps: number;
  watchAfterDays: number;
  doubtfulAfterDays: number;
  lossAfterDays: number;
  leverageCapPct: number;
}

/** The class the bank's arrears put a loan in. */
export function classFromArrears(daysInArrears: number, policy: RiskPolicy): RiskClass {
  if (daysInArrears >= policy.lossAfterDays) return 'loss';
  if (daysInArrears >= policy.doubtfulAfterDays) return 'doubtful';
  if (daysInArrears >= policy.watchAfterDays) return 'watch';
  return 'performing';
}

/** The class a follow-up visit's rating puts the enterprise in (no visit: no opinion). */
export function classFromVisit(rating: string | null | undefined): RiskClass {
  if (rating === 'red') return 'doubtful';
  if (rating === 'amber') return 'watch';
  return 'performing';
}

export function provisionRate(riskClass: RiskClass, policy: RiskPolicy): number {
  return { performing: policy.performingBps, watch: policy.watchBps, doubtful: policy.doubtfulBps, loss: policy.lossBps }[riskClass];
}

/** What the books hold against a guarantee: its class's rate times its exposure. */
export function provisionFor(exposureMinor: number, riskClass: RiskClass, policy: RiskPolicy): number {
  return shareOf(exposureMinor, provisionRate(riskClass, policy));
}

/**
 * Whether exposure may reach `exposureMinor` on these net assets under a cap in percent (500: 5x):
 * exposure x 100 <= cap x net assets, in integers. Net assets at or below zero allow no exposure.
 */
export function withinLeverage(exposureMinor: number, netAssetsMinor: number, leverageCapPct: number): boolean {
  if (exposureMinor <= 0) return true;
  return BigInt(exposureMinor) * 100n <= BigInt(leverageCapPct) * BigInt(Math.max(0, netAssetsMinor));
}

/** Leverage in hundredths (250 = 2.5x): exposure over net assets, rounded half up; null when the fund has no net assets. */
export function leverageHundredths(exposureMinor: number, netAssetsMinor: number): number | null {
  if (netAssetsMinor <= 0) return null;
  return Number(divideRounded(BigInt(exposureMinor) * 100n, BigInt(netAssetsMinor)));
}

/** The loan's principal still owed on a day, from its schedule: the amount less every principal fallen due by then. */
export function scheduledOutstanding(terms: ScheduleTerms, asOf: string): number {
  let outstanding = terms.principalMinor;
  for (const instalment of buildSchedule(terms)) if (instalment.dueOn <= asOf) outstanding -= instalment.principalMinor;
  return outstanding;
}

/**
 * What a call pays: the coverage times the declared loss, no more than the bank claims, the guaranteed
 * amount, and what a portfolio cap still allows (null: no cap).
 */
export function payoutFor(input: { coverageBps: number; declaredLossMinor: number; claimedMinor: number; guaranteedMinor: number; portfolioRoomMinor: number | null }): number {
  const covered = shareOf(input.declaredLossMinor, input.coverageBps);
  const capped = Math.min(covered, input.claimedMinor, input.guaranteedMinor);
  return input.portfolioRoomMinor === null ? capped : Math.max(0, Math.min(capped, input.portfolioRoomMinor));
}

/** The fund's share of a recovery: the same coverage, never more than the payout not yet recovered. */
export function recoveryShare(bankRecoveredMinor: number, coverageBps: number, paidMinor: number, recoveredMinor: number): number {
  return Math.min(shareOf(bankRecoveredMinor, coverageBps), paidMinor - recoveredMinor);
}

/** Under a capped portfolio guarantee: what calls may still pay (cap share of what the agreement guarantees, less what was paid). */
export function portfolioRoom(capBps: number | null, guaranteedTotalMinor: number, paidTotalMinor: number): number | null {
  if (capBps === null) return null;
  return Math.max(0, shareOf(guaranteedTotalMinor, capBps) - paidTotalMinor);
}

/** The days a yearly fee falls on: each anniversary of the issue, up to and including `through`. */
export function feeAnniversaries(issuedOn: string, through: string, addMonths: (day: string, months: number) => string): string[] {
  const days: string[] = [];
  for (let year = 1; ; year++) {
    const day = addMonths(issuedOn, 12 * year);
    if (day > through) return days;
    days.push(day);
  }
}
