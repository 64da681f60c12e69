import type { COUPON_FREQUENCIES, DAY_COUNTS } from '@essor/shared/bonds';

/**
 * The coupon schedule of a bond and the amounts of each holder's payout, in exact integer arithmetic
 * (docs/decisions/0015-bond-payouts.md). Pure: no database, no clock.
 */

export type CouponFrequency = (typeof COUPON_FREQUENCIES)[number];
export type DayCount = (typeof DAY_COUNTS)[number];

/** Months between two coupons. */
export const MONTHS_PER_PERIOD: Record<CouponFrequency, number> = { annual: 12, semiannual: 6, quarterly: 3 };

/** The day `months` after `day` (negative: before), kept to the month's last day when it has fewer days (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The day after (or `days` after) an ISO day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Calendar days from `start` to `end` (end not counted). */
export function actualDays(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** Days from `start` to `end` on the 30E/360 basis (Eurobond basis, ISDA 2006 4.16(g)): the 31st counts as the 30th, on either end; February is not adjusted. */
export function days30E360(start: string, end: string): number {
  const [y1, m1, d1] = start.split('-').map(Number);
  const [y2, m2, d2] = end.split('-').map(Number);
  return 360 * (y2 - y1) + 30 * (m2 - m1) + (Math.min(d2, 30) - Math.min(d1, 30));
}

/** A year fraction as an exact ratio of integers. */
export interface YearFraction {
  num: number;
  den: number;
}

export interface ScheduleTerms {
  issuedOn: string;
  termMonths: number;
  couponFrequency: CouponFrequency;
  dayCount: DayCount;
}

export interface SchedulePeriod {
  /** 1, 2, ... in the schedule. */
  number: number;
  /** The last period pays the principal back with its interest. */
  kind: 'coupon' | 'redemption';
  periodStart: string;
  periodEnd: string;
  /** The coupon day: the period's end (no business-day shift). */
  paysOn: string;
  /** Where a regular period of this coupon would start: before `periodStart` for a broken first period. */
  notionalStart: string;
  /** The period's year fraction under the offering's day count. */
  fraction: YearFraction;
}

/**
 * Every coupon date of a bond: each one a whole number of periods before maturity, counted in calendar
 * months from the issue day (issue + term, issue + term - 1 period, ...), so a term that is not a whole
 * number of periods gives a short (broken) first period and regular ones after it. Each date is counted
 * from the issue day, never from the previous date, so a month end does not drift (31 Jan, 30 Apr, 31 Jul).
 */
export function couponSchedule(terms: ScheduleTerms): SchedulePeriod[] {
  const step = MONTHS_PER_PERIOD[terms.couponFrequency];
  const first = terms.termMonths % step || step;
  const periods: SchedulePeriod[] = [];
  let start = terms.issuedOn;
  for (let offset = first, n = 1; offset <= terms.termMonths; offset += step, n++) {
    const end = addMonths(terms.issuedOn, offset);
    const notionalStart = addMonths(terms.issuedOn, offset - step);
    const period = { number: n, kind: offset === terms.termMonths ? ('redemption' as const) : ('coupon' as const), periodStart: start, periodEnd: end, paysOn: end, notionalStart };
    periods.push({ ...period, fraction: accruedFraction(terms, period, end) });
    start = end;
  }
  return periods;
}

/**
 * The year fraction earned from a period's start to `on` (its end for a whole coupon; an earlier day for
 * the interest accrued at an early redemption): actual days / 365; 30E/360 days / 360; or, on act/act
 * ICMA, actual days / (actual days of the regular period it belongs to x coupons a year).
 */
export function accruedFraction(terms: Pick<ScheduleTerms, 'couponFrequency' | 'dayCount'>, period: Pick<SchedulePeriod, 'periodStart' | 'periodEnd' | 'notionalStart'>, on: string): YearFraction {
  const perYear = 12 / MONTHS_PER_PERIOD[terms.couponFrequency];
  switch (terms.dayCount) {
    case 'act_365_fixed':
      return { num: actualDays(period.periodStart, on), den: 365 };
    case 'thirty_360':
      return { num: days30E360(period.periodStart, on), den: 360 };
    case 'act_act_icma': {
      const days = actualDays(period.periodStart, on);
      const regular = actualDays(period.notionalStart, period.periodEnd);
      // A whole regular period is exactly 1 / coupons a year.
      if (days === regular) return { num: 1, den: perYear };
      return { num: days, den: regular * perYear };
    }
  }
}

/** `num / den` rounded half up (half a minor unit goes up), for non-negative values. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

export interface LineTerms {
  unitPriceMinor: number;
  rateBps: number;
  withholdingBps: number;
}

export interface LineAmounts {
  grossMinor: number;
  withheldMinor: number;
  netMinor: number;
  principalMinor: number;
}

/**
 * One holder's payout: interest = units x unit price x rate x year fraction, computed exactly and rounded
 * half up to the minor unit once, on the holder's line; tax withheld = gross x withholding rate, rounded
 * half up; net = gross - withheld; the principal (units x unit price) when the bonds are redeemed.
 */
export function lineAmounts(terms: LineTerms, units: number, fraction: YearFraction, withPrincipal: boolean): LineAmounts {
  const gross = roundHalfUp(BigInt(units) * BigInt(terms.unitPriceMinor) * BigInt(terms.rateBps) * BigInt(fraction.num), 10_000n * BigInt(fraction.den));
  const withheld = roundHalfUp(gross * BigInt(terms.withholdingBps), 10_000n);
  return {
    grossMinor: Number(gross),
    withheldMinor: Number(withheld),
    netMinor: Number(gross - withheld),
    principalMinor: withPrincipal ? units * terms.unitPriceMinor : 0,
  };
}

/** A payout's totals: the sums of its holders' lines (never a rounded total spread over them). */
export function payoutTotals(lines: LineAmounts[]): LineAmounts {
  return lines.reduce(
    (t, l) => ({ grossMinor: t.grossMinor + l.grossMinor, withheldMinor: t.withheldMinor + l.withheldMinor, netMinor: t.netMinor + l.netMinor, principalMinor: t.principalMinor + l.principalMinor }),
    { grossMinor: 0, withheldMinor: 0, netMinor: 0, principalMinor: 0 },
  );
}
