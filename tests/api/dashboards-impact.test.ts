import type { DashboardOptions, ImpactDashboard } from '@essor/shared/impact-dashboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function dashboard(client: TestClient, query = ''): Promise<ImpactDashboard> {
  const res = await client.get(`/api/dashboards/impact${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ImpactDashboard;
}

const funnel = (d: ImpactDashboard) => Object.fromEntries(d.funnel.map((s) => [s.stage, s.count]));

describe('impact dashboard, against the figures worked out by hand', () => {
  it('counts the pipeline by stage reached and by where applications stand', async () => {
    // A and A1: a1, a2 accepted; a3 rejected at screening; a4 rejected at committee; a5 withdrawn after submitting;
    // a6 a draft (not counted); a7 (A1, 2024) accepted; a8 at committee; a9 waitlisted.
    expect(funnel(await dashboard(electedA))).toEqual({ submitted: 8, screening: 7, committee: 6, accepted: 3, waitlisted: 1, rejected: 2, withdrawn: 1 });
    // 2025 only: a7 (submitted in 2024) drops out.
    expect(funnel(await dashboard(electedA, '?from=2025-01-01&to=2025-12-31'))).toEqual({ submitted: 7, screening: 6, committee: 5, accepted: 2, waitlisted: 1, rejected: 2, withdrawn: 1 });
    // Nord: p1 (a1), p3 (a7), p5 (a4), p6 (a5), p8 (a8).
    expect(funnel(await dashboard(electedA, `?district=${encodeURIComponent(`Nord ${w.tag}`)}`))).toEqual({ submitted: 5, screening: 4, committee: 4, accepted: 2, waitlisted: 0, rejected: 1, withdrawn: 1 });
    // The child structure only.
    expect(funnel(await dashboard(electedA, `?structureId=${w.a1}`))).toEqual({ submitted: 1, screening: 1, committee: 1, accepted: 1, waitlisted: 0, rejected: 0, withdrawn: 0 });
  });

  it('gives each cohort its members by project stage, and coaching hours by month and kind', async () => {
    const d = await dashboard(electedA);
    expect(d.cohorts.map((c) => [c.name, c.members, c.stages])).toEqual([
      [`Cohorte A1 ${w.tag}`, 1, { alumni: 1 }],
      [`Cohorte A ${w.tag}`, 2, { incubated: 1, financed: 1 }],
    ]);
    expect(d.coaching).toEqual([
      { month: '2024-03', supportType: 'marketing', sessions: 1, minutes: 45 },
      { month: '2025-04', supportType: 'finance', sessions: 1, minutes: 60 },
      { month: '2025-04', supportType: 'legal', sessions: 1, minutes: 90 },
      { month: '2025-05', supportType: 'legal', sessions: 1, minutes: 120 },
    ]);
    const nord = await dashboard(electedA, `?district=${encodeURIComponent(`Nord ${w.tag}`)}`);
    expect(nord.cohorts.map((c) => [c.name, c.members, c.stages])).toEqual([
      [`Cohorte A1 ${w.tag}`, 1, { alumni: 1 }],
      [`Cohorte A ${w.tag}`, 1, { incubated: 1 }],
    ]);
    // A group workshop has no district.
    expect(nord.coaching).toEqual([
      { month: '2024-03', supportType: 'marketing', sessions: 1, minutes: 45 },
      { month: '2025-04', supportType: 'legal', sessions: 1, minutes: 90 },
    ]);
    const y2025 = await dashboard(electedA, '?from=2025-01-01&to=2025-12-31');
    expect(y2025.cohorts.map((c) => c.name)).toEqual([`Cohorte A ${w.tag}`]);
  });

  it('reads each fund’s use from its business tables', async () => {
    const d = await dashboard(electedA);
    const byCode = Object.fromEntries(d.funds.map((f) => [f.code, [f.currency, f.capitalMinor, f.disbursedMinor, f.committedMinor, f.repaidMinor, f.availableMinor]]));
    expect(byCode).toEqual({
      // 3 000 000 in; 100 001 + 200 000 paid out; 50 000 planned of an approved request (the cancelled tranche does not count).
      [`FA-${w.tag}`]: ['CAD', 3_000_000, 300_001, 50_000, 0, 2_649_999],
      // 300 000 lent, 100 000 approved not yet disbursed, 50 000 principal back; the rejected loan does not count.
      [`FL-${w.tag}`]: ['CAD', 500_000, 300_000, 100_000, 50_000, 150_000],
      [`FG-${w.tag}`]: ['CAD', 400_000, 40_001, 0, 0, 359_999],
      [`FXA-${w.tag}`]: ['XOF', 0, 0, 0, 0, 0],
    });
    // The programme filter keeps the funds with an envelope for it.
    const pa1 = await dashboard(electedA, `?programmeId=${w.programmes.pa1}`);
    expect(pa1.funds.map((f) => f.code)).toEqual([`FXA-${w.tag}`]);
  });

  it('adds the indicators up by the impact module’s rule, against targets, with jobs and SDG', async () => {
    const d = await dashboard(electedA);
    const byCode = Object.fromEntries(d.impact.map((t) => [t.code, [t.baseline, t.target, t.actual, t.projects, t.currency]]));
    expect(byCode).toEqual({
      // Latest per project: p1 2.50, p2 1.50 (its corrected 9 no longer counts), p3 1.00.
      jobs_created_fte: ['0.00', '5.00', '5.00', 3, null],
      jobs_women: [null, null, '3.00', 2, null],
      jobs_youth: [null, null, '1.00', 1, null],
      people_served: [null, '400.00', '300.00', 2, null],
      revenue: [null, null, '1234567.00', 1, 'CAD'],
    });
    expect(d.jobs).toEqual({ createdFte: '5.00', createdTargetFte: '5.00', women: '3.00', youth: '1.00', disability: null, projects: 3 });
    const sdg = Object.fromEntries(d.sdg.filter((g) => g.projects > 0).map((g) => [g.goal, [g.indicators, g.projects]]));
    expect(sdg).toEqual({ 1: [1, 2], 5: [1, 2], 8: [4, 3], 10: [1, 2] });
    expect(d.sdg).toHaveLength(17);

    const y2025 = await dashboard(electedA, '?from=2025-01-01&to=2025-12-31');
    const people = y2025.impact.find((t) => t.code === 'people_served');
    // A flow: only the periods ending in 2025 (p2's 50 ended in 2024).
    expect([people?.actual, people?.projects]).toEqual(['250.00', 1]);
  });

  it('works out the cost per job per currency, guarantees and bonds', async () => {
    const d = await dashboard(electedA);
    // 100 001 + 200 000 + 300 000 + 40 001 paid to p1 and p2, whose jobs are 2.50 + 1.50: 640 002 / 4 = 160 000.5 -> 160 001.
    expect(d.costPerJob).toEqual([{ currency: 'CAD', disbursedMinor: 640_002, jobsCreatedFte: '4.00', costPerJobMinor: 160_001, projects: 2 }]);
    expect(d.guarantees).toEqual([{ currency: 'CAD', live: 2, exposureMinor: 130_000, guaranteedMinor: 160_000 }]);
    expect(d.bonds).toEqual([{ currency: 'CAD', offerings: 1, subscribedUnits: 8, subscribedMinor: 80_000, paidUnits: 3, paidMinor: 30_000, investors: 2 }]);
    // Before the loan and the call were paid, jobs as they stood on 30 June (p1 1.00, p2 1.50): 300 001 / 2.5 = 120 000.4 -> 120 000.
    const h1 = await dashboard(electedA, '?from=2025-01-01&to=2025-06-30');
    expect(h1.costPerJob).toEqual([{ currency: 'CAD', disbursedMinor: 300_001, jobsCreatedFte: '2.50', costPerJobMinor: 120_000, projects: 2 }]);
  });

  it('gives each district its actors, projects, jobs and money, with its outline', async () => {
    const d = await dashboard(electedA);
    expect(d.districts.map((x) => [x.name, x.actors, x.projects, x.jobsCreatedFte, x.disbursed])).toEqual([
      [`Nord ${w.tag}`, 2, 5, '3.50', [{ currency: 'CAD', amountMinor: 100_001 }]],
      [`Sud ${w.tag}`, 1, 4, '1.50', [{ currency: 'CAD', amountMinor: 540_001 }]],
    ]);
    expect(d.districts[0].geometry).toMatchObject({ type: 'Polygon' });
    const nord = await dashboard(electedA, `?district=${encodeURIComponent(`Nord ${w.tag}`)}`);
    expect(nord.districts.map((x) => x.name)).toEqual([`Nord ${w.tag}`]);
    expect(nord.costPerJob).toEqual([{ currency: 'CAD', disbursedMinor: 100_001, jobsCreatedFte: '2.50', costPerJobMinor: 40_000, projects: 1 }]);
  });

  it('exports each section as CSV', async () => {
    const res = await electedA.get('/api/dashboards/impact/funnel.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    expect(text.trim().split('\n')).toEqual(['stage,applications', 'submitted,8', 'screening,7', 'committee,6', 'accepted,3', 'waitlisted,1', 'rejected,2', 'withdrawn,1']);
    const funds = await (await electedA.get('/api/dashboards/impact/funds.csv')).text();
    expect(funds).toContain(`FA-${w.tag},Fonds FA,co_financing,CAD,3000000,50000,300001,0,2649999`);
    const districts = await (await electedA.get('/api/dashboards/impact/districts.csv')).text();
    expect(districts).toContain(`Sud ${w.tag},S,1,4,1.50,CAD,540001`);
    for (const section of ['cohorts', 'coaching', 'impact', 'sdg', 'jobs', 'cost-per-job', 'guarantees', 'bonds']) {
      expect((await electedA.get(`/api/dashboards/impact/${section}.csv`)).status).toBe(200);
    }
  });
});

describe('impact dashboard, scoping and refusals', () => {
  it('shows a Dakar caller nothing of the other structures', async () => {
    const d = await dashboard(electedB);
    expect(funnel(d)).toEqual({ submitted: 1, screening: 1, committee: 1, accepted: 1, waitlisted: 0, rejected: 0, withdrawn: 0 });
    expect(d.funds.map((f) => [f.code, f.capitalMinor, f.disbursedMinor, f.committedMinor])).toEqual([[`FE-${w.tag}`, 5_000_000, 1_150_000, 300_000]]);
    expect(d.costPerJob).toEqual([{ currency: 'XOF', disbursedMinor: 1_150_000, jobsCreatedFte: '4.00', costPerJobMinor: 287_500, projects: 1 }]);
    expect(d.districts.map((x) => [x.name, x.actors, x.projects])).toEqual([[`Médina ${w.tag}`, 1, 1]]);
    expect(d.guarantees).toEqual([]);
    expect(d.bonds).toEqual([]);
    expect(d.coaching).toEqual([{ month: '2025-06', supportType: 'legal', sessions: 1, minutes: 30 }]);
    const options = (await (await electedB.get('/api/dashboards/options')).json()) as DashboardOptions;
    expect([options.structures.map((x) => x.id), options.programmes.map((x) => x.id), options.funds.map((x) => x.id)]).toEqual([[w.b], [w.programmes.pb], [w.funds.fe]]);
    const optionsA = (await (await electedA.get('/api/dashboards/options')).json()) as DashboardOptions;
    expect(optionsA.structures.map((x) => x.id)).toEqual([w.a, w.a1]);
    // The bond trust fund is no fund to follow.
    expect(optionsA.funds.map((x) => x.code).sort()).toEqual([`FA-${w.tag}`, `FG-${w.tag}`, `FL-${w.tag}`, `FXA-${w.tag}`]);
    // Naming the other side's rows is a 404, as for rows that do not exist.
    expect((await electedB.get(`/api/dashboards/impact?structureId=${w.a}`)).status).toBe(404);
    expect((await electedB.get(`/api/dashboards/impact?programmeId=${w.programmes.pa}`)).status).toBe(404);
    expect((await electedA.get(`/api/dashboards/impact?programmeId=${w.programmes.pb}`)).status).toBe(404);
    expect((await electedA.get('/api/dashboards/impact?structureId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // A district name of the other side simply matches nothing.
    const none = await dashboard(electedA, `?district=${encodeURIComponent(`Médina ${w.tag}`)}`);
    expect(funnel(none).submitted).toBe(0);
    expect(none.districts).toEqual([]);
  });

  it('refuses a period that ends before it starts, bad ids, unlisted roles and anonymous callers', async () => {
    const res = await electedA.get('/api/dashboards/impact?from=2025-12-31&to=2025-01-01');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string[]> } };
    expect(body.error.message).toContain('La période commence');
    expect(body.error.fields.from).toBeDefined();
    expect((await electedA.get('/api/dashboards/impact?structureId=nope')).status).toBe(400);
    expect((await electedA.get('/api/dashboards/impact?from=2025-13-45')).status).toBe(400);
    const coach = await ctx.client().signIn(w.emails.coachA);
    expect((await coach.get('/api/dashboards/impact')).status).toBe(403);
    expect((await coach.get('/api/dashboards/impact/funnel.csv')).status).toBe(403);
    expect((await ctx.client().get('/api/dashboards/impact')).status).toBe(401);
    const holder = await ctx.as('project_holder');
    expect((await holder.get('/api/dashboards/impact')).status).toBe(403);
  });
});
