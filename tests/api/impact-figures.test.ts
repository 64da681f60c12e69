import type { FigureRow, Indicator, MyProject, ProjectFigures } from '@essor/shared/impact';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { indicatorTotals, projectFigures } from '../../api/src/modules/impact/public';
import { seedCore } from '../../seeds/core';
import { currentDemoFigures, DEMO_FIGURES, FOURS, LUCIOLES, PLASTIQUES, SERRE, seedImpact } from '../../seeds/impact';
import { DEMO_STRUCTURES as S } from '../../seeds/structures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let admin: TestClient;
let staffMtl: TestClient;
let staffDkr: TestClient;
let holder: TestClient;
const project = new Map<string, string>();
const indicator = new Map<string, Indicator>();

const db = () => ctx.database.db;
const figuresOf = async (client: TestClient, title: string): Promise<ProjectFigures> => {
  const res = await client.get(`/api/impact/projects/${project.get(title)}/figures`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ProjectFigures;
};
const enter = (client: TestClient, title: string, body: Record<string, unknown>) => client.post(`/api/impact/projects/${project.get(title)}/figures`, body);
const id = (code: string) => indicator.get(code)!.id;

/** Exact decimals as the database writes them: two places. */
const cents = (value: string) => Math.round(Number(value) * 100);
const asText = (c: number) => (c / 100).toFixed(2);

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCore(db());
  await seedImpact(db());
  for (const row of rowsOf<{ id: string; title: string }>(await db().execute(sql`select id::text as id, title from projects`))) project.set(row.title, row.id);
  admin = await ctx.as('admin');
  staffMtl = await ctx.client().signIn('staff.mtl@essor.demo');
  staffDkr = await ctx.client().signIn('staff.dkr@essor.demo');
  holder = await ctx.client().signIn('holder@essor.demo');
  for (const i of (await (await admin.get('/api/impact/indicators')).json()) as Indicator[]) if (!indicator.has(i.code) || i.standard) indicator.set(i.code, i);
}, 120_000);
afterAll(() => ctx.close());

describe('the demo figures', () => {
  it("gives each demo project's baseline, target and actual by the figures rule, recomputed from the seed's table", async () => {
    const current = currentDemoFigures();
    const titles = [...new Set(DEMO_FIGURES.map((f) => f.project))];
    expect(titles).toHaveLength(7);
    for (const title of titles) {
      const figures = await figuresOf(admin, title);
      for (const code of [...new Set(current.filter((f) => f.project === title).map((f) => f.code))]) {
        const rows = current.filter((f) => f.project === title && f.code === code);
        const aggregation = indicator.get(code)!.aggregation;
        const of = (kind: string) => rows.filter((r) => r.kind === kind).sort((a, b) => a.period[1].localeCompare(b.period[1]));
        const read = (kind: string) => {
          const list = of(kind);
          if (!list.length) return null;
          if (kind === 'baseline') return asText(cents(list[0].value));
          return asText(aggregation === 'sum' ? list.reduce((s, r) => s + cents(r.value), 0) : cents(list.at(-1)!.value));
        };
        const got = figures.indicators.find((i) => i.indicator.code === code);
        expect(got, `${title} ${code}`).toBeDefined();
        expect({ baseline: got!.baseline, target: got!.target, actual: got!.actual }, `${title} ${code}`).toEqual({ baseline: read('baseline'), target: read('target'), actual: read('actual') });
      }
    }
  });

  it('keeps the corrected row in the history, superseded by the correction, with who entered each', async () => {
    const fours = await figuresOf(admin, FOURS);
    const fish = fours.indicators.find((i) => i.indicator.code === 'fish_smoked_tonnes')!;
    const h2 = fish.history.filter((h) => h.kind === 'actual' && h.periodEnd === '2025-12-31');
    expect(h2.map((h) => [h.value, h.supersededAt !== null])).toEqual(
      expect.arrayContaining([
        ['14.00', true],
        ['16.50', false],
      ]),
    );
    const old = h2.find((h) => h.value === '14.00')!;
    expect(old.supersededBy).toBe(h2.find((h) => h.value === '16.50')!.id);
    expect(h2.every((h) => h.enteredByName === 'Moussa Diallo' && h.source === 'staff')).toBe(true);
    // 17.5 + 16.5 + 24.75 tonnes smoked; the target adds 40 and 50.
    expect([fish.actual, fish.target, fish.baseline, fish.percentOfTarget]).toEqual(['58.75', '90.00', '30.00', 65.3]);
    expect(fish.periods.map((p) => [p.periodEnd, p.target, p.actual])).toEqual([
      ['2025-06-30', null, '17.50'],
      ['2025-12-31', '40.00', '16.50'],
      ['2026-06-30', null, '24.75'],
      ['2026-12-31', '50.00', null],
    ]);
    const serre = await figuresOf(admin, SERRE);
    const served = serre.indicators.find((i) => i.indicator.code === 'people_served')!;
    expect(served.history.find((h) => h.periodEnd === '2026-06-30')).toMatchObject({ source: 'holder', enteredByName: expect.any(String), note: 'Paniers livrés à 6 CPE', value: '340.00' });
  });
});

describe('entering figures', () => {
  it('enters an actual, then a correction that supersedes it in one audited step', async () => {
    const first = await enter(staffMtl, LUCIOLES, { indicatorId: id('people_served'), kind: 'actual', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: 85, unit: 'people', note: 'Familles inscrites' });
    expect(first.status, await first.clone().text()).toBe(201);
    const a = (await first.json()) as FigureRow;
    expect(a).toMatchObject({ value: '85.00', source: 'staff', enteredByName: 'Isabelle Gagné', supersededAt: null, note: 'Familles inscrites' });
    const second = await enter(staffMtl, LUCIOLES, { indicatorId: id('people_served'), kind: 'actual', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: '92.5', unit: 'people' });
    expect(second.status).toBe(201);
    const b = (await second.json()) as FigureRow;
    const figures = await figuresOf(staffMtl, LUCIOLES);
    const served = figures.indicators.find((i) => i.indicator.code === 'people_served')!;
    expect(served.actual).toBe('92.50');
    expect(served.history.map((h) => [h.id, h.supersededBy])).toEqual([
      [b.id, null],
      [a.id, b.id],
    ]);
    const audit = rowsOf<{ action: string; entity_id: string }>(await db().execute(sql`select action, entity_id from audit_log where entity = 'indicator_value' and entity_id in (${a.id}, ${b.id}) order by id`));
    expect(audit.map((r) => r.action)).toEqual(['indicator_value.enter', 'indicator_value.correct']);
    // A figure of another period end is a new row, not a correction.
    expect((await enter(staffMtl, LUCIOLES, { indicatorId: id('people_served'), kind: 'actual', periodStart: '2025-07-01', periodEnd: '2025-12-31', value: 40, unit: 'people' })).status).toBe(201);
    expect((await figuresOf(staffMtl, LUCIOLES)).indicators.find((i) => i.indicator.code === 'people_served')!.actual).toBe('132.50');
  });

  it('refuses what does not fit with 4xx on the field at fault, and writes nothing', async () => {
    const [{ n: before }] = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from project_indicator_values`));
    const base = { indicatorId: id('jobs_women'), kind: 'actual', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: 3, unit: 'people' };
    const cases: [Record<string, unknown>, number, string, RegExp?][] = [
      [{ ...base, unit: 'fte' }, 422, 'unit', /se compte en personnes/],
      [{ ...base, indicatorId: '00000000-0000-4000-8000-00000000abcd' }, 422, 'indicatorId'],
      [{ ...base, kind: 'actual', periodStart: '2026-11-01', periodEnd: '2099-12-31' }, 422, 'periodEnd', /Période dans le futur/],
      [{ ...base, periodStart: '2026-07-01', periodEnd: '2026-06-30' }, 422, 'periodEnd'],
      [{ ...base, currency: 'CAD' }, 422, 'currency'],
      [{ ...base, indicatorId: id('revenue'), unit: 'money' }, 422, 'currency'],
      [{ ...base, indicatorId: id('revenue'), unit: 'money', currency: 'MAD' }, 422, 'currency', /Doit être CAD/],
      [{ ...base, indicatorId: id('revenue'), unit: 'money', currency: 'CAD', value: '1200.50' }, 422, 'value'],
      [{ ...base, value: '3.125' }, 400, 'value'],
      [{ ...base, value: -1 }, 400, 'value'],
      [{ ...base, value: 'trois' }, 400, 'value'],
      [{ ...base, kind: 'forecast' }, 400, 'kind'],
      [{ ...base, periodEnd: '2026-02-30' }, 400, 'periodEnd'],
    ];
    for (const [body, status, field, message] of cases) {
      const res = await enter(staffMtl, LUCIOLES, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const { error } = await res.json();
      expect(Object.keys(error.fields ?? {}), JSON.stringify(body)).toContain(field);
      if (message) expect(error.fields[field].join(' ')).toMatch(message);
    }
    // Dakar's own indicator is not one a Montréal project reports on.
    const fish = rowsOf<{ id: string }>(await db().execute(sql`select id::text as id from impact_indicators where code = 'fish_smoked_tonnes'`))[0].id;
    const foreign = await enter(staffMtl, LUCIOLES, { ...base, indicatorId: fish, unit: 'tonnes' });
    expect(foreign.status).toBe(422);
    expect((await foreign.json()).error.fields.indicatorId).toEqual(['Indicateur inconnu pour ce projet']);
    expect((await enter(staffMtl, LUCIOLES, {})).status).toBe(400);
    const [{ n: after }] = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from project_indicator_values`));
    expect(after).toBe(before);
  });

  it('takes a target for a period still to come, and money in the project’s currency', async () => {
    expect((await enter(staffMtl, LUCIOLES, { indicatorId: id('jobs_women'), kind: 'target', periodStart: '2027-01-01', periodEnd: '2027-12-31', value: 9, unit: 'people' })).status).toBe(201);
    const money = await enter(staffMtl, LUCIOLES, { indicatorId: id('revenue'), kind: 'actual', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: '1250000', unit: 'money', currency: 'CAD' });
    expect(money.status).toBe(201);
    expect(await money.json()).toMatchObject({ value: '1250000.00', currency: 'CAD' });
  });

  it("keeps other structures out: Dakar's staff neither read nor enter a Montréal project's figures", async () => {
    expect((await staffDkr.get(`/api/impact/projects/${project.get(SERRE)}/figures`)).status).toBe(404);
    expect((await staffDkr.get(`/api/impact/projects/${project.get(SERRE)}/figures.csv`)).status).toBe(404);
    expect((await enter(staffDkr, SERRE, { indicatorId: id('jobs_women'), kind: 'actual', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: 1, unit: 'people' })).status).toBe(404);
  });

  it('lets an elected official read but not enter', async () => {
    const elu = await ctx.client().signIn('elu.mtl@essor.demo');
    const figures = await figuresOf(elu, SERRE);
    expect(figures.canEnter).toBe(false);
    expect((await enter(elu, SERRE, { indicatorId: id('jobs_women'), kind: 'actual', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: 1, unit: 'people' })).status).toBe(403);
  });
});

describe("the holder's space", () => {
  it('lets the holder enter an actual on their own project, as the holder', async () => {
    const figures = await figuresOf(holder, SERRE);
    expect([figures.canEnter, figures.source]).toEqual([true, 'holder']);
    expect(figures.available.some((i) => i.code === 'childcare_places')).toBe(true);
    expect(figures.available.some((i) => i.code === 'fish_smoked_tonnes')).toBe(false);
    const res = await enter(holder, SERRE, { indicatorId: id('jobs_youth'), kind: 'actual', periodStart: '2026-07-01', periodEnd: '2026-09-30', value: 3, unit: 'people' });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ source: 'holder', value: '3.00' });
  });

  it("refuses the holder another's project", async () => {
    expect((await holder.get(`/api/impact/projects/${project.get(LUCIOLES)}/figures`)).status).toBe(404);
    expect((await enter(holder, LUCIOLES, { indicatorId: id('jobs_women'), kind: 'actual', periodStart: '2026-01-01', periodEnd: '2026-06-30', value: 1, unit: 'people' })).status).toBe(404);
  });

  it('lists their projects with targets and actuals per indicator', async () => {
    const res = await holder.get('/api/impact/my-projects');
    expect(res.status).toBe(200);
    const mine = (await res.json()) as MyProject[];
    expect(mine.map((p) => p.title)).toEqual([SERRE]);
    const jobs = mine[0].figures.find((f) => f.code === 'jobs_created_fte')!;
    // Jobs are a stock: the last half-year holds (3 FTE) against the last target (4).
    expect([jobs.actual, jobs.target, jobs.percentOfTarget]).toEqual(['3.00', '4.00', 75]);
    expect(mine[0].lastEnteredAt).not.toBeNull();
    expect((await staffMtl.get('/api/impact/my-projects')).status).toBe(403);
  });
});

describe('the figures export', () => {
  it('gives every row with who and when, superseded ones included', async () => {
    const res = await admin.get(`/api/impact/projects/${project.get(FOURS)}/figures.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('indicator_code,indicator_name,unit,kind,period_start,period_end,value,currency,source,note,entered_by,entered_at,superseded_at,current');
    const fourRows = DEMO_FIGURES.filter((f) => f.project === FOURS).length;
    expect(lines).toHaveLength(fourRows + 1);
    expect(lines.filter((l) => l.startsWith('fish_smoked_tonnes') && l.includes(',14.00,')).at(0)).toMatch(/,false$/);
  });
});

describe('the figures rule (figures.ts), against a table computed by hand', () => {
  it('adds flows in the window, keeps the last stock up to its end, and takes the earliest baseline', async () => {
    // A fresh project in Dakar with its own rows.
    const [{ org }] = rowsOf<{ org: string }>(await db().execute(sql`insert into organisations (name, legal_form, sector, district, territory) values ('Test GIE', 'association', 'pêche', 'Médina', 'Dakar') returning id::text as org`));
    const [{ pid }] = rowsOf<{ pid: string }>(
      await db().execute(sql`insert into projects (structure_id, organisation_id, title, district, currency, stage) values (${S.dakar}::uuid, ${org}::uuid, 'Projet règle', 'Médina', 'XOF', 'incubated') returning id::text as pid`),
    );
    const post = (body: Record<string, unknown>) => staffDkr.post(`/api/impact/projects/${pid}/figures`, body);
    const served = (kind: string, from: string, to: string, value: string) => post({ indicatorId: id('people_served'), kind, periodStart: from, periodEnd: to, value, unit: 'people' });
    const jobs = (kind: string, from: string, to: string, value: string) => post({ indicatorId: id('jobs_created_fte'), kind, periodStart: from, periodEnd: to, value, unit: 'fte' });
    const entered = [
      await served('baseline', '2023-01-01', '2023-12-31', '50'),
      await served('baseline', '2024-01-01', '2024-12-31', '70'),
      await served('actual', '2025-01-01', '2025-06-30', '10'),
      await served('actual', '2025-07-01', '2025-12-31', '99'),
      await served('actual', '2025-07-01', '2025-12-31', '20.5'), // corrects 99
      await served('actual', '2026-01-01', '2026-06-30', '30'),
      await served('target', '2025-01-01', '2025-12-31', '40'),
      await served('target', '2026-01-01', '2026-12-31', '60'),
      await jobs('actual', '2025-01-01', '2025-06-30', '1'),
      await jobs('actual', '2025-07-01', '2025-12-31', '2.5'),
      await jobs('actual', '2026-01-01', '2026-06-30', '3'),
      await jobs('target', '2025-01-01', '2025-12-31', '2'),
      await jobs('target', '2026-01-01', '2026-12-31', '4'),
    ];
    expect(entered.map((r) => r.status)).toEqual(entered.map(() => 201));
    const table: { from: string | null; to: string | null; served: [string | null, string | null, string | null]; jobs: [string | null, string | null] }[] = [
      // whole life: 10 + 20.5 + 30 served (99 was corrected), targets 40 + 60; jobs: the last (3) against the last target (4)
      { from: null, to: null, served: ['50.00', '60.50', '100.00'], jobs: ['3.00', '4.00'] },
      // 2025 only
      { from: '2025-01-01', to: '2025-12-31', served: ['50.00', '30.50', '40.00'], jobs: ['2.50', '2.00'] },
      // the year from July 2025: two half-years of actuals, and the 2025 target (it ends in the window)
      { from: '2025-07-01', to: '2026-06-30', served: ['50.00', '50.50', '40.00'], jobs: ['3.00', '2.00'] },
      // up to mid-2025: a stock holds what it was then
      { from: null, to: '2025-06-30', served: ['50.00', '10.00', null], jobs: ['1.00', null] },
    ];
    for (const row of table) {
      const figures = await projectFigures(db(), { projects: sql`select ${pid}::uuid`, from: row.from, to: row.to });
      const s = figures.find((f) => f.code === 'people_served');
      const j = figures.find((f) => f.code === 'jobs_created_fte');
      // The baseline is the earliest baseline row (2023's 50), whatever the window.
      expect(s?.baseline, JSON.stringify(row)).toBe(row.served[0]);
      expect([s?.actual ?? null, s?.target ?? null], JSON.stringify(row)).toEqual([row.served[1], row.served[2]]);
      expect([j?.actual ?? null, j?.target ?? null], JSON.stringify(row)).toEqual(row.jobs);
    }
    const totals = await indicatorTotals(db(), { projects: sql`select ${pid}::uuid union all select ${project.get(PLASTIQUES)}::uuid`, codes: ['jobs_youth', 'people_served'] });
    // Plastics collection: jobs_youth 5 (its last half-year) against 6; no people served.
    expect(totals.map((t) => [t.code, t.actual, t.target, t.projects])).toEqual([
      ['jobs_youth', '5.00', '6.00', 1],
      ['people_served', '60.50', '100.00', 1],
    ]);
  });
});
