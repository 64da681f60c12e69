import type { OfferingInvestor } from '@essor/shared/bond-payouts';
import type { Offering } from '@essor/shared/bonds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import type { Actor } from '../../api/src/lib/audit';
import { closeOffering } from '../../api/src/modules/bonds/closing';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { subscribe } from '../../api/src/modules/bonds/subscriptions';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { createBondsFixture, makeInvestors, openedOffering, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, type TestContext } from '../support/http';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
let fixture: BondsFixture;
let offering: Offering;
let people: Actor[];
const db = () => ctx.database.db;
const prefix = `dir-${Date.now().toString(36)}`;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(db());
  offering = await openedOffering(db(), fixture, { maxUnits: 10, minUnits: 5, maxUnitsPerPerson: 10 });
  // Three registered with the structure: the first two subscribe 7 and 3 bonds, the third holds none.
  people = await makeInvestors(db(), ROOT_STRUCTURE_ID, 3, prefix);
  for (const [person, units] of [[people[0], 7], [people[1], 3]] as const) {
    const sub = await subscribe(db(), person, person.id!, offering.id, units);
    await confirmPayment(db(), fixture.staff, sub.id, { amountMinor: sub.amountMinor, receivedOn: todayUtc() });
  }
  await closeOffering(db(), fixture.manager, offering.id);
}, 120_000);
afterAll(() => ctx.close());

describe("an offering's investor directory", () => {
  it('lists the structure’s investors with the bonds each holds now, and only the holders when asked', async () => {
    const staff = await ctx.as('staff');
    const res = await staff.get(`/api/bonds/offerings/${offering.id}/investors?q=${prefix}`);
    expect(res.status).toBe(200);
    const all = (await res.json()) as OfferingInvestor[];
    const held = Object.fromEntries(all.map((i) => [i.fullName, i.unitsHeld]));
    expect(held).toEqual({ [`Investisseur ${prefix}-0@test.essor`]: 7, [`Investisseur ${prefix}-1@test.essor`]: 3, [`Investisseur ${prefix}-2@test.essor`]: 0 });
    const holders = (await (await staff.get(`/api/bonds/offerings/${offering.id}/investors?q=${prefix}&holding=true`)).json()) as OfferingInvestor[];
    expect(holders.map((i) => i.unitsHeld).sort()).toEqual([3, 7]);
    const one = (await (await staff.get(`/api/bonds/offerings/${offering.id}/investors?q=${prefix}-2`)).json()) as OfferingInvestor[];
    expect(one.map((i) => i.fullName)).toEqual([`Investisseur ${prefix}-2@test.essor`]);
  });

  it('is for staff only: an investor is refused, a visitor asked to sign in', async () => {
    expect((await (await ctx.as('investor')).get(`/api/bonds/offerings/${offering.id}/investors`)).status).toBe(403);
    expect((await ctx.client().get(`/api/bonds/offerings/${offering.id}/investors`)).status).toBe(401);
  });

  it('is not found for staff of another structure', async () => {
    const elsewhere = await makeStructure(db(), 'Incubateur voisin');
    const foreignStaff = await memberOf(ctx, elsewhere, ['staff']);
    expect((await foreignStaff.get(`/api/bonds/offerings/${offering.id}/investors`)).status).toBe(404);
  });
});
