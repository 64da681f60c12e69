import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../api/src/db/client';
import { pendingDecisions } from '../../api/src/db/schema/approvals';
import { auditLog } from '../../api/src/db/schema/audit';
import { notifications } from '../../api/src/db/schema/notifications';
import type { Actor } from '../../api/src/lib/audit';
import { rowsOf } from '../../api/src/lib/rows';
import { decidePending, requestDecision } from '../../api/src/modules/approvals/public';
import { createCofinancing } from '../../api/src/modules/cofinancing/requests';
import { prepareCofinancing, rejectCofinancing } from '../../api/src/modules/cofinancing/decisions';
import { approveQuote } from '../../api/src/modules/equipment/decisions';
import { recordQuote } from '../../api/src/modules/equipment/quotes';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { makeStructure, memberOf, ROOT_STRUCTURE_ID } from '../support/structures';

/**
 * The one maker-checker mechanism (api/src/modules/approvals): one pending decision per kind and
 * document, decided once by a fund manager of the structure who is neither its maker nor had a hand on
 * the document; the inbox and the notifications read the same rows.
 */
let ctx: TestContext;
let fixture: FundsFixture;
let maker: TestClient;
let checker: TestClient;
let thirdManager: TestClient;
let otherStructureManager: TestClient;
let equipmentFund: string;
let cofinancingFund: string;

const actorOf = (client: TestClient): Actor => ({ id: client.me!.user.id, email: client.me!.user.email, requestId: null });
const inboxOf = async (client: TestClient) => (await client.get('/api/funds/inbox')).json();
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  maker = await memberOf(ctx, ROOT_STRUCTURE_ID, ['fund_manager']);
  checker = await memberOf(ctx, ROOT_STRUCTURE_ID, ['fund_manager']);
  thirdManager = await memberOf(ctx, ROOT_STRUCTURE_ID, ['fund_manager']);
  otherStructureManager = await memberOf(ctx, await makeStructure(ctx.database.db, 'Incubateur B'), ['fund_manager']);
  equipmentFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 10_000_000 });
  cofinancingFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 10_000_000 });
}, 60_000);
afterAll(() => ctx.close());

async function newQuote(by: TestClient = maker): Promise<string> {
  const quote = await recordQuote(ctx.database.db, actorOf(by), { fundId: equipmentFund, projectId: fixture.projectId, supplier: 'Pelletier', currency: 'CAD', lines: [{ description: 'Four', quantity: 1, unitPriceMinor: 100_000 }] });
  return quote.id;
}

async function decisionsOn(entityId: string) {
  return ctx.database.db.select().from(pendingDecisions).where(eq(pendingDecisions.entityId, entityId));
}

async function notified(kind: string, eventKey: string): Promise<string[]> {
  const rows = await ctx.database.db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.kind, kind), eq(notifications.eventKey, eventKey)));
  return rows.map((r) => r.userId).sort();
}

const decide = (by: TestClient, entityId: string, decision: 'approve' | 'reject', note: string | null = null) =>
  ctx.database.db.transaction((tx) => decidePending(tx, actorOf(by), { kind: 'equipment.approve', entityId }, decision, note, { people: [] }));

describe('asking for a decision', () => {
  it('records the maker, what approving would do and its limits, audited, and tells the other fund managers', async () => {
    const quoteId = await newQuote();
    const [decision] = await decisionsOn(quoteId);
    expect(decision).toMatchObject({ kind: 'equipment.approve', entity: 'equipment_quote', status: 'pending', makerId: maker.me!.user.id, amountMinor: 100_000, currency: 'CAD', structureId: ROOT_STRUCTURE_ID });
    expect(decision.summary).toMatchObject({ supplier: 'Pelletier' });
    const [audit] = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'pending_decision'), eq(auditLog.entityId, decision.id)));
    expect(audit).toMatchObject({ action: 'approval.request', actorId: maker.me!.user.id });
    const told = await notified('approval.requested', decision.id);
    expect(told).toEqual(expect.arrayContaining([checker.me!.user.id, thirdManager.me!.user.id, fixture.manager.id]));
    expect(told).not.toContain(maker.me!.user.id);
    expect(told).not.toContain(otherStructureManager.me!.user.id);
    const [row] = await ctx.database.db.select().from(notifications).where(and(eq(notifications.kind, 'approval.requested'), eq(notifications.eventKey, decision.id), eq(notifications.userId, checker.me!.user.id)));
    expect(row.params).toMatchObject({ what: expect.stringContaining('devis n°'), by: maker.me!.user.email });
    expect(row.link).toBe('/funds/equipment');
  });

  it('refuses a second request of the same kind on the same document with 409', async () => {
    const quoteId = await newQuote();
    const again = ctx.database.db.transaction((tx) => requestDecision(tx, actorOf(checker), { structureId: ROOT_STRUCTURE_ID, kind: 'equipment.approve', entityId: quoteId, summary: {} }));
    await expect(again).rejects.toMatchObject({ status: 409, text: { key: 'approvals.already_pending' } });
    expect(await decisionsOn(quoteId)).toHaveLength(1);
  });

  it('lets exactly one of two requests made at once win', async () => {
    const entityId = randomUUID();
    const ask = (by: TestClient) =>
      ctx.database.db.transaction(async (tx) => {
        const decision = await requestDecision(tx, actorOf(by), { structureId: ROOT_STRUCTURE_ID, kind: 'closure.approve', entityId, summary: { closesOn: '2026-10-31' } });
        await tx.execute(sql`select pg_sleep(0.2)`);
        return decision;
      });
    const results = await Promise.allSettled([ask(maker), ask(checker)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, text: { key: 'approvals.already_pending' } });
    expect((await decisionsOn(entityId)).filter((d) => d.status === 'pending')).toHaveLength(1);
  });
});

describe('deciding', () => {
  it('refuses the maker, anyone with a hand on the document, and a fund manager of another structure', async () => {
    const quoteId = await newQuote();
    await expect(decide(maker, quoteId, 'approve')).rejects.toMatchObject({ status: 403, text: { key: 'error.four_eyes' } });
    // A change to the quote by the third manager gives them a hand on it.
    await ctx.database.db.insert(auditLog).values({ actorId: thirdManager.me!.user.id, actorEmail: thirdManager.me!.user.email, action: 'equipment.quote.amend', entity: 'equipment_quote', entityId: quoteId, structureId: ROOT_STRUCTURE_ID });
    await expect(decide(thirdManager, quoteId, 'approve')).rejects.toMatchObject({ status: 403, text: { key: 'error.four_eyes' } });
    await expect(decide(otherStructureManager, quoteId, 'approve')).rejects.toMatchObject({ status: 403, text: 'approvals.not_checker' });
    const [decision] = await decisionsOn(quoteId);
    expect(decision).toMatchObject({ status: 'pending', checkerId: null });
    // Through the API too: the quote's own route goes through the same gate.
    expect((await maker.post(`/api/funds/equipment/quotes/${quoteId}/approve`, {}, { headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(403);
    expect((await thirdManager.post(`/api/funds/equipment/quotes/${quoteId}/reject`, {})).status).toBe(403);
  });

  it('records an approval once, with its checker, and tells the maker', async () => {
    const quoteId = await newQuote();
    await approveQuote(ctx.database.db, actorOf(checker), quoteId);
    const [decision] = await decisionsOn(quoteId);
    expect(decision).toMatchObject({ status: 'approved', checkerId: checker.me!.user.id, makerId: maker.me!.user.id });
    expect(decision.decidedAt).not.toBeNull();
    await expect(decide(thirdManager, quoteId, 'approve')).rejects.toMatchObject({ status: 409, text: { key: 'approvals.none_pending' } });
    expect(await notified('approval.given', decision.id)).toEqual([maker.me!.user.id]);
    const audits = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'pending_decision'), eq(auditLog.entityId, decision.id), eq(auditLog.action, 'approval.approve')));
    expect(audits).toHaveLength(1);
  });

  it('records a rejection once, with its checker and note, and the co-financing then applies its own rule', async () => {
    const request = await createCofinancing(ctx.database.db, fixture.staff, { fundId: cofinancingFund, projectId: fixture.projectId, amountMinor: 200_000, currency: 'CAD', purpose: 'Chambre froide', otherFunders: [] });
    await prepareCofinancing(ctx.database.db, actorOf(maker), request.id, { recommendation: 'Favorable', conditions: [], tranches: [{ amountMinor: 200_000, milestoneId: null }] });
    const rejected = await rejectCofinancing(ctx.database.db, actorOf(checker), request.id, { note: 'Hors programme' });
    expect(rejected.status).toBe('rejected');
    const decisions = await decisionsOn(request.id);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ kind: 'cofinancing.approve', status: 'rejected', checkerId: checker.me!.user.id, decisionNote: 'Hors programme' });
    expect(decisions[0].limits).toMatchObject({ committeeThresholdMinor: Number.MAX_SAFE_INTEGER });
    expect(await notified('approval.refused', decisions[0].id)).toEqual([maker.me!.user.id]);
    expect((await checker.post(`/api/funds/cofinancing/${request.id}/reject`, { note: 'Encore' })).status).toBe(409);
  });

  it('withdraws what waited when the document is prepared again, and asks anew', async () => {
    const request = await createCofinancing(ctx.database.db, fixture.staff, { fundId: cofinancingFund, projectId: fixture.projectId, amountMinor: 100_000, currency: 'CAD', purpose: 'Étal', otherFunders: [] });
    const tranches = [{ amountMinor: 100_000, milestoneId: null }];
    await prepareCofinancing(ctx.database.db, actorOf(maker), request.id, { recommendation: 'Favorable', conditions: [], tranches });
    await prepareCofinancing(ctx.database.db, fixture.staff, request.id, { recommendation: 'Très favorable', conditions: [], tranches });
    const decisions = await decisionsOn(request.id);
    expect(decisions.map((d) => d.status).sort()).toEqual(['pending', 'withdrawn']);
    expect(decisions.find((d) => d.status === 'pending')!.makerId).toBe(fixture.staff.id);
  });
});

describe('the inbox', () => {
  it('is built from the pending decisions, per manager', async () => {
    const quoteId = await newQuote();
    expect(ids((await inboxOf(maker)).equipmentQuotes)).not.toContain(quoteId);
    expect(ids((await inboxOf(checker)).equipmentQuotes)).toContain(quoteId);
    expect(ids((await inboxOf(thirdManager)).equipmentQuotes)).toContain(quoteId);
    expect(await inboxOf(otherStructureManager)).toEqual({ cofinancing: [], loans: [], loanActions: [], equipmentQuotes: [], closures: [], bondOfferings: [], guarantees: [] });
    // The quote is still recorded, but nothing waits on it any more: it leaves every inbox.
    await ctx.database.db.update(pendingDecisions).set({ status: 'withdrawn' }).where(eq(pendingDecisions.entityId, quoteId));
    expect(ids((await inboxOf(checker)).equipmentQuotes)).not.toContain(quoteId);
    // And the home page counts the same rows.
    const home = async (client: TestClient) => ((await (await client.get('/api/home')).json()).items as { kind: string; count: number }[]).find((i) => i.kind === 'approvals_waiting')?.count;
    const before = await home(checker);
    const another = await newQuote();
    expect(await home(checker)).toBe(before! + 1);
    const box = await inboxOf(maker);
    const waiting = box.equipmentQuotes.length + box.cofinancing.length + box.loans.length + box.loanActions.length + box.closures.length + box.bondOfferings.length + box.guarantees.length;
    expect((await home(maker)) ?? 0).toBe(waiting);
    expect(ids((await inboxOf(maker)).equipmentQuotes)).not.toContain(another);
  });
});

describe('closures in the inbox', () => {
  it('lists a closure asked by one manager to the others, never to the one who asked, until it is decided', async () => {
    const asked = await maker.post(`/api/funds/${equipmentFund}/closures`, { closesOn: '2026-01-31', note: 'Clôture de janvier' });
    expect(asked.status).toBe(201);
    const closureId = ((await asked.json()) as { id: string }).id;
    expect(ids((await inboxOf(maker)).closures)).not.toContain(closureId);
    const line = (await inboxOf(checker)).closures.find((c: { id: string }) => c.id === closureId);
    expect(line).toMatchObject({ fundId: equipmentFund, closesOn: '2026-01-31', note: 'Clôture de janvier' });
    expect(ids((await inboxOf(otherStructureManager)).closures)).not.toContain(closureId);
    expect((await checker.post(`/api/funds/${equipmentFund}/closures/${closureId}/reject`, { note: 'Pas encore' })).status).toBe(200);
    expect(ids((await inboxOf(checker)).closures)).not.toContain(closureId);
  });
});

describe('the migration', () => {
  let database: Database;
  let dispose: () => Promise<void>;

  const run = async (file: string) => {
    const statements = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
    for (const statement of statements) await database.db.execute(sql.raw(statement));
  };

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      database = await openDatabase({ dataDir: 'memory://' });
      dispose = () => database.close();
    } else {
      const name = `essor_dec_${randomBytes(6).toString('hex')}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      database = await openDatabase({ url: url.toString(), poolSize: 2 });
      dispose = async () => {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
    for (const file of ['0000_initial.sql', '0001_structures.sql', '0002_accounting_closures.sql', '0003_cohort_one_per_programme.sql', '0004_mail_outbox.sql']) await run(file);
  }, 60_000);
  afterAll(() => dispose());

  it('turns a co-financing prepared before it into a pending decision of the one mechanism', async () => {
    const existing = `
      insert into users (id, email, name, roles, status) values ('11111111-1111-4111-8111-111111111111', 'prep@old.example', 'Old preparer', '{staff}', 'active');
      insert into organisations (id, name, legal_form, sector, district, territory) values ('44444444-4444-4444-8444-444444444444', 'Coop', 'cooperative', 'artisanat', 'Centre', 'Ville');
      insert into projects (id, organisation_id, title, district, currency, structure_id) values ('55555555-5555-4555-8555-555555555555', '44444444-4444-4444-8444-444444444444', 'Projet existant', 'Centre', 'CAD', '${ROOT_STRUCTURE_ID}');
      insert into funds (id, code, name, type, currency, committee_threshold_minor, structure_id) values ('66666666-6666-4666-8666-666666666666', 'OLD-FCO', 'Fonds existant', 'co_financing', 'CAD', 500000, '${ROOT_STRUCTURE_ID}');
      insert into cofinancing_requests (id, structure_id, fund_id, project_id, amount_minor, currency, purpose, status, created_by, prepared_by)
        values ('77777777-7777-4777-8777-777777777777', '${ROOT_STRUCTURE_ID}', '66666666-6666-4666-8666-666666666666', '55555555-5555-4555-8555-555555555555', 300000, 'CAD', 'Chambre froide', 'prepared', '11111111-1111-4111-8111-111111111111', '11111111-1111-4111-8111-111111111111');
      insert into cofinancing_requests (structure_id, fund_id, project_id, amount_minor, currency, purpose, status, created_by)
        values ('${ROOT_STRUCTURE_ID}', '66666666-6666-4666-8666-666666666666', '55555555-5555-4555-8555-555555555555', 100000, 'CAD', 'Brouillon', 'draft', '11111111-1111-4111-8111-111111111111')`;
    for (const statement of existing.split(';').map((s) => s.trim()).filter(Boolean)) await database.db.execute(sql.raw(statement));
    await run('0005_decisions_and_notifications.sql');
    const rows = rowsOf<{ kind: string; entity: string; entity_id: string; maker_id: string; status: string; amount_minor: string | number; currency: string; limits: unknown }>(
      await database.db.execute(sql`select kind, entity, entity_id, maker_id, status, amount_minor, currency, limits from pending_decisions`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'cofinancing.approve', entity: 'cofinancing', entity_id: '77777777-7777-4777-8777-777777777777', maker_id: '11111111-1111-4111-8111-111111111111', status: 'pending', currency: 'CAD' });
    expect(Number(rows[0].amount_minor)).toBe(300_000);
    expect(rows[0].limits).toMatchObject({ committeeThresholdMinor: 500_000 });
  });
});
