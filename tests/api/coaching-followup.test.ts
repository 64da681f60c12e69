import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { buildCoachingWorld, type CoachingWorld } from '../support/coaching-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { signedInAccount } from '../support/intake';

let ctx: TestContext;
let world: CoachingWorld;
let staff: TestClient;
let fund: TestClient;
let holder: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildCoachingWorld(ctx.database.db);
  staff = await ctx.as('staff');
  fund = await ctx.as('fund_manager');
  holder = await ctx.as('project_holder');
});
afterAll(() => ctx.close());

describe('milestones', () => {
  it('flags planned milestones past their due date as overdue', async () => {
    const projectId = world.mtl.holderProjectId;
    const late = await (await staff.post('/api/followup/milestones', { projectId, kind: 'legal_registration', title: 'Immatriculation au registre des entreprises', dueOn: '2026-01-15' })).json();
    const ahead = await (await staff.post('/api/followup/milestones', { projectId, kind: 'first_sale', title: 'Première vente de paniers', dueOn: '2099-06-01' })).json();
    expect(late.overdue).toBe(true);
    expect(ahead.overdue).toBe(false);
    const overdue = (await (await fund.get('/api/followup/milestones?overdue=true')).json()).items;
    expect(overdue.map((m: { id: string }) => m.id)).toEqual([late.id]);
    const onTime = (await (await fund.get(`/api/followup/milestones?overdue=false&projectId=${projectId}&limit=200`)).json()).items.map((m: { id: string }) => m.id);
    expect(onTime).toContain(ahead.id);
    expect(onTime).not.toContain(late.id);
    const mine = await (await holder.get('/api/followup/holder/milestones')).json();
    expect(mine.map((m: { id: string }) => m.id).sort()).toEqual([late.id, ahead.id].sort());
  });

  it('needs evidence to record a milestone reached, and is then no longer overdue', async () => {
    const [late] = (await (await staff.get('/api/followup/milestones?overdue=true')).json()).items;
    expect((await staff.patch(`/api/followup/milestones/${late.id}`, { status: 'reached' })).status).toBe(422);
    const reached = await staff.patch(`/api/followup/milestones/${late.id}`, { status: 'reached', evidence: 'NEQ 1178 000 123', reachedOn: '2026-02-01' });
    expect(reached.status).toBe(200);
    expect(await reached.json()).toMatchObject({ status: 'reached', overdue: false, reachedOn: '2026-02-01' });
    expect((await (await staff.get('/api/followup/milestones?overdue=true')).json()).items).toEqual([]);
  });

  it('refuses a milestone for an unknown project and an unknown kind', async () => {
    expect((await staff.post('/api/followup/milestones', { projectId: '00000000-0000-4000-8000-000000000000', kind: 'first_sale', title: 'Nulle part' })).status).toBe(422);
    expect((await staff.post('/api/followup/milestones', { projectId: world.mtl.projectIds[0], kind: 'lottery', title: 'Gagner' })).status).toBe(400);
    expect((await fund.post('/api/followup/milestones', { projectId: world.mtl.projectIds[0], kind: 'first_sale', title: 'Vente' })).status).toBe(403);
  });
});

describe('who marks a milestone reached', () => {
  it("lets staff and the project's own coaches mark it, not any coach", async () => {
    const [, ownProject, otherProject] = world.mtl.projectIds;
    const booked = await staff.post('/api/coaching/sessions', {
      cohortId: world.mtl.cohortId,
      format: 'individual',
      projectId: ownProject,
      supportType: 'mentoring',
      title: 'Plan de trésorerie',
      startsAt: '2027-03-01T14:00:00.000Z',
      durationMinutes: 60,
      mode: 'remote',
      place: '',
      coachId: world.demoCoachId,
    });
    expect(booked.status).toBe(201);
    const coach = await ctx.as('coach');
    const stranger = await signedInAccount(ctx, ['coach'], 'coach-elsewhere');
    const milestoneOf = async (projectId: string) => (await (await staff.post('/api/followup/milestones', { projectId, kind: 'first_sale', title: 'Première vente' })).json()).id as string;
    const reached = { status: 'reached', evidence: 'Facture n° 12', reachedOn: '2026-10-01' };
    const own = await milestoneOf(ownProject);
    const other = await milestoneOf(otherProject);
    expect((await stranger.patch(`/api/followup/milestones/${own}`, reached)).status).toBe(403);
    expect((await coach.patch(`/api/followup/milestones/${other}`, reached)).status).toBe(403);
    expect((await coach.patch(`/api/followup/milestones/${own}`, reached)).status).toBe(200);
    expect((await staff.patch(`/api/followup/milestones/${other}`, reached)).status).toBe(200);
  });
});

describe('follow-up visits', () => {
  it('lists on the red list only projects whose latest visit is red', async () => {
    const [a, b, c] = world.dkr.projectIds.concat(world.mtl.projectIds);
    const visit = (projectId: string, visitedOn: string, riskRating: string) =>
      staff.post('/api/followup/visits', { projectId, visitedOn, findings: 'Visite de suivi après financement', riskRating, nextVisitOn: null });
    expect((await visit(a, '2026-09-01', 'amber')).status).toBe(201);
    expect((await visit(a, '2026-11-02', 'red')).status).toBe(201);
    expect((await visit(b, '2026-09-10', 'red')).status).toBe(201);
    expect((await visit(b, '2026-11-05', 'green')).status).toBe(201);
    expect((await visit(c, '2026-10-01', 'green')).status).toBe(201);
    const res = await fund.get('/api/followup/at-risk');
    expect(res.status).toBe(200);
    const red = await res.json();
    expect(red.map((r: { projectId: string }) => r.projectId)).toEqual([a]);
    expect(red[0].latestVisit.visitedOn).toBe('2026-11-02');
    const visits = (await (await fund.get(`/api/followup/visits?projectId=${a}`)).json()).items;
    expect(visits.map((v: { riskRating: string }) => v.riskRating)).toEqual(['red', 'amber']);
    expect(visits[0].visitorName).toBe('Marc Tremblay');
  });

  it('refuses a visit in the future, a next visit before it, or an unknown rating, writing nothing', async () => {
    const count = async () => Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from followup_visits`))[0].n);
    const before = await count();
    const base = { projectId: world.mtl.projectIds[0], visitedOn: '2026-10-01', findings: 'RAS', riskRating: 'green' };
    expect((await staff.post('/api/followup/visits', { ...base, visitedOn: '2099-01-01' })).status).toBe(422);
    expect((await staff.post('/api/followup/visits', { ...base, nextVisitOn: '2026-09-01' })).status).toBe(400);
    expect((await staff.post('/api/followup/visits', { ...base, riskRating: 'purple' })).status).toBe(400);
    expect((await fund.post('/api/followup/visits', base)).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('keeps visits from project holders', async () => {
    expect((await holder.get('/api/followup/visits')).status).toBe(403);
    expect((await holder.get('/api/followup/at-risk')).status).toBe(403);
  });
});
