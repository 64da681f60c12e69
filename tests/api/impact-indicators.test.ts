import type { Indicator } from '@essor/shared/impact';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { seedCore } from '../../seeds/core';
import { seedAccounts } from '../../seeds/platform';
import { DEMO_STRUCTURES as S } from '../../seeds/structures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let admin: TestClient;
let ville: TestClient;
let staffMtl: TestClient;
let staffDkr: TestClient;

/** The standard catalogue the migration loads: 13 indicators on the top node. */
const STANDARD_CODES = [
  'coop_members',
  'ghg_avoided',
  'jobs_created_fte',
  'jobs_disability',
  'jobs_maintained_fte',
  'jobs_women',
  'jobs_youth',
  'land_sustainable',
  'people_served',
  'renewable_energy',
  'revenue',
  'rural_reach',
  'waste_diverted',
];

const childcare = {
  structureId: S.montreal,
  code: 'childcare_places',
  nameFr: 'Places en garderie',
  nameEn: 'Childcare places',
  unit: 'count',
  category: 'social',
  aggregation: 'latest',
  sdgTargets: ['4.2', '5.4'],
};
const fish = { structureId: S.dakar, code: 'fish_smoked_tonnes', nameFr: 'Poisson fumé', nameEn: 'Fish smoked', unit: 'tonnes', category: 'economy', aggregation: 'sum', sdgTargets: ['14.b'], irisCode: 'PI1234' };

const list = async (client: TestClient, query = ''): Promise<Indicator[]> => {
  const res = await client.get(`/api/impact/indicators${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Indicator[];
};

let childcareId: string;
let fishId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCore(ctx.database.db);
  admin = await ctx.as('admin');
  ville = await ctx.client().signIn('ville.mtl@essor.demo');
  staffMtl = await ctx.client().signIn('staff.mtl@essor.demo');
  staffDkr = await ctx.client().signIn('staff.dkr@essor.demo');
  const a = await ville.post('/api/impact/indicators', childcare);
  expect(a.status, await a.clone().text()).toBe(201);
  childcareId = ((await a.json()) as Indicator).id;
  const b = await staffDkr.post('/api/impact/indicators', fish);
  expect(b.status, await b.clone().text()).toBe(201);
  fishId = ((await b.json()) as Indicator).id;
}, 120_000);
afterAll(() => ctx.close());

describe('indicator catalogue', () => {
  it('gives the network the standard catalogue first, then every structure’s own, in both languages with SDG targets and IRIS+ codes', async () => {
    const all = await list(admin);
    expect(all.filter((i) => i.standard).map((i) => i.code).sort()).toEqual(STANDARD_CODES);
    expect(all.filter((i) => !i.standard).map((i) => i.code).sort()).toEqual(['childcare_places', 'fish_smoked_tonnes']);
    expect(all.findIndex((i) => !i.standard)).toBe(STANDARD_CODES.length);
    const jobs = all.find((i) => i.code === 'jobs_created_fte')!;
    expect(jobs).toMatchObject({ nameFr: 'Emplois créés (ETP)', nameEn: 'Jobs created (FTE)', unit: 'fte', aggregation: 'latest', sdgTargets: ['8.5', '8.3'], irisCode: 'PI3687', editable: false, hasFigures: false });
    // The network's admin reaches Montréal: the city's own indicator is theirs to edit too.
    expect(all.find((i) => i.code === 'childcare_places')).toMatchObject({ structureId: S.montreal, sdgTargets: ['4.2', '5.4'], irisCode: null, editable: true });
  });

  it("shows a structure its ancestors' indicators and never a sibling's", async () => {
    const mtl = (await list(staffMtl)).map((i) => i.code);
    expect(mtl).toContain('childcare_places');
    expect(mtl).not.toContain('fish_smoked_tonnes');
    const dkr = await list(staffDkr);
    expect(dkr.map((i) => i.code)).toContain('fish_smoked_tonnes');
    expect(dkr.map((i) => i.id)).not.toContain(childcareId);
    expect(dkr.find((i) => i.id === fishId)?.editable).toBe(true);
    // Staff of the incubator read the city's indicator but do not edit it.
    expect((await list(staffMtl)).find((i) => i.id === childcareId)?.editable).toBe(false);
  });

  it('filters by category and by active', async () => {
    const jobs = await list(admin, '?category=jobs');
    expect(jobs.map((i) => i.code).sort()).toEqual(['jobs_created_fte', 'jobs_maintained_fte']);
    const env = await list(admin, '?category=environment&active=true');
    expect(env.map((i) => i.code).sort()).toEqual(['ghg_avoided', 'land_sustainable', 'renewable_energy', 'waste_diverted']);
    expect(await list(admin, '?active=false')).toEqual([]);
    expect((await admin.get('/api/impact/indicators?category=weather')).status).toBe(400);
  });

  it('exports the catalogue as CSV with the same filters', async () => {
    const res = await staffDkr.get('/api/impact/indicators.csv?category=economy');
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('code,name_fr,name_en,unit,category,aggregation,sdg_targets,iris_code,structure,standard,active,definition_fr,definition_en');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['fish_smoked_tonnes', 'revenue']);
    expect(lines.find((l) => l.startsWith('fish_smoked_tonnes'))).toContain(',14.b,PI1234,');
  });

  it('lets elected officials, coaches and holders read it, and refuses investors', async () => {
    for (const role of ['elected_official', 'coach', 'project_holder', 'fund_manager'] as const) {
      expect((await (await ctx.as(role)).get('/api/impact/indicators')).status, role).toBe(200);
    }
    // A holder sees the standard catalogue and the indicators their project's structures report on.
    const holder = await list(await ctx.as('project_holder'));
    expect(holder.filter((i) => !i.standard).map((i) => i.code)).toEqual(['childcare_places']);
    // One without a project: the standard catalogue only.
    await seedAccounts(ctx.database.db, [{ email: 'new.holder@test.essor', name: 'Nouveau porteur', roles: ['project_holder'], locale: 'fr' }]);
    const newcomer = await list(await ctx.client().signIn('new.holder@test.essor'));
    expect(newcomer.map((i) => i.code).sort()).toEqual(STANDARD_CODES);
    expect((await (await ctx.as('investor')).get('/api/impact/indicators')).status).toBe(403);
    expect((await ctx.client().get('/api/impact/indicators')).status).toBe(401);
  });
});

describe("a structure's own indicators", () => {
  it('refuses a code already used in the structure with 409, and takes it in another structure', async () => {
    const dup = await ville.post('/api/impact/indicators', { ...childcare, nameFr: 'Autre nom' });
    expect(dup.status).toBe(409);
    const body = await dup.json();
    expect(body.error.message).toBe('Cette structure a déjà un indicateur avec ce code');
    expect(body.error.fields.code).toEqual(['Déjà utilisé dans cette structure']);
    const elsewhere = await staffDkr.post('/api/impact/indicators', { ...childcare, structureId: S.dakar });
    expect(elsewhere.status).toBe(201);
    const [{ n }] = rowsOf<{ n: number }>(await ctx.database.db.execute(sql`select count(*)::int as n from impact_indicators where code = 'childcare_places'`));
    expect(n).toBe(2);
  });

  it('refuses bad input with 400 and the field at fault, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...childcare, code: 'Places-Garderie' }, 'code'],
      [{ ...childcare, code: 'x' }, 'code'],
      [{ ...childcare, code: 'places_ok', unit: 'litres' }, 'unit'],
      [{ ...childcare, code: 'places_ok', category: 'weather' }, 'category'],
      [{ ...childcare, code: 'places_ok', aggregation: 'average' }, 'aggregation'],
      [{ ...childcare, code: 'places_ok', sdgTargets: ['8,5'] }, 'sdgTargets.0'],
      [{ ...childcare, code: 'places_ok', sdgTargets: ['18.1'] }, 'sdgTargets.0'],
      [{ ...childcare, code: 'places_ok', irisCode: 'iris' }, 'irisCode'],
      [{ ...childcare, code: 'places_ok', nameEn: '' }, 'nameEn'],
    ];
    for (const [input, field] of cases) {
      const res = await ville.post('/api/impact/indicators', input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(Object.keys((await res.json()).error.fields), field).toContain(field);
    }
    expect((await ville.post('/api/impact/indicators', {})).status).toBe(400);
    const [{ n }] = rowsOf<{ n: number }>(await ctx.database.db.execute(sql`select count(*)::int as n from impact_indicators where code = 'places_ok'`));
    expect(n).toBe(0);
  });

  it('keeps creation to admins and staff of the structure named', async () => {
    expect((await (await ctx.as('coach')).post('/api/impact/indicators', { ...childcare, code: 'by_coach' })).status).toBe(403);
    expect((await (await ctx.as('elected_official')).post('/api/impact/indicators', { ...childcare, code: 'by_elected' })).status).toBe(403);
    // Dakar's staff cannot add an indicator to Montréal.
    expect((await staffDkr.post('/api/impact/indicators', { ...childcare, code: 'dakar_in_mtl' })).status).toBe(404);
    // Montréal's incubator staff cannot add one to the city above them.
    expect((await staffMtl.post('/api/impact/indicators', { ...childcare, code: 'incubator_in_city' })).status).toBe(404);
    const own = await staffMtl.post('/api/impact/indicators', { ...childcare, structureId: S.montrealIncubator, code: 'volunteer_hours', unit: 'count', aggregation: 'sum' });
    expect(own.status).toBe(201);
  });

  it('changes names, definitions, SDG targets, IRIS+ code and active, audited', async () => {
    const res = await ville.patch(`/api/impact/indicators/${childcareId}`, { nameEn: 'Daycare places open', definitionFr: 'Places ouvertes.', sdgTargets: ['4.2'], irisCode: 'PI9999', active: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ nameEn: 'Daycare places open', definitionFr: 'Places ouvertes.', sdgTargets: ['4.2'], irisCode: 'PI9999', active: false, code: 'childcare_places' });
    expect((await list(admin, '?active=false')).map((i) => i.id)).toEqual([childcareId]);
    const audit = rowsOf<{ action: string }>(await ctx.database.db.execute(sql`select action from audit_log where entity = 'impact_indicator' and entity_id = ${childcareId} order by id`));
    expect(audit.map((a) => a.action)).toEqual(['impact_indicator.create', 'impact_indicator.update']);
    expect((await ville.patch(`/api/impact/indicators/${childcareId}`, { active: true })).status).toBe(200);
  });

  it('refuses a standard indicator with a clear 409, and a sibling with 404', async () => {
    const jobs = (await list(admin)).find((i) => i.code === 'jobs_created_fte')!;
    const res = await admin.patch(`/api/impact/indicators/${jobs.id}`, { nameFr: 'Autre' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/catalogue standard ne peut pas être modifié/);
    // Below the top node, the standard catalogue's row is out of reach.
    expect((await ville.patch(`/api/impact/indicators/${jobs.id}`, { nameFr: 'Autre' })).status).toBe(404);
    expect((await staffDkr.patch(`/api/impact/indicators/${childcareId}`, { nameFr: 'Autre' })).status).toBe(404);
    expect((await staffMtl.patch(`/api/impact/indicators/${childcareId}`, { nameFr: 'Autre' })).status).toBe(404);
    expect((await ville.patch(`/api/impact/indicators/${childcareId}`, {})).status).toBe(400);
    expect((await ville.patch(`/api/impact/indicators/${childcareId}`, { sdgTargets: ['5.z1'] })).status).toBe(400);
  });

  it('changes the unit only while no figure was entered', async () => {
    expect((await staffDkr.patch(`/api/impact/indicators/${fishId}`, { unit: 'count' })).status).toBe(200);
    expect((await staffDkr.patch(`/api/impact/indicators/${fishId}`, { unit: 'tonnes' })).status).toBe(200);
    const [project] = rowsOf<{ id: string }>(await ctx.database.db.execute(sql`select id::text as id from projects where title = 'Fours de fumage améliorés'`));
    const entered = await staffDkr.post(`/api/impact/projects/${project.id}/figures`, { indicatorId: fishId, kind: 'actual', periodStart: '2025-01-01', periodEnd: '2025-06-30', value: '12.5', unit: 'tonnes' });
    expect(entered.status, await entered.clone().text()).toBe(201);
    const res = await staffDkr.patch(`/api/impact/indicators/${fishId}`, { unit: 'count' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.fields.unit).toEqual(['Figée dès que des valeurs existent']);
    // Other changes still go through, and the same unit is no change.
    expect((await staffDkr.patch(`/api/impact/indicators/${fishId}`, { unit: 'tonnes', nameEn: 'Smoked fish' })).status).toBe(200);
    expect((await list(staffDkr)).find((i) => i.id === fishId)?.hasFigures).toBe(true);
  });
});
