import type { OfferingUptake } from '@essor/shared/bonds';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../api/src/lib/audit';
import { closeOffering } from '../../api/src/modules/bonds/closing';
import { decideOffering, openOffering, submitOffering } from '../../api/src/modules/bonds/offerings';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { cancelMySubscription, subscribe } from '../../api/src/modules/bonds/subscriptions';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { createBondsFixture, daysFrom, draftOffering, makeInvestors, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: BondsFixture;
let staff: TestClient;
const db = () => ctx.database.db;
const today = todayUtc();
/** Day n of the offering: day 0 is its opening, ten days ago; day 10 is today. */
const day = (n: number) => daysFrom(today, n - 10);
const noon = (n: number) => new Date(`${day(n)}T12:00:00Z`);

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(ctx.database.db);
  staff = await ctx.as('staff');
}, 60_000);
afterAll(() => ctx.close());

/** Drafted, approved (four eyes) and opened on day 0: 100 units of 100.00 CAD, 40 at least. */
async function offeringOpenedOnDay0(closesOn: string) {
  const draft = await draftOffering(db(), fixture, { opensOn: day(0), closesOn, unitPriceMinor: 10_000, maxUnits: 100, minUnits: 40, maxUnitsPerPerson: 20 });
  await submitOffering(db(), fixture.staff, draft.id);
  await decideOffering(db(), fixture.manager, draft.id, 'approve', '');
  await openOffering(db(), fixture.manager, draft.id, day(0));
  return draft;
}

/** Confirms a payment received on day n; a payment that completes the subscription is dated that day too. */
async function pay(subscriptionId: string, amountMinor: number, n: number) {
  const paid = await confirmPayment(db(), fixture.staff, subscriptionId, { amountMinor, receivedOn: day(n) });
  // The service stamps paidAt with the moment it runs; the story below happened over ten days.
  if (paid.status === 'paid') await db().execute(sql`update bond_subscriptions set paid_at = ${noon(n).toISOString()}::timestamptz where id = ${subscriptionId}::uuid`);
}

async function uptake(id: string): Promise<OfferingUptake> {
  const res = await staff.get(`/api/bonds/offerings/${id}/uptake`);
  expect(res.status).toBe(200);
  return res.json();
}

const row = (n: number, reservedUnits: number, paidUnits: number, paidAmountMinor: number) => ({ date: day(n), reservedUnits, paidUnits, paidAmountMinor });

describe('offering uptake, day by day', () => {
  it('has no days before the opening', async () => {
    const draft = await draftOffering(db(), fixture);
    const series = await uptake(draft.id);
    expect(series).toMatchObject({ offeringId: draft.id, currency: 'CAD', maxUnits: 100, minUnits: 40, points: [] });
  });

  it('follows reservations, payments and a withdrawal, as the table worked out by hand', async () => {
    const offering = await offeringOpenedOnDay0(daysFrom(today, 30));
    const [a, b, c, d] = await makeInvestors(db(), offering.structureId, 4);
    const userId = (x: Actor) => x.id!;
    const subA = await subscribe(db(), a, userId(a), offering.id, 10, noon(1));
    const subB = await subscribe(db(), b, userId(b), offering.id, 5, noon(2));
    await pay(subA.id, 100_000, 3);
    await pay(subB.id, 20_000, 4);
    const subC = await subscribe(db(), c, userId(c), offering.id, 20, noon(5));
    const subD = await subscribe(db(), d, userId(d), offering.id, 3, noon(5));
    await cancelMySubscription(db(), d, userId(d), subD.id, noon(6));
    await pay(subC.id, 200_000, 7);

    // day: reserved (A 10 from 1 to 3, B 5 from 2 on, C 20 from 5 to 7, D 3 from 5 to 6) | paid (A 10 from 3, C 20 from 7) | money (A 1000.00 on 3, B 200.00 on 4, C 2000.00 on 7)
    const expected = [
      row(0, 0, 0, 0),
      row(1, 10, 0, 0),
      row(2, 15, 0, 0),
      row(3, 5, 10, 100_000),
      row(4, 5, 10, 120_000),
      row(5, 28, 10, 120_000),
      row(6, 25, 10, 120_000),
      row(7, 5, 30, 320_000),
      row(8, 5, 30, 320_000),
      row(9, 5, 30, 320_000),
      row(10, 5, 30, 320_000),
    ];
    const series = await uptake(offering.id);
    expect(series.points).toEqual(expected);
    // The last point is what the offering's own counters say now.
    const now = await (await staff.get(`/api/bonds/offerings/${offering.id}`)).json();
    expect([now.reservedUnits, now.paidUnits]).toEqual([5, 30]);
  });

  it('drops refunded units on the day an offering below its minimum closes, and keeps the money received', async () => {
    const offering = await offeringOpenedOnDay0(day(8));
    const [a, b] = await makeInvestors(db(), offering.structureId, 2);
    const subA = await subscribe(db(), a, a.id!, offering.id, 10, noon(1));
    await pay(subA.id, 100_000, 2);
    await subscribe(db(), b, b.id!, offering.id, 5, noon(3));
    const closed = await closeOffering(db(), fixture.manager, offering.id, today);
    expect(closed.status).toBe('failed');

    // The close runs today (day 10): A's 10 paid units are refunded, B's unpaid 5 cancelled.
    const expected = [
      row(0, 0, 0, 0),
      row(1, 10, 0, 0),
      row(2, 0, 10, 100_000),
      ...[3, 4, 5, 6, 7, 8, 9].map((n) => row(n, 5, 10, 100_000)),
      row(10, 0, 0, 100_000),
    ];
    expect((await uptake(offering.id)).points).toEqual(expected);
  });

  it('is refused to an investor and unknown for an offering that does not exist', async () => {
    const investor = await ctx.as('investor');
    const draft = await draftOffering(db(), fixture);
    expect((await investor.get(`/api/bonds/offerings/${draft.id}/uptake`)).status).toBe(403);
    expect((await staff.get('/api/bonds/offerings/00000000-0000-4000-8000-000000000000/uptake')).status).toBe(404);
  });
});

describe('offerings list search', () => {
  it("finds offerings by words of their code, title or issuer's name, and a wildcard is taken literally", async () => {
    const a = await draftOffering(db(), fixture, { title: 'Toiture solaire du marché' });
    const b = await draftOffering(db(), fixture, { title: 'Cuisine collective' });
    const found = async (q: string) => ((await (await staff.get(`/api/bonds/offerings?q=${encodeURIComponent(q)}&limit=200`)).json()).items as { id: string }[]).map((o) => o.id);
    expect(await found('toiture SOLAIRE')).toContain(a.id);
    expect(await found('toiture SOLAIRE')).not.toContain(b.id);
    expect(await found(b.code.toLowerCase())).toEqual([b.id]);
    expect(await found(a.issuerName.slice(0, 6))).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await found('%')).toEqual([]);
  });
});
