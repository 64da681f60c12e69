import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { addMonths, closeOffering } from '../../api/src/modules/bonds/closing';
import { decideOffering, submitOffering, updateOffering } from '../../api/src/modules/bonds/offerings';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { creditorReference, isValidReference } from '../../api/src/modules/bonds/references';
import { lapseReservations, subscribe } from '../../api/src/modules/bonds/subscriptions';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { createBondsFixture, daysFrom, draftOffering, makeInvestors, offeringTerms, openedOffering, sessionFor, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: BondsFixture;
let staff: TestClient;
let manager: TestClient;
const onPostgres = !!process.env.DATABASE_URL;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(ctx.database.db);
  staff = await ctx.as('staff');
  manager = await ctx.as('fund_manager');
}, 60_000);
afterAll(() => ctx.close());

const db = () => ctx.database.db;
let keys = 0;
const key = () => ({ headers: { 'Idempotency-Key': `bonds-test-${Date.now()}-${keys++}` } });

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await db().execute(query))[0];
}

/** What the offering's subscriptions moved on a trust account, debit minus credit, from the journal. */
async function trustBalance(offeringId: string, code: string): Promise<number> {
  const row = await one<{ balance: string | null }>(sql`
    select coalesce(sum(l.debit_minor - l.credit_minor), 0) as balance from journal_lines l
    join ledger_accounts a on a.id = l.account_id
    join journal_entries e on e.id = l.entry_id
    where a.code = ${code} and e.source_type = 'bond_subscription'
      and e.source_id in (select id::text from bond_subscriptions where offering_id = ${offeringId}::uuid)`);
  return Number(row.balance ?? 0);
}

async function counters(offeringId: string) {
  return one<{ reserved: number; paid: number; reserved_rows: number; paid_rows: number }>(sql`
    select o.reserved_units as reserved, o.paid_units as paid,
      (select coalesce(sum(units), 0)::int from bond_subscriptions s where s.offering_id = o.id and s.status = 'reserved') as reserved_rows,
      (select coalesce(sum(units), 0)::int from bond_subscriptions s where s.offering_id = o.id and s.status in ('paid', 'allotted')) as paid_rows
    from bond_offerings o where o.id = ${offeringId}::uuid`);
}

async function balanced(fundId: string) {
  return (await trialBalance(db(), { fundId }, STAFF_VIEWER)).balanced;
}

describe('payment references', () => {
  it('are ISO 11649 creditor references whose check digits catch a typo', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    const ref = creditorReference('OBK3M79QX2');
    expect(isValidReference(ref)).toBe(true);
    expect(isValidReference(ref.replace('K3', 'K4'))).toBe(false);
  });

  it('count maturity in calendar months, kept to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-11-23', 60)).toBe('2031-11-23');
  });
});

describe('offerings: terms and four eyes', () => {
  it('validates every term and refuses books that are not trust books', async () => {
    const bad = await staff.post('/api/bonds/offerings', { ...offeringTerms(fixture), minUnits: 200, maxUnits: 100 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty('minUnits');
    const overPerson = await staff.post('/api/bonds/offerings', { ...offeringTerms(fixture), maxUnitsPerPerson: 500 });
    expect(overPerson.status).toBe(400);
    const dates = await staff.post('/api/bonds/offerings', { ...offeringTerms(fixture), opensOn: '2026-05-10', closesOn: '2026-05-01' });
    expect(dates.status).toBe(400);
    const coFund = rowsOf<{ id: string }>(await db().execute(sql`select id from funds where type <> 'bond_trust' limit 1`))[0];
    if (coFund) {
      const notTrust = await staff.post('/api/bonds/offerings', { ...offeringTerms(fixture), trustFundId: coFund.id });
      expect([404, 422]).toContain(notTrust.status);
    }
    const terms = offeringTerms(fixture);
    const created = await staff.post('/api/bonds/offerings', terms);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ status: 'draft', currency: 'CAD', reservedUnits: 0, paidUnits: 0 });
    expect((await staff.post('/api/bonds/offerings', terms)).status).toBe(409);
  });

  it('needs a fund manager other than whoever prepared or changed it', async () => {
    const draft = await draftOffering(db(), fixture);
    expect((await staff.post(`/api/bonds/offerings/${draft.id}/approve`, { note: '' })).status).toBe(403);
    // The manager changes the draft, then asks: they may not approve it themselves.
    expect((await manager.patch(`/api/bonds/offerings/${draft.id}`, { rateBps: 350 })).status).toBe(200);
    expect((await manager.post(`/api/bonds/offerings/${draft.id}/submit`, {})).status).toBe(200);
    const self = await manager.post(`/api/bonds/offerings/${draft.id}/approve`, { note: '' });
    expect(self.status).toBe(403);
    expect((await manager.post(`/api/bonds/offerings/${draft.id}/open`, {})).status).toBe(409);
    const approved = await decideOffering(db(), fixture.secondManager, draft.id, 'approve', 'ok');
    expect(approved).toMatchObject({ status: 'approved', approvedBy: fixture.secondManager.id, rateBps: 350 });
    const opened = await staff.post(`/api/bonds/offerings/${draft.id}/open`, {});
    expect(opened.status).toBe(200);
    expect((await opened.json()).status).toBe('open');
    // An approved offering's terms no longer change.
    await expect(updateOffering(db(), fixture.staff, draft.id, { rateBps: 100 })).rejects.toMatchObject({ status: 409 });
  });

  it('does not open before its opening day', async () => {
    const draft = await draftOffering(db(), fixture, { opensOn: daysFrom(todayUtc(), 3), closesOn: daysFrom(todayUtc(), 10) });
    await submitOffering(db(), fixture.staff, draft.id);
    await decideOffering(db(), fixture.manager, draft.id, 'approve', '');
    expect((await manager.post(`/api/bonds/offerings/${draft.id}/open`, {})).status).toBe(409);
  });
});

describe('subscribing', () => {
  it('registers adults only, then reserves within the per-person limits, with payment instructions', async () => {
    const offering = await openedOffering(db(), fixture, { minUnitsPerPerson: 2, maxUnitsPerPerson: 5 });
    const [person] = await makeInvestorsWithoutProfile(1);
    const client = await sessionFor(db(), ctx.app, person);
    expect((await client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 2 }, key())).status).toBe(409);
    const minor = await client.post('/api/bonds/me/profiles', { offeringId: offering.id, fullName: 'Jeune Personne', address: '1 rue des Écoles, Montréal', bornOn: daysFrom(todayUtc(), -17 * 365), acceptTerms: true, acceptRisk: true });
    expect(minor.status).toBe(422);
    expect((await minor.json()).error.fields).toHaveProperty('bornOn');
    const noConsent = await client.post('/api/bonds/me/profiles', { offeringId: offering.id, fullName: 'Paul Adulte', address: '1 rue des Écoles, Montréal', bornOn: '1990-03-01', acceptTerms: true, acceptRisk: false });
    expect(noConsent.status).toBe(400);
    const adult = await client.post('/api/bonds/me/profiles', { offeringId: offering.id, fullName: 'Paul Adulte', address: '1 rue des Écoles, Montréal', bornOn: '1990-03-01', acceptTerms: true, acceptRisk: true });
    expect(adult.status).toBe(200);
    expect((await client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 1 }, key())).status).toBe(422);
    expect((await client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 6 }, key())).status).toBe(422);
    const k = key();
    const first = await client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 3 }, k);
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ status: 'reserved', units: 3, amountMinor: 30_000, paymentInstructions: { amountMinor: 30_000, currency: 'CAD', reference: body.reference } });
    expect(isValidReference(body.reference)).toBe(true);
    expect(new Date(body.expiresAt).getTime() - new Date(body.reservedAt).getTime()).toBe(10 * 86_400_000);
    // A retry with the same key is the same subscription, counted once.
    const again = await client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 3 }, k);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe(body.id);
    expect(await counters(offering.id)).toMatchObject({ reserved: 3, reserved_rows: 3 });
    // The person's own live units count: 3 held, so 3 more passes the maximum of 5.
    const over = await client.post(`/api/bonds/offerings/${offering.id}/subscriptions`, { units: 3 }, key());
    expect(over.status).toBe(422);
    expect((await over.json()).error.message).toContain('3');
    const mine = await (await client.get('/api/bonds/me/subscriptions')).json();
    expect(mine.items.map((s: { id: string }) => s.id)).toEqual([body.id]);
    // Cancelling frees the units.
    expect((await client.post(`/api/bonds/me/subscriptions/${body.id}/cancel`, {})).status).toBe(200);
    expect(await counters(offering.id)).toMatchObject({ reserved: 0, reserved_rows: 0 });
  });

  it('refuses an offering that is not open', async () => {
    const draft = await draftOffering(db(), fixture);
    const [person] = await makeInvestors(db(), draft.structureId, 1);
    await expect(subscribe(db(), person, person.id!, draft.id, 1)).rejects.toMatchObject({ status: 409 });
    const client = await sessionFor(db(), ctx.app, person.id!);
    expect((await client.post(`/api/bonds/offerings/${draft.id}/subscriptions`, { units: 1 }, key())).status).toBe(409);
    expect((await ctx.client().get(`/api/bonds/public/offerings/${draft.id}`)).status).toBe(404);
  });

  it('puts on the waitlist a request for more units than remain', async () => {
    const offering = await openedOffering(db(), fixture, { maxUnits: 10, minUnits: 5, maxUnitsPerPerson: 10 });
    const [a, b] = await makeInvestors(db(), offering.structureId, 2);
    expect((await subscribe(db(), a, a.id!, offering.id, 8)).status).toBe('reserved');
    const waiting = await subscribe(db(), b, b.id!, offering.id, 5);
    expect(waiting).toMatchObject({ status: 'waitlisted', paymentInstructions: null, expiresAt: null });
    expect(await counters(offering.id)).toMatchObject({ reserved: 8, reserved_rows: 8 });
    const pub = await (await ctx.client().get(`/api/bonds/public/offerings/${offering.id}`)).json();
    expect(pub).toMatchObject({ reservedUnits: 8, paidUnits: 0, remainingUnits: 2, maxUnits: 10, minUnits: 5 });
    const text = JSON.stringify(await (await ctx.client().get('/api/bonds/public/offerings?limit=200')).json());
    expect(text).toContain(offering.id);
    expect(text).not.toContain('Investisseur');
  });
});

/** Users with the investor role and no investor profile yet. */
async function makeInvestorsWithoutProfile(count: number): Promise<string[]> {
  const people = await makeInvestors(db(), ROOT_STRUCTURE_ID, count, `noprof-${Date.now()}`);
  await db().execute(sql`delete from bond_investors where user_id in (${sql.join(people.map((p) => sql`${p.id}::uuid`), sql`, `)})`);
  return people.map((p) => p.id!);
}

describe('payments into the trust books', () => {
  it('posts each payment, pays the subscription when whole, refuses more and never counts a credit twice', async () => {
    const offering = await openedOffering(db(), fixture);
    const [a] = await makeInvestors(db(), offering.structureId, 1);
    const sub = await subscribe(db(), a, a.id!, offering.id, 4);
    const today = todayUtc();
    const part = await staff.post(`/api/bonds/subscriptions/${sub.id}/payments`, { amountMinor: 15_000, receivedOn: today, bankReference: `BANK-${sub.id}-1` }, key());
    expect(part.status).toBe(201);
    expect(await part.json()).toMatchObject({ status: 'reserved', paidMinor: 15_000, paymentInstructions: { amountMinor: 25_000 } });
    expect(await trustBalance(offering.id, '1050')).toBe(15_000);
    expect(await trustBalance(offering.id, '2300')).toBe(-15_000);
    // The same bank credit confirmed again is not counted again.
    const replayed = await staff.post(`/api/bonds/subscriptions/${sub.id}/payments`, { amountMinor: 15_000, receivedOn: today, bankReference: `BANK-${sub.id}-1` }, key());
    expect((await replayed.json()).paidMinor).toBe(15_000);
    const over = await staff.post(`/api/bonds/subscriptions/${sub.id}/payments`, { amountMinor: 30_000, receivedOn: today }, key());
    expect(over.status).toBe(422);
    const overBody = await over.json();
    expect(overBody.error.message).toContain('50.00 CAD');
    expect(overBody.error.fields.amountMinor[0]).toContain('50.00 CAD');
    const k = key();
    const rest = await staff.post(`/api/bonds/subscriptions/${sub.id}/payments`, { amountMinor: 25_000, receivedOn: today }, k);
    expect(await rest.json()).toMatchObject({ status: 'paid', paidMinor: 40_000, paymentInstructions: null });
    const again = await staff.post(`/api/bonds/subscriptions/${sub.id}/payments`, { amountMinor: 25_000, receivedOn: today }, k);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await trustBalance(offering.id, '1050')).toBe(40_000);
    expect(await counters(offering.id)).toMatchObject({ reserved: 0, paid: 4, paid_rows: 4 });
    const entries = await one<{ n: number }>(sql`select count(*)::int as n from journal_entries where source_id = ${sub.id} and kind = 'subscription_payment'`);
    expect(entries.n).toBe(2);
    expect(await balanced(offering.trustFundId)).toBe(true);
    // A payment dated after today is refused by the ledger's rule on dates.
    const [b] = await makeInvestors(db(), offering.structureId, 1);
    const other = await subscribe(db(), b, b.id!, offering.id, 1);
    expect((await staff.post(`/api/bonds/subscriptions/${other.id}/payments`, { amountMinor: 10_000, receivedOn: daysFrom(today, 2) }, key())).status).toBe(422);
  });
});

describe('closing', () => {
  async function pay(subscriptionId: string, amountMinor: number) {
    return confirmPayment(db(), fixture.staff, subscriptionId, { amountMinor, receivedOn: todayUtc() });
  }
  async function pastClosingDay(offeringId: string) {
    await db().execute(sql`update bond_offerings set closes_on = ${daysFrom(todayUtc(), -1)}::date where id = ${offeringId}::uuid`);
  }

  it('below the minimum: fails, refunds every paid subscription (amounts by hand), cancels the rest', async () => {
    const offering = await openedOffering(db(), fixture, { minUnits: 40, unitPriceMinor: 2_500 });
    const [a, b, c, d] = await makeInvestors(db(), offering.structureId, 4);
    const sa = await subscribe(db(), a, a.id!, offering.id, 5);
    const sb = await subscribe(db(), b, b.id!, offering.id, 3);
    const sc = await subscribe(db(), c, c.id!, offering.id, 2);
    const sd = await subscribe(db(), d, d.id!, offering.id, 7);
    await pay(sa.id, 12_500);
    await pay(sb.id, 7_500);
    await pay(sc.id, 2_000); // a part only
    await expect(closeOffering(db(), fixture.staff, offering.id)).rejects.toMatchObject({ status: 409 });
    await pastClosingDay(offering.id);
    const closed = await closeOffering(db(), fixture.staff, offering.id);
    expect(closed).toMatchObject({ status: 'failed', reservedUnits: 0, paidUnits: 0, issuedOn: null });
    const refunds = rowsOf<{ source_id: string; amount: string }>(
      await db().execute(sql`select e.source_id, sum(l.credit_minor) as amount from journal_entries e join journal_lines l on l.entry_id = e.id
        join ledger_accounts a on a.id = l.account_id where e.kind = 'subscription_refund' and a.code = '1050' and e.fund_id = ${offering.trustFundId}::uuid
        and e.source_id in (${sa.id}, ${sb.id}, ${sc.id}, ${sd.id}) group by e.source_id`),
    );
    expect(Object.fromEntries(refunds.map((r) => [r.source_id, Number(r.amount)]))).toEqual({ [sa.id]: 12_500, [sb.id]: 7_500, [sc.id]: 2_000 });
    const statuses = rowsOf<{ id: string; status: string }>(await db().execute(sql`select id, status from bond_subscriptions where offering_id = ${offering.id}::uuid`));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [sa.id]: 'refunded', [sb.id]: 'refunded', [sc.id]: 'refunded', [sd.id]: 'cancelled' });
    expect(await trustBalance(offering.id, '1050')).toBe(0);
    expect(await trustBalance(offering.id, '2300')).toBe(0);
    expect(await balanced(offering.trustFundId)).toBe(true);
  });

  it('above the minimum: allots numbered bonds in seq order, posts what is owed to the issuer, once', async () => {
    const offering = await openedOffering(db(), fixture, { minUnits: 5, maxUnits: 50, termMonths: 60 });
    const [a, b, c, d] = await makeInvestors(db(), offering.structureId, 4);
    const sa = await subscribe(db(), a, a.id!, offering.id, 3);
    const sb = await subscribe(db(), b, b.id!, offering.id, 4);
    const sc = await subscribe(db(), c, c.id!, offering.id, 2);
    const sd = await subscribe(db(), d, d.id!, offering.id, 6);
    // Paid out of order: the numbers still follow the order of arrival.
    await pay(sd.id, 60_000);
    await pay(sb.id, 40_000);
    await pay(sa.id, 30_000);
    await pastClosingDay(offering.id);
    const k = key();
    const res = await staff.post(`/api/bonds/offerings/${offering.id}/close`, {}, k);
    expect(res.status).toBe(200);
    const today = todayUtc();
    expect(await res.json()).toMatchObject({ status: 'active', paidUnits: 13, reservedUnits: 0, issuedOn: today, maturesOn: addMonths(today, 60) });
    const holders = await (await staff.get(`/api/bonds/offerings/${offering.id}/holders`)).json();
    expect(holders.items.map((h: { subscriptionId: string; firstNumber: number; lastNumber: number; heldFrom: string }) => [h.subscriptionId, h.firstNumber, h.lastNumber, h.heldFrom])).toEqual([
      [sa.id, 1, 3, today],
      [sb.id, 4, 7, today],
      [sd.id, 8, 13, today],
    ]);
    // One line a page, after each cursor in turn: the same register, in bond-number order, then the end.
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { firstNumber: number }[]; nextCursor: string | null } = await (await staff.get(`/api/bonds/offerings/${offering.id}/holders?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.items.map((h) => h.firstNumber));
      cursor = page.nextCursor;
    } while (cursor && paged.length < 10);
    expect(paged).toEqual([1, 4, 8]);
    expect((await staff.get(`/api/bonds/offerings/${randomUUID()}/holders`)).status).toBe(404);
    expect(await trustBalance(offering.id, '2310')).toBe(-130_000);
    expect(await trustBalance(offering.id, '2300')).toBe(0);
    expect(await trustBalance(offering.id, '1050')).toBe(130_000);
    const cRow = await one<{ status: string }>(sql`select status from bond_subscriptions where id = ${sc.id}::uuid`);
    expect(cRow.status).toBe('cancelled');
    // Closing again (another key, or a service call) changes nothing.
    expect((await staff.post(`/api/bonds/offerings/${offering.id}/close`, {}, key())).status).toBe(200);
    await closeOffering(db(), fixture.manager, offering.id);
    const entries = await one<{ n: number }>(sql`select count(*)::int as n from journal_entries where kind = 'issuer_transfer' and fund_id = ${offering.trustFundId}::uuid and source_id in (${sa.id}, ${sb.id}, ${sd.id})`);
    expect(entries.n).toBe(3);
    const lines = await one<{ n: number }>(sql`select count(*)::int as n from bond_holdings where offering_id = ${offering.id}::uuid`);
    expect(lines.n).toBe(3);
    const csv = await (await staff.get(`/api/bonds/offerings/${offering.id}/holders.csv`)).text();
    expect(csv.split('\n')[0]).toContain('first_number');
    expect(csv).toContain('Investisseur');
    expect(await balanced(offering.trustFundId)).toBe(true);
  });

  it('closes early once every unit is paid', async () => {
    const offering = await openedOffering(db(), fixture, { minUnits: 2, maxUnits: 4, maxUnitsPerPerson: 4 });
    const [a] = await makeInvestors(db(), offering.structureId, 1);
    const sa = await subscribe(db(), a, a.id!, offering.id, 4);
    await pay(sa.id, 40_000);
    expect((await closeOffering(db(), fixture.staff, offering.id)).status).toBe('active');
  });
});

describe('the lapse job and the waitlist', () => {
  it('lapses unpaid reservations past their deadline, promotes the waitlist in order, each once', async () => {
    const offering = await openedOffering(db(), fixture, { maxUnits: 10, minUnits: 5, maxUnitsPerPerson: 10 });
    const [a, b, c, d, e] = await makeInvestors(db(), offering.structureId, 5);
    const sa = await subscribe(db(), a, a.id!, offering.id, 6);
    const sb = await subscribe(db(), b, b.id!, offering.id, 4);
    const sc = await subscribe(db(), c, c.id!, offering.id, 3);
    const sd = await subscribe(db(), d, d.id!, offering.id, 5);
    const se = await subscribe(db(), e, e.id!, offering.id, 2);
    expect([sc.status, sd.status, se.status]).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);
    await db().execute(sql`update bond_subscriptions set expires_at = now() - interval '1 minute' where id = ${sa.id}::uuid`);
    // Two runs at once, as two processes would: each lapse and each promotion happens once.
    const runs = onPostgres ? await Promise.all([lapseReservations(db()), lapseReservations(db())]) : [await lapseReservations(db()), await lapseReservations(db())];
    expect(runs.reduce((n, r) => n + r.lapsed, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.promoted, 0)).toBe(2);
    const statuses = rowsOf<{ id: string; status: string }>(await db().execute(sql`select id, status from bond_subscriptions where offering_id = ${offering.id}::uuid`));
    // 6 units freed: c (3) then, d (5) not fitting the 3 left, e (2); d keeps its place.
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [sa.id]: 'lapsed', [sb.id]: 'reserved', [sc.id]: 'reserved', [sd.id]: 'waitlisted', [se.id]: 'reserved' });
    expect(await counters(offering.id)).toMatchObject({ reserved: 9, reserved_rows: 9 });
    const told = rowsOf<{ kind: string; user_id: string }>(await db().execute(sql`select kind, user_id from notifications where event_key in (${sa.id}, ${sc.id}, ${sd.id}, ${se.id}) order by kind, user_id`));
    expect(told.map((n) => `${n.kind}:${n.user_id}`).sort()).toEqual([`bond.reservation_lapsed:${a.id}`, `bond.reserved_from_waitlist:${c.id}`, `bond.reserved_from_waitlist:${e.id}`].sort());
    // Nothing more to do on a third run.
    expect(await lapseReservations(db())).toEqual({ lapsed: 0, promoted: 0 });
  });
});

describe('lists and exports', () => {
  it('keyset-pages the register and exports it; an investor sees only their own', async () => {
    const offering = await openedOffering(db(), fixture, { maxUnits: 30, minUnits: 5 });
    const people = await makeInvestors(db(), offering.structureId, 5);
    for (const p of people) await subscribe(db(), p, p.id!, offering.id, 2);
    const first = await (await staff.get(`/api/bonds/offerings/${offering.id}/subscriptions?limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const second = await (await staff.get(`/api/bonds/offerings/${offering.id}/subscriptions?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].seq).toBeGreaterThan(first.items[1].seq);
    const csv = await (await staff.get(`/api/bonds/offerings/${offering.id}/subscriptions.csv`)).text();
    expect(csv.trim().split('\n')).toHaveLength(6);
    const list = await (await staff.get('/api/bonds/offerings?limit=200')).json();
    expect(list.items.map((o: { id: string }) => o.id)).toContain(offering.id);
    const client = await sessionFor(db(), ctx.app, people[0].id!);
    const mine = await (await client.get('/api/bonds/me/subscriptions')).json();
    expect(mine.items).toHaveLength(1);
    const theirs = (await (await staff.get(`/api/bonds/offerings/${offering.id}/subscriptions?limit=1`)).json()).items[0];
    if (theirs.investorId !== mine.items[0].investorId) expect((await client.get(`/api/bonds/me/subscriptions/${theirs.id}`)).status).toBe(404);
    expect((await client.get(`/api/bonds/offerings/${offering.id}/subscriptions`)).status).toBe(403);
  });
});
