import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../api/src/lib/errors';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { listAgreements } from '../../api/src/modules/guarantees/agreements';
import { approveGuarantee, rejectGuarantee } from '../../api/src/modules/guarantees/decisions';
import { cancelGuarantee, prepareGuarantee } from '../../api/src/modules/guarantees/requests';
import { guaranteeRow } from '../../api/src/modules/guarantees/store';
import { accountBalances, trialBalance } from '../../api/src/modules/ledger/reports';
import { createGuaranteeFixture, createGuaranteeProject, guaranteeInput, issueGuarantee, type GuaranteeFixture } from '../support/guarantee-fixtures';
import { createTestContext, type TestContext } from '../support/http';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestContext();
}, 60_000);
afterAll(() => ctx.close());

const count = async (table: string) => Number(rowsOf<{ n: string }>(await db().execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);
const TABLES = ['guarantees', 'journal_entries', 'pending_decisions', 'audit_log', 'guarantee_outstandings', 'guarantee_fees'];
const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)] as const)));

/** The call fails with this status (and this field, when given) and writes nothing at all. */
async function refused(status: number, run: () => Promise<unknown>, field?: string): Promise<AppError> {
  const before = await counts();
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  if (field) expect(Object.keys((error as AppError).fields ?? {})).toContain(field);
  expect(await counts()).toEqual(before);
  return error as AppError;
}

async function balances(fundId: string): Promise<Record<string, number>> {
  const rows = await accountBalances(db(), { fundId }, STAFF_VIEWER);
  return Object.fromEntries(rows.map((r) => [r.code, r.balanceMinor]));
}

describe('issuing a guarantee: the hand-computed table', () => {
  let f: GuaranteeFixture;
  beforeAll(async () => {
    f = await createGuaranteeFixture(db(), { agreement: { maxGuaranteedMinor: 20_000_000 } });
  });

  it('loan 200 000.00 at 60 %: 120 000.00 guaranteed and exposed, fee 1 800.00, books balanced', async () => {
    const prepared = await prepareGuarantee(db(), f.staff, guaranteeInput(f, { loanAmountMinor: 20_000_000, coverageBps: 6000 }));
    // 200 000.00 x 60 % = 120 000.00
    expect(prepared).toMatchObject({ status: 'prepared', guaranteedMinor: 12_000_000, exposureMinor: 0, outstandingMinor: 20_000_000, outstandingOn: '2026-02-01' });
    expect((await balances(f.fundId))['9000']).toBe(0);
    const issued = await approveGuarantee(db(), f.manager, prepared.id, { accountingDate: '2026-02-01' });
    // Issued on the disbursement day: nothing repaid yet, exposure = 60 % x 200 000.00 = 120 000.00;
    // upfront fee = 1.5 % x 120 000.00 = 1 800.00; performing: provision 0 % = 0.
    expect(issued).toMatchObject({ status: 'active', issuedOn: '2026-02-01', decidedBy: f.manager.id, outstandingMinor: 20_000_000, exposureMinor: 12_000_000, feesMinor: 180_000, provisionMinor: 0, riskClass: 'performing' });
    const books = await balances(f.fundId);
    expect(books['9000']).toBe(12_000_000);
    expect(books['9010']).toBe(12_000_000);
    expect(books['4100']).toBe(180_000);
    // capital 1 000 000.00 + fee 1 800.00
    expect(books['1000']).toBe(100_180_000);
    expect(books['3000']).toBe(100_000_000);
    expect(books['2400']).toBe(0);
    expect((await trialBalance(db(), { fundId: f.fundId }, STAFF_VIEWER)).balanced).toBe(true);
  });

  it('issued later on a declining loan: the exposure follows the principal fallen due by the issue day', async () => {
    const projectId = await createGuaranteeProject(db(), f);
    const prepared = await prepareGuarantee(db(), f.staff, guaranteeInput({ ...f, projectId }, { loanAmountMinor: 20_000_000, coverageBps: 6000, method: 'declining' }));
    const issued = await approveGuarantee(db(), f.secondManager, prepared.id, { accountingDate: '2026-05-15' });
    // 60 equal parts of 200 000.00: 3 333.33 each; due 03-01, 04-01, 05-01 → 9 999.99 repaid, 190 000.01 owed;
    // exposure = 60 % x 190 000.01 = 114 000.006 → 114 000.01; fee still on the guaranteed 120 000.00: 1 800.00.
    expect(issued).toMatchObject({ outstandingMinor: 19_000_001, outstandingOn: '2026-05-15', exposureMinor: 11_400_001, feesMinor: 180_000 });
    const books = await balances(f.fundId);
    expect(books['9000']).toBe(12_000_000 + 11_400_001);
    expect(books['4100']).toBe(360_000);
    expect(books['1000']).toBe(100_360_000);
    expect((await trialBalance(db(), { fundId: f.fundId }, STAFF_VIEWER)).balanced).toBe(true);
    const [agreement] = await listAgreements(db(), STAFF_VIEWER, { fundId: f.fundId });
    expect(agreement).toMatchObject({ guaranteedMinor: 24_000_000, exposureMinor: 23_400_001, paidMinor: 0, portfolioRoomMinor: null, currency: 'CAD' });
  });
});

describe('bad input: a clear 4xx, nothing written', () => {
  let f: GuaranteeFixture;
  beforeAll(async () => {
    f = await createGuaranteeFixture(db());
  });

  it('coverage outside the agreement, and the ceiling for women-led enterprises', async () => {
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput(f, { coverageBps: 4999 })), 'coverageBps');
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput(f, { coverageBps: 7001 })), 'coverageBps');
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput(f, { coverageBps: 8001, womenLed: true })), 'coverageBps');
    // 80 % is open to a women-led enterprise only (100 000.00 x 80 % = 80 000.00, within the 100 000.00 maximum).
    const women = await prepareGuarantee(db(), f.staff, guaranteeInput(f, { coverageBps: 8000, womenLed: true }));
    expect(women.guaranteedMinor).toBe(8_000_000);
    await cancelGuarantee(db(), f.staff, women.id);
  });

  it('currency, unknown agreement, unknown project, a loan disbursed after today, a bank loan already guaranteed', async () => {
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput(f, { currency: 'XOF' })), 'currency');
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput({ ...f, projectId: f.otherCurrencyProjectId })), 'projectId');
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput({ ...f, agreementId: '00000000-0000-4000-8000-000000000001' })), 'agreementId');
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput({ ...f, projectId: '00000000-0000-4000-8000-000000000001' })), 'projectId');
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput(f, { disbursedOn: '2999-01-01' })), 'disbursedOn');
    const first = await prepareGuarantee(db(), f.staff, guaranteeInput(f, { bankLoanRef: 'PRET-DOUBLE', loanAmountMinor: 1_000_000 }));
    await refused(409, () => prepareGuarantee(db(), f.staff, guaranteeInput(f, { bankLoanRef: 'PRET-DOUBLE', loanAmountMinor: 1_000_000 })), 'bankLoanRef');
    await cancelGuarantee(db(), f.staff, first.id);
  });

  it("the maximum per enterprise counts its prepared and live guarantees under the agreement, not cancelled ones", async () => {
    const projectId = await createGuaranteeProject(db(), f);
    const p = { ...f, projectId };
    // live: 100 000.00 x 50 % = 50 000.00
    await issueGuarantee(db(), p as GuaranteeFixture, { loanAmountMinor: 10_000_000 });
    // 50 000.00 + 120 000.00 x 50 % = 110 000.00 > 100 000.00
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput(p, { loanAmountMinor: 12_000_000 })), 'loanAmountMinor');
    // 50 000.00 + 50 000.00 = 100 000.00: exactly the maximum
    const second = await prepareGuarantee(db(), f.staff, guaranteeInput(p, { loanAmountMinor: 10_000_000 }));
    // a prepared one counts: 100 000.00 + 10.00 x 50 % = 100 005.00 (5.00 is 500 minor)
    await refused(422, () => prepareGuarantee(db(), f.staff, guaranteeInput(p, { loanAmountMinor: 1_000 })), 'loanAmountMinor');
    await cancelGuarantee(db(), f.staff, second.id);
    const small = await prepareGuarantee(db(), f.staff, guaranteeInput(p, { loanAmountMinor: 1_000 }));
    expect(small.guaranteedMinor).toBe(500);
  });

  it('four eyes: whoever prepared it may not approve or reject it (403); another fund manager may', async () => {
    const prepared = await prepareGuarantee(db(), f.manager, guaranteeInput(f, { loanAmountMinor: 1_000_000 }));
    await refused(403, () => approveGuarantee(db(), f.manager, prepared.id, { accountingDate: '2026-02-01' }));
    await refused(403, () => rejectGuarantee(db(), f.manager, prepared.id));
    // issue day before the disbursement (2026-02-01)
    await refused(422, () => approveGuarantee(db(), f.secondManager, prepared.id, { accountingDate: '2026-01-31' }), 'accountingDate');
    const issued = await approveGuarantee(db(), f.secondManager, prepared.id, { accountingDate: '2026-02-01' });
    expect(issued.status).toBe('active');
    await refused(409, () => approveGuarantee(db(), f.staff, prepared.id, { accountingDate: '2026-02-01' }));
    await refused(409, () => cancelGuarantee(db(), f.staff, prepared.id));
  });

  it('reject and cancel post nothing', async () => {
    const entries = await count('journal_entries');
    const a = await prepareGuarantee(db(), f.staff, guaranteeInput(f, { loanAmountMinor: 1_000_000 }));
    expect((await rejectGuarantee(db(), f.manager, a.id, { note: 'Dossier incomplet' })).status).toBe('rejected');
    const b = await prepareGuarantee(db(), f.staff, guaranteeInput(f, { loanAmountMinor: 1_000_000 }));
    expect((await cancelGuarantee(db(), f.staff, b.id)).status).toBe('cancelled');
    expect(await count('journal_entries')).toBe(entries);
    const pending = rowsOf<{ status: string }>(await db().execute(sql`select status from pending_decisions where entity_id = ${b.id}`));
    expect(pending.map((p) => p.status)).toEqual(['withdrawn']);
  });

  it('past the leverage cap: 409, nothing written; exactly at the cap: issued', async () => {
    // capital 20 000.00, cap 500 %
    const g = await createGuaranteeFixture(db(), { funds: f.funds, capitalMinor: 2_000_000 });
    const projects = [await createGuaranteeProject(db(), g), await createGuaranteeProject(db(), g), await createGuaranteeProject(db(), g)];
    // 1st: exposure 50 000.00 <= 5 x 20 000.00; fee 750.00 → net assets 20 750.00
    await issueGuarantee(db(), { ...g, projectId: projects[0] }, { loanAmountMinor: 10_000_000 });
    // 2nd: 100 000.00 <= 5 x 20 750.00 = 103 750.00; fee 750.00 → net assets 21 500.00, cap 107 500.00
    await issueGuarantee(db(), { ...g, projectId: projects[1] }, { loanAmountMinor: 10_000_000 });
    // 3rd: 100 000.00 + 20 000.00 x 50 % = 110 000.00 > 107 500.00
    const over = await prepareGuarantee(db(), g.staff, guaranteeInput({ ...g, projectId: projects[2] }, { loanAmountMinor: 2_000_000 }));
    const error = await refused(409, () => approveGuarantee(db(), g.manager, over.id, { accountingDate: '2026-02-01' }), 'coverageBps');
    expect(error.message).toContain('11000000');
    expect((await guaranteeRow(db(), over.id)).status).toBe('prepared');
    await cancelGuarantee(db(), g.staff, over.id);
    // 100 000.00 + 15 000.00 x 50 % = 107 500.00: exactly the cap
    const at = await issueGuarantee(db(), { ...g, projectId: projects[2] }, { loanAmountMinor: 1_500_000 });
    expect((await guaranteeRow(db(), at)).exposureMinor).toBe(750_000);
    const books = await balances(g.fundId);
    expect(books['9000']).toBe(10_750_000);
    // 20 000.00 + 750.00 + 750.00 + 1.5 % x 7 500.00 = 112.50
    expect(books['1000']).toBe(2_000_000 + 75_000 + 75_000 + 11_250);
    expect((await trialBalance(db(), { fundId: g.fundId }, STAFF_VIEWER)).balanced).toBe(true);
  });

  it('an agreement with a bank of another structure, or twice with one bank, is refused', async () => {
    const { createAgreement } = await import('../../api/src/modules/guarantees/agreements');
    const { createBank } = await import('../../api/src/modules/guarantees/banks');
    const { DEFAULT_AGREEMENT } = await import('../support/guarantee-fixtures');
    const elsewhere = await makeStructure(db(), 'Incubateur voisin');
    const bank = await createBank(db(), f.manager, { structureId: elsewhere, name: 'Banque voisine', contactName: '', contactEmail: '' });
    await refused(422, () => createAgreement(db(), f.manager, { ...DEFAULT_AGREEMENT, fundId: f.fundId, bankId: bank.id }), 'bankId');
    await refused(409, () => createAgreement(db(), f.manager, { ...DEFAULT_AGREEMENT, fundId: f.fundId, bankId: f.bankId }), 'bankId');
  });
});

describe('over HTTP', () => {
  it('staff prepare, a fund manager approves; another structure sees nothing', async () => {
    const f = await createGuaranteeFixture(db());
    const staff = await ctx.as('staff');
    const manager = await ctx.as('fund_manager');
    const prepared = await staff.post('/api/guarantees', guaranteeInput(f, { loanAmountMinor: 4_000_000, coverageBps: 7000 }));
    expect(prepared.status).toBe(201);
    const body = (await prepared.json()) as { id: string; status: string; guaranteedMinor: number; allowedActions: string[] };
    // 40 000.00 x 70 % = 28 000.00
    expect(body).toMatchObject({ status: 'prepared', guaranteedMinor: 2_800_000 });
    expect(body.allowedActions).toEqual(['cancel']);
    const seen = (await (await manager.get(`/api/guarantees/${body.id}`)).json()) as { allowedActions: string[] };
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['approve', 'reject', 'cancel']));
    expect((await staff.post(`/api/guarantees/${body.id}/approve`, {}, { headers: { 'Idempotency-Key': `s-${body.id}` } })).status).toBe(403);
    const approved = await manager.post(`/api/guarantees/${body.id}/approve`, { accountingDate: '2026-02-01' }, { headers: { 'Idempotency-Key': `a-${body.id}` } });
    expect(approved.status).toBe(200);
    const detail = (await approved.json()) as { status: string; exposureMinor: number; feesMinor: number; outstandings: unknown[]; fees: unknown[]; timeline: { action: string }[]; allowedActions: string[] };
    // exposure 28 000.00; fee 1.5 % x 28 000.00 = 420.00
    expect(detail).toMatchObject({ status: 'active', exposureMinor: 2_800_000, feesMinor: 42_000 });
    expect(detail.outstandings).toHaveLength(1);
    expect(detail.fees).toHaveLength(1);
    expect(detail.timeline.map((t) => t.action)).toEqual(['guarantee.prepare', 'guarantee.approve']);
    expect(detail.allowedActions).toEqual(['report', 'call']);

    const list = (await (await staff.get(`/api/guarantees?fundId=${f.fundId}`)).json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(list).toEqual({ items: [expect.objectContaining({ id: body.id })], nextCursor: null });
    const csv = await (await staff.get(`/api/guarantees/export.csv?fundId=${f.fundId}`)).text();
    expect(csv).toContain('guaranteed_minor');
    expect(csv).toContain('2800000');
    expect((await (await manager.get(`/api/guarantees/funds/${f.fundId}/policy`)).json()) as object).toMatchObject({ leverageCapPct: 500, watchBps: 1000 });
    const agreements = (await (await manager.get(`/api/guarantees/agreements?fundId=${f.fundId}`)).json()) as { exposureMinor: number }[];
    expect(agreements).toMatchObject([{ exposureMinor: 2_800_000 }]);

    const elsewhere = await makeStructure(db(), 'Autre incubateur');
    const outsider = await memberOf(ctx, elsewhere, ['fund_manager']);
    expect(await (await outsider.get('/api/guarantees')).json()).toEqual({ items: [], nextCursor: null });
    expect(await (await outsider.get(`/api/guarantees/agreements?fundId=${f.fundId}`)).json()).toEqual([]);
    expect((await outsider.get(`/api/guarantees/${body.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/guarantees/${body.id}/reject`, {}, { headers: { 'Idempotency-Key': `o-${body.id}` } })).status).toBe(404);
    const banks = (await (await outsider.get('/api/guarantees/banks')).json()) as unknown[];
    expect(banks).toEqual([]);
  });

  it('banks and agreements are configured by fund managers; duplicates are 409', async () => {
    const manager = await ctx.as('fund_manager');
    const created = await manager.post('/api/guarantees/banks', { name: 'Caisse solidaire du Plateau' });
    expect(created.status).toBe(201);
    expect((await manager.post('/api/guarantees/banks', { name: 'Caisse solidaire du Plateau' })).status).toBe(409);
    const staff = await ctx.as('staff');
    expect((await staff.post('/api/guarantees/banks', { name: 'Autre banque' })).status).toBe(403);
  });

  it('the policy: none yet is 409, rates that shrink with the risk are 400, a good one is kept and read back', async () => {
    const f = await createGuaranteeFixture(db());
    const { createFundWithCapital } = await import('../support/funds-fixtures');
    const bare = await createFundWithCapital(db(), f, { type: 'guarantee', capitalMinor: 0, openedOn: '2025-01-01' });
    const manager = await ctx.as('fund_manager');
    expect((await manager.get(`/api/guarantees/funds/${bare}/policy`)).status).toBe(409);
    const policy = { leverageCapPct: 800, performingBps: 100, watchBps: 500, doubtfulBps: 4000, lossBps: 10_000, watchAfterDays: 30, doubtfulAfterDays: 90, lossAfterDays: 180 };
    expect((await manager.put(`/api/guarantees/funds/${bare}/policy`, { ...policy, watchBps: 50 })).status).toBe(400);
    expect((await manager.put(`/api/guarantees/funds/${bare}/policy`, policy)).status).toBe(200);
    expect(await (await manager.get(`/api/guarantees/funds/${bare}/policy`)).json()).toEqual({ fundId: bare, ...policy });
    const staff = await ctx.as('staff');
    expect((await staff.put(`/api/guarantees/funds/${bare}/policy`, policy)).status).toBe(403);
    // a co-financing fund has no guarantee policy
    const other = await createFundWithCapital(db(), f, { type: 'co_financing', capitalMinor: 0 });
    expect((await manager.put(`/api/guarantees/funds/${other}/policy`, policy)).status).toBe(422);
  });

  it('the preparer waits on four eyes in the register', async () => {
    const f = await createGuaranteeFixture(db());
    const manager = await ctx.as('fund_manager');
    const res = await manager.post('/api/guarantees', guaranteeInput(f, { loanAmountMinor: 1_000_000 }));
    expect(res.status).toBe(201);
    const g = (await res.json()) as { id: string; allowedActions: string[]; waiting: { action: string; reason: string }[] };
    expect(g.allowedActions).toEqual(['cancel']);
    expect(g.waiting).toEqual([
      { action: 'approve', reason: 'four_eyes', trancheId: null },
      { action: 'reject', reason: 'four_eyes', trancheId: null },
    ]);
    expect((await manager.post(`/api/guarantees/${g.id}/approve`, {}, { headers: { 'Idempotency-Key': `p-${g.id}` } })).status).toBe(403);
    const prepared = (await (await manager.get(`/api/guarantees?fundId=${f.fundId}&status=prepared`)).json()) as { items: { id: string }[] };
    expect(prepared.items.map((p) => p.id)).toEqual([g.id]);
    expect(await (await manager.get(`/api/guarantees?fundId=${f.fundId}&status=active`)).json()).toEqual({ items: [], nextCursor: null });
  });
});
