import type { District, InventoryEntry, InventoryPage, InventorySummary } from '@essor/shared/territory';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { enterInventory } from '../../api/src/modules/territory/public';
import { seedDemo } from '../../seeds/seed';
import { DEMO_STRUCTURES } from '../../seeds/structures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { applicationInput, createOpenProgramme, expectOk, signedInAccount } from '../support/intake';
import { makeStructure, memberOf } from '../support/structures';

const square = (lon: number, lat: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});
const feature = (name: string, geometry: unknown, extra: Record<string, unknown> = {}) => ({ type: 'Feature', properties: { name, ...extra }, geometry });

describe('territory inventory (own data)', () => {
  let ctx: TestContext;
  let admin: TestClient;
  let staffA: TestClient;
  let staffIncubatorA: TestClient;
  let staffB: TestClient;
  let electedA: TestClient;
  let committeeA: TestClient;
  let coachA: TestClient;
  let cityA: string;
  let incubatorA: string;
  let cityB: string;
  const ids: Record<string, string> = {};

  const add = async (client: TestClient, body: Record<string, unknown>) => {
    const res = await client.post('/api/territory/inventory', body);
    expect(res.status, await res.clone().text()).toBe(201);
    const entry = (await res.json()) as InventoryEntry;
    ids[entry.name] = entry.id;
    return entry;
  };
  const list = async (client: TestClient, query = '') => {
    const res = await client.get(`/api/territory/inventory${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as InventoryPage;
  };
  const names = (page: InventoryPage) => page.items.map((i) => i.name);

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.database.db;
    cityA = await makeStructure(db, 'Ville A');
    incubatorA = await makeStructure(db, 'Incubateur de la ville A', cityA);
    cityB = await makeStructure(db, 'Ville B');
    admin = await ctx.as('admin');
    [staffA, staffIncubatorA, staffB, electedA, committeeA, coachA] = await Promise.all([
      memberOf(ctx, cityA, ['staff']),
      memberOf(ctx, incubatorA, ['staff']),
      memberOf(ctx, cityB, ['staff']),
      memberOf(ctx, cityA, ['elected_official']),
      memberOf(ctx, cityA, ['committee_member']),
      memberOf(ctx, cityA, ['coach']),
    ]);
    await expectOk(
      admin.post('/api/territory/districts/import', {
        structureId: cityA,
        territory: 'Ville A',
        geojson: { type: 'FeatureCollection', features: [feature('Nord', square(-73.6, 45.6)), feature('Centre', square(-73.6, 45.59)), feature('Sud-Est', square(-73.59, 45.58), { population: 1200, code: 'SE' })] },
      }),
    );
    await expectOk(admin.post('/api/territory/districts/import', { structureId: cityB, geojson: { type: 'FeatureCollection', features: [feature('Riverside', square(2.3, 48.8))] } }));
    await add(staffA, { structureId: cityA, name: 'Coopérative Étoile', legalForm: 'cooperative', sector: 'alimentation', district: 'Nord', employees: 4, members: 30 });
    await add(staffA, { structureId: cityA, name: 'Association Beta', legalForm: 'association', sector: 'culture', district: 'Nord', employees: 12, members: 50 });
    await add(staffA, { structureId: cityA, name: 'Mutuelle Gamma', legalForm: 'mutual', sector: 'santé', district: 'Centre', employees: 60, members: 900 });
    // Written without its capital: the district's own spelling is kept.
    await add(staffA, { structureId: cityA, name: 'Coopérative Delta', legalForm: 'cooperative', sector: 'alimentation', district: 'sud-est', employees: 300, members: 10, latitude: 45.585, longitude: -73.585 });
    await add(staffA, { structureId: cityA, name: 'Entreprise Epsilon', legalForm: 'social_enterprise', sector: 'alimentation', district: 'Centre' });
    // An incubator works on its city's districts.
    await add(staffIncubatorA, { name: 'Atelier Zeta', legalForm: 'cooperative', sector: 'réemploi', district: 'Centre', employees: 9, members: 7 });
    await add(staffB, { name: 'Riverside Coop', legalForm: 'cooperative', sector: 'alimentation', district: 'Riverside', employees: 5, members: 5 });
  }, 120_000);
  afterAll(() => ctx.close());

  it('lists the districts of the structures reached and of the nodes above them', async () => {
    const ofA = (await (await staffIncubatorA.get('/api/territory/districts')).json()) as District[];
    expect(ofA.map((d) => d.name).sort()).toEqual(['Centre', 'Nord', 'Sud-Est']);
    expect(ofA.find((d) => d.name === 'Sud-Est')).toMatchObject({ code: 'SE', population: 1200, territory: 'Ville A', structureId: cityA });
    expect(ofA[0].geometry.type).toBe('Polygon');
    const ofB = (await (await staffB.get('/api/territory/districts')).json()) as District[];
    expect(ofB.map((d) => d.name)).toEqual(['Riverside']);
    const res = await staffB.get(`/api/territory/districts/${ofA[0].id}`);
    expect(res.status).toBe(404);
    expect((await staffA.get(`/api/territory/districts/${ofA[0].id}`)).status).toBe(200);
    expect((await staffB.get(`/api/territory/districts?structureId=${cityA}`)).status).toBe(404);
  });

  it('answers an empty body with a 4xx, never a 500, on every write', async () => {
    const id = ids['Association Beta'];
    for (const client of [admin, staffA]) {
      for (const [method, path] of [
        ['POST', '/api/territory/districts/import'],
        ['POST', '/api/territory/inventory'],
        ['POST', '/api/territory/inventory/import/preview'],
        ['POST', '/api/territory/inventory/import/commit'],
        ['PATCH', `/api/territory/inventory/${id}`],
      ]) {
        const res = await client.request(method, path, { body: {} });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });

  it('answers an unchanged district list with 304 on its ETag', async () => {
    const first = await staffA.get('/api/territory/districts');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('private');
    const again = await staffA.get('/api/territory/districts', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('refuses bad GeoJSON with 422 and changes nothing; only an admin imports', async () => {
    const before = (await (await staffA.get('/api/territory/districts')).json()) as District[];
    const bad = await admin.post('/api/territory/districts/import', {
      structureId: cityA,
      geojson: { type: 'FeatureCollection', features: [feature('Ouest', square(-73.62, 45.59)), feature('Point', { type: 'Point', coordinates: [-73.6, 45.6] }), feature('', square(-73.6, 45.6))] },
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(['features.1', 'features.2']);
    const open = await admin.post('/api/territory/districts/import', {
      structureId: cityA,
      geojson: { type: 'FeatureCollection', features: [feature('Ouvert', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })] },
    });
    expect(open.status).toBe(422);
    expect((await admin.post('/api/territory/districts/import', { structureId: cityA, geojson: { type: 'Nope' } })).status).toBe(400);
    expect((await staffA.post('/api/territory/districts/import', { structureId: cityA, geojson: { type: 'FeatureCollection', features: [feature('X', square(0, 0))] } })).status).toBe(403);
    const after = (await (await staffA.get('/api/territory/districts')).json()) as District[];
    expect(after).toEqual(before);
  });

  it('lists, pages by name and filters the inventory the caller reaches', async () => {
    const all = await list(staffA);
    expect(names(all)).toEqual(['Association Beta', 'Atelier Zeta', 'Coopérative Delta', 'Coopérative Étoile', 'Entreprise Epsilon', 'Mutuelle Gamma']);
    const delta = all.items.find((i) => i.name === 'Coopérative Delta')!;
    expect(delta).toMatchObject({ district: 'Sud-Est', sizeBand: 'large', source: 'manual', inPipeline: false, latitude: 45.585, longitude: -73.585, structureName: 'Ville A' });
    expect(all.items.find((i) => i.name === 'Atelier Zeta')?.structureId).toBe(incubatorA);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(staffA, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(names(all));

    expect(names(await list(staffA, '?q=etoile'))).toEqual(['Coopérative Étoile']);
    expect(names(await list(staffA, '?q=COOP'))).toEqual(['Coopérative Delta', 'Coopérative Étoile']);
    expect(names(await list(staffA, '?district=Nord'))).toEqual(['Association Beta', 'Coopérative Étoile']);
    expect(names(await list(staffA, '?sizeBand=micro'))).toEqual(['Atelier Zeta', 'Coopérative Étoile', 'Entreprise Epsilon']);
    expect(names(await list(staffA, '?sizeBand=medium'))).toEqual(['Mutuelle Gamma']);
    expect(names(await list(staffA, '?legalForm=mutual'))).toEqual(['Mutuelle Gamma']);
    expect(names(await list(staffA, '?sector=Alimentation'))).toEqual(['Coopérative Delta', 'Coopérative Étoile', 'Entreprise Epsilon']);
    expect(names(await list(staffA, `?structureId=${incubatorA}`))).toEqual(['Atelier Zeta']);
    expect(names(await list(staffA, '?source=import'))).toEqual([]);
    expect(names(await list(staffIncubatorA))).toEqual(['Atelier Zeta']);
    expect(names(await list(staffB))).toEqual(['Riverside Coop']);
    expect(names(await list(electedA))).toHaveLength(6);
    expect(names(await list(coachA))).toHaveLength(6);
    expect((await staffA.get('/api/territory/inventory?sizeBand=huge')).status).toBe(400);
    expect((await staffA.get('/api/territory/inventory?cursor=forged')).status).toBe(400);
  });

  it('exports the filtered inventory as CSV', async () => {
    const res = await staffA.get('/api/territory/inventory.csv?district=Nord');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0].split(',').slice(0, 4)).toEqual(['name', 'legal_form', 'sector', 'district']);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Association Beta', 'Coopérative Étoile']);
  });

  it('counts actors, employees and members by district, sector, legal form and size band, as computed by hand', async () => {
    const res = await staffA.get('/api/territory/inventory/summary');
    expect(res.status).toBe(200);
    const s = (await res.json()) as InventorySummary;
    // Étoile 4/30 Nord, Beta 12/50 Nord, Gamma 60/900 Centre, Delta 300/10 Sud-Est, Epsilon 0/0 Centre, Zeta 9/7 Centre.
    expect(s.total).toEqual({ actors: 6, employees: 385, members: 997 });
    const byKey = (rows: InventorySummary['byDistrict']) => Object.fromEntries(rows.map((r) => [r.key, [r.actors, r.employees, r.members]]));
    expect(byKey(s.byDistrict)).toEqual({ Centre: [3, 69, 907], Nord: [2, 16, 80], 'Sud-Est': [1, 300, 10] });
    expect(byKey(s.bySizeBand)).toEqual({ micro: [3, 13, 37], small: [1, 12, 50], medium: [1, 60, 900], large: [1, 300, 10] });
    expect(byKey(s.bySector)).toEqual({ alimentation: [3, 304, 40], culture: [1, 12, 50], santé: [1, 60, 900], réemploi: [1, 9, 7] });
    expect(byKey(s.byLegalForm)).toEqual({ cooperative: [3, 313, 47], association: [1, 12, 50], mutual: [1, 60, 900], social_enterprise: [1, 0, 0] });
    const nord = (await (await staffA.get('/api/territory/inventory/summary?district=Nord')).json()) as InventorySummary;
    expect(nord.total).toEqual({ actors: 2, employees: 16, members: 80 });
    const b = (await (await staffB.get('/api/territory/inventory/summary')).json()) as InventorySummary;
    expect(b.total).toEqual({ actors: 1, employees: 5, members: 5 });
  });

  it('adds by hand with checks: unknown district, lone coordinate, registration number taken, roles', async () => {
    const unknown = await staffA.post('/api/territory/inventory', { structureId: cityA, name: 'Inconnue', legalForm: 'association', sector: 'culture', district: 'Atlantide' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { fields: Record<string, string[]> } }).error.fields.district).toBeTruthy();
    expect((await staffA.post('/api/territory/inventory', { structureId: cityA, name: 'Seule', legalForm: 'association', sector: 'culture', district: 'Nord', latitude: 45.6 })).status).toBe(400);
    const first = await add(staffA, { structureId: cityA, name: 'Immatriculée', legalForm: 'association', sector: 'culture', district: 'Nord', registrationNumber: '1170000001', status: 'closed' });
    expect(first.status).toBe('closed');
    expect((await staffA.post('/api/territory/inventory', { structureId: cityA, name: 'Doublon', legalForm: 'association', sector: 'culture', district: 'Nord', registrationNumber: '1170000001' })).status).toBe(409);
    expect((await electedA.post('/api/territory/inventory', { structureId: cityA, name: 'Élue', legalForm: 'association', sector: 'culture', district: 'Nord' })).status).toBe(403);
    expect((await committeeA.get('/api/territory/inventory')).status).toBe(403);
    expect((await ctx.client().get('/api/territory/inventory')).status).toBe(401);
    // Into a structure the caller does not reach.
    expect((await staffA.post('/api/territory/inventory', { structureId: cityB, name: 'Ailleurs', legalForm: 'association', sector: 'culture', district: 'Riverside' })).status).toBe(404);
  });

  it('edits an entry and its organisation, audited; other structures see and touch nothing', async () => {
    const id = ids['Coopérative Étoile'];
    const res = await staffA.patch(`/api/territory/inventory/${id}`, { employees: 15, district: 'centre', latitude: 45.595, longitude: -73.595, website: 'https://etoile.example', contactEmail: 'bonjour@etoile.example' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ employees: 15, sizeBand: 'small', district: 'Centre', latitude: 45.595, website: 'https://etoile.example', contactEmail: 'bonjour@etoile.example' });
    expect((await staffA.patch(`/api/territory/inventory/${id}`, { latitude: null })).status).toBe(400);
    expect((await staffA.patch(`/api/territory/inventory/${id}`, { district: 'Atlantide' })).status).toBe(400);
    expect((await staffA.patch(`/api/territory/inventory/${id}`, { employees: -1 })).status).toBe(400);
    expect((await staffB.patch(`/api/territory/inventory/${id}`, { employees: 1 })).status).toBe(404);
    expect((await staffB.get(`/api/territory/inventory/${id}`)).status).toBe(404);
    expect((await electedA.patch(`/api/territory/inventory/${id}`, { employees: 1 })).status).toBe(403);
    expect((await electedA.get(`/api/territory/inventory/${id}`)).status).toBe(200);
    const audit = rowsOf<{ action: string; structure_id: string }>(
      await ctx.database.db.execute(sql`select action, structure_id::text from audit_log where entity = 'inventory_entry' and entity_id = ${id} order by id`),
    );
    expect(audit.map((a) => a.action)).toEqual(['inventory_entry.create', 'inventory_entry.update']);
    expect(audit[1].structure_id).toBe(cityA);
  });

  it("puts an organisation the pipeline creates into the inventory of the application's structure, once", async () => {
    const programme = await createOpenProgramme(staffA);
    const holder = await signedInAccount(ctx, ['project_holder'], 'holder');
    await expectOk(holder.post('/api/applications', applicationInput(programme.id, 'Épicerie de la ville A')));
    const page = await list(staffA, '?q=epicerie');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ name: 'Coopérative Épicerie de la ville A', source: 'pipeline', inPipeline: true, members: 5, structureId: cityA });
    expect(names(await list(staffB, '?q=epicerie'))).toEqual([]);
    // Entering again changes nothing: the entry stays as it is (one per structure and organisation).
    await enterInventory(ctx.database.db, { structureId: cityA, organisationId: page.items[0].organisationId });
    const entries = rowsOf<{ n: number }>(await ctx.database.db.execute(sql`select count(*)::int as n from inventory_entries where organisation_id = ${page.items[0].organisationId}`));
    expect(Number(entries[0].n)).toBe(1);
  });
});

describe('territory on the demo data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemo(ctx.database.db);
  }, 180_000);
  afterAll(() => ctx.close());

  it("ships every city's districts, covering every district the demo's projects carry", async () => {
    const admin = await ctx.as('admin');
    const all = (await (await admin.get('/api/territory/districts')).json()) as District[];
    const byStructure = (id: string) => all.filter((d) => d.structureId === id).map((d) => d.name);
    expect(byStructure(DEMO_STRUCTURES.montreal)).toHaveLength(19);
    expect(byStructure(DEMO_STRUCTURES.chefchaouen).length).toBeGreaterThanOrEqual(5);
    expect(byStructure(DEMO_STRUCTURES.dakar).length).toBeGreaterThanOrEqual(6);
    const projectDistricts = rowsOf<{ district: string; structure_id: string }>(
      await ctx.database.db.execute(sql`select distinct p.district, s.path from projects p join structures s on s.id = p.structure_id where p.district not in ('Laval', 'Oued Laou')`),
    );
    const known = new Set(all.map((d) => d.name));
    expect(projectDistricts.filter((p) => !known.has(p.district)).map((p) => p.district)).toEqual([]);
  });

  it("shows Montréal's staff Montréal's districts and inventory, Dakar's staff Dakar's", async () => {
    const mtl = await ctx.client().signIn('staff.mtl@essor.demo');
    const dkr = await ctx.client().signIn('staff.dkr@essor.demo');
    const elected = await ctx.client().signIn('elu.mtl@essor.demo');
    const mtlDistricts = (await (await mtl.get('/api/territory/districts')).json()) as District[];
    expect(mtlDistricts).toHaveLength(19);
    expect(mtlDistricts.every((d) => d.structureId === DEMO_STRUCTURES.montreal)).toBe(true);
    const dkrDistricts = (await (await dkr.get('/api/territory/districts')).json()) as District[];
    expect(dkrDistricts.every((d) => d.structureId === DEMO_STRUCTURES.dakar)).toBe(true);

    const mtlPage = (await (await elected.get('/api/territory/inventory?limit=200')).json()) as InventoryPage;
    const dkrPage = (await (await dkr.get('/api/territory/inventory?limit=200')).json()) as InventoryPage;
    expect(mtlPage.items.some((i) => i.source === 'pipeline' && i.inPipeline)).toBe(true);
    expect(mtlPage.items.filter((i) => i.source !== 'pipeline').length).toBeGreaterThanOrEqual(8);
    expect(dkrPage.items.filter((i) => i.source !== 'pipeline').length).toBeGreaterThanOrEqual(8);
    const dkrIds = new Set(dkrPage.items.map((i) => i.id));
    expect(mtlPage.items.some((i) => dkrIds.has(i.id))).toBe(false);
    expect(dkrPage.items.every((i) => i.structureId === DEMO_STRUCTURES.dakar)).toBe(true);
    expect((await mtl.get(`/api/territory/inventory/${dkrPage.items[0].id}`)).status).toBe(404);
    // Every entry of the demo lies in a district of its city.
    const names = new Set([...mtlDistricts, ...dkrDistricts].map((d) => d.name));
    expect([...mtlPage.items, ...dkrPage.items].filter((i) => !names.has(i.district) && i.district !== 'Laval').map((i) => i.name)).toEqual([]);
  });
});
