import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../api/src/db/schema/auth';
import { committeeMembers, committeeSessions } from '../../api/src/db/schema/committee';
import { milestones } from '../../api/src/db/schema/projects';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { hashPassword } from '../../api/src/lib/passwords';
import { rowsOf } from '../../api/src/lib/rows';
import { today } from '../../api/src/modules/funds/service';
import { approveLoan } from '../../api/src/modules/loans/decisions';
import { DEMO_PASSWORD, seedAccounts } from '../../seeds/platform';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, TestClient, type TestContext } from '../support/http';
import { memberOf } from '../support/structures';

let ctx: TestContext;
let fixture: FundsFixture;
let staff: TestClient;
let manager: TestClient;
let secondManager: TestClient;
let committee: TestClient;
let holder: TestClient;
let keySeq = 0;
const key = () => `test-key-${Date.now()}-${keySeq++}`;
const withKey = (k = key()) => ({ headers: { 'Idempotency-Key': k } });

async function ledgerLines(): Promise<number> {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from journal_lines`))[0].n);
}

async function figures(fundId: string) {
  return (await (await manager.get(`/api/funds/${fundId}`)).json()).figures;
}

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  await ctx.database.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.email, 'fund2@essor.test'));
  [staff, manager, committee, holder] = await Promise.all([ctx.as('staff'), ctx.as('fund_manager'), ctx.as('committee_member'), ctx.as('project_holder')]);
  secondManager = await ctx.client().signIn('fund2@essor.test');
});
afterAll(() => ctx.close());

async function preparedRequest(fundId: string, amountMinor: number, options: { projectId?: string; tranches?: { amountMinor: number; milestoneId: string | null }[] } = {}) {
  const created = await staff.post('/api/funds/cofinancing', { fundId, projectId: options.projectId ?? fixture.projectId, amountMinor, currency: 'CAD', purpose: 'Achat de la chambre froide', otherFunders: [{ name: 'Caisse d’économie solidaire', amountMinor: 1_000_000, status: 'confirmed' }] });
  expect(created.status).toBe(201);
  const request = await created.json();
  const prepared = await staff.post(`/api/funds/cofinancing/${request.id}/prepare`, {
    recommendation: 'Projet solide, gouvernance démocratique, marché identifié',
    conditions: ['Rapport d’activité semestriel', 'Compte bancaire au nom de la coopérative'],
    tranches: options.tranches ?? [{ amountMinor, milestoneId: null }],
  });
  expect(prepared.status).toBe(200);
  return (await prepared.json()) as { id: string; tranches: { id: string; status: string }[]; number: number };
}

describe('co-financing through the API', () => {
  it('runs staff preparation, fund manager approval, agreement and disbursement, and the figures follow the ledger', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 5_000_000 });
    const request = await preparedRequest(fundId, 1_200_000, { tranches: [{ amountMinor: 800_000, milestoneId: null }, { amountMinor: 400_000, milestoneId: null }] });
    expect((await staff.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey())).status).toBe(403);
    const approved = await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: 'Conforme' }, withKey());
    expect(approved.status).toBe(200);
    expect((await approved.json()).status).toBe('approved');
    expect(await figures(fundId)).toMatchObject({ capitalMinor: 5_000_000, committedMinor: 1_200_000, disbursedMinor: 0, availableMinor: 3_800_000 });

    const tranche = request.tranches[0].id;
    const early = await manager.post(`/api/funds/cofinancing/${request.id}/tranches/${tranche}/disburse`, {}, withKey());
    expect(early.status).toBe(409);
    expect((await staff.post(`/api/funds/cofinancing/${request.id}/agreement`, { signedOn: '2026-11-02' })).status).toBe(200);
    // Approved today: the tranche is paid out today, never before the approval.
    const paid = await manager.post(`/api/funds/cofinancing/${request.id}/tranches/${tranche}/disburse`, { disbursedOn: today() }, withKey());
    expect(paid.status).toBe(200);
    expect(await figures(fundId)).toMatchObject({ committedMinor: 1_200_000, disbursedMinor: 800_000, outstandingCommitmentsMinor: 400_000, cashMinor: 4_200_000, availableMinor: 3_800_000 });

    const cancelled = await manager.post(`/api/funds/cofinancing/${request.id}/cancel`, { reason: 'Le projet renonce à la seconde phase' }, withKey());
    expect(cancelled.status).toBe(200);
    expect(await figures(fundId)).toMatchObject({ committedMinor: 800_000, disbursedMinor: 800_000, outstandingCommitmentsMinor: 0, availableMinor: 4_200_000 });
    const detail = await (await manager.get(`/api/funds/cofinancing/${request.id}`)).json();
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual([
      'cofinancing.create',
      'cofinancing.prepare',
      'cofinancing.approve',
      'cofinancing.agreement',
      'cofinancing.disburse',
      'cofinancing.cancel',
    ]);
  });

  it('refuses approval by whoever prepared the request (four eyes), even with both roles', async () => {
    await seedAccounts(ctx.database.db, [{ email: 'both@essor.test', name: 'Double casquette', roles: ['staff', 'fund_manager'], locale: 'fr' }]);
    const both = await ctx.client().signIn('both@essor.test');
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 5_000_000 });
    const created = await (await both.post('/api/funds/cofinancing', { fundId, projectId: fixture.projectId, amountMinor: 100_000, currency: 'CAD', purpose: 'Équipement', otherFunders: [] })).json();
    await both.post(`/api/funds/cofinancing/${created.id}/prepare`, { recommendation: 'Favorable', tranches: [{ amountMinor: 100_000 }] });
    const before = await ledgerLines();
    const res = await both.post(`/api/funds/cofinancing/${created.id}/approve`, { note: '' }, withKey());
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/quatre yeux/);
    expect(await ledgerLines()).toBe(before);
    // The inbox of that person does not offer it; another fund manager's does.
    expect((await (await both.get('/api/funds/inbox')).json()).cofinancing.map((r: { id: string }) => r.id)).not.toContain(created.id);
    expect((await (await manager.get('/api/funds/inbox')).json()).cofinancing.map((r: { id: string }) => r.id)).toContain(created.id);
    expect((await manager.post(`/api/funds/cofinancing/${created.id}/approve`, { note: '' }, withKey())).status).toBe(200);
  });

  it('needs a favourable committee decision above the fund threshold', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 5_000_000, thresholdMinor: 500_000 });
    const request = await preparedRequest(fundId, 600_000);
    const refused = await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey());
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/comité/);
    expect((await (await committee.get('/api/funds/inbox')).json()).cofinancing.map((r: { id: string }) => r.id)).toContain(request.id);
    // The opinion comes from a committee session held with its quorum, recorded by staff who did not prepare the request.
    const [session] = await ctx.database.db.insert(committeeSessions).values({ structureId: ROOT_STRUCTURE_ID, programmeId: fixture.programmeId, title: 'Comité de financement', heldOn: '2026-11-20', quorum: 1, grid: [] }).returning();
    await ctx.database.db.insert(committeeMembers).values({ sessionId: session.id, userId: fixture.committee.id! });
    const opinion = { sessionId: session.id, voterIds: [fixture.committee.id], decision: 'favourable', note: 'Unanimité' };
    const clerk = await memberOf(ctx, ROOT_STRUCTURE_ID, ['staff']);
    expect((await committee.post(`/api/funds/cofinancing/${request.id}/committee-decision`, opinion)).status).toBe(403);
    expect((await staff.post(`/api/funds/cofinancing/${request.id}/committee-decision`, opinion)).status).toBe(403);
    expect((await clerk.post(`/api/funds/cofinancing/${request.id}/committee-decision`, opinion)).status).toBe(200);
    expect((await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey())).status).toBe(200);
    const small = await preparedRequest(fundId, 100_000);
    expect((await clerk.post(`/api/funds/cofinancing/${small.id}/committee-decision`, opinion)).status).toBe(409);
  });

  it("applies the programme's rules and the project's budget", async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 50_000_000 });
    const envelope = await manager.put(`/api/funds/${fundId}/envelopes`, { programmeId: fixture.programmeId, amountMinor: 3_000_000, maxShareBps: 5000, maxRequestMinor: 2_000_000 });
    expect(envelope.status).toBe(200);
    const ask = (amountMinor: number, otherFunders: unknown[] = []) =>
      staff.post('/api/funds/cofinancing', { fundId, projectId: fixture.projectId, amountMinor, currency: 'CAD', purpose: 'Rénovation', otherFunders });
    expect((await ask(2_000_001)).status).toBe(422);
    expect((await ask(10_000_000_000 - 5, [{ name: 'Banque', amountMinor: 10 }])).status).toBe(422);
    const first = await preparedRequest(fundId, 2_000_000);
    expect((await manager.post(`/api/funds/cofinancing/${first.id}/approve`, { note: '' }, withKey())).status).toBe(200);
    const envelopes = await (await manager.get(`/api/funds/${fundId}/envelopes`)).json();
    expect(envelopes[0]).toMatchObject({ committedMinor: 2_000_000, remainingMinor: 1_000_000 });
    expect((await ask(1_500_000)).status).toBe(409);
  });

  it('refuses bad amounts with a 4xx and leaves the ledger untouched', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const before = await ledgerLines();
    const contribute = (body: Record<string, unknown>) => manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, currency: 'CAD', ...body }, withKey());
    expect((await contribute({ amountMinor: -500 })).status).toBe(400);
    expect((await contribute({ amountMinor: 0 })).status).toBe(400);
    expect((await contribute({ amountMinor: 10.5 })).status).toBe(400);
    expect((await contribute({ amountMinor: '1000' })).status).toBe(400);
    const wrongCurrency = await contribute({ amountMinor: 1000, currency: 'XOF' });
    expect(wrongCurrency.status).toBe(422);
    expect((await wrongCurrency.json()).error.fields.currency).toBeDefined();
    expect((await staff.post('/api/funds/cofinancing', { fundId, projectId: fixture.projectId, amountMinor: 100, currency: 'MAD', purpose: 'Essai', otherFunders: [] })).status).toBe(422);
    expect((await staff.post('/api/funds/cofinancing', { fundId, projectId: fixture.otherCurrencyProjectId, amountMinor: 100, currency: 'CAD', purpose: 'Essai', otherFunders: [] })).status).toBe(422);
    expect((await manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, currency: 'CAD', amountMinor: 1000 })).status).toBe(400);
    expect(await ledgerLines()).toBe(before);
    const tooBig = await preparedRequest(fundId, 1_000_001);
    const res = await manager.post(`/api/funds/cofinancing/${tooBig.id}/approve`, { note: '' }, withKey());
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields.amountMinor).toBeDefined();
    expect(await ledgerLines()).toBe(before + 0);
    expect((await (await manager.get(`/api/funds/cofinancing/${tooBig.id}`)).json()).status).toBe('prepared');
  });

  it('releases a tranche tied to a milestone only once the milestone is reached', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const [milestone] = await ctx.database.db.insert(milestones).values({ structureId: ROOT_STRUCTURE_ID, projectId: fixture.projectId, kind: 'first_sale', title: 'Première vente' }).returning();
    const request = await preparedRequest(fundId, 300_000, { tranches: [{ amountMinor: 300_000, milestoneId: milestone.id }] });
    await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey());
    await staff.post(`/api/funds/cofinancing/${request.id}/agreement`, { signedOn: '2026-11-02' });
    const disburse = () => manager.post(`/api/funds/cofinancing/${request.id}/tranches/${request.tranches[0].id}/disburse`, {}, withKey());
    expect((await disburse()).status).toBe(409);
    await ctx.database.db.update(milestones).set({ status: 'reached', reachedOn: '2026-11-10' }).where(eq(milestones.id, milestone.id));
    const paid = await disburse();
    expect(paid.status).toBe(200);
    expect((await paid.json()).status).toBe('completed');
  });

  it('shows a project holder their own financing and nothing else', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const own = await preparedRequest(fundId, 100_000);
    const list = await (await holder.get(`/api/funds/cofinancing?fundId=${fundId}`)).json();
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([own.id]);
    await ctx.database.db.update(users).set({ roles: ['project_holder'] }).where(eq(users.email, 'investor@essor.demo'));
    const stranger = await ctx.as('investor');
    expect((await stranger.get(`/api/funds/cofinancing/${own.id}`)).status).toBe(404);
    expect(await (await stranger.get(`/api/funds/cofinancing?fundId=${fundId}`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await holder.get('/api/funds/ledger/trial-balance')).status).toBe(403);
    const loanFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 100_000 });
    const loan = await (await staff.post('/api/funds/loans', { fundId: loanFund, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: 50_000, currency: 'CAD', termMonths: 5, method: 'declining' })).json();
    expect((await holder.get(`/api/funds/loans/${loan.id}`)).status).toBe(200);
    expect((await stranger.get(`/api/funds/loans/${loan.id}`)).status).toBe(404);
    expect(await (await stranger.get(`/api/funds/loans?fundId=${loanFund}`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await holder.post(`/api/funds/loans/${loan.id}/repayments`, { amountMinor: 1, currency: 'CAD', paidOn: '2026-11-01' }, withKey())).status).toBe(403);
  });
});

describe('idempotency of money-moving requests', () => {
  it('replays the first answer for the same key and body, and moves the money once', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const k = key();
    const body = { funderId: fixture.funderId, amountMinor: 250_000, currency: 'CAD', receivedOn: '2026-10-01' };
    const first = await manager.post(`/api/funds/${fundId}/contributions`, body, withKey(k));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    const lines = await ledgerLines();
    const second = await manager.post(`/api/funds/${fundId}/contributions`, { currency: 'CAD', receivedOn: '2026-10-01', amountMinor: 250_000, funderId: fixture.funderId }, withKey(k));
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(await ledgerLines()).toBe(lines);
    expect((await figures(fundId)).capitalMinor).toBe(1_250_000);

    const mismatch = await manager.post(`/api/funds/${fundId}/contributions`, { ...body, amountMinor: 250_001 }, withKey(k));
    expect(mismatch.status).toBe(422);
    expect((await mismatch.json()).error.code).toBe('idempotency_mismatch');
    expect(await ledgerLines()).toBe(lines);
    // Keys belong to their user: another fund manager's same key is another request.
    expect((await secondManager.post(`/api/funds/${fundId}/contributions`, body, withKey(k))).headers.get('idempotent-replayed')).toBe('false');
  });

  it('does not store a refused request, so a retry after the cause is fixed goes through', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 100_000 });
    const request = await preparedRequest(fundId, 150_000);
    const k = key();
    expect((await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey(k))).status).toBe(409);
    await manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 50_000, currency: 'CAD' }, withKey());
    expect((await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey(k))).status).toBe(200);
    expect((await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey(k))).headers.get('idempotent-replayed')).toBe('true');
    expect((await figures(fundId)).committedMinor).toBe(150_000);
  });
});

describe('loans through the API', () => {
  async function activeLoan(fundId: string, principalMinor: number, termMonths = 3) {
    const proposed = await staff.post('/api/funds/loans', { fundId, projectId: fixture.projectId, kind: 'honour_loan', principalMinor, currency: 'CAD', rateBps: 0, termMonths, graceMonths: 0, method: 'declining' });
    expect(proposed.status).toBe(201);
    const loan = await proposed.json();
    // Approved in January (through the service, which takes the accounting date), so it can be paid out on the 15th.
    await approveLoan(ctx.database.db, fixture.secondManager, loan.id, '2026-01-10');
    expect((await manager.post(`/api/funds/loans/${loan.id}/disburse`, { disbursedOn: '2026-01-15' }, withKey())).status).toBe(200);
    return loan.id as string;
  }

  it('schedules, splits repayments, closes the loan and refuses a repayment on a closed loan', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const id = await activeLoan(fundId, 100_000);
    const loan = await (await manager.get(`/api/funds/loans/${id}`)).json();
    expect(loan.schedule.map((i: { principalMinor: number }) => i.principalMinor)).toEqual([33333, 33333, 33334]);
    expect(loan.daysInArrears).toBeGreaterThan(0);
    const overpay = await staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 100_001, currency: 'CAD', paidOn: '2026-02-15' }, withKey());
    expect(overpay.status).toBe(422);
    const repaid = await staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 100_000, currency: 'CAD', paidOn: '2026-02-15' }, withKey());
    expect(repaid.status).toBe(201);
    expect(await repaid.json()).toMatchObject({ status: 'closed', outstandingPrincipalMinor: 0, daysInArrears: 0 });
    const before = await ledgerLines();
    const late = await staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 1, currency: 'CAD', paidOn: '2026-03-01' }, withKey());
    expect(late.status).toBe(409);
    expect(await ledgerLines()).toBe(before);
    expect(await figures(fundId)).toMatchObject({ disbursedMinor: 100_000, repaidMinor: 100_000, loansOutstandingMinor: 0, availableMinor: 1_000_000 });
  });

  it('reschedules and writes off only with a second fund manager (maker-checker)', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const id = await activeLoan(fundId, 120_000, 4);
    const proposed = await manager.post(`/api/funds/loans/${id}/actions`, { kind: 'reschedule', reason: 'Saison perdue', params: { termMonths: 6, graceMonths: 2, rateBps: 0, method: 'declining', startsOn: '2026-06-01' } });
    expect(proposed.status).toBe(201);
    const actionId = (await proposed.json()).actions[0].id;
    const self = await manager.post(`/api/funds/loans/${id}/actions/${actionId}/approve`, {}, withKey());
    expect(self.status).toBe(403);
    const approved = await secondManager.post(`/api/funds/loans/${id}/actions/${actionId}/approve`, {}, withKey());
    expect(approved.status).toBe(200);
    const loan = await approved.json();
    expect(loan.scheduleVersion).toBe(2);
    expect(loan.schedule.map((i: { dueOn: string; principalMinor: number }) => [i.dueOn, i.principalMinor])).toEqual([
      ['2026-07-01', 0],
      ['2026-08-01', 0],
      ['2026-09-01', 30000],
      ['2026-10-01', 30000],
      ['2026-11-01', 30000],
      ['2026-12-01', 30000],
    ]);
    await staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 20_000, currency: 'CAD', paidOn: '2026-09-01' }, withKey());
    const writeOff = await (await staff.post(`/api/funds/loans/${id}/actions`, { kind: 'write_off', reason: 'Liquidation de la coopérative', writtenOffOn: '2026-11-20' })).json();
    const pending = writeOff.actions.find((a: { status: string }) => a.status === 'pending');
    expect((await staff.post(`/api/funds/loans/${id}/actions/${pending.id}/approve`, {}, withKey())).status).toBe(403);
    expect((await manager.post(`/api/funds/loans/${id}/actions/${pending.id}/approve`, {}, withKey())).status).toBe(200);
    expect(await figures(fundId)).toMatchObject({ writtenOffMinor: 100_000, repaidMinor: 20_000, loansOutstandingMinor: 0, availableMinor: 900_000 });
  });

  it('lists a rescheduled loan with the standing its own page shows: only the current schedule’s payments settle its instalments', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const id = await activeLoan(fundId, 120_000, 4);
    expect((await staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 30_000, currency: 'CAD', paidOn: '2026-02-15' }, withKey())).status).toBe(201);
    const proposed = await manager.post(`/api/funds/loans/${id}/actions`, { kind: 'reschedule', reason: 'Saison perdue', params: { termMonths: 4, graceMonths: 0, rateBps: 0, method: 'declining', startsOn: '2026-08-01' } });
    const actionId = (await proposed.json()).actions[0].id;
    expect((await secondManager.post(`/api/funds/loans/${id}/actions/${actionId}/approve`, {}, withKey())).status).toBe(200);
    expect((await staff.post(`/api/funds/loans/${id}/repayments`, { amountMinor: 20_000, currency: 'CAD', paidOn: '2026-09-01' }, withKey())).status).toBe(201);
    const detail = await (await manager.get(`/api/funds/loans/${id}`)).json();
    expect(detail.scheduleVersion).toBe(2);
    expect(detail.repayments).toHaveLength(2);
    // The 90,000 left, over four months from September: the second schedule's instalments only.
    expect(detail.schedule.map((i: { principalMinor: number }) => i.principalMinor)).toEqual([22_500, 22_500, 22_500, 22_500]);
    let listed: Record<string, unknown> | undefined;
    let cursor: string | null = null;
    do {
      const page = (await (await manager.get(`/api/funds/loans?fundId=${fundId}&limit=50${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: Record<string, unknown>[]; nextCursor: string | null };
      listed = page.items.find((item) => item.id === id) ?? listed;
      cursor = page.nextCursor;
    } while (cursor);
    expect(listed).toMatchObject({ repaidPrincipalMinor: 50_000, outstandingPrincipalMinor: 70_000 });
    for (const figure of ['repaidPrincipalMinor', 'outstandingPrincipalMinor', 'arrearsMinor', 'daysInArrears']) expect(listed![figure], figure).toBe(detail[figure]);
    // Only the 20,000 paid on the second schedule counts against its instalments: the first schedule's 30,000 does not.
    const due = detail.schedule.filter((i: { dueOn: string }) => i.dueOn < new Date().toISOString().slice(0, 10)).length * 22_500;
    expect(listed!.arrearsMinor).toBe(Math.max(0, due - 20_000));
  });

  it('never commits a loan above what the fund has available, and cancelling releases the commitment', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 200_000 });
    const propose = async (principalMinor: number) =>
      (await (await staff.post('/api/funds/loans', { fundId, projectId: fixture.projectId, kind: 'repayable_advance', principalMinor, currency: 'CAD', rateBps: 300, termMonths: 6, method: 'annuity' })).json()).id as string;
    const big = await propose(150_000);
    const bigger = await propose(60_000);
    expect((await manager.post(`/api/funds/loans/${big}/approve`, {}, withKey())).status).toBe(200);
    const before = await ledgerLines();
    expect((await manager.post(`/api/funds/loans/${bigger}/approve`, {}, withKey())).status).toBe(409);
    expect(await ledgerLines()).toBe(before);
    expect((await manager.post(`/api/funds/loans/${big}/cancel`, { reason: 'Le projet a trouvé un financement bancaire' }, withKey())).status).toBe(200);
    expect((await manager.post(`/api/funds/loans/${bigger}/approve`, {}, withKey())).status).toBe(200);
    expect(await figures(fundId)).toMatchObject({ committedMinor: 60_000, availableMinor: 140_000, loansOutstandingMinor: 0 });
    // A loan fund takes no co-financing request, and a loan names a loan fund.
    expect((await staff.post('/api/funds/cofinancing', { fundId, projectId: fixture.projectId, amountMinor: 100, currency: 'CAD', purpose: 'Essai', otherFunders: [] })).status).toBe(422);
  });

  it('previews a schedule before the loan is proposed', async () => {
    const res = await staff.get('/api/funds/loans/schedule-preview?principalMinor=1000000&rateBps=600&termMonths=12&method=annuity&startsOn=2026-01-31');
    expect(res.status).toBe(200);
    const rows = await res.json();
    expect(rows[0]).toEqual({ seq: 1, dueOn: '2026-02-28', principalMinor: 81066, interestMinor: 5000 });
  });
});

describe('equipment fund through the API', () => {
  it('quotes, approves, orders, invoices and pays, then registers and returns the items', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 2_000_000 });
    const quote = await (
      await staff.post('/api/funds/equipment/quotes', {
        fundId,
        projectId: fixture.projectId,
        supplier: 'Réfrigération Pelletier inc.',
        currency: 'CAD',
        lines: [
          { description: 'Chambre froide 8 m³', quantity: 1, unitPriceMinor: 900_000 },
          { description: 'Étagères inox', quantity: 3, unitPriceMinor: 100_000 },
        ],
      })
    ).json();
    expect(quote.totalMinor).toBe(1_200_000);
    expect((await manager.post(`/api/funds/equipment/quotes/${quote.id}/approve`, {}, withKey())).status).toBe(200);
    expect((await figures(fundId)).availableMinor).toBe(800_000);
    expect((await manager.post(`/api/funds/equipment/quotes/${quote.id}/purchase-order`, { purchaseOrderNumber: 'BC-2026-014', orderedOn: '2026-11-05' })).status).toBe(200);
    expect((await staff.post(`/api/funds/equipment/quotes/${quote.id}/invoice`, { invoiceNumber: 'F-889', amountMinor: 1_200_001, currency: 'CAD', invoicedOn: '2026-11-20' })).status).toBe(422);
    expect((await staff.post(`/api/funds/equipment/quotes/${quote.id}/invoice`, { invoiceNumber: 'F-889', amountMinor: 1_150_000, currency: 'CAD', invoicedOn: '2026-11-20' })).status).toBe(200);
    const paid = await manager.post(`/api/funds/equipment/quotes/${quote.id}/pay`, { paidOn: today() }, withKey());
    expect(paid.status).toBe(200);
    expect(await figures(fundId)).toMatchObject({ disbursedMinor: 1_150_000, committedMinor: 1_150_000, equipmentValueMinor: 1_150_000, availableMinor: 850_000 });
    const { items: assets } = await (await manager.get(`/api/funds/equipment/assets?fundId=${fundId}`)).json();
    expect(assets.map((a: { valueMinor: number }) => a.valueMinor)).toEqual([862_500, 287_500]);
    const returned = await staff.post(`/api/funds/equipment/assets/${assets[0].id}/return`, { returnedOn: '2027-03-01', note: 'Fin du projet' });
    expect(returned.status).toBe(200);
    expect(await returned.json()).toMatchObject({ status: 'returned', projectId: null });
    expect((await staff.post(`/api/funds/equipment/assets/${assets[0].id}/return`, { returnedOn: '2027-03-01' })).status).toBe(409);
    const stopped = await staff.post(`/api/funds/equipment/projects/${fixture.projectId}/return-assets`, { returnedOn: '2027-04-01', note: 'Cessation d’activité' });
    expect(stopped.status).toBe(200);
    expect((await stopped.json()).map((a: { id: string }) => a.id)).toEqual([assets[1].id]);
    const { items: register } = await (await manager.get(`/api/funds/equipment/assets?fundId=${fundId}`)).json();
    expect(register.every((a: { status: string; projectId: string | null }) => a.status === 'returned' && a.projectId === null)).toBe(true);
    const reassigned = await manager.post(`/api/funds/equipment/assets/${assets[0].id}/reassign`, { projectId: fixture.projectId });
    expect(await reassigned.json()).toMatchObject({ status: 'in_service', projectId: fixture.projectId });
    expect((await manager.post(`/api/funds/equipment/assets/${assets[1].id}/reassign`, { projectId: fixture.otherCurrencyProjectId })).status).toBe(422);
  });
});

describe('equipment four eyes', () => {
  it('refuses approval of a quote by whoever recorded it, and a cancelled order releases its commitment', async () => {
    await seedAccounts(ctx.database.db, [{ email: 'both-equipment@essor.test', name: 'Double rôle', roles: ['staff', 'fund_manager'], locale: 'fr' }]);
    const both = await ctx.client().signIn('both-equipment@essor.test');
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 500_000 });
    const quote = await (await both.post('/api/funds/equipment/quotes', { fundId, projectId: fixture.projectId, supplier: 'Quincaillerie coopérative', currency: 'CAD', lines: [{ description: 'Établi', quantity: 2, unitPriceMinor: 100_000 }] })).json();
    expect((await both.post(`/api/funds/equipment/quotes/${quote.id}/approve`, {}, withKey())).status).toBe(403);
    expect((await manager.post(`/api/funds/equipment/quotes/${quote.id}/approve`, {}, withKey())).status).toBe(200);
    expect((await figures(fundId)).availableMinor).toBe(300_000);
    expect((await manager.post(`/api/funds/equipment/quotes/${quote.id}/cancel`, { reason: 'Fournisseur en rupture' }, withKey())).status).toBe(200);
    expect(await figures(fundId)).toMatchObject({ availableMinor: 500_000, equipmentValueMinor: 0, outstandingCommitmentsMinor: 0 });
  });
});

describe('ledger reports', () => {
  it('gives a balanced trial balance, statements with running balances, entries and a CSV journal', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 700_000 });
    const trial = await (await manager.get(`/api/funds/ledger/trial-balance?fundId=${fundId}`)).json();
    expect(trial.balanced).toBe(true);
    expect(trial.totals).toEqual([{ currency: 'CAD', debitMinor: 700_000, creditMinor: 700_000 }]);
    const before = await (await manager.get(`/api/funds/ledger/trial-balance?fundId=${fundId}&asOf=2026-01-04`)).json();
    expect(before.totals[0].debitMinor).toBe(0);
    const bank = trial.rows.find((r: { code: string }) => r.code === '1000');
    await manager.post(`/api/funds/${fundId}/contributions`, { funderId: fixture.funderId, amountMinor: 300_000, currency: 'CAD', receivedOn: '2026-03-01' }, withKey());
    const statement = await (await staff.get(`/api/funds/ledger/accounts/${bank.id}/statement?from=2026-02-01`)).json();
    expect(statement).toMatchObject({ openingBalanceMinor: 700_000, closingBalanceMinor: 1_000_000 });
    expect(statement.lines.map((l: { balanceMinor: number }) => l.balanceMinor)).toEqual([1_000_000]);
    const journal = await (await manager.get(`/api/funds/ledger/entries?fundId=${fundId}&limit=1`)).json();
    expect(journal.items).toHaveLength(1);
    expect(journal.nextCursor).not.toBeNull();
    const next = await (await manager.get(`/api/funds/ledger/entries?fundId=${fundId}&limit=1&cursor=${journal.nextCursor}`)).json();
    expect(next.items[0].id).toBeLessThan(journal.items[0].id);
    // By day (both ends included) and by account touched.
    const days = async (query: string) => (await (await manager.get(`/api/funds/ledger/entries?fundId=${fundId}&${query}`)).json()).items.map((e: { occurredOn: string }) => e.occurredOn);
    const [contributedOn, openedOn] = await days('limit=2');
    expect(contributedOn).toBe('2026-03-01');
    expect(await days('from=2026-03-01')).toEqual(['2026-03-01']);
    expect(await days(`to=${openedOn}`)).toEqual([openedOn]);
    expect(await days('from=2026-03-02')).toEqual([]);
    expect(await days(`accountId=${bank.id}`)).toEqual(['2026-03-01', openedOn]);
    const csv = await (await admin().get(`/api/funds/ledger/entries/export.csv?fundId=${fundId}`)).text();
    const rows = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(rows[0]).toBe('entry,date,fund,kind,description,account,account_name,currency,debit_minor,credit_minor,reverses_entry');
    expect(rows).toHaveLength(1 + 4);
  });

  it('reverses a mistaken capital contribution by a new entry, once, and never into negative availability', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 500_000 });
    const entry = (await (await manager.get(`/api/funds/ledger/entries?fundId=${fundId}&kind=capital_contribution`)).json()).items[0];
    const request = await preparedRequest(fundId, 400_000);
    await manager.post(`/api/funds/cofinancing/${request.id}/approve`, { note: '' }, withKey());
    expect((await manager.post(`/api/funds/ledger/entries/${entry.id}/reverse`, { reason: 'Saisie en double' }, withKey())).status).toBe(409);
    await manager.post(`/api/funds/cofinancing/${request.id}/cancel`, { reason: 'Retrait' }, withKey());
    const reversed = await manager.post(`/api/funds/ledger/entries/${entry.id}/reverse`, { reason: 'Saisie en double' }, withKey());
    expect(reversed.status).toBe(201);
    expect((await reversed.json()).reversesEntryId).toBe(entry.id);
    expect((await manager.post(`/api/funds/ledger/entries/${entry.id}/reverse`, { reason: 'Encore' }, withKey())).status).toBe(409);
    // The trail names the reversed entry by its description (journal entries are numbered, not uuids).
    const trail = await (await admin().get(`/api/audit?entity=journal_entry&entityId=${entry.id}`)).json();
    expect(trail.items.map((e: { action: string; entityLabel: string | null }) => [e.action, e.entityLabel])).toEqual([['ledger.reverse', entry.description]]);
    expect(await figures(fundId)).toMatchObject({ capitalMinor: 0, availableMinor: 0 });
    const contributions = await (await manager.get(`/api/funds/${fundId}/contributions`)).json();
    expect(contributions.map((c: { reversed: boolean }) => c.reversed)).toEqual([true]);
  });
});

let adminClient: TestClient | null = null;
function admin(): TestClient {
  return adminClient!;
}
beforeAll(async () => {
  adminClient = await ctx.as('admin');
});
