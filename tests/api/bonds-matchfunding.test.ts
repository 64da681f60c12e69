import { matchOf } from '@essor/shared/bond-matchfunding';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { systemUser } from '../../api/src/lib/scope';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { closeOffering } from '../../api/src/modules/bonds/closing';
import { pledgeMatch } from '../../api/src/modules/bonds/matchfunding';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { subscribe } from '../../api/src/modules/bonds/subscriptions';
import { availableOf } from '../../api/src/modules/funds/availability';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { createBondsFixture, daysFrom, draftOffering, makeInvestors, openedOffering, type BondsFixture } from '../support/bonds-fixtures';
import { createFundWithCapital } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: BondsFixture;
let staff: TestClient;
let manager: TestClient;
let investor: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(ctx.database.db);
  staff = await ctx.as('staff');
  manager = await ctx.as('fund_manager');
  investor = await ctx.as('investor');
}, 60_000);
afterAll(() => ctx.close());

const db = () => ctx.database.db;
let keys = 0;
const key = () => ({ headers: { 'Idempotency-Key': `match-test-${Date.now()}-${keys++}` } });

/** A fund's balance per account code (debit minus credit), from its journal. */
async function balances(fundId: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ code: string; balance: string }>(
    await db().execute(sql`select a.code, sum(l.debit_minor - l.credit_minor) as balance from journal_lines l
      join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
      where e.fund_id = ${fundId}::uuid group by a.code having sum(l.debit_minor - l.credit_minor) <> 0`),
  );
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.balance)]));
}

/** What one subscription moved on a trust account, debit minus credit. */
async function trustOf(subscriptionId: string, code: string): Promise<number> {
  const [row] = rowsOf<{ balance: string | null }>(
    await db().execute(sql`select coalesce(sum(l.debit_minor - l.credit_minor), 0) as balance from journal_lines l
      join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
      where a.code = ${code} and e.source_type = 'bond_subscription' and e.source_id = ${subscriptionId}`),
  );
  return Number(row.balance ?? 0);
}

async function pledgeRow(id: string) {
  return rowsOf<{ status: string; matched_minor: string }>(await db().execute(sql`select status, matched_minor from bond_match_pledges where id = ${id}::uuid`))[0];
}

const fund = (capitalMinor: number) => createFundWithCapital(db(), fixture, { type: 'co_financing', capitalMinor });
const managerUser = () => systemUser(db(), { id: fixture.manager.id!, email: fixture.manager.email!, name: 'Gestionnaire' });

describe('the match figure', () => {
  it('is the paid amount times the ratio, rounded half up, never above the cap', () => {
    expect(matchOf(112_545, 10_000, 100_000)).toBe(100_000); // 1 for 1, capped
    expect(matchOf(112_545, 5_000, 80_000)).toBe(56_273); // 56 272.5 rounds up
    expect(matchOf(1_003, 5_000, 10_000)).toBe(502); // 501.5 rounds up
    expect(matchOf(1_001, 3_333, 10_000)).toBe(334); // 333.63
    expect(matchOf(1_004, 3_333, 10_000)).toBe(335); // 334.63
    expect(matchOf(1_000, 2_500, 10_000)).toBe(250);
  });
});

describe('matchfunding an offering', () => {
  it('closed above the minimum: each fund pays exactly its match to the issuer and the rest of its cap is released', async () => {
    // 45 units of 25.01 $ paid = 1 125.45 $ (112 545 cents).
    const offering = await openedOffering(db(), fixture, { unitPriceMinor: 2_501, minUnits: 40, maxUnits: 45, maxUnitsPerPerson: 15 });
    const fundA = await fund(1_000_000);
    const fundB = await fund(500_000);
    // Fund A: 1 for 1, capped at 1 000 $ (below the raise). Fund B: 0.5 for 1 up to 800 $ (not reached).
    const a = await manager.post(`/api/bonds/offerings/${offering.id}/match-pledges`, { fundId: fundA, ratioBps: 10_000, capMinor: 100_000, note: 'Ville' }, key());
    expect(a.status).toBe(201);
    const pledgeA = await a.json();
    expect(pledgeA).toMatchObject({ status: 'pledged', capMinor: 100_000, matchedMinor: 0, matchedSoFarMinor: 0 });
    const pledgeB = await pledgeMatch(db(), fixture.manager, await managerUser(), offering.id, { fundId: fundB, ratioBps: 5_000, capMinor: 80_000, note: '' });
    // The caps are committed at once: what the funds have left to promise.
    expect(await balances(fundA)).toEqual({ '1000': 1_000_000, '2000': -100_000, '3000': -1_000_000, '5000': 100_000 });
    expect((await availableOf(db(), fundA, todayUtc())).availableMinor).toBe(900_000);
    expect((await availableOf(db(), fundB, todayUtc())).availableMinor).toBe(420_000);

    const people = await makeInvestors(db(), offering.structureId, 3);
    for (const person of people) {
      const sub = await subscribe(db(), person, person.id!, offering.id, 15);
      await confirmPayment(db(), fixture.staff, sub.id, { amountMinor: 15 * 2_501, receivedOn: todayUtc() });
    }
    // The public page shows what the pledges would give on what is paid now.
    const pub = await (await ctx.client().get(`/api/bonds/public/offerings/${offering.id}`)).json();
    expect(pub).toMatchObject({ paidUnits: 45, matchedSoFarMinor: 100_000 + 56_273, matchPledgedCapMinor: 180_000 });
    const listed = await (await staff.get(`/api/bonds/offerings/${offering.id}/match-pledges`)).json();
    expect(listed.map((p: { matchedSoFarMinor: number }) => p.matchedSoFarMinor).sort()).toEqual([100_000, 56_273].sort());

    const closed = await closeOffering(db(), fixture.staff, offering.id);
    expect(closed.status).toBe('active');
    // Fund A pays 1 000 $ (its whole cap); fund B pays 562.73 $ and gets back 237.27 $.
    expect(await balances(fundA)).toEqual({ '1000': 900_000, '3000': -1_000_000, '5000': 100_000 });
    expect(await balances(fundB)).toEqual({ '1000': 443_727, '3000': -500_000, '5000': 56_273 });
    expect(await pledgeRow(pledgeA.id)).toMatchObject({ status: 'posted' });
    expect(Number((await pledgeRow(pledgeA.id)).matched_minor)).toBe(100_000);
    expect(Number((await pledgeRow(pledgeB.id)).matched_minor)).toBe(56_273);
    expect((await availableOf(db(), fundB, todayUtc())).availableMinor).toBe(443_727);
    expect((await trialBalance(db(), { fundId: fundB }, STAFF_VIEWER)).balanced).toBe(true);
    // Closing again posts nothing more.
    await closeOffering(db(), fixture.manager, offering.id);
    const [{ n }] = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from journal_entries where source_type = 'bond_match_pledge' and source_id in (${pledgeA.id}, ${pledgeB.id})`));
    expect(n).toBe(2 + 2 + 1); // two commitments; A paid; B paid and released
    const after = await (await ctx.client().get(`/api/bonds/public/offerings/${offering.id}`)).json();
    expect(after.matchedSoFarMinor).toBe(156_273);
  });

  it('a failed close posts no match and releases every cap', async () => {
    const offering = await openedOffering(db(), fixture, { minUnits: 40, maxUnits: 100 });
    const fundC = await fund(300_000);
    const pledge = await pledgeMatch(db(), fixture.manager, await managerUser(), offering.id, { fundId: fundC, ratioBps: 10_000, capMinor: 250_000, note: '' });
    const [person] = await makeInvestors(db(), offering.structureId, 1);
    const sub = await subscribe(db(), person, person.id!, offering.id, 10);
    await confirmPayment(db(), fixture.staff, sub.id, { amountMinor: 100_000, receivedOn: todayUtc() });
    await db().execute(sql`update bond_offerings set closes_on = ${daysFrom(todayUtc(), -1)}::date where id = ${offering.id}::uuid`);
    const closed = await closeOffering(db(), fixture.staff, offering.id);
    expect(closed.status).toBe('failed');
    expect(await balances(fundC)).toEqual({ '1000': 300_000, '3000': -300_000 });
    expect(await pledgeRow(pledge.id)).toMatchObject({ status: 'released' });
    expect(Number((await pledgeRow(pledge.id)).matched_minor)).toBe(0);
    const paidOut = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from journal_entries where source_id = ${pledge.id} and kind = 'disbursement'`))[0];
    expect(paidOut.n).toBe(0);
  });

  it('refuses a cap above what the fund has available (422), trust books, and a second pledge of the same fund', async () => {
    const offering = await openedOffering(db(), fixture);
    const small = await fund(100_000);
    const tooMuch = await manager.post(`/api/bonds/offerings/${offering.id}/match-pledges`, { fundId: small, ratioBps: 10_000, capMinor: 100_001 }, key());
    expect(tooMuch.status).toBe(422);
    expect((await tooMuch.json()).error.fields).toHaveProperty('capMinor');
    expect(await balances(small)).toEqual({ '1000': 100_000, '3000': -100_000 });
    const trust = await manager.post(`/api/bonds/offerings/${offering.id}/match-pledges`, { fundId: fixture.trustFundId, ratioBps: 10_000, capMinor: 1_000 }, key());
    expect(trust.status).toBe(422);
    expect((await manager.post(`/api/bonds/offerings/${offering.id}/match-pledges`, { fundId: small, ratioBps: 10_000, capMinor: 100_000 }, key())).status).toBe(201);
    expect((await manager.post(`/api/bonds/offerings/${offering.id}/match-pledges`, { fundId: small, ratioBps: 5_000, capMinor: 1_000 }, key())).status).toBe(409);
  });

  it('two pledges racing for the same money: one is committed, the other refused', async () => {
    const [first, second] = [await openedOffering(db(), fixture), await openedOffering(db(), fixture)];
    const f = await fund(100_000);
    const user = await managerUser();
    const results = await Promise.allSettled([first, second].map((o) => pledgeMatch(db(), fixture.manager, user, o.id, { fundId: f, ratioBps: 10_000, capMinor: 60_000, note: '' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)).toEqual([422]);
    expect(await balances(f)).toEqual({ '1000': 100_000, '2000': -60_000, '3000': -100_000, '5000': 60_000 });
  });

  it('a withdrawn pledge gives its whole cap back before the close', async () => {
    const offering = await openedOffering(db(), fixture);
    const f = await fund(200_000);
    const pledge = await (await manager.post(`/api/bonds/offerings/${offering.id}/match-pledges`, { fundId: f, ratioBps: 10_000, capMinor: 150_000 }, key())).json();
    const res = await manager.post(`/api/bonds/match-pledges/${pledge.id}/withdraw`, {}, key());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'released', matchedMinor: 0 });
    expect(await balances(f)).toEqual({ '1000': 200_000, '3000': -200_000 });
    expect((await availableOf(db(), f, todayUtc())).availableMinor).toBe(200_000);
  });

  it('only a fund manager pledges, withdraws or cancels', async () => {
    const offering = await openedOffering(db(), fixture);
    const f = await fund(50_000);
    const body = { fundId: f, ratioBps: 10_000, capMinor: 10_000 };
    expect((await staff.post(`/api/bonds/offerings/${offering.id}/match-pledges`, body, key())).status).toBe(403);
    expect((await investor.post(`/api/bonds/offerings/${offering.id}/match-pledges`, body, key())).status).toBe(403);
    expect((await staff.post(`/api/bonds/offerings/${offering.id}/cancel`, { reason: 'Projet abandonné' }, key())).status).toBe(403);
    expect((await investor.post(`/api/bonds/offerings/${offering.id}/cancel`, { reason: 'Projet abandonné' }, key())).status).toBe(403);
    expect(await balances(f)).toEqual({ '1000': 50_000, '3000': -50_000 });
  });
});

describe('cancelling an offering', () => {
  it('refunds each paid subscription, cancels the rest, releases the pledges and tells each subscriber', async () => {
    const offering = await openedOffering(db(), fixture, { unitPriceMinor: 10_000, minUnits: 10, maxUnits: 30, maxUnitsPerPerson: 20 });
    const f = await fund(400_000);
    const pledge = await pledgeMatch(db(), fixture.manager, await managerUser(), offering.id, { fundId: f, ratioBps: 10_000, capMinor: 300_000, note: '' });
    const [a, b, c, d] = await makeInvestors(db(), offering.structureId, 4);
    const sa = await subscribe(db(), a, a.id!, offering.id, 12);
    const sb = await subscribe(db(), b, b.id!, offering.id, 5);
    const sc = await subscribe(db(), c, c.id!, offering.id, 10);
    const sd = await subscribe(db(), d, d.id!, offering.id, 6); // waitlisted: 27 of 30 units taken
    expect(sd.status).toBe('waitlisted');
    await confirmPayment(db(), fixture.staff, sa.id, { amountMinor: 120_000, receivedOn: todayUtc() });
    await confirmPayment(db(), fixture.staff, sb.id, { amountMinor: 20_000, receivedOn: todayUtc() }); // a part only
    expect(await trustOf(sa.id, '1050')).toBe(120_000);

    const res = await manager.post(`/api/bonds/offerings/${offering.id}/cancel`, { reason: 'Le local a été perdu' }, key());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'cancelled', cancelledReason: 'Le local a été perdu', paidUnits: 0, reservedUnits: 0 });
    for (const s of [sa, sb, sc, sd]) {
      expect(await trustOf(s.id, '1050')).toBe(0);
      expect(await trustOf(s.id, '2300')).toBe(0);
    }
    const refunded = rowsOf<{ source_id: string; amount: string }>(
      await db().execute(sql`select e.source_id, sum(l.credit_minor) as amount from journal_entries e join journal_lines l on l.entry_id = e.id
        join ledger_accounts a on a.id = l.account_id where e.kind = 'subscription_refund' and a.code = '1050' and e.source_id in (${sa.id}, ${sb.id}, ${sc.id}, ${sd.id}) group by e.source_id`),
    );
    expect(Object.fromEntries(refunded.map((r) => [r.source_id, Number(r.amount)]))).toEqual({ [sa.id]: 120_000, [sb.id]: 20_000 });
    const statuses = rowsOf<{ id: string; status: string }>(await db().execute(sql`select id, status from bond_subscriptions where offering_id = ${offering.id}::uuid`));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [sa.id]: 'refunded', [sb.id]: 'refunded', [sc.id]: 'cancelled', [sd.id]: 'cancelled' });
    expect(await pledgeRow(pledge.id)).toMatchObject({ status: 'released' });
    expect(await balances(f)).toEqual({ '1000': 400_000, '3000': -400_000 });
    const told = rowsOf<{ user_id: string }>(await db().execute(sql`select user_id from notifications where kind = 'bond.offering_cancelled' and event_key in (${sa.id}, ${sb.id}, ${sc.id}, ${sd.id})`));
    expect(told.map((t) => t.user_id).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
    expect((await trialBalance(db(), { fundId: offering.trustFundId }, STAFF_VIEWER)).balanced).toBe(true);

    // Cancelling again answers the offering as it stands, and posts nothing.
    const again = await manager.post(`/api/bonds/offerings/${offering.id}/cancel`, { reason: 'Encore' }, key());
    expect(again.status).toBe(200);
    expect((await again.json()).cancelledReason).toBe('Le local a été perdu');
    const [{ n }] = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from journal_entries where kind = 'subscription_refund' and source_id in (${sa.id}, ${sb.id})`));
    expect(n).toBe(2);
    // A cancelled offering takes no pledge.
    expect((await manager.post(`/api/bonds/offerings/${offering.id}/match-pledges`, { fundId: f, ratioBps: 10_000, capMinor: 1_000 }, key())).status).toBe(409);
  });

  it('cancels a draft too, with nothing to refund; a reason is required', async () => {
    const offering = await draftOffering(db(), fixture);
    expect((await manager.post(`/api/bonds/offerings/${offering.id}/cancel`, { reason: 'Ab' }, key())).status).toBe(400);
    const res = await manager.post(`/api/bonds/offerings/${offering.id}/cancel`, { reason: 'Émetteur retiré' }, key());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'cancelled', cancelledReason: 'Émetteur retiré' });
  });
});
