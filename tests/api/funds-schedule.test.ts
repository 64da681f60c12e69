import { describe, expect, it } from 'vitest';
import { addMonths, allocatePayments, buildSchedule, daysInArrears, splitPayment } from '../../api/src/modules/loans/schedule';

const rows = (schedule: ReturnType<typeof buildSchedule>) => schedule.map((i) => [i.seq, i.dueOn, i.principalMinor, i.interestMinor]);

describe('loan schedules against hand-computed tables', () => {
  it('annuity: 10 000.00 at 6 % over 12 months, level 860.66, the last instalment takes the rounding', () => {
    const schedule = buildSchedule({ principalMinor: 1_000_000, rateBps: 600, termMonths: 12, graceMonths: 0, method: 'annuity', startsOn: '2026-01-31' });
    // Computed by hand: payment = P·r / (1 − (1+r)^−12) with r = 0.5 %, interest = balance × r rounded half up.
    expect(rows(schedule)).toEqual([
      [1, '2026-02-28', 81066, 5000],
      [2, '2026-03-31', 81471, 4595],
      [3, '2026-04-30', 81879, 4187],
      [4, '2026-05-31', 82288, 3778],
      [5, '2026-06-30', 82700, 3366],
      [6, '2026-07-31', 83113, 2953],
      [7, '2026-08-31', 83529, 2537],
      [8, '2026-09-30', 83946, 2120],
      [9, '2026-10-31', 84366, 1700],
      [10, '2026-11-30', 84788, 1278],
      [11, '2026-12-31', 85212, 854],
      [12, '2027-01-31', 85642, 428],
    ]);
    expect(schedule.slice(0, 11).every((i) => i.principalMinor + i.interestMinor === 86066)).toBe(true);
    expect(schedule.reduce((sum, i) => sum + i.principalMinor, 0)).toBe(1_000_000);
  });

  it('declining: 25 000.00 at 5 % over 7 months with 2 months of grace (interest only)', () => {
    const schedule = buildSchedule({ principalMinor: 2_500_000, rateBps: 500, termMonths: 7, graceMonths: 2, method: 'declining', startsOn: '2026-03-15' });
    expect(rows(schedule)).toEqual([
      [1, '2026-04-15', 0, 10417],
      [2, '2026-05-15', 0, 10417],
      [3, '2026-06-15', 500000, 10417],
      [4, '2026-07-15', 500000, 8333],
      [5, '2026-08-15', 500000, 6250],
      [6, '2026-09-15', 500000, 4167],
      [7, '2026-10-15', 500000, 2083],
    ]);
  });

  it('interest-free honour loan: 1 000.00 over 3 months is 333.33, 333.33, 333.34', () => {
    for (const method of ['annuity', 'declining'] as const) {
      const schedule = buildSchedule({ principalMinor: 100_000, rateBps: 0, termMonths: 3, graceMonths: 0, method, startsOn: '2026-01-10' });
      expect(rows(schedule)).toEqual([
        [1, '2026-02-10', 33333, 0],
        [2, '2026-03-10', 33333, 0],
        [3, '2026-04-10', 33334, 0],
      ]);
    }
  });

  it('a currency without minor units (XOF): 1 000 000 over 7 months, the last takes the remainder', () => {
    const schedule = buildSchedule({ principalMinor: 1_000_000, rateBps: 0, termMonths: 7, graceMonths: 0, method: 'declining', startsOn: '2026-01-01' });
    expect(schedule.map((i) => i.principalMinor)).toEqual([142857, 142857, 142857, 142857, 142857, 142857, 142858]);
  });

  it('rounds the equal share half up, so the last instalment can also be the smaller one', () => {
    const schedule = buildSchedule({ principalMinor: 200, rateBps: 0, termMonths: 3, graceMonths: 0, method: 'declining', startsOn: '2026-01-01' });
    expect(schedule.map((i) => i.principalMinor)).toEqual([67, 67, 66]);
  });

  it('keeps month ends on month ends, leap years included', () => {
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('splits a payment interest first, then principal, along the schedule', () => {
    const schedule = buildSchedule({ principalMinor: 1_000_000, rateBps: 600, termMonths: 12, graceMonths: 0, method: 'annuity', startsOn: '2026-01-31' });
    expect(splitPayment(schedule, 0, 3000)).toEqual({ interestMinor: 3000, principalMinor: 0 });
    expect(splitPayment(schedule, 3000, 86066)).toEqual({ interestMinor: 2000 + 3000, principalMinor: 81066 });
    // On 5 May: the first instalment is paid, the second (31 March) partly, the third (30 April) not at all.
    const standing = allocatePayments(schedule, 86066 + 4000, '2026-05-05');
    expect(standing.map((i) => i.status).slice(0, 4)).toEqual(['paid', 'overdue', 'overdue', 'due']);
    expect(standing[1]).toMatchObject({ paidInterestMinor: 4000, paidPrincipalMinor: 0 });
    expect(daysInArrears(standing, '2026-05-05')).toBe(35);
    expect(daysInArrears(allocatePayments(schedule, 86066 * 2, '2026-05-05'), '2026-05-05')).toBe(5);
    expect(daysInArrears(allocatePayments(schedule, 86066 * 3, '2026-05-05'), '2026-05-05')).toBe(0);
  });

  it('refuses terms that leave nothing to repay', () => {
    expect(() => buildSchedule({ principalMinor: 1000, rateBps: 0, termMonths: 3, graceMonths: 3, method: 'annuity', startsOn: '2026-01-01' })).toThrow(RangeError);
    expect(() => buildSchedule({ principalMinor: 10.5, rateBps: 0, termMonths: 3, graceMonths: 0, method: 'annuity', startsOn: '2026-01-01' })).toThrow(RangeError);
  });
});
