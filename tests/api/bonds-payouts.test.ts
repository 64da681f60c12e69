import type { Payout, PayoutLine, PayoutSchedule, Transfer } from '@essor/shared/bond-payouts';
import type { CreateOfferingInput, Holding, Offering } from '@essor/shared/bonds';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import type { Actor } from '../../api/src/lib/audit';
import type { JobsHandle } from '../../api/src/lib/context';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { closeOffering } from '../../api/src/modules/bonds/closing';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { PAY_PAYOUTS_JOB, payHolderBatch, payPayout, payRunningPayouts, runDuePayouts } from '../../api/src/modules/bonds/payouts';
import { subscribe } from '../../api/src/modules/bonds/subscriptions';
import { JOB_DEFINITIONS } from '../../api/src/modules/jobs/definitions';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { createFund } from '../../api/src/modules/funds/service';
import { createBondsFixture, makeInvestors, openedOffering, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, demoEmailFor, TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: BondsFixture;
let staff: TestClient;
/** Trust books opened in 2023, so that bonds issued then have coupons already due whatever day the test runs. */
let trustFundId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(ctx.database.db);
  staff = await ctx.as('staff');
  const trust = await createFund(ctx.database.db, fixture.manager, {
    code: `FID-PAY-${Date.now().toString(36).toUpperCase()}`,
    name: 'Fiducie des versements',
    type: 'bond_trust',
    currency: 'CAD',
    description: 'Compte en fiducie de test',
    committeeThresholdMinor: 0,
    openedOn: '2023-01-01',
    structureId: ROOT_STRUCTURE_ID,
  });
  trustFundId = trust.id;
}, 60_000);
afterAll(() => ctx.close());

const db = () => ctx.database.db;
let keys = 0;
const key = () => ({ headers: { 'Idempotency-Key': `payouts-test-${Date.now()}-${keys++}` } });

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db().execute(query));
}

/** An offering issued on 1 July 2023 (closed full that day), its holders subscribing in order: their bond numbers follow. */
async function issuedOffering(units: number[], overrides: Partial<CreateOfferingInput> = {}): Promise<{ offering: Offering; holders: { actor: Actor; investorId: string; units: number }[] }> {
  const total = units.reduce((a, b) => a + b, 0);
  const offering = await openedOffering(db(), fixture, { trustFundId, maxUnits: total, minUnits: 1, maxUnitsPerPerson: Math.max(...units), termMonths: 36, ...overrides });
  const people = await makeInvestors(db(), offering.structureId, units.length);
  const holders = [];
  for (const [i, person] of people.entries()) {
    const sub = await subscribe(db(), person, person.id!, offering.id, units[i]);
    await confirmPayment(db(), fixture.staff, sub.id, { amountMinor: sub.amountMinor, receivedOn: '2023-06-30' });
    holders.push({ actor: person, investorId: await investorIdOf(person.id!), units: units[i] });
  }
  const closed = await closeOffering(db(), fixture.staff, offering.id, '2023-07-01');
  expect(closed).toMatchObject({ status: 'active', issuedOn: '2023-07-01', maturesOn: '2026-07-01' });
  return { offering: closed, holders };
}

async function investorIdOf(userId: string): Promise<string> {
  const [row] = await rows<{ id: string }>(sql`select id::text from bond_investors where user_id = ${userId}::uuid and structure_id = ${ROOT_STRUCTURE_ID}::uuid`);
  return row.id;
}

async function schedule(offeringId: string): Promise<PayoutSchedule> {
  const res = await staff.get(`/api/bonds/offerings/${offeringId}/payouts`);
  expect(res.status).toBe(200);
  return res.json();
}

async function lines(offeringId: string, payoutId: string): Promise<PayoutLine[]> {
  const res = await staff.get(`/api/bonds/offerings/${offeringId}/payouts/${payoutId}/lines?limit=200`);
  expect(res.status).toBe(200);
  return (await res.json()).items;
}

/** Net movement (debit - credit) per trust account of one payout's entries, and how many entries it has. */
async function postedFor(payoutId: string): Promise<{ entries: number; byAccount: Record<string, number> }> {
  const accounts = await rows<{ code: string; balance: string }>(sql`
    select a.code, sum(l.debit_minor - l.credit_minor) as balance from journal_lines l
    join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
    where e.source_type = 'bond_payout' and e.source_id = ${payoutId} group by a.code`);
  const [count] = await rows<{ n: string }>(sql`select count(*) as n from journal_entries where source_type = 'bond_payout' and source_id = ${payoutId}`);
  return { entries: Number(count.n), byAccount: Object.fromEntries(accounts.map((a) => [a.code, Number(a.balance)])) };
}

const byUnits = (ls: PayoutLine[]) => [...ls].sort((a, b) => b.units - a.units).map((l) => [l.units, l.grossMinor, l.withheldMinor, l.netMinor, l.principalMinor]);

describe('a 3 % annual act/365 bond issued 1 July 2023, 25 % withheld, three holders of 13, 7 and 1 units', () => {
  let offering: Offering;
  let holders: { actor: Actor; investorId: string; units: number }[];
  let payouts: Payout[];
  let firstRunKey: { headers: Record<string, string> };

  beforeAll(async () => {
    ({ offering, holders } = await issuedOffering([13, 7, 1], { rateBps: 300, termMonths: 36, couponFrequency: 'annual', dayCount: 'act_365_fixed', withholdingBps: 2500 }));
    payouts = (await schedule(offering.id)).items;
  }, 60_000);

  // Period 1, 1 Jul 2023 -> 1 Jul 2024, holds 29 Feb 2024: 366 days.
  // units | gross (100.00 x 3 % x 366/365 x units, half up) | withheld 25 % | net
  //  13   | 3910.68 -> 3911                                  |  978          | 2933
  //   7   | 2105.75 -> 2106                                  |  527 (526.5)  | 1579
  //   1   |  300.82 ->  301                                  |   75          |  226
  //  sum  | 6318                                             | 1580          | 4738
  it('writes the schedule at the close: two coupons and the redemption, figured from the register', async () => {
    expect(payouts.map((p) => [p.number, p.kind, p.periodStart, p.paysOn, p.status])).toEqual([
      [1, 'coupon', '2023-07-01', '2024-07-01', 'scheduled'],
      [2, 'coupon', '2024-07-01', '2025-07-01', 'scheduled'],
      [3, 'redemption', '2025-07-01', '2026-07-01', 'scheduled'],
    ]);
    expect(payouts.map((p) => [p.interestMinor, p.withheldMinor, p.netInterestMinor, p.principalMinor, p.holdersTotal])).toEqual([
      [6318, 1580, 4738, 0, 3],
      [6300, 1575, 4725, 0, 3],
      [6300, 1575, 4725, 210_000, 3],
    ]);
    // Only the first may run: the others wait for it.
    expect(payouts.map((p) => p.actions)).toEqual([['run'], [], []]);
  });

  it('runs the coupon as a job: 202, the issuer called and collected, nobody paid yet', async () => {
    firstRunKey = key();
    const res = await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${payouts[0].id}/run`, {}, firstRunKey);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'running', holdersTotal: 3, holdersDone: 0, interestMinor: 6318, withheldMinor: 1580 });
    const posted = await postedFor(payouts[0].id);
    expect(posted.entries).toBe(2);
    // Called (1350 / 2320) then collected (1050 / 1350): the receivable is settled, the coupons owed.
    expect(posted.byAccount).toEqual({ '1050': 6318, '1350': 0, '2320': -6318 });
  });

  it('resumes after a run cut short: one batch paid, then a new run pays only the others', async () => {
    expect(await payHolderBatch(db(), fixture.staff, payouts[0].id, 1)).toEqual({ done: false, paid: 1 });
    const progress = await (await staff.get(`/api/bonds/offerings/${offering.id}/payouts/${payouts[0].id}`)).json();
    expect(progress).toMatchObject({ status: 'running', holdersDone: 1, holdersTotal: 3 });
    // Run again (a new key): it answers the running payout, the job pays the rest.
    const again = await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${payouts[0].id}/run`, {}, key());
    expect(again.status).toBe(202);
    expect((await again.json()).status).toBe('running');
    await payRunningPayouts(db());
    const paid = await (await staff.get(`/api/bonds/offerings/${offering.id}/payouts/${payouts[0].id}`)).json();
    expect(paid).toMatchObject({ status: 'paid', holdersDone: 3, holdersTotal: 3 });
    expect(byUnits(await lines(offering.id, payouts[0].id))).toEqual([
      [13, 3911, 978, 2933, 0],
      [7, 2106, 527, 1579, 0],
      [1, 301, 75, 226, 0],
    ]);
    const posted = await postedFor(payouts[0].id);
    // Call, collection, one entry per holder.
    expect(posted.entries).toBe(5);
    expect(posted.byAccount).toEqual({ '1050': 6318 - 4738, '1350': 0, '2320': 0, '2330': -1580 });
  });

  it('never pays the same coupon twice: 409 on a new run, the first answer replayed on its key', async () => {
    const before = await postedFor(payouts[0].id);
    const res = await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${payouts[0].id}/run`, {}, key());
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toMatch(/already paid|déjà payé/);
    const replay = await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${payouts[0].id}/run`, {}, firstRunKey);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    await payRunningPayouts(db());
    expect(await payHolderBatch(db(), fixture.staff, payouts[0].id)).toEqual({ done: true, paid: 0 });
    expect(await postedFor(payouts[0].id)).toEqual(before);
    expect(await lines(offering.id, payouts[0].id)).toHaveLength(3);
  });

  it('refuses a payout whose predecessor is unpaid, naming it', async () => {
    const early = await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${payouts[2].id}/run`, {}, key());
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toMatch(/n° 2|no. 2/);
  });

  it('records a transfer from the highest bond numbers, and refuses more than the giver holds', async () => {
    const [heir] = await makeInvestors(db(), offering.structureId, 1);
    const heirId = await investorIdOf(heir.id!);
    const [a] = holders;
    const input = { fromInvestorId: a.investorId, toInvestorId: heirId, units: 5, on: '2024-09-01', reason: 'Succession' };
    const res = await staff.post(`/api/bonds/offerings/${offering.id}/transfers`, input, key());
    expect(res.status).toBe(201);
    expect((await res.json()) as Transfer).toMatchObject({ units: 5, transferredOn: '2024-09-01', fromInvestorId: a.investorId, toInvestorId: heirId });

    const tooMany = await staff.post(`/api/bonds/offerings/${offering.id}/transfers`, { ...input, units: 9, on: '2024-10-01' }, key());
    expect(tooMany.status).toBe(422);
    const refused = await tooMany.json();
    expect(refused.error.message).toMatch(/8/);
    expect(refused.error.fields).toHaveProperty('units');
    // Dated on or before a payout already paid: that payout followed the register of its day.
    const backdated = await staff.post(`/api/bonds/offerings/${offering.id}/transfers`, { ...input, units: 1, on: '2024-07-01' }, key());
    expect(backdated.status).toBe(409);

    const register: Holding[] = (await (await staff.get(`/api/bonds/offerings/${offering.id}/holders?limit=200`)).json()).items;
    const ofA = register.filter((h) => h.investorId === a.investorId).map((h) => [h.firstNumber, h.lastNumber, h.heldFrom, h.heldUntil]);
    expect(ofA).toEqual([
      [1, 8, '2023-07-01', null],
      [9, 13, '2023-07-01', '2024-09-01'],
    ]);
    const ofHeir = register.filter((h) => h.investorId === heirId).map((h) => [h.firstNumber, h.lastNumber, h.heldFrom, h.heldUntil, h.origin]);
    expect(ofHeir).toEqual([[9, 13, '2024-09-01', null, 'transfer']]);
    const listed: Transfer[] = (await (await staff.get(`/api/bonds/offerings/${offering.id}/transfers`)).json()).items;
    expect(listed.map((t) => [t.units, t.reason])).toEqual([[5, 'Succession']]);
  });

  // Period 2, 365 days: 300.00 x units; withheld 25 %. Holders of record on 1 July 2025: 8, 7, 5 (the heir), 1.
  it('pays the next coupon to the new holder', async () => {
    const sched = await schedule(offering.id);
    expect(sched.items[1]).toMatchObject({ interestMinor: 6300, withheldMinor: 1575, holdersTotal: 4, actions: ['run'] });
    const res = await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${payouts[1].id}/run`, {}, key());
    expect(res.status).toBe(202);
    await payRunningPayouts(db());
    expect(byUnits(await lines(offering.id, payouts[1].id))).toEqual([
      [8, 2400, 600, 1800, 0],
      [7, 2100, 525, 1575, 0],
      [5, 1500, 375, 1125, 0],
      [1, 300, 75, 225, 0],
    ]);
  });

  it('redeems at maturity through the daily job: principal paid, the offering redeemed, the register closed', async () => {
    const result = await runDuePayouts(db());
    expect(result.refused).toEqual([]);
    const redemption = (await schedule(offering.id)).items[2];
    expect(redemption).toMatchObject({ status: 'paid', holdersDone: 4, interestMinor: 6300, principalMinor: 210_000, actions: [] });
    expect(byUnits(await lines(offering.id, payouts[2].id))).toEqual([
      [8, 2400, 600, 1800, 80_000],
      [7, 2100, 525, 1575, 70_000],
      [5, 1500, 375, 1125, 50_000],
      [1, 300, 75, 225, 10_000],
    ]);
    expect(await postedFor(payouts[2].id)).toEqual({ entries: 6, byAccount: { '1050': 1575, '1360': 0, '1350': 0, '2320': 0, '2330': -1575, '2340': 0 } });
    const after: Offering = await (await staff.get(`/api/bonds/offerings/${offering.id}`)).json();
    expect(after).toMatchObject({ status: 'redeemed', redeemedOn: '2026-07-01' });
    const register: Holding[] = (await (await staff.get(`/api/bonds/offerings/${offering.id}/holders?limit=200`)).json()).items;
    expect(register.filter((h) => h.heldUntil === null)).toEqual([]);
    const again = await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${payouts[2].id}/run`, {}, key());
    expect(again.status).toBe(409);
  });

  it('keeps the trust books balanced, the tax withheld owed to the authority', async () => {
    expect((await trialBalance(db(), { fundId: trustFundId }, STAFF_VIEWER)).balanced).toBe(true);
    const [withheld] = await rows<{ owed: string }>(sql`
      select sum(l.credit_minor - l.debit_minor) as owed from journal_lines l join ledger_accounts a on a.id = l.account_id
      join journal_entries e on e.id = l.entry_id
      where a.code = '2330' and e.source_type = 'bond_payout' and e.source_id in (${sql.join(payouts.map((p) => sql`${p.id}`), sql`, `)})`);
    expect(Number(withheld.owed)).toBe(1580 + 1575 + 1575);
  });

  it('exports every payout line of the offering as CSV', async () => {
    const res = await staff.get(`/api/bonds/offerings/${offering.id}/payout-lines.csv`);
    expect(res.status).toBe(200);
    const rowsOfCsv = (await res.text()).trim().split('\n');
    expect(rowsOfCsv[0]).toContain('payout,kind,pays_on,holder,units,gross_minor,withheld_minor,net_minor,principal_minor');
    // 3 holders paid the first coupon, 4 the second and the redemption.
    expect(rowsOfCsv).toHaveLength(1 + 3 + 4 + 4);
    expect(rowsOfCsv.filter((r) => r.startsWith('3,redemption,2026-07-01,') && r.includes(',8,2400,600,1800,80000,'))).toHaveLength(1);
  });
});

describe('early redemption (allowed from 1 January 2024), two holders of 4 and 6 units, nothing withheld', () => {
  let offering: Offering;

  beforeAll(async () => {
    ({ offering } = await issuedOffering([4, 6], { rateBps: 300, termMonths: 36, couponFrequency: 'annual', dayCount: 'act_365_fixed', earlyRedemptionFrom: '2024-01-01' }));
  }, 60_000);

  it('is refused before the day the terms allow, at maturity, and on offerings without it', async () => {
    const early = await staff.post(`/api/bonds/offerings/${offering.id}/early-redemption`, { on: '2023-12-01' }, key());
    expect(early.status).toBe(422);
    expect((await early.json()).error.fields).toHaveProperty('on');
    expect((await staff.post(`/api/bonds/offerings/${offering.id}/early-redemption`, { on: '2026-07-01' }, key())).status).toBe(422);
    const { offering: plain } = await issuedOffering([1]);
    expect((await staff.post(`/api/bonds/offerings/${plain.id}/early-redemption`, { on: '2025-01-01' }, key())).status).toBe(422);
  });

  // The coupon of 1 July 2024 stays; from 1 July 2024 to 1 January 2025: 184 days, 300.00 x 184/365 a 100-unit... per unit 151.23.
  // 4 units: 1200 x 184/365 = 604.93 -> 605; 6 units: 1800 x 184/365 = 907.40 -> 907.
  it('replaces the payouts from that day on by one: the interest accrued since the last coupon and the principal', async () => {
    const res = await staff.post(`/api/bonds/offerings/${offering.id}/early-redemption`, { on: '2025-01-01' }, key());
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ number: 2, kind: 'early_redemption', periodStart: '2024-07-01', paysOn: '2025-01-01', interestMinor: 605 + 907, principalMinor: 100_000, withheldMinor: 0 });
    const sched = await schedule(offering.id);
    expect(sched.items.map((p) => [p.number, p.kind, p.paysOn])).toEqual([
      [1, 'coupon', '2024-07-01'],
      [2, 'early_redemption', '2025-01-01'],
    ]);
    expect((await staff.post(`/api/bonds/offerings/${offering.id}/early-redemption`, { on: '2025-02-01' }, key())).status).toBe(409);
  });

  // Coupon 1 (366 days): 4 units 1203.29 -> 1203; 6 units 1804.93 -> 1805.
  it('pays both through the daily job and redeems the offering on that day', async () => {
    await runDuePayouts(db());
    const sched = await schedule(offering.id);
    expect(sched.items.map((p) => p.status)).toEqual(['paid', 'paid']);
    expect(byUnits(await lines(offering.id, sched.items[0].id))).toEqual([
      [6, 1805, 0, 1805, 0],
      [4, 1203, 0, 1203, 0],
    ]);
    expect(byUnits(await lines(offering.id, sched.items[1].id))).toEqual([
      [6, 907, 0, 907, 60_000],
      [4, 605, 0, 605, 40_000],
    ]);
    const after: Offering = await (await staff.get(`/api/bonds/offerings/${offering.id}`)).json();
    expect(after).toMatchObject({ status: 'redeemed', redeemedOn: '2025-01-01' });
    expect((await trialBalance(db(), { fundId: trustFundId }, STAFF_VIEWER)).balanced).toBe(true);
  });
});

describe('the run route and the jobs', () => {
  it('wakes the payout job once the run is answered', async () => {
    const woken: string[] = [];
    const jobs: JobsHandle = { wake: (name) => void woken.push(name), trigger: async () => null, isWorking: true, definitions: JOB_DEFINITIONS };
    const app = createApp({ database: ctx.database, jobs });
    const client = await new TestClient(app).signIn(demoEmailFor('staff'));
    const { offering } = await issuedOffering([2]);
    const first = (await schedule(offering.id)).items[0];
    const res = await client.post(`/api/bonds/offerings/${offering.id}/payouts/${first.id}/run`, {}, key());
    expect(res.status).toBe(202);
    expect(woken).toEqual([PAY_PAYOUTS_JOB]);
    // A refused run wakes nothing.
    const later = (await schedule(offering.id)).items[2];
    expect((await client.post(`/api/bonds/offerings/${offering.id}/payouts/${later.id}/run`, {}, key())).status).toBe(409);
    expect(woken).toEqual([PAY_PAYOUTS_JOB]);
    await payRunningPayouts(db());
  });

  it('pays each holder once when two runners pay one payout at the same time', async () => {
    const { offering } = await issuedOffering([3, 2, 1]);
    const first = (await schedule(offering.id)).items[0];
    expect((await staff.post(`/api/bonds/offerings/${offering.id}/payouts/${first.id}/run`, {}, key())).status).toBe(202);
    await Promise.all([payPayout(db(), fixture.staff, first.id, 1), payPayout(db(), fixture.staff, first.id, 1), payRunningPayouts(db())]);
    // 300.00 x 366/365 a unit (3 %, the fixture's rate): 902.47 -> 902, 601.64 -> 602, 300.82 -> 301.
    expect(byUnits(await lines(offering.id, first.id))).toEqual([
      [3, 902, 0, 902, 0],
      [2, 602, 0, 602, 0],
      [1, 301, 0, 301, 0],
    ]);
    expect((await postedFor(first.id)).entries).toBe(2 + 3);
    // A transfer dated after maturity (the redemption not yet run) finds nothing left to move.
    const holders = await rows<{ investor_id: string }>(sql`select distinct investor_id::text from bond_holdings where offering_id = ${offering.id}::uuid`);
    const late = await staff.post(`/api/bonds/offerings/${offering.id}/transfers`, { fromInvestorId: holders[0].investor_id, toInvestorId: holders[1].investor_id, units: 1, on: '2026-08-01', reason: 'Trop tard' }, key());
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toMatch(/2026-07-01/);
  });

  it('declares the payout jobs', () => {
    expect(JOB_DEFINITIONS.map((d) => d.name)).toEqual(expect.arrayContaining(['bonds.pay-payouts', 'bonds.run-due-payouts']));
  });
});
