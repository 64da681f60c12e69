import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { cancelOffering } from '../../api/src/modules/bonds/cancellation';
import { closeOffering } from '../../api/src/modules/bonds/closing';
import { confirmPayment } from '../../api/src/modules/bonds/payments';
import { payOverToIssuer } from '../../api/src/modules/bonds/settlement';
import { subscribe } from '../../api/src/modules/bonds/subscriptions';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { systemUser } from '../../api/src/lib/scope';
import { createBondsFixture, daysFrom, makeInvestors, openedOffering, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
let fixture: BondsFixture;
let staff: TestClient;
let manager: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(ctx.database.db);
  staff = await ctx.as('staff');
  manager = await ctx.as('fund_manager');
}, 60_000);
afterAll(() => ctx.close());

const db = () => ctx.database.db;
let keys = 0;
const key = () => ({ headers: { 'Idempotency-Key': `settlement-test-${Date.now()}-${keys++}` } });

/** A trust account's balance, debit minus credit, over the whole trust fund. */
async function fundBalance(fundId: string, code: string): Promise<number> {
  const [row] = rowsOf<{ balance: string | null }>(
    await db().execute(sql`
      select coalesce(sum(l.debit_minor - l.credit_minor), 0) as balance from journal_lines l
      join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
      where a.code = ${code} and e.fund_id = ${fundId}::uuid`),
  );
  return Number(row.balance ?? 0);
}

/** 2310 for one offering: its subscriptions' payable entries and its own pay-over entries, credit minus debit. */
async function owedToIssuer(offeringId: string): Promise<number> {
  const [row] = rowsOf<{ balance: string | null }>(
    await db().execute(sql`
      select coalesce(sum(l.credit_minor - l.debit_minor), 0) as balance from journal_lines l
      join ledger_accounts a on a.id = l.account_id join journal_entries e on e.id = l.entry_id
      where a.code = '2310' and ((e.source_type = 'bond_subscription' and e.source_id in (select id::text from bond_subscriptions where offering_id = ${offeringId}::uuid))
        or (e.source_type = 'bond_offering' and e.source_id = ${offeringId}))`),
  );
  return Number(row.balance ?? 0);
}

async function pay(subscriptionId: string, amountMinor: number, bankReference?: string) {
  return confirmPayment(db(), fixture.staff, subscriptionId, { amountMinor, receivedOn: todayUtc(), bankReference });
}

async function pastClosingDay(offeringId: string) {
  await db().execute(sql`update bond_offerings set closes_on = ${daysFrom(todayUtc(), -1)}::date where id = ${offeringId}::uuid`);
}

function csvRows(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, skip_empty_lines: true });
}

describe('paying the raise over to the issuer', () => {
  it('pays over exactly what the close made payable, once; staff may not; not after today', async () => {
    // Units of 25.00 CAD; 3 + 4 + 6 units paid = 13 units = 325.00 CAD payable to the issuer at the close.
    const offering = await openedOffering(db(), fixture, { minUnits: 5, maxUnits: 50, unitPriceMinor: 2_500 });
    const [a, b, c] = await makeInvestors(db(), offering.structureId, 3);
    const sa = await subscribe(db(), a, a.id!, offering.id, 3);
    const sb = await subscribe(db(), b, b.id!, offering.id, 4);
    const sc = await subscribe(db(), c, c.id!, offering.id, 6);
    await pay(sa.id, 7_500);
    await pay(sb.id, 10_000);
    await pay(sc.id, 15_000);
    await pastClosingDay(offering.id);
    expect((await closeOffering(db(), fixture.staff, offering.id)).status).toBe('active');
    expect(await owedToIssuer(offering.id)).toBe(32_500);

    const before = await (await staff.get(`/api/bonds/offerings/${offering.id}/settlement`)).json();
    expect(before).toMatchObject({ payableMinor: 32_500, paidOverMinor: 0, remainingMinor: 32_500, entries: [], actions: ['pay_over'] });

    const order = csvRows(await (await staff.get(`/api/bonds/offerings/${offering.id}/issuer-transfer.csv`)).text());
    expect(order).toHaveLength(1);
    expect(order[0]).toMatchObject({ amount: '325.00', amount_minor: '32500', currency: 'CAD', reference: offering.code, beneficiary: offering.issuerName, from_account: offering.trustFundCode });

    const today = todayUtc();
    // Staff prepare; only a fund manager records money leaving the trust account.
    expect((await staff.post(`/api/bonds/offerings/${offering.id}/pay-over`, { paidOn: today, bankReference: 'VIR-1' }, key())).status).toBe(403);
    const future = await manager.post(`/api/bonds/offerings/${offering.id}/pay-over`, { paidOn: daysFrom(today, 1), bankReference: 'VIR-1' }, key());
    expect(future.status).toBe(422);
    expect((await future.json()).error.fields.paidOn).toBeDefined();

    const bankBefore = await fundBalance(offering.trustFundId, '1050');
    const res = await manager.post(`/api/bonds/offerings/${offering.id}/pay-over`, { paidOn: today, bankReference: 'VIR-1' }, key());
    expect(res.status).toBe(201);
    const after = await res.json();
    expect(after).toMatchObject({ payableMinor: 32_500, paidOverMinor: 32_500, remainingMinor: 0, actions: [] });
    expect(after.entries).toHaveLength(1);
    expect(after.entries[0]).toMatchObject({ occurredOn: today, amountMinor: 32_500 });
    expect(await owedToIssuer(offering.id)).toBe(0);
    expect(bankBefore - (await fundBalance(offering.trustFundId, '1050'))).toBe(32_500);
    expect((await trialBalance(db(), { fundId: offering.trustFundId }, STAFF_VIEWER)).balanced).toBe(true);

    // Twice: nothing remains, whether by the route or the service.
    const twice = await manager.post(`/api/bonds/offerings/${offering.id}/pay-over`, { paidOn: today, bankReference: 'VIR-2' }, key());
    expect(twice.status).toBe(409);
    await expect(payOverToIssuer(db(), fixture.manager, offering.id, { paidOn: today, bankReference: 'VIR-3' })).rejects.toMatchObject({ status: 409 });
    expect((await staff.get(`/api/bonds/offerings/${offering.id}/issuer-transfer.csv`)).status).toBe(409);
    const entries = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from journal_entries where source_type = 'bond_offering' and source_id = ${offering.id}`));
    expect(entries[0].n).toBe(1);
    const audit = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from audit_log where action = 'bond_offering.pay_over' and entity_id = ${offering.id}`));
    expect(audit[0].n).toBe(1);
  });

  it('replays the same Idempotency-Key instead of posting again, and refuses an offering that is not active', async () => {
    const open = await openedOffering(db(), fixture, { minUnits: 1, maxUnits: 20, unitPriceMinor: 1_000 });
    const refused = await manager.post(`/api/bonds/offerings/${open.id}/pay-over`, { paidOn: todayUtc(), bankReference: 'VIR-OPEN' }, key());
    expect(refused.status).toBe(409);
    const [a] = await makeInvestors(db(), open.structureId, 1);
    const sa = await subscribe(db(), a, a.id!, open.id, 2);
    await pay(sa.id, 2_000);
    await pastClosingDay(open.id);
    await closeOffering(db(), fixture.staff, open.id);
    const k = key();
    const first = await manager.post(`/api/bonds/offerings/${open.id}/pay-over`, { paidOn: todayUtc(), bankReference: 'VIR-K' }, k);
    expect(first.status).toBe(201);
    const again = await manager.post(`/api/bonds/offerings/${open.id}/pay-over`, { paidOn: todayUtc(), bankReference: 'VIR-K' }, k);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).paidOverMinor).toBe(2_000);
    expect(await owedToIssuer(open.id)).toBe(0);
  });
});

describe('the refund file', () => {
  it('lists each paid subscription of a failed close with its amount and the bank reference of its payment', async () => {
    const offering = await openedOffering(db(), fixture, { minUnits: 40, unitPriceMinor: 2_500 });
    const [a, b, c, d] = await makeInvestors(db(), offering.structureId, 4);
    const sa = await subscribe(db(), a, a.id!, offering.id, 5);
    const sb = await subscribe(db(), b, b.id!, offering.id, 3);
    const sc = await subscribe(db(), c, c.id!, offering.id, 2);
    await subscribe(db(), d, d.id!, offering.id, 1); // never paid: no refund
    const tag = offering.id.slice(0, 8);
    await pay(sa.id, 12_500, `RET-${tag}-A`);
    await pay(sb.id, 5_000, `RET-${tag}-B1`);
    await pay(sb.id, 2_500, `RET-${tag}-B2`);
    await pay(sc.id, 5_000, `RET-${tag}-C`);
    await pastClosingDay(offering.id);
    expect((await closeOffering(db(), fixture.staff, offering.id)).status).toBe('failed');

    const res = await staff.get(`/api/bonds/offerings/${offering.id}/refunds.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = csvRows(await res.text());
    const byReference = Object.fromEntries(rows.map((r) => [r.reference, [r.amount_minor, r.currency, r.payment_bank_references, r.refunded_on]]));
    const today = todayUtc();
    expect(byReference).toEqual({
      [sa.reference]: ['12500', 'CAD', `RET-${tag}-A`, today],
      [sb.reference]: ['7500', 'CAD', `RET-${tag}-B1; RET-${tag}-B2`, today],
      [sc.reference]: ['5000', 'CAD', `RET-${tag}-C`, today],
    });
    expect(rows.every((r) => r.address === '1 rue du Test, Montréal' && r.subscriber.startsWith('Investisseur ') && Number(r.journal_entry) > 0)).toBe(true);
    // The fund manager reads it too.
    expect((await manager.get(`/api/bonds/offerings/${offering.id}/refunds.csv`)).status).toBe(200);
  });

  it('lists the refunds of a cancelled offering', async () => {
    const offering = await openedOffering(db(), fixture, { unitPriceMinor: 1_000 });
    const [a] = await makeInvestors(db(), offering.structureId, 1);
    const sa = await subscribe(db(), a, a.id!, offering.id, 4);
    await pay(sa.id, 4_000);
    const user = await systemUser(db(), { id: fixture.manager.id!, email: fixture.manager.email!, name: 'Manager' });
    await cancelOffering(db(), fixture.manager, user, offering.id, 'Projet abandonné');
    const rows = csvRows(await (await staff.get(`/api/bonds/offerings/${offering.id}/refunds.csv`)).text());
    expect(rows.map((r) => [r.reference, r.amount_minor, r.payment_bank_references])).toEqual([[sa.reference, '4000', '']]);
  });

  it('is not found from another structure, like the settlement and the pay-over', async () => {
    const offering = await openedOffering(db(), fixture, { unitPriceMinor: 1_000 });
    const elsewhere = await makeStructure(db(), `Ailleurs ${offering.code}`);
    const otherManager = await memberOf(ctx, elsewhere, ['fund_manager']);
    const otherStaff = await memberOf(ctx, elsewhere, ['staff']);
    expect((await otherStaff.get(`/api/bonds/offerings/${offering.id}/refunds.csv`)).status).toBe(404);
    expect((await otherStaff.get(`/api/bonds/offerings/${offering.id}/issuer-transfer.csv`)).status).toBe(404);
    expect((await otherManager.get(`/api/bonds/offerings/${offering.id}/settlement`)).status).toBe(404);
    expect((await otherManager.post(`/api/bonds/offerings/${offering.id}/pay-over`, { paidOn: todayUtc(), bankReference: 'VIR-X' }, key())).status).toBe(404);
  });
});
