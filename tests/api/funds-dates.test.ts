import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../api/src/db/schema/auth';
import { programmes } from '../../api/src/db/schema/programmes';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { AppError } from '../../api/src/lib/errors';
import { hashPassword } from '../../api/src/lib/passwords';
import { rowsOf } from '../../api/src/lib/rows';
import { approveQuote } from '../../api/src/modules/equipment/decisions';
import { admitProjectToFinancing } from '../../api/src/modules/funds/eligibility';
import { fundFigures } from '../../api/src/modules/funds/figures';
import { today } from '../../api/src/modules/funds/service';
import { findMisdatedEntries } from '../../api/src/modules/ledger/date-check';
import { approveLoan } from '../../api/src/modules/loans/decisions';
import { DEMO_PASSWORD } from '../../seeds/platform';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: FundsFixture;
let staff: TestClient;
let manager: TestClient;
let secondManager: TestClient;
let keySeq = 0;
const withKey = () => ({ headers: { 'Idempotency-Key': `dates-${Date.now()}-${keySeq++}` } });

async function ledgerLines(): Promise<number> {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from journal_lines`))[0].n);
}

/** Sends a request that must be refused: the status, the date that bounds it in the message and in `fields`, and no line written. */
async function refused(send: () => Promise<Response>, status: number, field: string, bound: string) {
  const before = await ledgerLines();
  const res = await send();
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.error.message).toContain(bound);
  expect(body.error.fields?.[field]?.join(' ')).toContain(bound);
  expect(await ledgerLines()).toBe(before);
  return body;
}

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  // Money goes to selected projects only; the fixture's project is admitted (unless the fixture already did).
  await admitProjectToFinancing(ctx.database.db, fixture.staff, fixture.projectId, 'Projet de test').catch((error) => {
    if (!(error instanceof AppError)) throw error;
  });
  await ctx.database.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.email, 'fund2@essor.test'));
  [staff, manager] = await Promise.all([ctx.as('staff'), ctx.as('fund_manager')]);
  secondManager = await ctx.client().signIn('fund2@essor.test');
});
afterAll(() => ctx.close());

async function proposedLoan(fundId: string, principalMinor: number): Promise<string> {
  const res = await staff.post('/api/funds/loans', { fundId, projectId: fixture.projectId, kind: 'honour_loan', principalMinor, currency: 'CAD', rateBps: 0, termMonths: 6, graceMonths: 0, method: 'declining' });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

/** A loan approved (through the service, which takes the accounting date) and paid out on the given days. */
async function activeLoan(fundId: string, principalMinor: number, approvedOn: string, disbursedOn: string): Promise<string> {
  const id = await proposedLoan(fundId, principalMinor);
  await approveLoan(ctx.database.db, fixture.secondManager, id, approvedOn);
  expect((await manager.post(`/api/funds/loans/${id}/disburse`, { disbursedOn }, withKey())).status).toBe(200);
  return id;
}

describe('money movements are never dated before what they follow, nor after today', () => {
  it('refuses a loan paid out before its approval, and the fund never shows negative commitments at a past date', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const id = await proposedLoan(fundId, 600_000);
    expect((await manager.post(`/api/funds/loans/${id}/approve`, {}, withKey())).status).toBe(200);
    await refused(() => manager.post(`/api/funds/loans/${id}/disburse`, { disbursedOn: '2026-05-15' }, withKey()), 422, 'disbursedOn', today());
    await refused(() => manager.post(`/api/funds/loans/${id}/disburse`, { disbursedOn: '2099-01-01' }, withKey()), 422, 'disbursedOn', today());
    const mid = await (await manager.get(`/api/funds/${fundId}?asOf=2026-06-30`)).json();
    expect(mid.figures).toMatchObject({ outstandingCommitmentsMinor: 0, cashMinor: 1_000_000, availableMinor: 1_000_000 });
    expect((await manager.post(`/api/funds/loans/${id}/disburse`, { disbursedOn: today() }, withKey())).status).toBe(200);
  });

  it('refuses a repayment before the disbursement, and a write-off before the last repayment', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const id = await activeLoan(fundId, 300_000, '2026-03-01', '2026-04-01');
    await refused(() => staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 50_000, currency: 'CAD', paidOn: '2026-03-15' }, withKey()), 422, 'paidOn', '2026-04-01');
    await refused(() => staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 50_000, currency: 'CAD', paidOn: '2099-12-31' }, withKey()), 422, 'paidOn', today());
    expect((await staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 50_000, currency: 'CAD', paidOn: '2026-06-01' }, withKey())).status).toBe(201);
    const proposed = await (await staff.post(`/api/funds/loans/${id}/actions`, { kind: 'write_off', reason: 'Cessation', writtenOffOn: '2026-05-01' })).json();
    const pending = proposed.actions.find((a: { status: string }) => a.status === 'pending');
    await refused(() => secondManager.post(`/api/funds/loans/${id}/actions/${pending.id}/approve`, {}, withKey()), 422, 'writtenOffOn', '2026-06-01');
  });

  it('refuses a co-financing tranche paid before the approval and the agreement; at a past date the fund keeps its bank', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const created = await (await staff.post('/api/funds/cofinancing', { fundId, projectId: fixture.projectId, amountMinor: 100_000, currency: 'CAD', purpose: 'Chambre froide', otherFunders: [] })).json();
    const prepared = await (await staff.post(`/api/funds/cofinancing/${created.id}/prepare`, { recommendation: 'Projet solide et bien monté', conditions: [], tranches: [{ amountMinor: 100_000, milestoneId: null }] })).json();
    expect((await manager.post(`/api/funds/cofinancing/${created.id}/approve`, { note: '' }, withKey())).status).toBe(200);
    expect((await staff.post(`/api/funds/cofinancing/${created.id}/agreement`, { signedOn: today() })).status).toBe(200);
    const tranche = prepared.tranches[0].id;
    await refused(() => manager.post(`/api/funds/cofinancing/${created.id}/tranches/${tranche}/disburse`, { disbursedOn: '2026-02-01' }, withKey()), 422, 'disbursedOn', today());
    expect((await (await manager.get(`/api/funds/${fundId}?asOf=2026-03-01`)).json()).figures).toMatchObject({ capitalMinor: 1_000_000, cashMinor: 1_000_000 });
  });

  it('refuses paying a supplier before the invoice', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 1_000_000 });
    const quote = await (await staff.post('/api/funds/equipment/quotes', { fundId, projectId: fixture.projectId, supplier: 'Froid Pelletier', currency: 'CAD', lines: [{ description: 'Chambre froide', quantity: 1, unitPriceMinor: 400_000 }] })).json();
    await approveQuote(ctx.database.db, fixture.manager, quote.id, '2026-03-01');
    expect((await manager.post(`/api/funds/equipment/quotes/${quote.id}/purchase-order`, { purchaseOrderNumber: `BC-${quote.id.slice(0, 8)}`, orderedOn: '2026-03-05' })).status).toBe(200);
    expect((await staff.post(`/api/funds/equipment/quotes/${quote.id}/invoice`, { invoiceNumber: 'F-1', amountMinor: 400_000, currency: 'CAD', invoicedOn: '2026-04-10' })).status).toBe(200);
    await refused(() => manager.post(`/api/funds/equipment/quotes/${quote.id}/pay`, { paidOn: '2026-04-01' }, withKey()), 422, 'paidOn', '2026-04-10');
    expect((await manager.post(`/api/funds/equipment/quotes/${quote.id}/pay`, { paidOn: '2026-04-12' }, withKey())).status).toBe(200);
  });

  it('refuses a contribution in the future or before the fund opened, and a reversal before the entry it reverses', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 0, openedOn: '2026-02-01' });
    const contribute = (receivedOn: string) => manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 1_000_000, currency: 'CAD', receivedOn }, withKey());
    await refused(() => contribute('2099-12-31'), 422, 'receivedOn', today());
    await refused(() => contribute('2026-01-31'), 422, 'receivedOn', '2026-02-01');
    const contribution = await (await contribute('2026-05-01')).json();
    await refused(() => manager.post(`/api/funds/ledger/entries/${contribution.journalEntryId}/reverse`, { reason: 'Saisie en double', occurredOn: '2026-04-30' }, withKey()), 422, 'occurredOn', '2026-05-01');
    expect((await manager.post(`/api/funds/ledger/entries/${contribution.journalEntryId}/reverse`, { reason: 'Saisie en double', occurredOn: '2026-05-02' }, withKey())).status).toBe(201);
  });
});

describe('availability is what the fund holds at the date of the movement (security audit)', () => {
  it('refuses a commitment dated before the money that would cover it arrived', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 0 });
    expect((await manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 1_000_000, currency: 'CAD', receivedOn: '2026-11-10' }, withKey())).status).toBe(201);
    const id = await proposedLoan(fundId, 500_000);
    const before = await ledgerLines();
    // On 1 November the fund held nothing: the money of the 10th does not cover it.
    await expect(approveLoan(ctx.database.db, fixture.secondManager, id, '2026-11-01')).rejects.toMatchObject({ status: 409, fields: { amountMinor: ['Above the amount available on 2026-11-01'] } });
    expect(await ledgerLines()).toBe(before);
    await approveLoan(ctx.database.db, fixture.secondManager, id, '2026-11-10');
    expect((await fundFigures(ctx.database.db, fundId, '2026-11-09')).availableMinor).toBe(0);
  });

  it('refuses a capital reversal that leaves a past day short of its commitments, even when today is covered', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 0 });
    const first = await (await manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 100_000, currency: 'CAD', receivedOn: '2026-11-01' }, withKey())).json();
    await approveLoan(ctx.database.db, fixture.secondManager, await proposedLoan(fundId, 100_000), '2026-11-02');
    expect((await manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 100_000, currency: 'CAD', receivedOn: '2026-11-10' }, withKey())).status).toBe(201);
    // Reversed on the 5th, the fund would owe 100,000 with nothing in the bank until the 10th.
    await refused(() => manager.post(`/api/funds/ledger/entries/${first.journalEntryId}/reverse`, { reason: 'Erreur', occurredOn: '2026-11-05' }, withKey()), 409, 'amountMinor', '2026-11-05');
    expect((await manager.post(`/api/funds/ledger/entries/${first.journalEntryId}/reverse`, { reason: 'Erreur', occurredOn: '2026-11-10' }, withKey())).status).toBe(201);
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-05', '2026-11-10', today()]) {
      expect((await fundFigures(ctx.database.db, fundId, day)).availableMinor, day).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('accounting closures', () => {
  it('closes a fund up to a day with four eyes; nothing is posted, reversed or back-dated on or before it', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const loanId = await activeLoan(fundId, 300_000, '2026-09-01', '2026-09-15');
    const capitalEntry = (await (await manager.get(`/api/funds/ledger/entries?fundId=${fundId}&kind=capital_contribution`)).json()).items[0];
    await refused(() => manager.post(`/api/funds/${fundId}/closures`, { closesOn: '2099-12-31' }), 422, 'closesOn', today());
    const asked = await manager.post(`/api/funds/${fundId}/closures`, { closesOn: '2026-10-31', note: 'Clôture d’octobre' });
    expect(asked.status).toBe(201);
    const closure = await asked.json();
    expect(closure).toMatchObject({ status: 'pending', closesOn: '2026-10-31', canDecide: false });
    expect((await manager.post(`/api/funds/${fundId}/closures`, { closesOn: '2026-10-15' })).status).toBe(409);
    // Not closed until someone else approves: a repayment in October still goes in.
    expect((await staff.post(`/api/funds/loans/${loanId}/repayments`, { amountMinor: 10_000, currency: 'CAD', paidOn: '2026-10-01' }, withKey())).status).toBe(201);
    await refused(() => manager.post(`/api/funds/${fundId}/closures/${closure.id}/approve`, {}), 403, 'closesOn', '2026-10-31');
    const listed = await (await secondManager.get(`/api/funds/${fundId}/closures`)).json();
    expect(listed[0]).toMatchObject({ id: closure.id, canDecide: true });
    const approved = await secondManager.post(`/api/funds/${fundId}/closures/${closure.id}/approve`, { note: 'Vérifié' });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'approved', decidedByEmail: 'fund2@essor.test' });
    expect((await (await manager.get(`/api/funds/${fundId}`)).json()).closedThrough).toBe('2026-10-31');

    await refused(() => staff.post(`/api/funds/loans/${loanId}/repayments`, { amountMinor: 10_000, currency: 'CAD', paidOn: '2026-10-15' }, withKey()), 422, 'paidOn', '2026-10-31');
    await refused(() => staff.post(`/api/funds/loans/${loanId}/repayments`, { amountMinor: 10_000, currency: 'CAD', paidOn: '2026-10-31' }, withKey()), 422, 'paidOn', '2026-10-31');
    await refused(() => manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 5_000, currency: 'CAD', receivedOn: '2026-10-31' }, withKey()), 422, 'receivedOn', '2026-10-31');
    await refused(() => manager.post(`/api/funds/ledger/entries/${capitalEntry.id}/reverse`, { reason: 'Erreur', occurredOn: '2026-10-20' }, withKey()), 422, 'occurredOn', '2026-10-31');
    await refused(() => manager.post(`/api/funds/${fundId}/closures`, { closesOn: '2026-09-30' }), 422, 'closesOn', '2026-10-31');
    expect((await staff.post(`/api/funds/loans/${loanId}/repayments`, { amountMinor: 10_000, currency: 'CAD', paidOn: '2026-11-01' }, withKey())).status).toBe(201);
    const history = await (await manager.get(`/api/funds/${fundId}/closures`)).json();
    expect(history.map((c: { closesOn: string; status: string }) => [c.closesOn, c.status])).toEqual([['2026-10-31', 'approved']]);
  });

  it('corrects a closed period in the open one: the reversal is dated today and names the entry it corrects', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 0 });
    const contribution = await (await manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 70_000, currency: 'CAD', receivedOn: '2026-09-10' }, withKey())).json();
    const closure = await (await secondManager.post(`/api/funds/${fundId}/closures`, { closesOn: '2026-09-30' })).json();
    const rejectedBySelf = await secondManager.post(`/api/funds/${fundId}/closures/${closure.id}/reject`, {});
    expect(rejectedBySelf.status).toBe(403);
    expect((await manager.post(`/api/funds/${fundId}/closures/${closure.id}/approve`, {})).status).toBe(200);
    const reversal = await manager.post(`/api/funds/ledger/entries/${contribution.journalEntryId}/reverse`, { reason: 'Apport saisi deux fois' }, withKey());
    expect(reversal.status).toBe(201);
    expect(await reversal.json()).toMatchObject({ occurredOn: today(), reversesEntryId: contribution.journalEntryId });
    // September stays as it was closed; the correction shows from today.
    expect((await fundFigures(ctx.database.db, fundId, '2026-09-30')).capitalMinor).toBe(70_000);
    expect((await fundFigures(ctx.database.db, fundId)).capitalMinor).toBe(0);
  });
});

describe('envelopes over capital', () => {
  it('says by how much the envelopes of a fund go beyond its capital', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 100_000_000 });
    const [second] = await ctx.database.db
      .insert(programmes)
      .values({ structureId: ROOT_STRUCTURE_ID, code: `ENV-${Date.now().toString(36)}`, name: 'Deuxième programme', territory: 'Montréal', currency: 'CAD', status: 'open' })
      .returning();
    for (const programmeId of [fixture.programmeId, second.id]) {
      expect((await manager.put(`/api/funds/${fundId}/envelopes`, { programmeId, amountMinor: 60_000_000, maxShareBps: 5000, maxRequestMinor: 10_000_000 })).status).toBe(200);
    }
    const fund = await (await manager.get(`/api/funds/${fundId}`)).json();
    expect(fund).toMatchObject({ envelopesMinor: 120_000_000, overAllocatedMinor: 20_000_000 });
    const listed = (await (await manager.get('/api/funds')).json()).find((f: { id: string }) => f.id === fundId);
    expect(listed.overAllocatedMinor).toBe(20_000_000);
  });
});

describe('existing data', () => {
  it('reports an entry already dated before the approval it follows', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const id = await activeLoan(fundId, 200_000, '2026-06-01', '2026-06-10');
    const [entry] = rowsOf<{ id: number }>(await ctx.database.db.execute(sql`select id from journal_entries where source_id = ${id} and kind = 'disbursement'`));
    expect((await findMisdatedEntries(ctx.database.db)).filter((m) => m.entryId === Number(entry.id))).toEqual([]);
    // As a database written before the rule would hold it.
    await ctx.database.db.execute(sql`update journal_entries set occurred_on = '2026-05-15' where id = ${entry.id}`);
    const found = (await findMisdatedEntries(ctx.database.db)).filter((m) => m.entryId === Number(entry.id));
    expect(found).toEqual([expect.objectContaining({ occurredOn: '2026-05-15', boundOn: '2026-06-01', reason: 'dated before the approval it follows' })]);
    await ctx.database.db.execute(sql`update journal_entries set occurred_on = '2026-06-10' where id = ${entry.id}`);
  });
});
