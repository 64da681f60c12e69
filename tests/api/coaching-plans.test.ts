import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/src/lib/audit';
import { rowsOf } from '../../api/src/lib/rows';
import { systemUser } from '../../api/src/lib/scope';
import { savePlan } from '../../api/src/modules/coaching/plans-service';
import { createSession } from '../../api/src/modules/coaching/session-booking';
import { seedPlatform } from '../../seeds/platform';
import { buildCoachingWorld, type CoachingWorld } from '../support/coaching-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { createTestDatabase } from '../support/test-db';

let ctx: TestContext;
let world: CoachingWorld;
let staff: TestClient;
let coach: TestClient;
let planId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildCoachingWorld(ctx.database.db);
  staff = await ctx.as('staff');
  coach = await ctx.as('coach');
});
afterAll(() => ctx.close());

const project = () => world.dkr.projectIds[0];

function session(overrides: Record<string, unknown>) {
  return {
    cohortId: world.dkr.cohortId,
    format: 'individual',
    projectId: project(),
    supportType: 'legal',
    title: 'Statuts du GIE',
    durationMinutes: 120,
    mode: 'on_site',
    place: 'Maison de la femme, Thiaroye',
    coachId: world.lawyerId,
    ...overrides,
  };
}

describe('coaching plans', () => {
  it('saves a plan with an hours budget per type of support', async () => {
    const res = await staff.put('/api/coaching/plans', {
      cohortId: world.dkr.cohortId,
      projectId: project(),
      objectives: 'Passer du groupement informel au GIE enregistré',
      budgets: [
        { supportType: 'legal', budgetMinutes: 6 * 60 },
        { supportType: 'managerial_accounting', budgetMinutes: 10 * 60 },
      ],
    });
    expect(res.status).toBe(200);
    const plan = await res.json();
    planId = plan.id;
    expect(plan.budgetMinutes).toBe(16 * 60);
    expect(plan.consumedMinutes).toBe(0);
  });

  it('refuses a plan for a project outside the cohort, and repeated support types', async () => {
    expect((await staff.put('/api/coaching/plans', { cohortId: world.dkr.cohortId, projectId: world.mtl.projectIds[0], budgets: [{ supportType: 'legal', budgetMinutes: 60 }] })).status).toBe(422);
    const repeated = await staff.put('/api/coaching/plans', {
      cohortId: world.dkr.cohortId,
      projectId: project(),
      budgets: [
        { supportType: 'legal', budgetMinutes: 60 },
        { supportType: 'legal', budgetMinutes: 120 },
      ],
    });
    expect(repeated.status).toBe(400);
    expect((await staff.put('/api/coaching/plans', { cohortId: world.dkr.cohortId, projectId: project(), budgets: [{ supportType: 'legal', budgetMinutes: -60 }] })).status).toBe(400);
  });

  it('counts held sessions the project attended as consumed, scheduled ones apart, cancelled ones not at all', async () => {
    expect((await staff.post('/api/coaching/sessions', session({ startsAt: '2026-11-03T09:00:00.000Z', status: 'held' }))).status).toBe(201);
    const workshop = await (
      await staff.post('/api/coaching/sessions', {
        ...session({ format: 'group', projectId: null, supportType: 'managerial_accounting', title: 'Atelier comptabilité simplifiée', coachId: world.demoCoachId }),
        startsAt: '2026-11-05T09:00:00.000Z',
        durationMinutes: 180,
        status: 'held',
      })
    ).json();
    // The second project of the cohort missed the workshop: it consumes nothing from it.
    await staff.put(`/api/coaching/sessions/${workshop.id}/attendance`, { attendees: [{ projectId: world.dkr.projectIds[1], attendance: 'absent' }] });
    expect((await staff.post('/api/coaching/sessions', session({ startsAt: '2027-01-12T09:00:00.000Z', durationMinutes: 60 }))).status).toBe(201);
    const toCancel = await (await staff.post('/api/coaching/sessions', session({ startsAt: '2027-01-19T09:00:00.000Z', durationMinutes: 60 }))).json();
    await staff.post(`/api/coaching/sessions/${toCancel.id}/cancel`, { reason: 'Reporté après la Tabaski' });

    const plan = await (await staff.get(`/api/coaching/plans/${planId}`)).json();
    const legal = plan.lines.find((l: { supportType: string }) => l.supportType === 'legal');
    const accounting = plan.lines.find((l: { supportType: string }) => l.supportType === 'managerial_accounting');
    expect(legal).toEqual({ supportType: 'legal', budgetMinutes: 360, consumedMinutes: 120, scheduledMinutes: 60 });
    expect(accounting).toEqual({ supportType: 'managerial_accounting', budgetMinutes: 600, consumedMinutes: 180, scheduledMinutes: 0 });
    expect(plan.consumedMinutes).toBe(300);

    const list = (await (await coach.get(`/api/coaching/plans?cohortId=${world.dkr.cohortId}`)).json()).items;
    expect(list.map((p: { id: string }) => p.id)).toEqual([planId]);
  });

  it('marks expected attendees present when a session is recorded as held', async () => {
    const booked = await (await staff.post('/api/coaching/sessions', session({ startsAt: '2026-11-10T09:00:00.000Z', durationMinutes: 30 }))).json();
    expect(booked.attendees[0].attendance).toBe('expected');
    const held = await (await staff.patch(`/api/coaching/sessions/${booked.id}`, { status: 'held' })).json();
    expect(held.attendees[0].attendance).toBe('present');
    const plan = await (await staff.get(`/api/coaching/plans/${planId}`)).json();
    expect(plan.lines.find((l: { supportType: string }) => l.supportType === 'legal').consumedMinutes).toBe(150);
  });

  it('refuses an individual session beyond what is left of the budget, writing nothing', async () => {
    // 360 budgeted, 150 held, 60 scheduled: 150 minutes left.
    const count = async () => Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from coaching_sessions`))[0].n);
    const before = await count();
    const over = await staff.post('/api/coaching/sessions', session({ startsAt: '2027-02-02T09:00:00.000Z', durationMinutes: 165 }));
    expect(over.status).toBe(422);
    expect((await over.json()).error.fields.durationMinutes).toBeDefined();
    expect(await count()).toBe(before);
    expect((await staff.post('/api/coaching/sessions', session({ startsAt: '2027-02-02T09:00:00.000Z', durationMinutes: 150 }))).status).toBe(201);
    expect((await staff.post('/api/coaching/sessions', session({ startsAt: '2027-02-09T09:00:00.000Z', durationMinutes: 15 }))).status).toBe(422);
    expect((await staff.post('/api/coaching/sessions', session({ startsAt: '2027-02-09T09:00:00.000Z', durationMinutes: 60, supportType: 'marketing', coachId: world.staffCoachId }))).status).toBe(422);
  });

  it('refuses to stretch a session past the budget', async () => {
    const sessions = await (await staff.get(`/api/coaching/sessions?from=2027-02-02T00:00:00Z&to=2027-02-03T00:00:00Z&projectId=${project()}`)).json();
    expect((await staff.patch(`/api/coaching/sessions/${sessions[0].id}`, { durationMinutes: 180 })).status).toBe(422);
  });

  it.runIf(!!process.env.DATABASE_URL)('lets only one of several coaches take the last hour of a budget at the same time on PostgreSQL', async () => {
    const database = await createTestDatabase({ poolSize: 20 });
    try {
      await seedPlatform(database.db);
      const w = await buildCoachingWorld(database.db);
      const projectId = w.dkr.projectIds[0];
      await savePlan(database.db, SYSTEM_ACTOR, { cohortId: w.dkr.cohortId, projectId, objectives: '', budgets: [{ supportType: 'mentoring', budgetMinutes: 60 }] });
      const manager = await systemUser(database.db, { id: '00000000-0000-4000-8000-000000000001', email: 'staff@essor.demo', name: 'Staff' });
      const book = (coachId: string, hour: number) =>
        createSession(database.db, SYSTEM_ACTOR, manager, {
          cohortId: w.dkr.cohortId,
          format: 'individual',
          projectId,
          supportType: 'mentoring',
          title: 'Dernière heure du plan',
          startsAt: new Date(Date.UTC(2027, 3, 6, hour)).toISOString(),
          durationMinutes: 60,
          mode: 'remote',
          place: '',
          coachId,
          status: 'scheduled',
          notes: '',
          decisions: '',
          actionItems: [],
        });
      // Different coaches, different hours: only the plan's budget stands between them.
      const results = await Promise.allSettled([book(w.demoCoachId, 9), book(w.staffCoachId, 11), book(w.lawyerId, 14)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) expect((r.reason as { status?: number }).status).toBe(422);
    } finally {
      await database.dispose();
    }
  });

  it('keeps plans to staff for writing', async () => {
    expect((await coach.put('/api/coaching/plans', { cohortId: world.dkr.cohortId, projectId: project(), budgets: [{ supportType: 'legal', budgetMinutes: 6000 }] })).status).toBe(403);
  });
});

describe('reports', () => {
  it('adds up hours delivered per type, cohort and coach, counting a workshop once', async () => {
    const byType = await (await staff.get('/api/coaching/reports/hours?from=2026-11-01&to=2026-11-30&groupBy=support_type')).json();
    expect(byType.rows).toEqual([
      { key: 'legal', label: 'legal', sessions: 2, minutes: 150 },
      { key: 'managerial_accounting', label: 'managerial_accounting', sessions: 1, minutes: 180 },
    ]);
    expect(byType.totalMinutes).toBe(330);
    const byCoach = await (await staff.get('/api/coaching/reports/hours?from=2026-11-01&to=2026-11-30&groupBy=coach')).json();
    expect(byCoach.rows.map((r: { label: string; minutes: number }) => [r.label, r.minutes])).toEqual([
      ['Fatou Diop', 180],
      ['Me Sophie Lavoie', 150],
    ]);
    const byCohort = await (await staff.get('/api/coaching/reports/hours?from=2026-11-01&to=2026-11-30&groupBy=cohort')).json();
    expect(byCohort.rows).toHaveLength(1);
    expect(byCohort.rows[0].label).toContain('DKR-INCUB');
    const outside = await (await staff.get('/api/coaching/reports/hours?from=2026-12-01&to=2026-12-31')).json();
    expect(outside.totalMinutes).toBe(0);
  });

  it('exports the hours as CSV', async () => {
    const res = await staff.get('/api/coaching/reports/hours.csv?from=2026-11-01&to=2026-11-30&groupBy=coach');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toEqual(['coach,sessions,hours,minutes', 'Fatou Diop,1,3.00,180', 'Me Sophie Lavoie,2,2.50,150']);
  });

  it("pays external experts their hours times their rate, in minor units, and never staff", async () => {
    // 150 minutes at 120.00 CAD an hour: 300.00 CAD.
    const report = await (await staff.get('/api/coaching/reports/expert-payments?from=2026-11-01&to=2026-11-30')).json();
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ coachId: world.lawyerId, minutes: 150, hourlyRateMinor: 12_000, currency: 'CAD', amountMinor: 30_000 });
    expect(report.totals).toEqual([{ currency: 'CAD', amountMinor: 30_000 }]);
    const csv = (await (await staff.get('/api/coaching/reports/expert-payments.csv?from=2026-11-01&to=2026-11-30')).text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[1]).toBe('Me Sophie Lavoie,lawyer,2,2.50,120.00,300.00,30000,CAD');
  });

  it('rounds a payment half up to the minor unit', async () => {
    const expert = await (
      await staff.post('/api/coaching/coaches', {
        kind: 'external',
        name: 'Cabinet Ndiaye Expertise',
        profession: 'accountant',
        specialties: ['managerial_accounting'],
        languages: ['fr', 'wo'],
        hourlyRateMinor: 25_001,
        currency: 'XOF',
      })
    ).json();
    await staff.post('/api/coaching/sessions', session({ projectId: world.dkr.projectIds[1], supportType: 'managerial_accounting', coachId: expert.id, startsAt: '2026-11-12T09:00:00.000Z', durationMinutes: 90, status: 'held' }));
    const report = await (await staff.get('/api/coaching/reports/expert-payments?from=2026-11-12&to=2026-11-12')).json();
    // 90 minutes at 25 001 XOF an hour is 37 501.5 XOF: 37 502 when rounded half up.
    expect(report.rows).toEqual([expect.objectContaining({ coachName: 'Cabinet Ndiaye Expertise', amountMinor: 37_502, currency: 'XOF' })]);
  });

  it('filters the roster by specialty, language, kind and active state, alone and together', async () => {
    const made = await (
      await staff.post('/api/coaching/coaches', { kind: 'external', name: 'Atelier Diallo Conseil', profession: 'accountant', specialties: ['managerial_accounting', 'legal'], languages: ['wo'], hourlyRateMinor: 10_000, currency: 'XOF' })
    ).json();
    const names = async (query: string) => ((await (await staff.get(`/api/coaching/coaches${query}`)).json()) as { name: string; id: string }[]).map((c) => c.name);
    const all = await names('');
    expect(all).toContain('Atelier Diallo Conseil');
    expect(await names('?language=wo&specialty=legal&kind=external')).toContain('Atelier Diallo Conseil');
    expect(await names('?language=wo&specialty=legal&kind=staff')).not.toContain('Atelier Diallo Conseil');
    expect(await names('?language=wo&specialty=marketing')).not.toContain('Atelier Diallo Conseil');
    expect((await names('?language=wo')).every((name) => all.includes(name))).toBe(true);
    expect(await names('?active=true')).toContain('Atelier Diallo Conseil');
    expect(await names('?active=false')).not.toContain('Atelier Diallo Conseil');
    expect((await staff.patch(`/api/coaching/coaches/${made.id}`, { active: false })).status).toBe(200);
    expect(await names('?active=false&language=wo')).toEqual(['Atelier Diallo Conseil']);
    expect(await names('?active=true')).not.toContain('Atelier Diallo Conseil');
  });

  it('refuses an external expert without a rate, and a range that ends before it starts', async () => {
    expect((await staff.post('/api/coaching/coaches', { kind: 'external', name: 'Sans tarif', profession: 'lawyer', specialties: ['legal'], languages: ['fr'] })).status).toBe(400);
    expect((await staff.get('/api/coaching/reports/hours?from=2026-12-01&to=2026-11-01')).status).toBe(400);
  });

  it('keeps reports from coaches', async () => {
    expect((await coach.get('/api/coaching/reports/hours?from=2026-11-01&to=2026-11-30')).status).toBe(403);
  });
});
