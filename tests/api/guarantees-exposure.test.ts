import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../api/src/lib/context';
import { guarantees } from '../../api/src/db/schema/guarantees';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { createVisit } from '../../api/src/modules/followup/service';
import { chargeYearlyFees, moveExposureFromSchedule } from '../../api/src/modules/guarantees/exposure-jobs';
import { recordBankReport } from '../../api/src/modules/guarantees/reports';
import { guaranteeRow } from '../../api/src/modules/guarantees/store';
import { accountBalances, trialBalance } from '../../api/src/modules/ledger/reports';
import { createGuaranteeFixture, createGuaranteeProject, issueGuarantee, type GuaranteeFixture } from '../support/guarantee-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import type { Db } from '../../api/src/db/client';

/** Each account's balance on its normal side, by code, in one fund's books. */
async function balances(db: Db, fundId: string): Promise<Record<string, number>> {
  const rows = await accountBalances(db, { fundId }, STAFF_VIEWER);
  return Object.fromEntries(rows.map((r) => [r.code, r.balanceMinor]));
}

async function balanced(db: Db, fundId: string): Promise<boolean> {
  return (await trialBalance(db, { fundId }, STAFF_VIEWER)).balanced;
}

async function written(db: Db): Promise<number[]> {
  const count = async (table: string) => Number(rowsOf<{ n: string }>(await db.execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);
  return [await count('journal_entries'), await count('guarantee_outstandings'), await count('guarantee_risk_changes'), await count('audit_log')];
}

describe('bank reports move exposure, risk class and provision', () => {
  let database: TestDatabase;
  let fx: GuaranteeFixture;
  let id: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await createGuaranteeFixture(database.db);
    // 150 000.00 at 60 %: guaranteed 90 000.00; 1.5 % upfront fee = 1 350.00.
    id = await issueGuarantee(database.db, fx, { loanAmountMinor: 15_000_000, coverageBps: 6000, disbursedOn: '2026-02-01' });
  });
  afterAll(() => database.dispose());

  it('follows each report by hand (policy 0 / 10 / 50 / 100 %, 30 / 90 / 180 days)', async () => {
    const db = database.db;
    const issued = await guaranteeRow(db, id);
    expect([issued.guaranteedMinor, issued.exposureMinor, issued.provisionMinor, issued.feesMinor]).toEqual([9_000_000, 9_000_000, 0, 135_000]);
    // asOf, outstanding, arrears, days -> exposure (60 %), class, provision (rate x exposure), net provision charged (5200)
    const table = [
      ['2026-03-31', 14_000_000, 0, 0, 8_400_000, 'performing', 0],
      ['2026-04-30', 13_500_000, 300_000, 45, 8_100_000, 'watch', 810_000], // 10 % of 81 000.00
      ['2026-05-31', 13_500_000, 600_000, 100, 8_100_000, 'doubtful', 4_050_000], // 50 % of 81 000.00
      ['2026-06-30', 13_000_000, 0, 0, 7_800_000, 'performing', 0],
    ] as const;
    for (const [asOf, outstanding, arrears, days, exposure, riskClass, provision] of table) {
      const row = await recordBankReport(db, fx.manager, id, { asOf, outstandingMinor: outstanding, arrearsMinor: arrears, daysInArrears: days });
      expect([row.status, row.exposureMinor, row.riskClass, row.provisionMinor]).toEqual(['active', exposure, riskClass, provision]);
      const b = await balances(db, fx.fundId);
      // 9000 holds the exposure, 2400 the provision, 5200 what provisioning cost net, 1000 capital + the fee.
      expect([b['9000'], b['9010'], b['2400'], b['5200'], b['1000']]).toEqual([exposure, exposure, provision, provision, 100_000_000 + 135_000]);
      expect(await balanced(db, fx.fundId)).toBe(true);
    }
    // Repaid in full: released, exposure and provision to nil.
    const released = await recordBankReport(db, fx.manager, id, { asOf: '2026-07-31', outstandingMinor: 0, arrearsMinor: 0, daysInArrears: 0 });
    expect([released.status, released.releasedOn, released.exposureMinor, released.provisionMinor]).toEqual(['released', '2026-07-31', 0, 0]);
    const b = await balances(db, fx.fundId);
    expect([b['9000'], b['2400'], b['5200']]).toEqual([0, 0, 0]);
    expect(await balanced(db, fx.fundId)).toBe(true);
  });

  it('refuses bad reports with a 4xx and writes nothing', async () => {
    const db = database.db;
    const live = await issueGuarantee(db, { ...fx, projectId: await createGuaranteeProject(db, fx) }, { loanAmountMinor: 10_000_000, disbursedOn: '2026-03-01' });
    const before = await written(db);
    const cases: [string, Parameters<typeof recordBankReport>[3], number][] = [
      [live, { asOf: '2026-04-30', outstandingMinor: -1, arrearsMinor: 0, daysInArrears: 0 }, 422],
      [live, { asOf: '2026-04-30', outstandingMinor: 10_000_001, arrearsMinor: 0, daysInArrears: 0 }, 422],
      [live, { asOf: '2099-01-31', outstandingMinor: 9_000_000, arrearsMinor: 0, daysInArrears: 0 }, 422],
      [live, { asOf: '2026-02-28', outstandingMinor: 9_000_000, arrearsMinor: 0, daysInArrears: 0 }, 422], // before the issue
      [id, { asOf: '2026-08-31', outstandingMinor: 0, arrearsMinor: 0, daysInArrears: 0 }, 409], // released
      ['00000000-0000-4000-8000-000000000000', { asOf: '2026-08-31', outstandingMinor: 0, arrearsMinor: 0, daysInArrears: 0 }, 404],
    ];
    for (const [target, input, status] of cases) await expect(recordBankReport(db, fx.staff, target, input)).rejects.toMatchObject({ status });
    expect(await written(db)).toEqual(before);
  });

  it("puts a red follow-up visit into the guarantee's class (doubtful: 50 %)", async () => {
    const db = database.db;
    const projectId = await createGuaranteeProject(db, fx);
    // 80 000.00 at 50 %: exposure 40 000.00.
    const gid = await issueGuarantee(db, { ...fx, projectId }, { loanAmountMinor: 8_000_000, disbursedOn: '2026-03-01' });
    const before = await balances(db, fx.fundId);
    const user = { name: 'Agente de suivi' } as CurrentUser;
    await createVisit(db, fx.staff, user, { projectId, visitedOn: '2026-04-10', findings: 'Trésorerie tendue', riskRating: 'red', recommendations: '' });
    let row = await guaranteeRow(db, gid);
    expect([row.riskClass, row.exposureMinor, row.provisionMinor]).toEqual(['doubtful', 4_000_000, 2_000_000]);
    let after = await balances(db, fx.fundId);
    expect(after['2400'] - before['2400']).toBe(2_000_000);
    // Amber next: watch, 10 % of 40 000.00.
    await createVisit(db, fx.staff, user, { projectId, visitedOn: '2026-05-10', findings: 'Mieux', riskRating: 'amber', recommendations: '' });
    row = await guaranteeRow(db, gid);
    expect([row.riskClass, row.provisionMinor]).toEqual(['watch', 400_000]);
    // Arrears of 100 days are worse than an amber visit: doubtful on 30 000.00 (60 000.00 x 50 %) = 15 000.00.
    row = await recordBankReport(db, fx.staff, gid, { asOf: '2026-06-30', outstandingMinor: 6_000_000, arrearsMinor: 50_000, daysInArrears: 100 });
    expect([row.riskClass, row.exposureMinor, row.provisionMinor]).toEqual(['doubtful', 3_000_000, 1_500_000]);
    after = await balances(db, fx.fundId);
    expect(after['2400'] - before['2400']).toBe(1_500_000);
    expect(await balanced(db, fx.fundId)).toBe(true);
  });
});

describe('scheduled jobs', () => {
  let database: TestDatabase;
  let fx: GuaranteeFixture;
  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await createGuaranteeFixture(database.db);
  });
  afterAll(() => database.dispose());

  it('charges the yearly fee on each anniversary, on the exposure of that day, once', async () => {
    const db = database.db;
    const yearly = await createGuaranteeFixture(db, { funds: fx.funds, agreement: { feeBasis: 'yearly_outstanding', feeRateBps: 200 } });
    // 100 000.00 over 36 months at 50 %, issued 2025-03-01: no upfront fee.
    const gid = await issueGuarantee(db, yearly, { loanAmountMinor: 10_000_000, termMonths: 36, disbursedOn: '2025-03-01' });
    expect((await guaranteeRow(db, gid)).feesMinor).toBe(0);
    await chargeYearlyFees(db, '2026-02-28');
    expect((await guaranteeRow(db, gid)).feesMinor).toBe(0);
    // The bank says 70 000.01 on 2026-02-15: exposure 35 000.01 (half up: 3 500 000.5 -> 3 500 001); fee 2 % = 70 000.02 -> 70 000 minor.
    await recordBankReport(db, yearly.staff, gid, { asOf: '2026-02-15', outstandingMinor: 7_000_001, arrearsMinor: 0, daysInArrears: 0 });
    // A report after the anniversary does not change the base of the anniversary's fee.
    await recordBankReport(db, yearly.staff, gid, { asOf: '2026-03-10', outstandingMinor: 6_000_000, arrearsMinor: 0, daysInArrears: 0 });
    await chargeYearlyFees(db, '2026-03-15');
    const row = await guaranteeRow(db, gid);
    expect(row.feesMinor).toBe(70_000);
    const again = await written(db);
    await chargeYearlyFees(db, '2026-03-15');
    expect(await written(db)).toEqual(again);
    const b = await balances(db, yearly.fundId);
    expect([b['1000'], b['4100']]).toEqual([100_000_000 + 70_000, 70_000]);
    expect(await balanced(db, yearly.fundId)).toBe(true);
  });

  it('moves a stale guarantee along its schedule (12-month annuity, written table) and releases it at the end', async () => {
    const db = database.db;
    // 120 000.00 over 12 months at 12 % (1 % a month): payment round(12 000 000 x 0.01 / (1 - 1.01^-12)) = 1 066 185.
    // k: interest round(balance x 1 %), principal = payment - interest (the last: the balance), balance after.
    const balanceAfter = [12_000_000, 11_053_815, 10_098_168, 9_132_965, 8_158_110, 7_173_506, 6_179_056, 5_174_662, 4_160_224, 3_135_641, 2_100_812, 1_055_635, 0];
    const gid = await issueGuarantee(db, fx, { loanAmountMinor: 12_000_000, loanRateBps: 1200, termMonths: 12, disbursedOn: '2025-03-01' });
    // Never reported: on 2025-05-20 two instalments (04-01, 05-01) have fallen due.
    await moveExposureFromSchedule(db, '2025-05-20');
    let row = await guaranteeRow(db, gid);
    expect([row.outstandingMinor, row.exposureMinor]).toEqual([balanceAfter[2], 5_049_084]); // 10 098 168 x 50 %
    const once = await written(db);
    await moveExposureFromSchedule(db, '2025-05-20');
    expect(await written(db)).toEqual(once);
    // The bank reports 92 000.00 and 40 days late (watch, 10 %) on 2025-06-05.
    row = await recordBankReport(db, fx.staff, gid, { asOf: '2025-06-05', outstandingMinor: 9_200_000, arrearsMinor: 100_000, daysInArrears: 40 });
    expect([row.exposureMinor, row.provisionMinor]).toEqual([4_600_000, 460_000]);
    // 35 days later the report still stands.
    await moveExposureFromSchedule(db, '2025-07-10');
    expect((await guaranteeRow(db, gid)).outstandingMinor).toBe(9_200_000);
    // 50 days later the schedule speaks: four instalments due; days in arrears kept (watch): 10 % of 4 079 055 = 407 905.5 -> 407 906.
    await moveExposureFromSchedule(db, '2025-07-25');
    row = await guaranteeRow(db, gid);
    expect([row.outstandingMinor, row.exposureMinor, row.daysInArrears, row.riskClass, row.provisionMinor]).toEqual([balanceAfter[4], 4_079_055, 40, 'watch', 407_906]);
    const b = await balances(db, fx.fundId);
    expect([b['9000'], b['2400']]).toEqual([4_079_055, 407_906]);
    // After the last instalment (2026-03-01): repaid, released.
    await moveExposureFromSchedule(db, '2026-03-15');
    row = await guaranteeRow(db, gid);
    expect([row.status, row.releasedOn, row.outstandingMinor, row.exposureMinor, row.provisionMinor]).toEqual(['released', '2026-03-15', 0, 0, 0]);
    const sources = await db.select({ s: guarantees.status }).from(guarantees).where(eq(guarantees.id, gid));
    expect(sources[0].s).toBe('released');
    const end = await balances(db, fx.fundId);
    expect([end['9000'], end['2400'], end['5200']]).toEqual([0, 0, 0]);
    expect(await balanced(db, fx.fundId)).toBe(true);
  });
});
