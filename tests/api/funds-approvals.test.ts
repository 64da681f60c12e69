import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../api/src/db/schema/applications';
import { auditLog } from '../../api/src/db/schema/audit';
import { users } from '../../api/src/db/schema/auth';
import { committeeMembers, committeeSessions } from '../../api/src/db/schema/committee';
import { programmes } from '../../api/src/db/schema/programmes';
import { milestones, organisations, projects } from '../../api/src/db/schema/projects';
import { rowsOf } from '../../api/src/lib/rows';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { makeStructure, memberOf, ROOT_STRUCTURE_ID } from '../support/structures';

/**
 * Who runs the money and to whom it may go: staff or a fund manager prepare, another fund manager who
 * never touched the document approves; only selected projects receive money; the committee's opinion
 * comes from a session with its quorum; each document says what its reader may do now.
 */
let ctx: TestContext;
let fixture: FundsFixture;
let staff: TestClient;
let managerA: TestClient;
let managerB: TestClient;
let both: TestClient;
let admin: TestClient;
let committeeMember: TestClient;
let keySeq = 0;
const withKey = () => ({ headers: { 'Idempotency-Key': `approvals-${Date.now()}-${keySeq++}` } });

async function ledgerLines(): Promise<number> {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from journal_lines`))[0].n);
}

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  staff = await memberOf(ctx, ROOT_STRUCTURE_ID, ['staff']);
  managerA = await memberOf(ctx, ROOT_STRUCTURE_ID, ['fund_manager']);
  managerB = await memberOf(ctx, ROOT_STRUCTURE_ID, ['fund_manager']);
  both = await memberOf(ctx, ROOT_STRUCTURE_ID, ['staff', 'fund_manager']);
  admin = await ctx.as('admin');
  committeeMember = await ctx.as('committee_member');
});
afterAll(() => ctx.close());

const newRequest = (by: TestClient, fundId: string, amountMinor: number, projectId = fixture.projectId) =>
  by.post('/api/funds/cofinancing', { fundId, projectId, amountMinor, currency: 'CAD', purpose: 'Chambre froide', otherFunders: [] });
const prepare = (by: TestClient, id: string, amountMinor: number, milestoneId: string | null = null) =>
  by.post(`/api/funds/cofinancing/${id}/prepare`, { recommendation: 'Projet solide', conditions: [], tranches: [{ amountMinor, milestoneId }] });

/** A project of the fixture's programme whose application is in `status` (or with no application at all). */
async function projectWithApplication(status: string | null): Promise<string> {
  const db = ctx.database.db;
  const tag = randomUUID().slice(0, 8);
  const [holder] = await db.select().from(users).where(eq(users.email, 'holder@essor.demo'));
  const [org] = await db.insert(organisations).values({ name: `Coop ${tag}`, legalForm: 'cooperative', sector: 'alimentation', district: 'Verdun', territory: 'Montréal' }).returning();
  const [project] = await db
    .insert(projects)
    .values({ structureId: ROOT_STRUCTURE_ID, organisationId: org.id, programmeId: fixture.programmeId, title: `Projet ${status ?? 'sans dossier'} ${tag}`, district: 'Verdun', totalBudgetMinor: 100_000_000, currency: 'CAD', stage: 'applicant' })
    .returning();
  if (status) await db.insert(applications).values({ structureId: ROOT_STRUCTURE_ID, programmeId: fixture.programmeId, projectId: project.id, holderUserId: holder.id, status });
  return project.id;
}

describe('who prepares and who approves', () => {
  it("lets a fund manager create and prepare a co-financing, and another fund manager approve it; never an admin", async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const created = await newRequest(managerA, fundId, 300_000);
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await prepare(managerA, id, 300_000)).status).toBe(200);
    expect((await admin.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(403);
    expect((await managerA.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(403);
    const inboxB = await (await managerB.get('/api/funds/inbox')).json();
    expect(inboxB.cofinancing.map((r: { id: string }) => r.id)).toContain(id);
    const approved = await managerB.post(`/api/funds/cofinancing/${id}/approve`, { note: 'Conforme' }, withKey());
    expect(approved.status).toBe(200);
    expect((await approved.json()).status).toBe('approved');
  });

  it('refuses approval by whoever created the request, even when another person prepared it', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const { id } = await (await newRequest(both, fundId, 200_000)).json();
    expect((await prepare(staff, id, 200_000)).status).toBe(200);
    const before = await ledgerLines();
    const res = await both.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey());
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/quatre yeux/);
    expect(await ledgerLines()).toBe(before);
    expect((await (await both.get('/api/funds/inbox')).json()).cofinancing.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await managerB.post(`/api/funds/cofinancing/${id}/reject`, { note: 'Hors programme' })).status).toBe(200);
  });

  it('refuses approval by someone who prepared an earlier version that another person then re-prepared', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const { id } = await (await newRequest(staff, fundId, 200_000)).json();
    expect((await prepare(managerA, id, 200_000)).status).toBe(200);
    expect((await prepare(staff, id, 200_000)).status).toBe(200);
    expect((await managerA.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(403);
    expect((await managerB.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(200);
  });

  it('lets a fund manager record an equipment quote and another approve it; the purchase order is numbered by the API', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 1_000_000 });
    const recorded = await managerA.post('/api/funds/equipment/quotes', { fundId, projectId: fixture.projectId, supplier: 'Pelletier', currency: 'CAD', lines: [{ description: 'Four', quantity: 2, unitPriceMinor: 150_000 }] });
    expect(recorded.status).toBe(201);
    const quote = await recorded.json();
    expect((await managerA.post(`/api/funds/equipment/quotes/${quote.id}/approve`, {}, withKey())).status).toBe(403);
    expect((await managerB.post(`/api/funds/equipment/quotes/${quote.id}/approve`, {}, withKey())).status).toBe(200);
    const ordered = await managerB.post(`/api/funds/equipment/quotes/${quote.id}/purchase-order`, { orderedOn: '2026-11-04' });
    expect(ordered.status).toBe(200);
    const fund = await (await managerB.get(`/api/funds/${fundId}`)).json();
    expect((await ordered.json()).purchaseOrderNumber).toBe(`BC-${fund.code}-2026-${String(quote.number).padStart(4, '0')}`);
  });

  it('refuses a loan approval by a fund manager who changed the loan before, not only by its proposer', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const loan = await (await staff.post('/api/funds/loans', { fundId, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: 100_000, currency: 'CAD', termMonths: 6, method: 'declining' })).json();
    // A trail row by manager A on this loan (a change before the decision), as a correction would leave.
    await ctx.database.db.insert(auditLog).values({ actorId: managerA.me!.user.id, actorEmail: managerA.me!.user.email, action: 'loan.amend', entity: 'loan', entityId: loan.id, structureId: ROOT_STRUCTURE_ID });
    expect((await managerA.post(`/api/funds/loans/${loan.id}/approve`, {}, withKey())).status).toBe(403);
    expect((await (await managerA.get('/api/funds/inbox')).json()).loans.map((l: { id: string }) => l.id)).not.toContain(loan.id);
    expect((await managerB.post(`/api/funds/loans/${loan.id}/approve`, {}, withKey())).status).toBe(200);
  });
});

describe('money goes only to selected projects', () => {
  it('refuses rejected, withdrawn, draft and never-applied projects with 422 on projectId, and lists only the selected ones', async () => {
    const coFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const loanFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const equipmentFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 1_000_000 });
    const refused = [await projectWithApplication('rejected'), await projectWithApplication('withdrawn'), await projectWithApplication('draft'), await projectWithApplication(null)];
    const accepted = await projectWithApplication('accepted');
    const before = await ledgerLines();
    for (const projectId of refused) {
      for (const res of [
        await newRequest(staff, coFund, 100_000, projectId),
        await staff.post('/api/funds/loans', { fundId: loanFund, projectId, kind: 'honour_loan', principalMinor: 100_000, currency: 'CAD', termMonths: 6, method: 'declining' }),
        await staff.post('/api/funds/equipment/quotes', { fundId: equipmentFund, projectId, supplier: 'Pelletier', currency: 'CAD', lines: [{ description: 'Four', quantity: 1, unitPriceMinor: 100_000 }] }),
      ]) {
        expect(res.status).toBe(422);
        const body = await res.json();
        expect(body.error.fields.projectId).toBeDefined();
        expect(body.error.message).toMatch(/accepté par un comité/);
      }
    }
    expect(await ledgerLines()).toBe(before);
    const listed = (await (await staff.get('/api/funds/projects')).json()).map((p: { id: string }) => p.id);
    for (const projectId of refused) expect(listed).not.toContain(projectId);
    expect(listed).toContain(accepted);
    expect((await newRequest(staff, coFund, 100_000, accepted)).status).toBe(201);
  });

  it('lets staff admit a project with a reason, audited, and not a fund manager', async () => {
    const coFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const projectId = await projectWithApplication('rejected');
    expect((await managerA.post(`/api/funds/projects/${projectId}/admission`, { reason: 'Orienté par la Ville après refus' })).status).toBe(403);
    expect((await staff.post(`/api/funds/projects/${projectId}/admission`, { reason: 'court' })).status).toBe(400);
    expect((await staff.post(`/api/funds/projects/${projectId}/admission`, { reason: 'Orienté par la Ville après le comité : volet relance' })).status).toBe(204);
    expect((await staff.post(`/api/funds/projects/${projectId}/admission`, { reason: 'Une seconde fois, pour voir' })).status).toBe(409);
    const [audit] = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'project'), eq(auditLog.entityId, projectId)));
    expect(audit).toMatchObject({ action: 'project.admit_to_financing', actorId: staff.me!.user.id, after: { stage: 'selected', reason: 'Orienté par la Ville après le comité : volet relance' } });
    const [project] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    expect(project.stage).toBe('selected');
    expect((await newRequest(staff, coFund, 100_000, projectId)).status).toBe(201);
  });

  it('refuses the approval of a request made before the rule for a project that was never selected', async () => {
    const coFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 1_000_000 });
    const projectId = await projectWithApplication('accepted');
    const { id } = await (await newRequest(staff, coFund, 100_000, projectId)).json();
    await prepare(staff, id, 100_000);
    await ctx.database.db.update(applications).set({ status: 'rejected' }).where(eq(applications.projectId, projectId));
    const res = await managerA.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey());
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields.projectId).toBeDefined();
  });
});

describe("the committee's opinion above the threshold", () => {
  async function session(options: { structureId?: string; programmeId?: string; quorum?: number; members: string[] }) {
    const db = ctx.database.db;
    const [row] = await db
      .insert(committeeSessions)
      .values({ structureId: options.structureId ?? ROOT_STRUCTURE_ID, programmeId: options.programmeId ?? fixture.programmeId, title: `Comité ${randomUUID().slice(0, 6)}`, heldOn: '2026-11-20', quorum: options.quorum ?? 2, grid: [], status: 'closed' })
      .returning();
    await db.insert(committeeMembers).values(options.members.map((userId) => ({ sessionId: row.id, userId })));
    return row.id;
  }

  it('is recorded by staff from a session held with its quorum, never by a member alone nor by a person acting on the request', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 5_000_000, thresholdMinor: 500_000 });
    const { id } = await (await newRequest(staff, fundId, 600_000)).json();
    await prepare(staff, id, 600_000);
    const voterA = await memberOf(ctx, ROOT_STRUCTURE_ID, ['committee_member']);
    const voterB = await memberOf(ctx, ROOT_STRUCTURE_ID, ['committee_member']);
    // managerB sits on the committee too: if they vote, they may not approve.
    const voters = [voterA.me!.user.id, voterB.me!.user.id];
    const sessionId = await session({ members: [...voters, managerB.me!.user.id, staff.me!.user.id] });
    const recorder = await memberOf(ctx, ROOT_STRUCTURE_ID, ['staff']);
    const record = (by: TestClient, body: Record<string, unknown>) => by.post(`/api/funds/cofinancing/${id}/committee-decision`, { sessionId, voterIds: voters, decision: 'favourable', note: 'Unanimité', ...body });

    expect((await committeeMember.post(`/api/funds/cofinancing/${id}/committee-decision`, { sessionId, voterIds: voters, decision: 'favourable' })).status).toBe(403);
    expect((await record(staff, {})).status).toBe(403);
    const quorum = await record(recorder, { voterIds: [voters[0]] });
    expect(quorum.status).toBe(422);
    expect((await quorum.json()).error.fields.voterIds).toBeDefined();
    expect((await record(recorder, { voterIds: [voters[0], admin.me!.user.id] })).status).toBe(422);
    expect((await record(recorder, { voterIds: [voters[0], staff.me!.user.id] })).status).toBe(422);
    const otherStructure = await makeStructure(ctx.database.db, 'Incubateur voisin');
    const [otherProgramme] = await ctx.database.db.insert(programmes).values({ structureId: otherStructure, code: `OTHER-${randomUUID().slice(0, 6)}`, name: 'Autre', territory: 'Ailleurs', currency: 'CAD', status: 'open' }).returning();
    const foreign = await session({ structureId: otherStructure, programmeId: otherProgramme.id, members: voters });
    const foreignRes = await record(recorder, { sessionId: foreign });
    expect(foreignRes.status).toBe(422);
    expect((await foreignRes.json()).error.fields.sessionId).toBeDefined();

    const options = await (await recorder.get(`/api/funds/cofinancing/${id}/committee-sessions`)).json();
    expect(options.map((s: { id: string }) => s.id)).toContain(sessionId);
    expect(options.map((s: { id: string }) => s.id)).not.toContain(foreign);

    const recorded = await record(recorder, { voterIds: [...voters, managerB.me!.user.id] });
    expect(recorded.status).toBe(200);
    const request = await recorded.json();
    expect(request.committeeDecision).toBe('favourable');
    expect(request.committeeNote).toMatch(/^Comité .* \(2026-11-20\), 3\/4 : Unanimité$/);
    expect((await record(recorder, {})).status).toBe(409);

    // The list says so before anyone tries: a voter's hand is on it (read from the audited votes), not the other manager's.
    const listed = async (by: TestClient) =>
      ((await (await by.get('/api/funds/cofinancing?limit=200')).json()).items as { id: string; allowedActions: string[]; waiting: { action: string; reason: string }[] }[]).find((r) => r.id === id)!;
    expect((await listed(managerB)).waiting).toContainEqual({ action: 'approve', reason: 'four_eyes', trancheId: null });
    expect((await listed(managerB)).allowedActions).not.toContain('approve');
    expect((await listed(managerA)).allowedActions).toContain('approve');
    // Neither the voter nor the recorder approves; another fund manager does.
    expect((await managerB.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(403);
    expect((await managerA.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(200);
  });

  it('keeps the recorder from approving', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 5_000_000, thresholdMinor: 500_000 });
    const { id } = await (await newRequest(staff, fundId, 600_000)).json();
    await prepare(staff, id, 600_000);
    const voterA = await memberOf(ctx, ROOT_STRUCTURE_ID, ['committee_member']);
    const voterB = await memberOf(ctx, ROOT_STRUCTURE_ID, ['committee_member']);
    const sessionId = await session({ members: [voterA.me!.user.id, voterB.me!.user.id] });
    const recorderManager = await memberOf(ctx, ROOT_STRUCTURE_ID, ['staff', 'fund_manager']);
    expect((await recorderManager.post(`/api/funds/cofinancing/${id}/committee-decision`, { sessionId, voterIds: [voterA.me!.user.id, voterB.me!.user.id], decision: 'favourable' })).status).toBe(200);
    expect((await recorderManager.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(403);
    expect((await managerA.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey())).status).toBe(200);
  });
});

describe('what each reader may do now', () => {
  it('gives the co-financing actions and what they wait on, per caller', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 5_000_000, thresholdMinor: 500_000 });
    const { id } = await (await newRequest(managerA, fundId, 600_000)).json();
    const read = async (by: TestClient) => (await by.get(`/api/funds/cofinancing/${id}`)).json();
    expect((await read(managerA)).allowedActions).toEqual(['prepare', 'cancel']);
    expect((await read(staff)).allowedActions).toEqual(['prepare']);
    const [milestone] = await ctx.database.db.insert(milestones).values({ structureId: ROOT_STRUCTURE_ID, projectId: fixture.projectId, kind: 'first_sale', title: 'Première vente', status: 'planned' }).returning();
    await staff.post(`/api/funds/cofinancing/${id}/prepare`, { recommendation: 'Projet solide', tranches: [{ amountMinor: 400_000, milestoneId: null }, { amountMinor: 200_000, milestoneId: milestone.id }] });
    const byCreator = await read(managerA);
    expect(byCreator.allowedActions).toEqual(['prepare', 'cancel']);
    expect(byCreator.waiting).toEqual([
      { action: 'approve', reason: 'four_eyes', trancheId: null },
      { action: 'reject', reason: 'four_eyes', trancheId: null },
    ]);
    const byOther = await read(managerB);
    expect(byOther.allowedActions).toEqual(['prepare', 'reject', 'cancel']);
    expect(byOther.waiting).toEqual([{ action: 'approve', reason: 'committee_opinion', trancheId: null }]);
    const recorder = await memberOf(ctx, ROOT_STRUCTURE_ID, ['staff']);
    expect((await read(recorder)).allowedActions).toEqual(['prepare', 'committee_opinion']);
    expect((await read(staff)).waiting).toEqual([{ action: 'committee_opinion', reason: 'four_eyes', trancheId: null }]);
    const voterA = await memberOf(ctx, ROOT_STRUCTURE_ID, ['committee_member']);
    const voterB = await memberOf(ctx, ROOT_STRUCTURE_ID, ['committee_member']);
    const [s] = await ctx.database.db.insert(committeeSessions).values({ structureId: ROOT_STRUCTURE_ID, programmeId: fixture.programmeId, title: 'Comité', heldOn: '2026-11-20', quorum: 2, grid: [] }).returning();
    await ctx.database.db.insert(committeeMembers).values([{ sessionId: s.id, userId: voterA.me!.user.id }, { sessionId: s.id, userId: voterB.me!.user.id }]);
    await recorder.post(`/api/funds/cofinancing/${id}/committee-decision`, { sessionId: s.id, voterIds: [voterA.me!.user.id, voterB.me!.user.id], decision: 'favourable' });
    expect((await read(managerB)).allowedActions).toEqual(['prepare', 'approve', 'reject', 'cancel']);
    await managerB.post(`/api/funds/cofinancing/${id}/approve`, { note: '' }, withKey());

    const approved = await read(managerB);
    expect(approved.allowedActions).toEqual(['sign_agreement', 'cancel']);
    expect(approved.waiting).toEqual([{ action: 'disburse', reason: 'agreement_unsigned', trancheId: null }]);
    expect((await read(staff)).allowedActions).toEqual(['sign_agreement']);
    await staff.post(`/api/funds/cofinancing/${id}/agreement`, { signedOn: '2026-11-21' });
    const signed = await read(managerB);
    expect(signed.allowedActions).toEqual(['disburse', 'cancel']);
    expect(signed.waiting).toEqual([{ action: 'disburse', reason: 'milestone_not_reached', trancheId: signed.tranches[1].id }]);
    expect(signed.tranches.map((t: { disbursable: boolean }) => t.disbursable)).toEqual([true, false]);
    expect((await read(staff)).allowedActions).toEqual([]);
    expect((await read(admin)).allowedActions).toEqual([]);
  });

  it('gives the loan and quote actions per caller', async () => {
    const loanFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const loan = await (await managerA.post('/api/funds/loans', { fundId: loanFund, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: 100_000, currency: 'CAD', termMonths: 6, method: 'declining' })).json();
    const readLoan = async (by: TestClient) => (await by.get(`/api/funds/loans/${loan.id}`)).json();
    expect(await readLoan(managerA)).toMatchObject({ allowedActions: ['cancel'], waiting: [{ action: 'approve', reason: 'four_eyes' }, { action: 'reject', reason: 'four_eyes' }] });
    expect(await readLoan(managerB)).toMatchObject({ allowedActions: ['approve', 'reject', 'cancel'], waiting: [] });
    await managerB.post(`/api/funds/loans/${loan.id}/approve`, {}, withKey());
    expect((await readLoan(managerB)).allowedActions).toEqual(['disburse', 'cancel']);
    expect((await readLoan(staff)).allowedActions).toEqual([]);

    const equipmentFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 1_000_000 });
    const quote = await (await staff.post('/api/funds/equipment/quotes', { fundId: equipmentFund, projectId: fixture.projectId, supplier: 'Pelletier', currency: 'CAD', lines: [{ description: 'Four', quantity: 1, unitPriceMinor: 100_000 }] })).json();
    const readQuote = async (by: TestClient) => (await by.get(`/api/funds/equipment/quotes/${quote.id}`)).json();
    expect((await readQuote(staff)).allowedActions).toEqual([]);
    expect((await readQuote(managerA)).allowedActions).toEqual(['approve', 'reject', 'cancel']);
    const listed = (await (await managerA.get(`/api/funds/equipment/quotes?fundId=${equipmentFund}`)).json())[0];
    expect(listed.allowedActions).toEqual(['approve', 'reject', 'cancel']);
  });
});
