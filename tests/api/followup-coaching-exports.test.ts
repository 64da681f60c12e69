import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCoachingWorld, type CoachingWorld } from '../support/coaching-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let world: CoachingWorld;
let staff: TestClient;
let fund: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildCoachingWorld(ctx.database.db);
  staff = await ctx.as('staff');
  fund = await ctx.as('fund_manager');
}, 120_000);
afterAll(() => ctx.close());

/** Header and rows of a CSV whose cells hold no comma, quote or line break (what these tests put in). */
async function csvRows(client: TestClient, path: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const [head, ...lines] = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = head.split(',');
  return { header, rows: lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell]))) };
}

describe('milestones export', () => {
  it('hands over the rows the list shows, with the same filter', async () => {
    const projectId = world.mtl.holderProjectId;
    const late = await (await staff.post('/api/followup/milestones', { projectId, kind: 'legal_registration', title: 'Immatriculation au registre', dueOn: '2026-01-15' })).json();
    await staff.post('/api/followup/milestones', { projectId, kind: 'first_sale', title: 'Première vente', dueOn: '2099-06-01' });

    const all = (await (await fund.get('/api/followup/milestones')).json()).items;
    const exported = await csvRows(fund, '/api/followup/milestones/export.csv');
    expect(exported.rows.map((r) => r.title).sort()).toEqual(all.map((m: { title: string }) => m.title).sort());

    const overdue = await csvRows(fund, '/api/followup/milestones/export.csv?overdue=true');
    expect(overdue.rows).toHaveLength(1);
    expect(overdue.rows[0]).toMatchObject({ title: late.title, due_on: '2026-01-15', status: 'planned', overdue: 'yes', kind: 'legal_registration' });
  });

  it('refuses a holder and bad filters', async () => {
    const holder = await ctx.as('project_holder');
    expect((await holder.get('/api/followup/milestones/export.csv')).status).toBe(403);
    expect((await fund.get('/api/followup/milestones/export.csv?overdue=maybe')).status).toBe(400);
  });
});

describe('follow-up visits export', () => {
  it('exports the visits with their risk rating, filtered like the list', async () => {
    const projectId = world.mtl.projectIds[0];
    for (const [visitedOn, riskRating] of [['2026-03-01', 'amber'], ['2026-04-01', 'red']] as const) {
      const res = await staff.post('/api/followup/visits', { projectId, visitedOn, findings: `Visite du ${visitedOn}`, riskRating, nextVisitOn: null });
      expect(res.status).toBe(201);
    }
    const all = await csvRows(fund, '/api/followup/visits/export.csv');
    expect(all.header).toEqual(expect.arrayContaining(['project', 'visited_on', 'visitor', 'risk_rating', 'findings', 'next_visit_on']));
    expect(all.rows.map((r) => r.risk_rating).sort()).toEqual(['amber', 'red']);
    const red = await csvRows(fund, '/api/followup/visits/export.csv?riskRating=red');
    expect(red.rows.map((r) => r.visited_on)).toEqual(['2026-04-01']);
    expect((await fund.get('/api/followup/visits/export.csv?riskRating=purple')).status).toBe(400);
  });
});

describe('coaches export', () => {
  it('exports every coach the list shows, an expert with a decimal rate beside its minor units', async () => {
    const list = await (await staff.get('/api/coaching/coaches')).json();
    const exported = await csvRows(staff, '/api/coaching/coaches/export.csv');
    expect(exported.rows.map((r) => r.name).sort()).toEqual(list.map((c: { name: string }) => c.name).sort());
    const lawyer = list.find((c: { id: string }) => c.id === world.lawyerId);
    const row = exported.rows.find((r) => r.name === lawyer.name)!;
    expect(row).toMatchObject({ kind: 'external', active: 'yes', hourly_rate_minor: String(lawyer.hourlyRateMinor), currency: lawyer.currency });
    expect(Number(row.hourly_rate) * 100).toBe(lawyer.hourlyRateMinor);

    const externals = await csvRows(staff, '/api/coaching/coaches/export.csv?kind=external');
    expect(externals.rows.every((r) => r.kind === 'external')).toBe(true);
    expect(externals.rows.length).toBe(list.filter((c: { kind: string }) => c.kind === 'external').length);
    expect((await fund.get('/api/coaching/coaches/export.csv')).status).toBe(403);
  });
});
