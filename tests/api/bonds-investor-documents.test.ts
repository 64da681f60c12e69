import type { MyPayouts } from '@essor/shared/bond-investor';
import type { Offering, Subscription } from '@essor/shared/bonds';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bondPayoutLines, bondPayouts } from '../../api/src/db/schema/bonds';
import type { Actor } from '../../api/src/lib/audit';
import { closeOffering } from '../../api/src/modules/bonds/closing';
import { certificateNumber } from '../../api/src/modules/bonds/investor-documents';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { createBondsFixture, makeInvestors, openedOffering, sessionFor, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
let fixture: BondsFixture;
let offering: Offering;
let people: Actor[];
let alice: TestClient;
let bruno: TestClient;
let aliceSub: Subscription;
let brunoSub: Subscription;
let keys = 0;
const key = () => ({ headers: { 'Idempotency-Key': `investor-docs-${Date.now()}-${keys++}` } });
const db = () => ctx.database.db;

async function subscribeAndPay(client: TestClient, units: number): Promise<Subscription> {
  const res = await client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units }, key());
  expect(res.status).toBe(201);
  const sub = (await res.json()) as Subscription;
  return confirmPayment(db(), fixture.staff, sub.id, { amountMinor: sub.amountMinor, receivedOn: todayUtc() });
}

/**
 * The hand table: what the coupon runs paid each holder (a 10 000 CAD offering at 3 %, 15 % withheld).
 * Alice holds 6 bonds of 100 CAD, Bruno 4.
 */
const PAID = [
  { number: 1, kind: 'coupon' as const, paysOn: '2027-06-30', lines: { alice: { gross: 1_800, withheld: 270, principal: 0 }, bruno: { gross: 1_200, withheld: 180, principal: 0 } } },
  { number: 2, kind: 'coupon' as const, paysOn: '2027-12-31', lines: { alice: { gross: 1_801, withheld: 271, principal: 0 }, bruno: { gross: 1_199, withheld: 180, principal: 0 } } },
  { number: 3, kind: 'coupon' as const, paysOn: '2028-06-30', lines: { alice: { gross: 1_795, withheld: 269, principal: 0 } } },
];
/** Alice's statement for 2027, added up by hand: 1800 + 1801, 270 + 271, nets 1530 + 1530. */
const ALICE_2027 = { gross: 3_601, withheld: 541, net: 3_060, principal: 0, lines: 2 };

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(db());
  offering = await openedOffering(db(), fixture, { maxUnits: 10, minUnits: 5, maxUnitsPerPerson: 10, unitPriceMinor: 10_000, rateBps: 300 });
  people = await makeInvestors(db(), ROOT_STRUCTURE_ID, 3);
  alice = await sessionFor(db(), ctx.app, people[0].id!);
  bruno = await sessionFor(db(), ctx.app, people[1].id!);
  aliceSub = await subscribeAndPay(alice, 6);
  brunoSub = await subscribeAndPay(bruno, 4);
  // Every unit paid: the offering may close now and allot bonds 1-6 to Alice, 7-10 to Bruno.
  await closeOffering(db(), fixture.manager, offering.id);
  // The close schedules the offering's payouts; this test pays its own hand table instead.
  await db().delete(bondPayouts).where(eq(bondPayouts.offeringId, offering.id));
  const investorOf = { alice: aliceSub.investorId, bruno: brunoSub.investorId };
  for (const payout of PAID) {
    const [row] = await db()
      .insert(bondPayouts)
      .values({ structureId: ROOT_STRUCTURE_ID, offeringId: offering.id, number: payout.number, kind: payout.kind, periodStart: payout.paysOn, periodEnd: payout.paysOn, paysOn: payout.paysOn, status: 'paid' })
      .returning();
    for (const [who, line] of Object.entries(payout.lines)) {
      await db()
        .insert(bondPayoutLines)
        .values({
          structureId: ROOT_STRUCTURE_ID,
          payoutId: row.id,
          investorId: investorOf[who as keyof typeof investorOf],
          units: who === 'alice' ? 6 : 4,
          grossMinor: line.gross,
          withheldMinor: line.withheld,
          netMinor: line.gross - line.withheld,
          principalMinor: line.principal,
          paidOn: payout.paysOn,
        });
    }
  }
  // Still to come: the next coupon, scheduled for 3 000 CAD cents of interest on the 10 bonds.
  await db().insert(bondPayouts).values({ structureId: ROOT_STRUCTURE_ID, offeringId: offering.id, number: 4, kind: 'coupon', periodStart: '2028-07-01', periodEnd: '2028-12-31', paysOn: '2028-12-31', status: 'scheduled', interestMinor: 3_000 });
}, 120_000);
afterAll(() => ctx.close());

describe('bond certificates', () => {
  it("gives the holder a PDF of their own allotted bonds, numbered", async () => {
    const res = await alice.get(`/api/bonds/me/subscriptions/${aliceSub.id}/certificate.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The document's title names this subscription's certificate, and no other.
    const number = certificateNumber(offering.code, aliceSub.seq);
    expect(bytes.toString('latin1')).toContain(`Certificat ${number}`);
    expect(res.headers.get('content-disposition')).toContain(number);
  });

  it("is not found for another investor, nor for staff of another structure", async () => {
    expect((await bruno.get(`/api/bonds/me/subscriptions/${aliceSub.id}/certificate.pdf`)).status).toBe(404);
    const carol = await sessionFor(db(), ctx.app, people[2].id!);
    expect((await carol.get(`/api/bonds/me/subscriptions/${aliceSub.id}/certificate.pdf`)).status).toBe(404);
    const elsewhere = await makeStructure(db(), 'Incubateur voisin');
    const foreignStaff = await memberOf(ctx, elsewhere, ['staff']);
    expect((await foreignStaff.get(`/api/bonds/subscriptions/${aliceSub.id}/certificate.pdf`)).status).toBe(404);
  });

  it("lets staff of the offering's structure reprint it, and refuses one not allotted", async () => {
    const staff = await ctx.as('staff');
    const res = await staff.get(`/api/bonds/subscriptions/${brunoSub.id}/certificate.pdf`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toContain(`Certificat ${certificateNumber(offering.code, brunoSub.seq)}`);
    const pending = await openedOffering(db(), fixture, { maxUnits: 10, minUnits: 5, maxUnitsPerPerson: 10 });
    const reserved = await alice.post(`/api/bonds/offerings/${pending.id}/subscriptions`, { units: 2 }, key());
    const sub = (await reserved.json()) as Subscription;
    expect((await alice.get(`/api/bonds/me/subscriptions/${sub.id}/certificate.pdf`)).status).toBe(409);
  });
});

describe('payouts and yearly statements', () => {
  it('lists what was paid to me and what is still to come on the bonds I hold', async () => {
    const res = await alice.get('/api/bonds/me/payouts');
    expect(res.status).toBe(200);
    const body = (await res.json()) as MyPayouts;
    expect(body.paid.map((l) => [l.paidOn, l.grossMinor, l.withheldMinor, l.netMinor])).toEqual([
      ['2028-06-30', 1_795, 269, 1_526],
      ['2027-12-31', 1_801, 271, 1_530],
      ['2027-06-30', 1_800, 270, 1_530],
    ]);
    expect(body.statementYears).toEqual([2028, 2027]);
    expect(body.holdings).toEqual([expect.objectContaining({ offeringCode: offering.code, subscriptionId: aliceSub.id, firstNumber: 1, lastNumber: 6, units: 6 })]);
    // 3 000 of interest on 10 bonds, 6 of them Alice's: 1 800.
    expect(body.upcoming).toEqual([expect.objectContaining({ number: 4, paysOn: '2028-12-31', units: 6, estimatedGrossMinor: 1_800, currency: 'CAD' })]);
    const brunos = (await (await bruno.get('/api/bonds/me/payouts')).json()) as MyPayouts;
    expect(brunos.paid.map((l) => l.grossMinor)).toEqual([1_199, 1_200]);
    expect(brunos.upcoming[0].estimatedGrossMinor).toBe(1_200);
    expect(brunos.holdings.map((h) => [h.firstNumber, h.lastNumber])).toEqual([[7, 10]]);
  });

  it("adds up a year's statement as the hand table does, with my lines only", async () => {
    const res = await alice.get('/api/bonds/me/statements/2027/statement.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ALICE_2027.lines);
    const sum = (column: string) => rows.reduce((total, row) => total + Number(row[column]), 0);
    expect(sum('gross_interest_minor')).toBe(ALICE_2027.gross);
    expect(sum('tax_withheld_minor')).toBe(ALICE_2027.withheld);
    expect(sum('net_interest_minor')).toBe(ALICE_2027.net);
    expect(sum('principal_minor')).toBe(ALICE_2027.principal);
    expect(rows.every((row) => row.offering === offering.code && row.currency === 'CAD')).toBe(true);

    const pdf = await alice.get('/api/bonds/me/statements/2027/statement.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers an empty statement for a year without payments, and refuses a year that is none', async () => {
    const res = await alice.get('/api/bonds/me/statements/2026/statement.csv');
    expect(res.status).toBe(200);
    expect(parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true })).toEqual([]);
    expect((await alice.get('/api/bonds/me/statements/twenty/statement.csv')).status).toBe(400);
  });

  it('is for investors only', async () => {
    const staff = await ctx.as('staff');
    expect((await staff.get('/api/bonds/me/payouts')).status).toBe(403);
    expect((await ctx.client().get('/api/bonds/me/statements/2027/statement.pdf')).status).toBe(401);
  });
});

describe("the investor's welcome", () => {
  it('points to the offerings once one is open', async () => {
    await openedOffering(db(), fixture);
    const home = await (await alice.get('/api/home')).json();
    expect(home.welcome).toEqual({ kind: 'investor', bondOfferingsOpen: true });
  });
});
