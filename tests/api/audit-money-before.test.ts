import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../api/src/db/schema/audit';
import { users } from '../../api/src/db/schema/auth';
import { recordAudit } from '../../api/src/lib/audit';
import { hashPassword } from '../../api/src/lib/passwords';
import { createFund } from '../../api/src/modules/funds/service';
import { recordContribution } from '../../api/src/modules/funds/contributions';
import { DEMO_PASSWORD } from '../../seeds/platform';
import { createFundsFixture, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { ROOT_STRUCTURE_ID } from '../support/structures';

let ctx: TestContext;
let fixture: FundsFixture;
let staff: TestClient;
let manager: TestClient;
let secondManager: TestClient;
let keySeq = 0;
const withKey = () => ({ headers: { 'Idempotency-Key': `before-${Date.now()}-${keySeq++}` } });
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  await ctx.database.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.email, 'fund2@essor.test'));
  [staff, manager] = await Promise.all([ctx.as('staff'), ctx.as('fund_manager')]);
  secondManager = await ctx.client().signIn('fund2@essor.test');
  await recordAudit(ctx.database.db, fixture.staff, { action: 'project.admit_to_financing', entity: 'project', entityId: fixture.projectId, structureId: ROOT_STRUCTURE_ID, after: { reason: 'Test' } });
}, 60_000);
afterAll(() => ctx.close());

async function fundOf(type: 'equipment' | 'loan', code: string) {
  const fund = await createFund(ctx.database.db, fixture.manager, { code, name: `Fonds ${code}`, type, currency: 'CAD', description: '', committeeThresholdMinor: Number.MAX_SAFE_INTEGER, structureId: ROOT_STRUCTURE_ID });
  await recordContribution(ctx.database.db, fixture.manager, fund.id, { funderId: fixture.funderId, amountMinor: 2_000_000, currency: 'CAD', receivedOn: today() });
  return fund.id;
}

async function auditOf(entityId: string) {
  return ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, entityId))).orderBy(asc(auditLog.id));
}

const ok = async (pending: Promise<Response>) => {
  const res = await pending;
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res;
};

describe('money steps record what stood before', () => {
  it('equipment approve, order, invoice and pay each keep the status before', async () => {
    const fundId = await fundOf('equipment', 'F-EQ-BEFORE');
    const quote = await (
      await ok(staff.post('/api/funds/equipment/quotes', { fundId, projectId: fixture.projectId, supplier: 'Pelletier inc.', currency: 'CAD', lines: [{ description: 'Four', quantity: 1, unitPriceMinor: 500_000 }] }))
    ).json();
    await ok(manager.post(`/api/funds/equipment/quotes/${quote.id}/approve`, {}, withKey()));
    await ok(manager.post(`/api/funds/equipment/quotes/${quote.id}/purchase-order`, { purchaseOrderNumber: 'BC-BEFORE-1', orderedOn: today() }));
    await ok(staff.post(`/api/funds/equipment/quotes/${quote.id}/invoice`, { invoiceNumber: 'F-1', amountMinor: 480_000, currency: 'CAD', invoicedOn: today() }));
    await ok(manager.post(`/api/funds/equipment/quotes/${quote.id}/pay`, { paidOn: today() }, withKey()));
    const rows = await auditOf(quote.id);
    const byAction = Object.fromEntries(rows.map((r) => [r.action, r]));
    expect(byAction['equipment.quote.approve'].before).toMatchObject({ status: 'recorded' });
    expect(byAction['equipment.quote.order'].before).toMatchObject({ status: 'approved' });
    expect(byAction['equipment.quote.invoice'].before).toMatchObject({ status: 'ordered' });
    expect(byAction['equipment.quote.pay'].before).toMatchObject({ status: 'invoiced', invoiceAmountMinor: 480_000 });
  }, 60_000);

  it('a loan reschedule approval keeps the schedule it replaced', async () => {
    const fundId = await fundOf('loan', 'F-LOAN-BEFORE');
    const loan = await (await ok(staff.post('/api/funds/loans', { fundId, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: 120_000, currency: 'CAD', rateBps: 0, termMonths: 4, graceMonths: 0, method: 'declining' }))).json();
    await ok(manager.post(`/api/funds/loans/${loan.id}/approve`, {}, withKey()));
    await ok(manager.post(`/api/funds/loans/${loan.id}/disburse`, { disbursedOn: today() }, withKey()));
    const proposed = await (await ok(manager.post(`/api/funds/loans/${loan.id}/actions`, { kind: 'reschedule', reason: 'Saison perdue', params: { termMonths: 6, graceMonths: 2, rateBps: 0, method: 'declining', startsOn: '2027-06-01' } }))).json();
    await ok(secondManager.post(`/api/funds/loans/${loan.id}/actions/${proposed.actions[0].id}/approve`, {}, withKey()));
    const row = (await auditOf(loan.id)).find((r) => r.action === 'loan.reschedule.approve')!;
    expect(row.before).toMatchObject({ status: 'active', scheduleVersion: 1, termMonths: 4, graceMonths: 0 });
  }, 60_000);
});
