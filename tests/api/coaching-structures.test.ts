import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/client';
import { cohorts, programmes } from '../../api/src/db/schema/programmes';
import { cohortMembers, organisations, projects } from '../../api/src/db/schema/projects';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { makeStructure, memberOf, ROOT_STRUCTURE_ID } from '../support/structures';

let ctx: TestContext;
let structureA: string;
let structureB: string;
let staffA: TestClient;
let coachA: TestClient;
let staffB: TestClient;
let coachB: TestClient;
let fundB: TestClient;
let rootStaff: TestClient;
let rootFund: TestClient;

let cohortA: string;
let cohortB: string;
let projectA: string;
let projectB: string;
/** A project of B that was put into A's cohort behind the API's back. */
let intruder: string;

let expertA: string;
let ownCoachA: string;
let coachOfB: string;
let planA: string;
let sessionA: string;
let itemA: string;
let milestoneA: string;

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const RANGE = 'from=2026-09-01T00:00:00Z&to=2026-11-30T00:00:00Z';
const REPORT = 'from=2026-09-01&to=2026-11-30';

async function cohortIn(db: Db, structureId: string, code: string): Promise<{ cohortId: string; projectId: string }> {
  const [programme] = await db.insert(programmes).values({ structureId, code, name: `Programme ${code}`, territory: 'Montréal', currency: 'CAD', status: 'open' }).returning();
  const [cohort] = await db
    .insert(cohorts)
    .values({ structureId, programmeId: programme.id, name: `Cohorte ${code}`, startsOn: '2026-09-01', endsOn: '2027-06-30', capacity: 10 })
    .returning();
  const projectId = await projectIn(db, structureId, `Projet ${code}`, programme.id);
  await db.insert(cohortMembers).values({ cohortId: cohort.id, programmeId: programme.id, projectId });
  return { cohortId: cohort.id, projectId };
}

async function projectIn(db: Db, structureId: string, title: string, programmeId: string | null = null): Promise<string> {
  const [org] = await db.insert(organisations).values({ name: `Coopérative ${title}`, legalForm: 'cooperative', sector: 'alimentation', district: 'Centre', territory: 'Montréal' }).returning();
  const [project] = await db.insert(projects).values({ structureId, organisationId: org.id, programmeId, title, district: 'Centre', currency: 'CAD', stage: 'incubated' }).returning();
  return project.id;
}

async function count(table: string): Promise<number> {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);
}

function session(overrides: Record<string, unknown>) {
  return {
    cohortId: cohortA,
    format: 'individual',
    projectId: projectA,
    supportType: 'legal',
    title: 'Statuts de la coopérative',
    startsAt: '2026-10-06T13:00:00.000Z',
    durationMinutes: 60,
    mode: 'remote',
    coachId: expertA,
    ...overrides,
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  structureA = await makeStructure(db, 'Incubateur A');
  structureB = await makeStructure(db, 'Incubateur B');
  [staffA, coachA, staffB, coachB, fundB, rootStaff, rootFund] = await Promise.all([
    memberOf(ctx, structureA, ['staff']),
    memberOf(ctx, structureA, ['coach']),
    memberOf(ctx, structureB, ['staff']),
    memberOf(ctx, structureB, ['coach']),
    memberOf(ctx, structureB, ['fund_manager']),
    ctx.as('staff'),
    ctx.as('fund_manager'),
  ]);
  ({ cohortId: cohortA, projectId: projectA } = await cohortIn(db, structureA, 'A-INCUB'));
  ({ cohortId: cohortB, projectId: projectB } = await cohortIn(db, structureB, 'B-INCUB'));
  intruder = await projectIn(db, structureB, 'Projet B glissé dans A');
  const [cohortRowA] = await db.select().from(cohorts).where(eq(cohorts.id, cohortA));
  await db.insert(cohortMembers).values({ cohortId: cohortA, programmeId: cohortRowA.programmeId, projectId: intruder });

  const expert = await staffA.post('/api/coaching/coaches', {
    kind: 'external',
    name: 'Me Alice Avocate',
    profession: 'lawyer',
    specialties: ['legal'],
    languages: ['fr'],
    hourlyRateMinor: 12_000,
    currency: 'CAD',
  });
  expect(expert.status).toBe(201);
  expect(await expert.clone().json()).toMatchObject({ structureId: structureA, structureName: 'Incubateur A' });
  expertA = (await expert.json()).id;
  const own = await staffA.post('/api/coaching/coaches', { kind: 'staff', userId: coachA.me!.user.id, name: 'Coach A', profession: 'mentor', specialties: ['mentoring'], languages: ['fr'] });
  expect(own.status).toBe(201);
  ownCoachA = (await own.json()).id;
  const ofB = await staffB.post('/api/coaching/coaches', { kind: 'staff', userId: coachB.me!.user.id, name: 'Coach B', profession: 'mentor', specialties: ['mentoring'], languages: ['fr'] });
  expect(ofB.status).toBe(201);
  coachOfB = (await ofB.json()).id;

  const plan = await staffA.put('/api/coaching/plans', { cohortId: cohortA, projectId: projectA, budgets: [{ supportType: 'legal', budgetMinutes: 600 }] });
  expect(plan.status).toBe(200);
  planA = (await plan.json()).id;
  const booked = await staffA.post(
    '/api/coaching/sessions',
    session({ status: 'held', notes: 'Note confidentielle de A', actionItems: [{ description: 'Déposer les statuts', owner: 'Présidente' }] }),
  );
  expect(booked.status).toBe(201);
  const sessionBody = await booked.json();
  expect(sessionBody.structureId).toBe(structureA);
  sessionA = sessionBody.id;
  itemA = sessionBody.actionItems[0].id;
  const group = await coachA.post('/api/coaching/sessions', session({ format: 'group', projectId: null, coachId: ownCoachA, supportType: 'mentoring', title: 'Atelier de A', startsAt: '2026-10-08T13:00:00.000Z' }));
  expect(group.status).toBe(201);

  const milestone = await staffA.post('/api/followup/milestones', { projectId: projectA, kind: 'first_sale', title: 'Première vente de A', dueOn: '2026-01-15' });
  expect(milestone.status).toBe(201);
  expect((await milestone.clone().json()).structureId).toBe(structureA);
  milestoneA = (await milestone.json()).id;
  const visit = await staffA.post('/api/followup/visits', { projectId: projectA, visitedOn: '2026-10-01', findings: 'Presse en panne', riskRating: 'red' });
  expect(visit.status).toBe(201);
});
afterAll(() => ctx.close());

describe("another structure's people", () => {
  it("get 404 on A's coaches, plans, sessions, action items and milestones, reading or writing", async () => {
    for (const client of [staffB, coachB]) {
      expect((await client.get(`/api/coaching/coaches/${expertA}`)).status).toBe(404);
      expect((await client.get(`/api/coaching/plans/${planA}`)).status).toBe(404);
      expect((await client.get(`/api/coaching/sessions/${sessionA}`)).status).toBe(404);
      expect((await client.patch(`/api/coaching/sessions/${sessionA}`, { decisions: 'Réécrit par B' })).status).toBe(404);
      expect((await client.patch(`/api/coaching/action-items/${itemA}`, { status: 'done' })).status).toBe(404);
      expect((await client.post(`/api/coaching/coaches/${ownCoachA}/calendar-token`)).status).toBe(404);
      expect((await client.patch(`/api/followup/milestones/${milestoneA}`, { title: 'Réécrit par B' })).status).toBe(404);
    }
    expect((await staffB.patch(`/api/coaching/coaches/${expertA}`, { active: false })).status).toBe(404);
    expect((await staffB.post(`/api/coaching/sessions/${sessionA}/cancel`, { reason: 'Annulé par B' })).status).toBe(404);
    expect((await staffB.put(`/api/coaching/sessions/${sessionA}/attendance`, { attendees: [{ projectId: projectA, attendance: 'absent' }] })).status).toBe(404);
  });

  it("see none of A's rows in lists, the roster, reports and their CSV", async () => {
    expect(ids(await (await staffB.get('/api/coaching/coaches')).json())).toEqual([coachOfB]);
    expect(await (await staffB.get('/api/coaching/plans')).json()).toEqual({ items: [], nextCursor: null });
    expect(await (await staffB.get(`/api/coaching/sessions?${RANGE}`)).json()).toEqual([]);
    expect(await (await coachB.get(`/api/coaching/sessions?${RANGE}`)).json()).toEqual([]);
    expect(ids(await (await staffB.get('/api/coaching/roster')).json())).toEqual([cohortB]);
    for (const groupBy of ['coach', 'cohort', 'support_type']) {
      const report = await (await staffB.get(`/api/coaching/reports/hours?${REPORT}&groupBy=${groupBy}`)).json();
      expect(report.rows).toEqual([]);
      expect(report.totalMinutes).toBe(0);
    }
    expect(await (await staffB.get(`/api/coaching/reports/hours.csv?${REPORT}&groupBy=coach`)).text()).not.toContain('Alice');
    expect((await (await staffB.get(`/api/coaching/reports/expert-payments?${REPORT}`)).json()).rows).toEqual([]);
    const payments = await (await staffB.get(`/api/coaching/reports/expert-payments.csv?${REPORT}`)).text();
    expect(payments).not.toContain('Alice');
    expect((await (await staffB.get('/api/followup/milestones')).json()).items).toEqual([]);
    expect((await (await fundB.get('/api/followup/visits')).json()).items).toEqual([]);
    expect(await (await fundB.get('/api/followup/at-risk')).json()).toEqual([]);
  });

  it('cannot create a row in A or pointing at A, and nothing is written', async () => {
    const before = { coaches: await count('coaches'), sessions: await count('coaching_sessions'), plans: await count('coaching_plans'), milestones: await count('milestones'), visits: await count('followup_visits') };
    const coach = { kind: 'staff', name: 'Intrus', profession: 'mentor', specialties: ['mentoring'], languages: ['fr'] };
    expect((await staffB.post('/api/coaching/coaches', { ...coach, structureId: structureA })).status).toBe(404);
    expect((await staffB.post('/api/coaching/coaches', { ...coach, userId: staffA.me!.user.id })).status).toBe(422);
    expect((await staffB.post('/api/coaching/sessions', session({ startsAt: '2026-11-02T09:00:00.000Z' }))).status).toBe(404);
    expect((await staffB.post('/api/coaching/sessions', session({ cohortId: cohortB, projectId: projectB, coachId: expertA, startsAt: '2026-11-02T09:00:00.000Z' }))).status).toBe(404);
    expect((await staffB.put('/api/coaching/plans', { cohortId: cohortA, projectId: projectA, budgets: [{ supportType: 'legal', budgetMinutes: 60 }] })).status).toBe(404);
    expect((await staffB.post('/api/followup/milestones', { projectId: projectA, kind: 'first_sale', title: 'Vente de B' })).status).toBe(404);
    expect((await staffB.post('/api/followup/visits', { projectId: projectA, visitedOn: '2026-10-02', findings: 'Visite de B', riskRating: 'green' })).status).toBe(404);
    expect((await staffA.post(`/api/coaching/sessions/${sessionA}/action-items`, { projectId: projectB, description: 'Pour le projet de B', owner: 'B' })).status).toBe(404);
    expect(before).toEqual({ coaches: await count('coaches'), sessions: await count('coaching_sessions'), plans: await count('coaching_plans'), milestones: await count('milestones'), visits: await count('followup_visits') });
  });
});

describe('rules across structures', () => {
  it("refuses a coach from a sibling structure, even to someone who reaches both, and takes one from above", async () => {
    const before = await count('coaching_sessions');
    const sibling = await rootStaff.post('/api/coaching/sessions', session({ cohortId: cohortB, projectId: projectB, coachId: expertA, startsAt: '2026-11-03T09:00:00.000Z' }));
    expect(sibling.status).toBe(422);
    expect(await count('coaching_sessions')).toBe(before);
    const rootCoach = await rootStaff.post('/api/coaching/coaches', { kind: 'staff', name: 'Coach du réseau', profession: 'advisor', specialties: ['legal'], languages: ['fr'], structureId: ROOT_STRUCTURE_ID });
    expect(rootCoach.status).toBe(201);
    const fromAbove = await rootStaff.post('/api/coaching/sessions', session({ coachId: (await rootCoach.json()).id, startsAt: '2026-11-03T09:00:00.000Z' }));
    expect(fromAbove.status).toBe(201);
    expect((await fromAbove.json()).structureId).toBe(structureA);
  });

  it("refuses a project of another structure slipped into the cohort, for plans and sessions, writing nothing", async () => {
    const before = { sessions: await count('coaching_sessions'), plans: await count('coaching_plans') };
    expect((await rootStaff.put('/api/coaching/plans', { cohortId: cohortA, projectId: intruder, budgets: [{ supportType: 'legal', budgetMinutes: 60 }] })).status).toBe(422);
    expect((await rootStaff.post('/api/coaching/sessions', session({ projectId: intruder, startsAt: '2026-11-04T09:00:00.000Z' }))).status).toBe(422);
    expect(before).toEqual({ sessions: await count('coaching_sessions'), plans: await count('coaching_plans') });
  });
});

describe('a person with the same role on the top node', () => {
  it("sees A's rows one by one and in every list and report", async () => {
    expect((await rootStaff.get(`/api/coaching/coaches/${expertA}`)).status).toBe(200);
    expect((await rootStaff.get(`/api/coaching/plans/${planA}`)).status).toBe(200);
    const one = await (await rootStaff.get(`/api/coaching/sessions/${sessionA}`)).json();
    expect(one.notes).toBe('Note confidentielle de A');
    expect(ids(await (await rootStaff.get('/api/coaching/coaches')).json())).toEqual(expect.arrayContaining([expertA, ownCoachA, coachOfB]));
    expect(ids((await (await rootStaff.get('/api/coaching/plans')).json()).items)).toContain(planA);
    expect(ids(await (await rootStaff.get(`/api/coaching/sessions?${RANGE}`)).json())).toContain(sessionA);
    expect(ids(await (await rootStaff.get('/api/coaching/roster')).json())).toEqual(expect.arrayContaining([cohortA, cohortB]));
    const report = await (await rootStaff.get(`/api/coaching/reports/hours?${REPORT}&groupBy=coach`)).json();
    expect(report.rows.map((r: { key: string }) => r.key)).toContain(expertA);
    expect(await (await rootStaff.get(`/api/coaching/reports/expert-payments.csv?${REPORT}`)).text()).toContain('Alice');
    expect(ids((await (await rootStaff.get('/api/followup/milestones')).json()).items)).toContain(milestoneA);
    expect((await (await rootFund.get('/api/followup/at-risk')).json()).map((r: { projectId: string }) => r.projectId)).toEqual([projectA]);
  });
});

describe("A's own coach", () => {
  it('sees A’s sessions, the notes of their own only, and a calendar feed of their own sessions', async () => {
    const calendar = await (await coachA.get(`/api/coaching/sessions?${RANGE}`)).json();
    const notes = Object.fromEntries(calendar.map((s: { id: string; notes: string | null }) => [s.id, s.notes]));
    expect(notes[sessionA]).toBeNull();
    expect(calendar.find((s: { title: string }) => s.title === 'Atelier de A').notes).toBe('');
    const feed = await coachA.post(`/api/coaching/coaches/${ownCoachA}/calendar-token`);
    expect(feed.status).toBe(200);
    const ics = await (await ctx.client().get((await feed.json()).url)).text();
    expect(ics).toContain('Atelier de A');
    expect(ics).not.toContain('Statuts de la coopérative');
  });
});
