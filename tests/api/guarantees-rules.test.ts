import { describe, expect, it } from 'vitest';
import { addMonths } from '../../api/src/modules/loans/public';
import {
  classFromArrears,
  classFromVisit,
  exposureOf,
  feeAnniversaries,
  guaranteedAmount,
  leverageHundredths,
  payoutFor,
  portfolioRoom,
  provisionFor,
  recoveryShare,
  scheduledOutstanding,
  shareOf,
  withinLeverage,
  worseOf,
  type RiskPolicy,
} from '../../api/src/modules/guarantees/rules';

const policy: RiskPolicy = { performingBps: 100, watchBps: 1_000, doubtfulBps: 5_000, lossBps: 10_000, watchAfterDays: 30, doubtfulAfterDays: 90, lossAfterDays: 180, leverageCapPct: 500 };

describe('guarantee arithmetic, against hand-computed figures', () => {
  it('rounds each share half up once, to the minor unit', () => {
    // 333.33 x 60 % = 199.998 -> 200.00; 0.05 x 50 % = 0.025 -> 0.03; 0.01 x 50 % = 0.005 -> 0.01
    expect(shareOf(33_333, 6_000)).toBe(20_000);
    expect(shareOf(5, 5_000)).toBe(3);
    expect(shareOf(1, 5_000)).toBe(1);
    expect(shareOf(1, 4_999)).toBe(0);
    // 200 000.00 x 60 % = 120 000.00
    expect(guaranteedAmount(20_000_000, 6_000)).toBe(12_000_000);
  });

  it('exposes the coverage of the outstanding, never above the guaranteed amount', () => {
    // 150 000.00 outstanding at 60 % = 90 000.00
    expect(exposureOf(15_000_000, 6_000, 12_000_000)).toBe(9_000_000);
    expect(exposureOf(0, 6_000, 12_000_000)).toBe(0);
    // an outstanding above the loan (capitalised arrears) stays capped at 120 000.00
    expect(exposureOf(21_000_000, 6_000, 12_000_000)).toBe(12_000_000);
  });

  it('classes a loan by its days in arrears and by the last visit, the worse of both', () => {
    expect([0, 29, 30, 89, 90, 179, 180, 400].map((d) => classFromArrears(d, policy))).toEqual(['performing', 'performing', 'watch', 'watch', 'doubtful', 'doubtful', 'loss', 'loss']);
    expect([null, 'green', 'amber', 'red'].map(classFromVisit)).toEqual(['performing', 'performing', 'watch', 'doubtful']);
    expect(worseOf('watch', 'doubtful')).toBe('doubtful');
    expect(worseOf('loss', 'performing')).toBe('loss');
  });

  it('provisions the class rate of the exposure', () => {
    // 90 000.00: performing 1 % = 900.00, watch 10 % = 9 000.00, doubtful 50 % = 45 000.00, loss 100 %
    expect((['performing', 'watch', 'doubtful', 'loss'] as const).map((c) => provisionFor(9_000_000, c, policy))).toEqual([90_000, 900_000, 4_500_000, 9_000_000]);
  });

  it('holds exposure within the leverage cap of the net assets, exactly at the cap included', () => {
    // net assets 100 000.00 at 500 % allow 500 000.00 of exposure, not a cent more
    expect(withinLeverage(50_000_000, 10_000_000, 500)).toBe(true);
    expect(withinLeverage(50_000_001, 10_000_000, 500)).toBe(false);
    expect(withinLeverage(1, 0, 500)).toBe(false);
    expect(withinLeverage(1, -5, 500)).toBe(false);
    // 250 000.00 over 100 000.00 = 2.50x; 1 over 3 = 0.33x
    expect(leverageHundredths(25_000_000, 10_000_000)).toBe(250);
    expect(leverageHundredths(1, 3)).toBe(33);
    expect(leverageHundredths(5, 0)).toBeNull();
  });

  it('moves the outstanding on with the schedule when the bank reports nothing', () => {
    // 12 000.00 at 0 %, 12 months, declining: 1 000.00 a month from 2025-02-15
    const terms = { principalMinor: 1_200_000, rateBps: 0, termMonths: 12, graceMonths: 0, method: 'declining' as const, startsOn: '2025-01-15' };
    expect(scheduledOutstanding(terms, '2025-01-15')).toBe(1_200_000);
    expect(scheduledOutstanding(terms, '2025-02-14')).toBe(1_200_000);
    expect(scheduledOutstanding(terms, '2025-02-15')).toBe(1_100_000);
    expect(scheduledOutstanding(terms, '2025-07-20')).toBe(600_000);
    expect(scheduledOutstanding(terms, '2026-01-15')).toBe(0);
    // with three months of grace, nothing falls due before the fourth month
    expect(scheduledOutstanding({ ...terms, termMonths: 15, graceMonths: 3 }, '2025-04-15')).toBe(1_200_000);
  });

  it('pays the coverage of the loss, capped by the claim, the guaranteed amount and the portfolio room', () => {
    // 80 000.00 lost at 60 % = 48 000.00
    const base = { coverageBps: 6_000, declaredLossMinor: 8_000_000, claimedMinor: 9_999_999, guaranteedMinor: 12_000_000, portfolioRoomMinor: null };
    expect(payoutFor(base)).toBe(4_800_000);
    expect(payoutFor({ ...base, claimedMinor: 4_000_000 })).toBe(4_000_000);
    // 250 000.00 lost at 60 % = 150 000.00, capped at 120 000.00 guaranteed
    expect(payoutFor({ ...base, declaredLossMinor: 25_000_000, claimedMinor: 12_000_000 })).toBe(12_000_000);
    // a portfolio capped at 10 % of 300 000.00 guaranteed, 25 000.00 already paid: 5 000.00 left
    const room = portfolioRoom(1_000, 30_000_000, 2_500_000);
    expect(room).toBe(500_000);
    expect(payoutFor({ ...base, portfolioRoomMinor: room })).toBe(500_000);
    expect(portfolioRoom(1_000, 30_000_000, 3_500_000)).toBe(0);
    expect(portfolioRoom(null, 30_000_000, 3_500_000)).toBeNull();
  });

  it('shares a recovery at the coverage, never beyond what was paid', () => {
    // 10 000.00 recovered at 60 % = 6 000.00; 48 000.00 paid, 45 000.00 already back: 3 000.00 left
    expect(recoveryShare(1_000_000, 6_000, 4_800_000, 0)).toBe(600_000);
    expect(recoveryShare(1_000_000, 6_000, 4_800_000, 4_500_000)).toBe(300_000);
    expect(recoveryShare(1_000_000, 6_000, 4_800_000, 4_800_000)).toBe(0);
  });

  it('charges a yearly fee on each anniversary of the issue, 29 February included', () => {
    expect(feeAnniversaries('2024-02-29', '2026-03-01', addMonths)).toEqual(['2025-02-28', '2026-02-28']);
    expect(feeAnniversaries('2025-06-10', '2026-06-09', addMonths)).toEqual([]);
    expect(feeAnniversaries('2025-06-10', '2026-06-10', addMonths)).toEqual(['2026-06-10']);
  });
});
