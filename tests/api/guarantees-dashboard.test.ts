import type { FundDashboard, GuaranteeDashboard } from '@essor/shared/guarantee-dashboard';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, projects } from '../../api/src/db/schema/projects';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { createAgreement } from '../../api/src/modules/guarantees/agreements';
import { createBank } from '../../api/src/modules/guarantees/banks';
import { callGuarantee, decideCall, payCall, recordRecovery } from '../../api/src/modules/guarantees/calls';
import { recordBankReport } from '../../api/src/modules/guarantees/reports';
import { prepareGuarantee } from '../../api/src/modules/guarantees/requests';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { todayUtc } from '../../api/src/modules/ledger/public';
import { addMonths } from '../../api/src/modules/loans/public';
import { createGuaranteeFixture, createGuaranteeProject, DEFAULT_AGREEMENT, guaranteeInput, issueGuarantee, type GuaranteeFixture } from '../support/guarantee-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { makeStructure, memberOf, ROOT_STRUCTURE_ID } from '../support/structures';

/**
 * The dataset, built through the services (fund capital 50 000.00 CAD received 2026-01-05, policy 5x,
 * provisions 0 / 10 / 50 / 100 %, agreements 1.5 % upfront on the guaranteed amount):
 *
 * | g  | bank | project (sector, district)             | loan       | cover | guaranteed | issued     | fee    | then                                                    |
 * | G1 | A    | P1 (alimentation, Le Sud-Ouest)        | 10 000 000 | 50 %  | 5 000 000  | 2026-02-01 | 75 000 | report 07-31: outstanding 9 000 000 -> exposure 4 500 000 |
 * | G2 | A    | P2 (services, Verdun: project's)       | 4 000 000  | 70 %  | 2 800 000  | 2026-03-10 | 42 000 | report 06-30: 3 000 000, 95 days late -> doubtful: exposure 2 100 000, provision 50 % = 1 050 000 |
 * | G3 | B    | P3 (services, Ahuntsic: organisation's) | 6 000 000  | 60 %  | 3 600 000  | 2026-04-01 | 54 000 | call 08-15 on a loss of 2 000 000 -> payout 60 % = 1 200 000 (loss: provision 3 600 000), approved 08-20 (exposure and provision to 0), paid 09-01; 10-15 bank recovers 500 000 -> fund share 300 000 |
 * | G4 | B    | P1                                     | 2 000 000  | 50 %  | 1 000 000  | 2026-05-01 | 15 000 | report 09-30: outstanding 0 -> released |
 * | G5 | B    | P3                                     | 3 000 000  | 50 %  | 1 500 000  | 2026-06-01 | 22 500 | none: exposure 1 500 000, performing |
 * | G6 | A    | P2                                     | 1 000 000  | 50 %  | 500 000    | (prepared only: never issued, counts nowhere)              |
 */
const live = { count: 3, exposure: 4_500_000 + 2_100_000 + 1_500_000, guaranteed: 5_000_000 + 2_800_000 + 1_500_000 }; // G1, G2, G5: 8 100 000 and 9 300 000
const issuedLoans = 10_000_000 + 4_000_000 + 6_000_000 + 2_000_000 + 3_000_000; // 25 000 000
const issuedGuaranteed = 5_000_000 + 2_800_000 + 3_600_000 + 1_000_000 + 1_500_000; // 13 900 000
const fees = 75_000 + 42_000 + 54_000 + 15_000 + 22_500; // 208 500
const provisions = 1_050_000; // G2's; G3's 3 600 000 was charged at the call and released at its approval
const paid = 1_200_000;
const recovered = 300_000;
// Net assets = bank (capital + fees - payout + recovery) - provisions; calls payable are back to 0 once paid.
const netAssets = 5_000_000 + fees - paid + recovered - provisions; // 3 258 500
const EXPECTED = {
  liveCount: live.count,
  exposureMinor: live.exposure,
  guaranteedLiveMinor: live.guaranteed,
  netAssetsMinor: netAssets,
  leverageHundredths: 249, // 8 100 000 x 100 / 3 258 500 = 248.58 -> 249
  leverageCapPct: 500,
  roomMinor: 8_192_500, // 500 x 3 258 500 / 100 = 16 292 500, less 8 100 000
  issuedLoansMinor: issuedLoans,
  issuedGuaranteedMinor: issuedGuaranteed,
  multiplierHundredths: 767, // 25 000 000 x 100 / 3 258 500 = 767.22 -> 767
  provisionsMinor: provisions,
  paidMinor: paid,
  recoveredMinor: recovered,
  feesMinor: fees,
  lossRateBps: 863, // 1 200 000 x 10 000 / 13 900 000 = 863.31 -> 863
  recoveryRateBps: 2500, // 300 000 / 1 200 000
};

/** [month, exposure at its end, provisions (2400) at its end, calls paid so far (5300), recovered so far (4200)] */
const MONTHS: [string, number, number, number, number][] = [
  ['2026-01', 0, 0, 0, 0],
  ['2026-02', 5_000_000, 0, 0, 0], // G1
  ['2026-03', 7_800_000, 0, 0, 0], // + G2 2 800 000
  ['2026-04', 11_400_000, 0, 0, 0], // + G3 3 600 000
  ['2026-05', 12_400_000, 0, 0, 0], // + G4 1 000 000
  ['2026-06', 13_200_000, 1_050_000, 0, 0], // + G5 1 500 000, G2 2 800 000 -> 2 100 000 (doubtful)
  ['2026-07', 12_700_000, 1_050_000, 0, 0], // G1 5 000 000 -> 4 500 000
  ['2026-08', 9_100_000, 1_050_000, 1_200_000, 0], // G3 called and approved: out; its provision came and went
  ['2026-09', 8_100_000, 1_050_000, 1_200_000, 0], // G4 released
  ['2026-10', 8_100_000, 1_050_000, 1_200_000, 300_000], // recovery
  ['2026-11', 8_100_000, 1_050_000, 1_200_000, 300_000],
];

let ctx: TestContext;
let fx: GuaranteeFixture;
let manager: TestClient;
let outsider: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  fx = await createGuaranteeFixture(db, { capitalMinor: 5_000_000 });
  const bankB = await createBank(db, fx.manager, { structureId: ROOT_STRUCTURE_ID, name: 'Banque B', contactName: '', contactEmail: '' });
  const agreementB = (await createAgreement(db, fx.manager, { ...DEFAULT_AGREEMENT, fundId: fx.fundId, bankId: bankB.id })).id;
  const p1 = fx.projectId;
  const p2 = await createGuaranteeProject(db, fx);
  const p3 = await createGuaranteeProject(db, fx);
  // The project's own district wins (P2), the organisation's fills in when the project has none (P3).
  await db.update(projects).set({ district: 'Verdun' }).where(eq(projects.id, p2));
  const [p3Row] = await db.update(projects).set({ district: '' }).where(eq(projects.id, p3)).returning();
  await db.update(organisations).set({ district: 'Ahuntsic' }).where(eq(organisations.id, p3Row.organisationId));

  const a = { ...fx };
  const b = { ...fx, agreementId: agreementB };
  const g1 = await issueGuarantee(db, a, { projectId: p1, loanAmountMinor: 10_000_000, coverageBps: 5000, disbursedOn: '2026-02-01' });
  const g2 = await issueGuarantee(db, a, { projectId: p2, loanAmountMinor: 4_000_000, coverageBps: 7000, disbursedOn: '2026-03-10' });
  const g3 = await issueGuarantee(db, b, { projectId: p3, loanAmountMinor: 6_000_000, coverageBps: 6000, disbursedOn: '2026-04-01' });
  const g4 = await issueGuarantee(db, b, { projectId: p1, loanAmountMinor: 2_000_000, coverageBps: 5000, disbursedOn: '2026-05-01' });
  await issueGuarantee(db, b, { projectId: p3, loanAmountMinor: 3_000_000, coverageBps: 5000, disbursedOn: '2026-06-01' });
  await prepareGuarantee(db, fx.staff, guaranteeInput(a, { projectId: p2, loanAmountMinor: 1_000_000, coverageBps: 5000 }));

  await recordBankReport(db, fx.staff, g2, { asOf: '2026-06-30', outstandingMinor: 3_000_000, arrearsMinor: 100_000, daysInArrears: 95 });
  await recordBankReport(db, fx.staff, g1, { asOf: '2026-07-31', outstandingMinor: 9_000_000, arrearsMinor: 0, daysInArrears: 0 });
  const call = await callGuarantee(db, fx.staff, g3, { defaultedOn: '2026-08-01', calledOn: '2026-08-15', declaredLossMinor: 2_000_000, note: '' });
  await decideCall(db, fx.manager, call.id, 'approve', '', '2026-08-20');
  await payCall(db, fx.manager, call.id, { paidOn: '2026-09-01' });
  await recordBankReport(db, fx.staff, g4, { asOf: '2026-09-30', outstandingMinor: 0, arrearsMinor: 0, daysInArrears: 0 });
  await recordRecovery(db, fx.staff, g3, { receivedOn: '2026-10-15', bankRecoveredMinor: 500_000 });

  manager = await ctx.as('fund_manager');
  outsider = await memberOf(ctx, await makeStructure(db, 'Incubateur voisin'), ['fund_manager', 'staff']);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

async function dashboardOf(client: TestClient, query: string): Promise<FundDashboard> {
  const res = await client.get(`/api/guarantees/dashboard?fundId=${fx.fundId}${query}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as GuaranteeDashboard;
  expect(body.funds).toHaveLength(1);
  return body.funds[0];
}

describe('guarantee fund dashboard', () => {
  it('says every figure of the fund as computed by hand, the books balanced', async () => {
    const fund = await dashboardOf(manager, '&from=2026-01-01&to=2026-11-24');
    expect(fund).toMatchObject({ fundId: fx.fundId, currency: 'CAD', openedOn: '2025-01-01', ...EXPECTED });
    expect((await trialBalance(ctx.database.db, { fundId: fx.fundId }, STAFF_VIEWER)).balanced).toBe(true);
  });

  it('breaks the live guarantees down by bank, sector, district and risk class', async () => {
    const fund = await dashboardOf(manager, '');
    const slices = (list: FundDashboard['byBank']) => list.map((s) => [s.label, s.count, s.exposureMinor, s.provisionMinor]);
    // Bank A: G1 4 500 000 + G2 2 100 000; bank B: G5 (G3 paid and G4 released are no longer live).
    expect(slices(fund.byBank)).toEqual([[expect.stringMatching(/^Banque /), 2, 6_600_000, 1_050_000], ['Banque B', 1, 1_500_000, 0]]);
    expect(slices(fund.bySector)).toEqual([['alimentation', 1, 4_500_000, 0], ['services', 2, 3_600_000, 1_050_000]]);
    expect(slices(fund.byDistrict)).toEqual([['Le Sud-Ouest', 1, 4_500_000, 0], ['Verdun', 1, 2_100_000, 1_050_000], ['Ahuntsic', 1, 1_500_000, 0]]);
    expect(fund.byRiskClass.map((s) => [s.key, s.count, s.exposureMinor, s.provisionMinor])).toEqual([
      ['performing', 2, 6_000_000, 0],
      ['watch', 0, 0, 0],
      ['doubtful', 1, 2_100_000, 1_050_000],
      ['loss', 0, 0, 0],
    ]);
  });

  it('draws the months: exposure from the outstanding history, provisions and cumulative calls and recoveries from the books', async () => {
    const fund = await dashboardOf(manager, '&from=2026-01-01&to=2026-11-24');
    expect(fund.months.map((m) => [m.month, m.exposureMinor, m.provisionMinor, m.paidMinor, m.recoveredMinor])).toEqual(MONTHS);
    expect(fund.months.at(-1)!.endOn).toBe('2026-11-24');
    expect(fund.months[0].endOn).toBe('2026-01-31');
  });

  it('cuts the series at `to`, mid-month included, while the headline figures stay those of today', async () => {
    const fund = await dashboardOf(manager, '&from=2026-07-01&to=2026-08-18');
    expect(fund).toMatchObject(EXPECTED);
    // On 08-18 G3 is called (loss: provision 3 600 000 on top of G2's 1 050 000) but not yet approved: still exposed.
    expect(fund.months.map((m) => [m.month, m.endOn, m.exposureMinor, m.provisionMinor, m.paidMinor])).toEqual([
      ['2026-07', '2026-07-31', 12_700_000, 1_050_000, 0],
      ['2026-08', '2026-08-18', 12_700_000, 4_650_000, 0],
    ]);
  });

  it('spans the last 24 months by default, never before the fund opened', async () => {
    const fund = await dashboardOf(manager, '');
    const today = todayUtc();
    const start = addMonths(`${today.slice(0, 7)}-01`, -23).slice(0, 7);
    expect(fund.months[0].month).toBe(start < '2025-01' ? '2025-01' : start);
    expect(fund.months.at(-1)).toMatchObject({ month: today.slice(0, 7), endOn: today });
  });

  it('exports each breakdown as CSV, amounts in minor units', async () => {
    const res = await manager.get(`/api/guarantees/dashboard/district.csv?fundId=${fx.fundId}`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    const code = (await dashboardOf(manager, '')).fundCode;
    expect(lines).toEqual(['fund,currency,district,guarantees,exposure_minor,provision_minor', `${code},CAD,Le Sud-Ouest,1,4500000,0`, `${code},CAD,Verdun,1,2100000,1050000`, `${code},CAD,Ahuntsic,1,1500000,0`]);
    for (const breakdown of ['bank', 'sector', 'risk-class']) expect((await manager.get(`/api/guarantees/dashboard/${breakdown}.csv?fundId=${fx.fundId}`)).status).toBe(200);
  });

  it("shows another structure's caller nothing of the fund", async () => {
    expect((await outsider.get(`/api/guarantees/dashboard?fundId=${fx.fundId}`)).status).toBe(404);
    expect((await outsider.get(`/api/guarantees/dashboard/bank.csv?fundId=${fx.fundId}`)).status).toBe(404);
    const all = (await (await outsider.get('/api/guarantees/dashboard')).json()) as GuaranteeDashboard;
    expect(all.funds.map((f) => f.fundId)).not.toContain(fx.fundId);
    const byStructure = (await (await outsider.get(`/api/guarantees/dashboard?structureId=${ROOT_STRUCTURE_ID}`)).json()) as GuaranteeDashboard;
    expect(byStructure.funds).toEqual([]);
  });
});
