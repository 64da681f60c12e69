import type { MoneyFlow } from '@essor/shared/impact-dashboard';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../api/src/db/schema/auth';
import { capitalContributions, cofinancingRequests, cofinancingTranches, funds } from '../../api/src/db/schema/funds';
import { organisations, projects } from '../../api/src/db/schema/projects';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { buildDashboardWorld, type DashboardWorld } from './dashboards-fixture';

let ctx: TestContext;
let w: DashboardWorld;
let electedA: TestClient;
let electedB: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildDashboardWorld(ctx.database.db);
  electedA = await ctx.client().signIn(w.emails.electedA);
  electedB = await ctx.client().signIn(w.emails.electedB);
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

async function flow(client: TestClient, query: string): Promise<MoneyFlow> {
  const res = await client.get(`/api/dashboards/money-flow${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as MoneyFlow;
}

/** Links as "source -> target: amount", with ids named by the test's own names. */
function linksOf(f: MoneyFlow): string[] {
  const names: Record<string, string> = {
    [`funder:${w.funders.ville}`]: 'Ville',
    [`funder:${w.funders.fondation}`]: 'Fondation',
    [`fund:${w.funds.fa}`]: 'FA',
    [`fund:${w.funds.fl}`]: 'FL',
    [`fund:${w.funds.fg}`]: 'FG',
    [`fund:${w.funds.fxa}`]: 'FXA',
    [`programme:${w.programmes.pa}`]: 'PA',
    [`programme:${w.programmes.pa1}`]: 'PA1',
    [`project:${w.projects.p1}`]: 'p1',
    [`project:${w.projects.p2}`]: 'p2',
    [`project:${w.projects.p3}`]: 'p3',
    available: 'available',
  };
  return f.links.map((l) => `${names[l.source] ?? l.source} -> ${names[l.target] ?? l.target}: ${l.amountMinor}`).sort();
}

describe('follow the money', () => {
  it('follows one fund from its funders to its projects, pro rata with largest remainders', async () => {
    const f = await flow(electedA, `?fundId=${w.funds.fa}`);
    expect(f.currency).toBe('CAD');
    expect(f.rule).toContain('fongible');
    // By hand: Fondation 2 000 000 and Ville 1 000 000 (2/3, 1/3).
    // p1: 100 001 paid -> 66 667.33 / 33 333.67: the one left over goes to the larger remainder (Ville): 66 667 / 33 334;
    //     50 000 committed -> 33 333.33 / 16 666.67: 33 333 / 16 667.
    // p2: 200 000 paid -> 133 333.33 / 66 666.67: 133 333 / 66 667.
    expect(linksOf(f)).toEqual(
      [
        'Fondation -> FA: 2000000',
        'Ville -> FA: 1000000',
        'FA -> PA: 350001',
        'PA -> p1: 150001',
        'PA -> p2: 200000',
        // 3 000 000 - 300 001 - 50 000
        'FA -> available: 2649999',
      ].sort(),
    );
    const projects = Object.fromEntries(
      f.projects.map((p) => [
        p.projectId,
        { disbursed: p.disbursedMinor, committed: p.committedMinor, jobs: p.jobsCreatedFte, cost: p.costPerJobMinor, parts: Object.fromEntries(p.byFunder.map((x) => [x.funderId, [x.disbursedMinor, x.committedMinor]])) },
      ]),
    );
    expect(projects).toEqual({
      // 100 001 / 2.50 = 40 000.4 -> 40 000
      [w.projects.p1]: { disbursed: 100_001, committed: 50_000, jobs: '2.50', cost: 40_000, parts: { [w.funders.fondation]: [66_667, 33_333], [w.funders.ville]: [33_334, 16_667] } },
      // 200 000 / 1.50 = 133 333.33 -> 133 333
      [w.projects.p2]: { disbursed: 200_000, committed: 0, jobs: '1.50', cost: 133_333, parts: { [w.funders.fondation]: [133_333, 0], [w.funders.ville]: [66_667, 0] } },
    });
    // Biggest first.
    expect(f.projects.map((p) => p.projectId)).toEqual([w.projects.p2, w.projects.p1]);
    expect(f.funders.map((x) => [x.funderId, x.contributedMinor, x.disbursedMinor, x.committedMinor])).toEqual([
      [w.funders.fondation, 2_000_000, 200_000, 33_333],
      [w.funders.ville, 1_000_000, 100_001, 16_667],
    ]);
    // 300 001 / 4.00 = 75 000.25 -> 75 000
    expect(f.totals).toEqual({ contributedMinor: 3_000_000, disbursedMinor: 300_001, committedMinor: 50_000, availableMinor: 2_649_999, jobsCreatedFte: '4.00', costPerJobMinor: 75_000 });
  });

  it('follows a programme through every fund feeding it', async () => {
    const f = await flow(electedA, `?programmeId=${w.programmes.pa}`);
    // FA as above; FL lent 300 000 to p2 and FG paid a 40 001 call on p2, both all Ville's.
    expect(linksOf(f)).toEqual(
      [
        'Fondation -> FA: 233333',
        'Ville -> FA: 116668',
        'Ville -> FL: 300000',
        'Ville -> FG: 40001',
        'FA -> PA: 350001',
        'FL -> PA: 300000',
        'FG -> PA: 40001',
        'PA -> p2: 540001',
        'PA -> p1: 150001',
      ].sort(),
    );
    const p2 = f.projects.find((p) => p.projectId === w.projects.p2)!;
    // 540 001 / 1.50 = 360 000.67 -> 360 001
    expect([p2.disbursedMinor, p2.costPerJobMinor]).toEqual([540_001, 360_001]);
    expect(Object.fromEntries(p2.byFunder.map((x) => [x.funderId, x.disbursedMinor]))).toEqual({ [w.funders.fondation]: 133_333, [w.funders.ville]: 406_668 });
    // 640 002 / 4.00 = 160 000.5 -> 160 001
    expect(f.totals).toEqual({ contributedMinor: 690_002, disbursedMinor: 640_002, committedMinor: 50_000, availableMinor: null, jobsCreatedFte: '4.00', costPerJobMinor: 160_001 });
  });

  it('asks which currency for a programme fed in several, and answers per currency', async () => {
    const res = await electedA.get(`/api/dashboards/money-flow?programmeId=${w.programmes.pa1}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string; fields: Record<string, string[]> } };
    expect(body.error.message).toContain('CAD, XOF');
    expect(body.error.fields.currency).toBeDefined();
    const cad = await flow(electedA, `?programmeId=${w.programmes.pa1}&currency=CAD`);
    expect(linksOf(cad)).toEqual(['PA1 -> p3: 100000', 'FL -> PA1: 100000', 'Ville -> FL: 100000'].sort());
    // Nothing paid yet: nothing a job (null is for no job at all).
    expect(cad.projects.map((p) => [p.projectId, p.disbursedMinor, p.committedMinor, p.jobsCreatedFte, p.costPerJobMinor])).toEqual([[w.projects.p3, 0, 100_000, '1.00', 0]]);
    const xof = await flow(electedA, `?programmeId=${w.programmes.pa1}&currency=XOF`);
    expect([xof.currency, xof.links, xof.projects]).toEqual(['XOF', [], []]);
  });

  it('groups the projects past the twelfth into one node', async () => {
    const db = ctx.database.db;
    const [fund] = await db.insert(funds).values({ structureId: w.a, code: `FBIG-${w.tag}`, name: 'Gros fonds', type: 'co_financing', currency: 'CAD', committeeThresholdMinor: 0 }).returning();
    await db.insert(capitalContributions).values({ fundId: fund.id, funderId: w.funders.ville, amountMinor: 1_000_000, currency: 'CAD', receivedOn: '2025-01-01', journalEntryId: 1 });
    const [org] = await db.insert(organisations).values({ name: `Org ${w.tag}`, legalForm: 'association', sector: 'x', district: 'Nord', territory: 'Ville' }).returning();
    const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.email, w.emails.staffA1));
    // 14 projects paid 1 000, 2 000, ... 14 000: the twelve largest are drawn, 1 000 + 2 000 go to "other projects (2)".
    for (let i = 1; i <= 14; i++) {
      const [project] = await db.insert(projects).values({ structureId: w.a, organisationId: org.id, programmeId: w.programmes.pa, title: `Projet ${String(i).padStart(2, '0')}`, district: 'Nord', currency: 'CAD' }).returning();
      const [request] = await db.insert(cofinancingRequests).values({ structureId: w.a, fundId: fund.id, projectId: project.id, amountMinor: i * 1000, currency: 'CAD', purpose: 'x', status: 'approved', createdBy: staff.id }).returning();
      await db.insert(cofinancingTranches).values({ requestId: request.id, seq: 1, amountMinor: i * 1000, status: 'disbursed', disbursedOn: '2025-05-01' });
    }
    const f = await flow(electedA, `?fundId=${fund.id}`);
    expect(f.nodes.filter((n) => n.kind === 'project').map((n) => n.label)).toEqual(Array.from({ length: 12 }, (_, i) => `Projet ${String(14 - i).padStart(2, '0')}`));
    const other = f.nodes.find((n) => n.kind === 'other_projects')!;
    expect([other.label, other.count]).toEqual(['Autres projets (2)', 2]);
    expect(f.links.find((l) => l.target === 'other_projects')).toEqual({ source: `programme:${w.programmes.pa}`, target: 'other_projects', amountMinor: 3000 });
    // The table keeps every project; 1 000 000 - 105 000 is still available.
    expect(f.projects).toHaveLength(14);
    expect(f.totals.availableMinor).toBe(895_000);
  });

  it('keeps each side to its own funds and refuses what makes no sense', async () => {
    expect((await electedB.get(`/api/dashboards/money-flow?fundId=${w.funds.fa}`)).status).toBe(404);
    expect((await electedB.get(`/api/dashboards/money-flow?programmeId=${w.programmes.pa}`)).status).toBe(404);
    expect((await electedA.get(`/api/dashboards/money-flow?fundId=${w.funds.fe}`)).status).toBe(404);
    const b = await flow(electedB, `?fundId=${w.funds.fe}`);
    // Bailleur B alone: 1 150 000 paid, 300 000 ordered, 4 jobs: 287 500 a job.
    expect(b.totals).toEqual({ contributedMinor: 5_000_000, disbursedMinor: 1_150_000, committedMinor: 300_000, availableMinor: 3_550_000, jobsCreatedFte: '4.00', costPerJobMinor: 287_500 });
    expect(b.rule).toContain('fungible');
    expect((await electedA.get('/api/dashboards/money-flow')).status).toBe(400);
    expect((await electedA.get(`/api/dashboards/money-flow?fundId=${w.funds.fa}&currency=XOF`)).status).toBe(422);
    const coach = await ctx.client().signIn(w.emails.coachA);
    expect((await coach.get(`/api/dashboards/money-flow?fundId=${w.funds.fa}`)).status).toBe(403);
    expect((await ctx.client().get(`/api/dashboards/money-flow?fundId=${w.funds.fa}`)).status).toBe(401);
  });
});
