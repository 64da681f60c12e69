import { describe, expect, it } from 'vitest';
import { accruedFraction, actualDays, couponSchedule, days30E360, lineAmounts, payoutTotals, roundHalfUp } from '../../api/src/modules/bonds/schedule';

// Every figure below was worked out by hand (days counted on a calendar, products and roundings on paper);
// the code is checked against them, never against itself.

const unit = { unitPriceMinor: 10_000, withholdingBps: 0 };
const dates = (periods: ReturnType<typeof couponSchedule>) => periods.map((p) => [p.periodStart, p.periodEnd, p.kind]);

describe('coupon dates', () => {
  it('run every period from the issue day to maturity, the last one a redemption', () => {
    const periods = couponSchedule({ issuedOn: '2027-07-01', termMonths: 36, couponFrequency: 'annual', dayCount: 'act_365_fixed' });
    expect(dates(periods)).toEqual([
      ['2027-07-01', '2028-07-01', 'coupon'],
      ['2028-07-01', '2029-07-01', 'coupon'],
      ['2029-07-01', '2030-07-01', 'redemption'],
    ]);
    expect(periods.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(periods.every((p) => p.paysOn === p.periodEnd)).toBe(true);
  });

  it('keep a month end without drifting (each date counted from the issue day)', () => {
    const periods = couponSchedule({ issuedOn: '2027-08-31', termMonths: 12, couponFrequency: 'quarterly', dayCount: 'act_act_icma' });
    expect(periods.map((p) => p.paysOn)).toEqual(['2027-11-30', '2028-02-29', '2028-05-31', '2028-08-31']);
  });

  it('give a broken first period when the term is not a whole number of periods', () => {
    const periods = couponSchedule({ issuedOn: '2027-01-15', termMonths: 14, couponFrequency: 'quarterly', dayCount: 'act_act_icma' });
    expect(periods.map((p) => p.paysOn)).toEqual(['2027-03-15', '2027-06-15', '2027-09-15', '2027-12-15', '2028-03-15']);
    expect(periods[0]).toMatchObject({ periodStart: '2027-01-15', notionalStart: '2026-12-15' });
    expect(periods[1]).toMatchObject({ periodStart: '2027-03-15', notionalStart: '2027-03-15' });
  });
});

describe('day counts', () => {
  it('count calendar days across 29 February', () => {
    expect(actualDays('2027-07-01', '2028-07-01')).toBe(366);
    expect(actualDays('2028-07-01', '2029-07-01')).toBe(365);
  });

  it('count 30E/360: the 31st is the 30th on either end, February as it is', () => {
    expect(days30E360('2027-03-15', '2027-09-15')).toBe(180);
    expect(days30E360('2027-08-31', '2028-02-29')).toBe(179);
    expect(days30E360('2028-02-29', '2028-08-31')).toBe(181);
    expect(days30E360('2027-01-31', '2027-03-31')).toBe(60);
  });
});

describe('an annual act/365 bond over a leap year (issued 1 July 2027, 3 %, 100.00 a unit)', () => {
  const periods = couponSchedule({ issuedOn: '2027-07-01', termMonths: 36, couponFrequency: 'annual', dayCount: 'act_365_fixed' });
  const terms = { ...unit, rateBps: 300, withholdingBps: 2500 };

  it('pays 366/365 of a year for the period holding 29 February 2028, then 365/365', () => {
    expect(periods.map((p) => p.fraction)).toEqual([
      { num: 366, den: 365 },
      { num: 365, den: 365 },
      { num: 365, den: 365 },
    ]);
  });

  // units | exact interest            | gross | 25 % withheld        | net
  //  13   | 3900 x 366/365 = 3910.68  | 3911  | 977.75 -> 978        | 2933
  //   7   | 2100 x 366/365 = 2105.75  | 2106  | 526.50 -> 527 (half) | 1579
  //   1   |  300 x 366/365 =  300.82  |  301  |  75.25 ->  75        |  226
  it('computes each holder line to the cent, rounding half up once per line', () => {
    expect(lineAmounts(terms, 13, periods[0].fraction, false)).toEqual({ grossMinor: 3911, withheldMinor: 978, netMinor: 2933, principalMinor: 0 });
    expect(lineAmounts(terms, 7, periods[0].fraction, false)).toEqual({ grossMinor: 2106, withheldMinor: 527, netMinor: 1579, principalMinor: 0 });
    expect(lineAmounts(terms, 1, periods[0].fraction, false)).toEqual({ grossMinor: 301, withheldMinor: 75, netMinor: 226, principalMinor: 0 });
  });

  it("totals the lines (6318), not the rounded total of 21 units (6300 x 366/365 = 6317.26 -> 6317)", () => {
    const lines = [13, 7, 1].map((u) => lineAmounts(terms, u, periods[0].fraction, false));
    expect(payoutTotals(lines)).toEqual({ grossMinor: 6318, withheldMinor: 1580, netMinor: 4738, principalMinor: 0 });
    expect(lineAmounts(terms, 21, periods[0].fraction, false).grossMinor).toBe(6317);
  });

  it('pays the principal with the last coupon', () => {
    expect(lineAmounts(terms, 7, periods[2].fraction, true)).toEqual({ grossMinor: 2100, withheldMinor: 525, netMinor: 1575, principalMinor: 70_000 });
  });

  it('accrues 184/365 for an early redemption on 1 January 2029 (300 x 184/365 = 151.23 a unit)', () => {
    const fraction = accruedFraction({ couponFrequency: 'annual', dayCount: 'act_365_fixed' }, periods[2 - 1], '2029-01-01');
    expect(fraction).toEqual({ num: 184, den: 365 });
    expect(lineAmounts(terms, 1, fraction, true)).toEqual({ grossMinor: 151, withheldMinor: 38, netMinor: 113, principalMinor: 10_000 });
  });
});

describe('a semiannual 30E/360 bond (4 %, 100.00 a unit)', () => {
  const terms = { ...unit, rateBps: 400 };

  it('pays exactly half a year each period when no date is a month end', () => {
    const periods = couponSchedule({ issuedOn: '2027-03-15', termMonths: 12, couponFrequency: 'semiannual', dayCount: 'thirty_360' });
    expect(periods.map((p) => [p.paysOn, p.fraction])).toEqual([
      ['2027-09-15', { num: 180, den: 360 }],
      ['2028-03-15', { num: 180, den: 360 }],
    ]);
    expect(lineAmounts(terms, 3, periods[0].fraction, false).grossMinor).toBe(600);
  });

  // 31 Aug -> 29 Feb: 179 days (400 x 179/360 = 198.89 -> 199); 29 Feb -> 31 Aug: 181 days (201.11 -> 201).
  it('counts a February end as it is, and the year still adds up to 360 days', () => {
    const periods = couponSchedule({ issuedOn: '2027-08-31', termMonths: 12, couponFrequency: 'semiannual', dayCount: 'thirty_360' });
    expect(periods.map((p) => [p.paysOn, p.fraction])).toEqual([
      ['2028-02-29', { num: 179, den: 360 }],
      ['2028-08-31', { num: 181, den: 360 }],
    ]);
    expect(periods.map((p) => lineAmounts(terms, 1, p.fraction, false).grossMinor)).toEqual([199, 201]);
  });
});

describe('a quarterly act/act ICMA bond with a broken first period (issued 15 January 2027, 14 months, 5 %)', () => {
  const periods = couponSchedule({ issuedOn: '2027-01-15', termMonths: 14, couponFrequency: 'quarterly', dayCount: 'act_act_icma' });
  const terms = { ...unit, rateBps: 500 };

  // First period 15 Jan -> 15 Mar 2027: 59 days of a notional quarter 15 Dec 2026 -> 15 Mar 2027 of 90 days.
  it('prorates the first period by its actual days over the notional quarter: 59 / (90 x 4)', () => {
    expect(periods[0].fraction).toEqual({ num: 59, den: 360 });
    expect(periods.slice(1).map((p) => p.fraction)).toEqual(Array(4).fill({ num: 1, den: 4 }));
  });

  // 500 x 59/360 = 81.94 -> 82 a unit; 1500 x 59/360 = 245.83 -> 246 for 3; a regular quarter 125 a unit.
  it('pays the short coupon and the regular ones to the cent', () => {
    expect(lineAmounts(terms, 1, periods[0].fraction, false).grossMinor).toBe(82);
    expect(lineAmounts(terms, 3, periods[0].fraction, false).grossMinor).toBe(246);
    expect(lineAmounts(terms, 3, periods[1].fraction, false).grossMinor).toBe(375);
    expect(lineAmounts(terms, 3, periods[4].fraction, true)).toEqual({ grossMinor: 375, withheldMinor: 0, netMinor: 375, principalMinor: 30_000 });
  });

  // 15 Mar -> 1 May: 47 days of a 92-day quarter: 500 x 47/368 = 63.86 -> 64; 15 Jan -> 15 Feb: 31 of 90: 43.06 -> 43.
  it('accrues actual days over the quarter they fall in, for an early redemption', () => {
    expect(accruedFraction({ couponFrequency: 'quarterly', dayCount: 'act_act_icma' }, periods[1], '2027-05-01')).toEqual({ num: 47, den: 368 });
    expect(lineAmounts(terms, 1, { num: 47, den: 368 }, false).grossMinor).toBe(64);
    expect(accruedFraction({ couponFrequency: 'quarterly', dayCount: 'act_act_icma' }, periods[0], '2027-02-15')).toEqual({ num: 31, den: 360 });
    expect(lineAmounts(terms, 1, { num: 31, den: 360 }, false).grossMinor).toBe(43);
  });
});

describe('rounding half up', () => {
  it('sends half a cent up, where banker’s rounding would send 2.5 down', () => {
    expect(roundHalfUp(1n, 2n)).toBe(1n);
    expect(roundHalfUp(3n, 2n)).toBe(2n);
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(1n, 3n)).toBe(0n);
    expect(roundHalfUp(2n, 3n)).toBe(1n);
  });

  // 50.00 a unit at 0.01 % for a whole year: 0.5 of a cent a unit.
  it('rounds each holder line once: three holders of 1 unit get 1 cent each, 3 in all, not a spread 2', () => {
    const terms = { unitPriceMinor: 5000, rateBps: 1, withholdingBps: 0 };
    const year = { num: 1, den: 1 };
    expect([1, 3, 5].map((u) => lineAmounts(terms, u, year, false).grossMinor)).toEqual([1, 2, 3]);
    expect(payoutTotals([1, 1, 1].map((u) => lineAmounts(terms, u, year, false))).grossMinor).toBe(3);
  });

  it('withholds half a cent up too: 10 % of 5 is 1, 25 % of 150 is 38, 25 % of 125 is 31', () => {
    const year = { num: 1, den: 1 };
    // Gross 5: 50.00 at 1 % ; gross 150 and 125: 1.50 and 1.25 at 100 %.
    expect(lineAmounts({ unitPriceMinor: 500, rateBps: 100, withholdingBps: 1000 }, 1, year, false)).toEqual({ grossMinor: 5, withheldMinor: 1, netMinor: 4, principalMinor: 0 });
    expect(lineAmounts({ unitPriceMinor: 150, rateBps: 10_000, withholdingBps: 2500 }, 1, year, false).withheldMinor).toBe(38);
    expect(lineAmounts({ unitPriceMinor: 125, rateBps: 10_000, withholdingBps: 2500 }, 1, year, false).withheldMinor).toBe(31);
  });

  it('stays exact where floating point would not (large holdings)', () => {
    // 10 000 000 units of 1 000 000.00 at 50 %, 366/365: 10^15 x 0.5 x 366/365 = 501 369 863 013 698.63 -> ...699
    expect(lineAmounts({ unitPriceMinor: 100_000_000, rateBps: 5000, withholdingBps: 0 }, 10_000_000, { num: 366, den: 365 }, false).grossMinor).toBe(501_369_863_013_699);
  });
});
