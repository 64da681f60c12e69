import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/client';
import { programmes } from '../../api/src/db/schema/programmes';
import { organisations, projects } from '../../api/src/db/schema/projects';
import { SYSTEM_ACTOR } from '../../api/src/lib/audit';
import { rowsOf } from '../../api/src/lib/rows';
import { admitProjectToFinancing } from '../../api/src/modules/funds/eligibility';
import { today } from '../../api/src/modules/funds/service';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { makeStructure, memberOf, ROOT_STRUCTURE_ID } from '../support/structures';

let ctx: TestContext;
let structureA: string;
let structureB: string;
let managerA: TestClient;
let staffA: TestClient;
let managerB: TestClient;
let staffB: TestClient;
let committeeB: TestClient;
let rootManager: TestClient;
let rootStaff: TestClient;
let programmeA: string;
let projectA: string;
let projectB: string;
let funderId: string;
let keySeq = 0;
const withKey = () => ({ headers: { 'Idempotency-Key': `structures-${Date.now()}-${keySeq++}` } });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

async function projectIn(db: Db, structureId: string, title: string, programmeId: string | null = null): Promise<string> {
  const [org] = await db.insert(organisations).values({ name: `Coopérative ${title}`, legalForm: 'cooperative', sector: 'alimentation', district: 'Centre', territory: 'Montréal' }).returning();
  const [project] = await db
    .insert(projects)
    .values({ structureId, organisationId: org.id, programmeId, title, district: 'Centre', totalBudgetMinor: 100_000_000, currency: 'CAD', stage: 'incubated' })
    .returning();
  // Money goes only to selected projects: staff admit this one (no application was accepted).
  await admitProjectToFinancing(db, SYSTEM_ACTOR, project.id, 'Projet de test admis au financement');
  return project.id;
}

async function ledgerLines(): Promise<number> {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from journal_lines`))[0].n);
}

async function openFund(manager: TestClient, code: string, type: string, body: Record<string, unknown> = {}): Promise<{ id: string; structureId: string }> {
  const res = await manager.post('/api/funds', { code, name: `Fonds ${code}`, type, currency: 'CAD', committeeThresholdMinor: 100_000_000, openedOn: '2026-01-01', ...body });
  expect(res.status).toBe(201);
  const fund = await res.json();
  expect((await manager.post(`/api/funds/${fund.id}/contributions`, { funderId, amountMinor: 10_000_000, currency: 'CAD', receivedOn: '2026-01-05' }, withKey())).status).toBe(201);
  return fund;
}

let fundA: { id: string; structureId: string };
let loanFundA: string;
let equipmentFundA: string;
let fundB: string;
let approvedRequest: string;
let pendingRequest: string;
let loanA: string;
let quoteA: string;
let assetA: string;
let accountA: string;
let entryA: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  structureA = await makeStructure(db, 'Incubateur A');
  structureB = await makeStructure(db, 'Incubateur B');
  [managerA, staffA, managerB, staffB, committeeB, rootManager, rootStaff] = await Promise.all([
    memberOf(ctx, structureA, ['fund_manager']),
    memberOf(ctx, structureA, ['staff']),
    memberOf(ctx, structureB, ['fund_manager']),
    memberOf(ctx, structureB, ['staff']),
    memberOf(ctx, structureB, ['committee_member']),
    ctx.as('fund_manager'),
    ctx.as('staff'),
  ]);
  const [programme] = await db.insert(programmes).values({ structureId: structureA, code: 'A-PROG', name: 'Programme A', territory: 'Montréal', currency: 'CAD', status: 'open' }).returning();
  programmeA = programme.id;
  projectA = await projectIn(db, structureA, 'Épicerie A', programmeA);
  projectB = await projectIn(db, structureB, 'Atelier B');
  const funder = await managerA.post('/api/funds/funders', { name: 'Ville de test', kind: 'city' });
  expect(funder.status).toBe(201);
  funderId = (await funder.json()).id;

  fundA = await openFund(managerA, 'A-FCO', 'co_financing');
  loanFundA = (await openFund(managerA, 'A-FPH', 'loan')).id;
  equipmentFundA = (await openFund(managerA, 'A-FEQ', 'equipment')).id;
  fundB = (await openFund(managerB, 'B-FCO', 'co_financing')).id;

  const request = async (amountMinor: number) => {
    const created = await staffA.post('/api/funds/cofinancing', { fundId: fundA.id, projectId: projectA, amountMinor, currency: 'CAD', purpose: 'Chambre froide', otherFunders: [] });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await staffA.post(`/api/funds/cofinancing/${id}/prepare`, { recommendation: 'Favorable', tranches: [{ amountMinor }] })).status).toBe(200);
    return id as string;
  };
  approvedRequest = await request(1_000_000);
  expect((await managerA.post(`/api/funds/cofinancing/${approvedRequest}/approve`, { note: '' }, withKey())).status).toBe(200);
  pendingRequest = await request(500_000);

  const loan = await staffA.post('/api/funds/loans', { fundId: loanFundA, projectId: projectA, kind: 'honour_loan', principalMinor: 500_000, currency: 'CAD', termMonths: 6, method: 'declining' });
  expect(loan.status).toBe(201);
  loanA = (await loan.json()).id;

  const quote = await staffA.post('/api/funds/equipment/quotes', { fundId: equipmentFundA, projectId: projectA, supplier: 'Pelletier', currency: 'CAD', lines: [{ description: 'Four', quantity: 1, unitPriceMinor: 300_000 }] });
  expect(quote.status).toBe(201);
  quoteA = (await quote.json()).id;
  expect((await managerA.post(`/api/funds/equipment/quotes/${quoteA}/approve`, {}, withKey())).status).toBe(200);
  expect((await managerA.post(`/api/funds/equipment/quotes/${quoteA}/purchase-order`, { purchaseOrderNumber: 'BC-A-1', orderedOn: '2026-02-01' })).status).toBe(200);
  expect((await staffA.post(`/api/funds/equipment/quotes/${quoteA}/invoice`, { invoiceNumber: 'F-A-1', amountMinor: 300_000, currency: 'CAD', invoicedOn: '2026-02-10' })).status).toBe(200);
  expect((await managerA.post(`/api/funds/equipment/quotes/${quoteA}/pay`, { paidOn: today() }, withKey())).status).toBe(200);
  assetA = (await (await managerA.get(`/api/funds/equipment/assets?fundId=${equipmentFundA}`)).json()).items[0].id;

  const accounts = await (await managerA.get(`/api/funds/ledger/accounts?fundId=${fundA.id}`)).json();
  accountA = accounts.find((a: { code: string }) => a.code === '1000').id;
  entryA = (await (await managerA.get(`/api/funds/ledger/entries?fundId=${fundA.id}&kind=capital_contribution`)).json()).items[0].id;
});
afterAll(() => ctx.close());

describe('solidarity funds by structure', () => {
  it("puts a fund manager's new fund in their structure, and its requests, loans and quotes with it", async () => {
    expect(fundA.structureId).toBe(structureA);
    expect((await (await managerA.get(`/api/funds/${fundA.id}`)).json()).structureName).toBe('Incubateur A');
    expect((await (await staffA.get(`/api/funds/cofinancing/${approvedRequest}`)).json()).structureId).toBe(structureA);
    expect((await (await staffA.get(`/api/funds/loans/${loanA}`)).json()).structureId).toBe(structureA);
    expect((await (await staffA.get(`/api/funds/equipment/quotes/${quoteA}`)).json()).structureId).toBe(structureA);
  });

  it("answers 404 to a sibling structure's people on A's rows, for reads and writes", async () => {
    for (const path of [`/api/funds/${fundA.id}`, `/api/funds/${fundA.id}/timeline`, `/api/funds/${fundA.id}/contributions`, `/api/funds/${fundA.id}/envelopes`]) {
      expect((await managerB.get(path)).status, path).toBe(404);
    }
    expect((await staffB.get(`/api/funds/cofinancing/${approvedRequest}`)).status).toBe(404);
    expect((await staffB.get(`/api/funds/loans/${loanA}`)).status).toBe(404);
    expect((await staffB.get(`/api/funds/equipment/quotes/${quoteA}`)).status).toBe(404);
    expect((await managerB.get(`/api/funds/ledger/accounts/${accountA}/statement`)).status).toBe(404);
    expect((await managerB.get(`/api/funds/ledger/entries/${entryA}`)).status).toBe(404);

    const before = await ledgerLines();
    expect((await managerB.post(`/api/funds/${fundA.id}/contributions`, { funderId, amountMinor: 1_000, currency: 'CAD' }, withKey())).status).toBe(404);
    expect((await managerB.post(`/api/funds/cofinancing/${pendingRequest}/approve`, { note: '' }, withKey())).status).toBe(404);
    expect((await staffB.post(`/api/funds/cofinancing/${pendingRequest}/committee-decision`, { sessionId: crypto.randomUUID(), voterIds: [crypto.randomUUID()], decision: 'favourable' })).status).toBe(404);
    expect((await managerB.post(`/api/funds/loans/${loanA}/approve`, {}, withKey())).status).toBe(404);
    expect((await managerB.post(`/api/funds/ledger/entries/${entryA}/reverse`, { reason: 'Essai' }, withKey())).status).toBe(404);
    expect((await managerB.put(`/api/funds/${fundA.id}/envelopes`, { programmeId: programmeA, amountMinor: 1_000, maxShareBps: 5000, maxRequestMinor: 1_000 })).status).toBe(404);
    expect((await managerB.patch(`/api/funds/equipment/assets/${assetA}`, { note: 'Essai' })).status).toBe(404);
    expect((await staffB.post(`/api/funds/equipment/projects/${projectA}/return-assets`, { returnedOn: '2026-03-01' })).status).toBe(404);
    expect(await ledgerLines()).toBe(before);
    expect((await (await staffA.get(`/api/funds/cofinancing/${pendingRequest}`)).json()).status).toBe('prepared');
  });

  it("shows a sibling structure none of A's rows in lists, reports and the journal export", async () => {
    const mine = [fundA.id, loanFundA, equipmentFundA];
    expect(ids(await (await managerB.get('/api/funds')).json())).toEqual([fundB]);
    expect(ids((await (await staffB.get('/api/funds/cofinancing')).json()).items)).toEqual([]);
    expect(ids((await (await staffB.get('/api/funds/loans')).json()).items)).toEqual([]);
    expect(ids((await (await staffB.get('/api/funds/loans?inArrears=false')).json()).items)).toEqual([]);
    expect(ids(await (await staffB.get('/api/funds/equipment/quotes')).json())).toEqual([]);
    expect(ids((await (await staffB.get('/api/funds/equipment/assets')).json()).items)).toEqual([]);
    expect(ids(await (await staffB.get('/api/funds/projects')).json())).toEqual([projectB]);
    const accounts: { fundId: string }[] = await (await managerB.get('/api/funds/ledger/accounts')).json();
    expect(new Set(accounts.map((a) => a.fundId))).toEqual(new Set([fundB]));
    const trial = await (await managerB.get('/api/funds/ledger/trial-balance')).json();
    expect(trial.rows.every((r: { fundId: string }) => r.fundId === fundB)).toBe(true);
    expect(trial.totals).toEqual([{ currency: 'CAD', debitMinor: 10_000_000, creditMinor: 10_000_000 }]);
    expect((await (await managerB.get(`/api/funds/ledger/trial-balance?fundId=${fundA.id}`)).json()).rows).toEqual([]);
    const journal = await (await managerB.get('/api/funds/ledger/entries?limit=100')).json();
    expect(journal.items.every((e: { fundId: string }) => e.fundId === fundB)).toBe(true);
    const csv = await (await managerB.get('/api/funds/ledger/entries/export.csv')).text();
    expect(csv).toContain('B-FCO');
    expect(csv).not.toMatch(/A-FCO|A-FPH|A-FEQ/);
    const inbox = await (await managerB.get('/api/funds/inbox')).json();
    expect(inbox).toEqual({ cofinancing: [], loans: [], loanActions: [], equipmentQuotes: [], closures: [], bondOfferings: [], guarantees: [] });
    expect((await (await committeeB.get('/api/funds/inbox')).json()).cofinancing).toEqual([]);
    // Funders are shared across the territory, like organisations.
    expect(ids(await (await managerB.get('/api/funds/funders')).json())).toContain(funderId);
    for (const id of mine) expect(ids(await (await managerA.get('/api/funds')).json())).toContain(id);
  });

  it("refuses to create a row in A, or pointing at A's rows, from B", async () => {
    const before = await ledgerLines();
    expect((await managerB.post('/api/funds', { code: 'B-IN-A', name: 'Fonds intrus', type: 'loan', currency: 'CAD', committeeThresholdMinor: 0, structureId: structureA })).status).toBe(404);
    expect((await staffB.post('/api/funds/cofinancing', { fundId: fundA.id, projectId: projectB, amountMinor: 1_000, currency: 'CAD', purpose: 'Intrusion', otherFunders: [] })).status).toBe(404);
    expect((await staffB.post('/api/funds/cofinancing', { fundId: fundB, projectId: projectA, amountMinor: 1_000, currency: 'CAD', purpose: 'Intrusion', otherFunders: [] })).status).toBe(404);
    expect((await staffB.post('/api/funds/loans', { fundId: loanFundA, projectId: projectB, kind: 'honour_loan', principalMinor: 1_000, currency: 'CAD', termMonths: 6, method: 'declining' })).status).toBe(404);
    expect((await staffB.post('/api/funds/equipment/quotes', { fundId: equipmentFundA, projectId: projectB, supplier: 'Fournisseur', currency: 'CAD', lines: [{ description: 'Établi', quantity: 1, unitPriceMinor: 1 }] })).status).toBe(404);
    expect(await ledgerLines()).toBe(before);
    const [{ n }] = rowsOf<{ n: number }>(await ctx.database.db.execute(sql`select count(*)::int as n from cofinancing_requests where purpose = 'Intrusion'`));
    expect(n).toBe(0);
  });

  it("keeps a fund's money inside its structure's subtree, even for someone who reaches both", async () => {
    const refusedBy = async (res: Response, field: string) => {
      expect(res.status).toBe(422);
      expect((await res.json()).error.fields[field]).toBeDefined();
    };
    await refusedBy(await rootStaff.post('/api/funds/cofinancing', { fundId: fundA.id, projectId: projectB, amountMinor: 1_000, currency: 'CAD', purpose: 'Hors périmètre', otherFunders: [] }), 'projectId');
    await refusedBy(await rootStaff.post('/api/funds/loans', { fundId: loanFundA, projectId: projectB, kind: 'honour_loan', principalMinor: 1_000, currency: 'CAD', termMonths: 6, method: 'declining' }), 'projectId');
    await refusedBy(await rootStaff.post('/api/funds/equipment/quotes', { fundId: equipmentFundA, projectId: projectB, supplier: 'Fournisseur', currency: 'CAD', lines: [{ description: 'Établi', quantity: 1, unitPriceMinor: 1 }] }), 'projectId');
    await refusedBy(await rootManager.put(`/api/funds/${fundB}/envelopes`, { programmeId: programmeA, amountMinor: 1_000, maxShareBps: 5000, maxRequestMinor: 1_000 }), 'programmeId');
    expect((await staffA.post(`/api/funds/equipment/assets/${assetA}/return`, { returnedOn: '2026-03-01', note: '' })).status).toBe(200);
    await refusedBy(await rootManager.post(`/api/funds/equipment/assets/${assetA}/reassign`, { projectId: projectB }), 'projectId');
    expect((await rootManager.post(`/api/funds/equipment/assets/${assetA}/reassign`, { projectId: projectA })).status).toBe(200);
    // A city fund finances the projects of the incubators below it.
    const cityFund = await openFund(rootManager, 'CITY-FCO', 'co_financing', { structureId: ROOT_STRUCTURE_ID });
    const cityRequest = await rootStaff.post('/api/funds/cofinancing', { fundId: cityFund.id, projectId: projectA, amountMinor: 1_000, currency: 'CAD', purpose: 'Cofinancement de la ville', otherFunders: [] });
    expect(cityRequest.status).toBe(201);
    const cityFinancing = await cityRequest.json();
    expect(cityFinancing.structureId).toBe(ROOT_STRUCTURE_ID);
    expect(ids((await (await staffA.get('/api/funds/cofinancing')).json()).items)).not.toContain(cityFinancing.id);
  });

  it("shows A's rows to the same roles held on the top structure", async () => {
    const funds = ids(await (await rootManager.get('/api/funds')).json());
    expect(funds).toEqual(expect.arrayContaining([fundA.id, loanFundA, equipmentFundA, fundB]));
    expect((await rootManager.get(`/api/funds/${fundA.id}`)).status).toBe(200);
    const everyRequest = (await (await rootStaff.get('/api/funds/cofinancing')).json()) as { items: { id: string; number: number }[]; nextCursor: string | null };
    expect(ids(everyRequest.items)).toEqual(expect.arrayContaining([approvedRequest, pendingRequest]));
    // One at a time by cursor: the same requests, in the same order (newest first), and then the end.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await rootStaff.get(`/api/funds/cofinancing?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(1);
      walked.push(...ids(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(ids(everyRequest.items));
    expect(everyRequest.items.map((r) => r.number)).toEqual([...everyRequest.items.map((r) => r.number)].sort((a, b) => b - a));
    expect(ids((await (await rootStaff.get('/api/funds/loans')).json()).items)).toContain(loanA);
    expect(ids(await (await rootStaff.get('/api/funds/equipment/quotes')).json())).toContain(quoteA);
    expect(ids((await (await rootStaff.get('/api/funds/equipment/assets')).json()).items)).toContain(assetA);
    expect(ids(await (await rootStaff.get('/api/funds/projects')).json())).toEqual(expect.arrayContaining([projectA, projectB]));
    expect((await rootManager.get(`/api/funds/ledger/accounts/${accountA}/statement`)).status).toBe(200);
    const csv = await (await rootManager.get('/api/funds/ledger/entries/export.csv')).text();
    expect(csv).toMatch(/A-FCO/);
    expect(ids((await (await rootManager.get('/api/funds/inbox')).json()).cofinancing)).toContain(pendingRequest);
    expect(ids((await (await managerA.get('/api/funds/inbox')).json()).loans)).toContain(loanA);
    expect((await rootManager.post(`/api/funds/loans/${loanA}/approve`, {}, withKey())).status).toBe(200);
  });
});
