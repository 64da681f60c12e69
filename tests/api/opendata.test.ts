import { openCatalogueSchema, openDistrictsSchema, openImpactSchema, openInventorySchema, openTerritorySchema, type OpenImpactCell, type OpenInventoryCell } from '@essor/shared/open-data';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { rowsOf } from '../../api/src/lib/rows';
import { suppressCells } from '../../api/src/modules/opendata/suppression';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

/**
 * A fixed territory, written by hand, and the figures each export must publish, computed by hand below.
 * City T (with its incubator TI below it) publishes; city O beside it must not leak into T's figures.
 */
const T = 'a0d00000-0000-4000-8000-000000000001';
const TI = 'a0d00000-0000-4000-8000-000000000002';
const O = 'a0d00000-0000-4000-8000-000000000003';
const FUND = 'a0d00000-0000-4000-8000-0000000000f1';
const BANK = 'a0d00000-0000-4000-8000-0000000000f2';
const PAYABLE = 'a0d00000-0000-4000-8000-0000000000f3';
const uuid = (kind: number, n: number) => `a0d00000-0000-4000-8${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;

/** People the exports must never show. */
const CONTACT_NAMES = ['Jeanne Personne', 'Paul Contactable'];
const CONTACT_EMAILS = ['jeanne.personne@exemple.org', 'paul@exemple.org'];
const CONTACT_PHONES = ['+1 514 555 0100', '514-555-0199'];

interface Org {
  n: number;
  structure: string;
  district: string;
  sector: string;
  legalForm: string;
  employees: number;
  status?: 'active' | 'closed';
  /** Also listed by the incubator (counted once). */
  twice?: boolean;
}

const ORGS: Org[] = [
  // Nord: food cooperatives 4 orgs / 20 employees (published); culture association 1 org (primary); culture cooperatives 3 / 11 (secondary).
  ...[3, 4, 5, 8].map((employees, i): Org => ({ n: 1 + i, structure: T, district: 'Nord', sector: 'food', legalForm: 'cooperative', employees })),
  { n: 5, structure: T, district: 'Nord', sector: 'culture', legalForm: 'association', employees: 10 },
  ...[2, 3, 6].map((employees, i): Org => ({ n: 6 + i, structure: TI, district: 'Nord', sector: 'culture', legalForm: 'cooperative', employees })),
  { n: 9, structure: T, district: 'Nord', sector: 'food', legalForm: 'cooperative', employees: 50, status: 'closed' },
  // Sud: food associations 3 / 0 (published zero, then secondary); energy cooperatives 3 / 3 (primary: 3 people); digital associations 4 / 20.
  ...[0, 0, 0].map((employees, i): Org => ({ n: 10 + i, structure: T, district: 'Sud', sector: 'food', legalForm: 'association', employees })),
  ...[1, 1, 1].map((employees, i): Org => ({ n: 13 + i, structure: T, district: 'Sud', sector: 'energy', legalForm: 'cooperative', employees })),
  ...[5, 5, 5, 5].map((employees, i): Org => ({ n: 16 + i, structure: TI, district: 'Sud', sector: 'digital', legalForm: 'association', employees })),
  // Est (drawn by the incubator): 2 food cooperatives, one listed by both nodes (primary, and the district's total too).
  { n: 20, structure: T, district: 'Est', sector: 'food', legalForm: 'cooperative', employees: 10, twice: true },
  { n: 21, structure: TI, district: 'Est', sector: 'food', legalForm: 'cooperative', employees: 10 },
  // Outside the known districts: 1 org (primary).
  { n: 22, structure: T, district: 'Quartier inconnu', sector: 'food', legalForm: 'association', employees: 12 },
  // City O's actors, in a district of the same name: never in T's figures.
  ...[40, 40, 40].map((employees, i): Org => ({ n: 30 + i, structure: O, district: 'Nord', sector: 'food', legalForm: 'cooperative', employees })),
];

/** Projects: 1-4 Nord, 5, 6, 8 Sud, 7 outside the districts; 9 in city O. */
const PROJECTS: { n: number; structure: string; district: string }[] = [
  { n: 1, structure: T, district: 'Nord' },
  { n: 2, structure: T, district: 'Nord' },
  { n: 3, structure: TI, district: 'Nord' },
  { n: 4, structure: TI, district: 'Nord' },
  { n: 5, structure: T, district: 'Sud' },
  { n: 6, structure: T, district: 'Sud' },
  { n: 7, structure: T, district: 'Quartier inconnu' },
  { n: 8, structure: TI, district: 'Sud' },
  { n: 9, structure: O, district: 'Nord' },
];

type Kind = 'baseline' | 'target' | 'actual';
/** [project, indicator code, kind, period end, value] */
const FIGURES: [number, string, Kind, string, string][] = [
  [1, 'jobs_created_fte', 'baseline', '2024-12-31', '1'],
  [1, 'jobs_created_fte', 'actual', '2025-06-30', '2'],
  [1, 'jobs_created_fte', 'actual', '2025-12-31', '3'],
  [1, 'jobs_created_fte', 'target', '2025-12-31', '5'],
  [2, 'jobs_created_fte', 'baseline', '2024-12-31', '4'],
  [2, 'jobs_created_fte', 'actual', '2025-12-31', '4'],
  [2, 'jobs_created_fte', 'target', '2025-12-31', '5'],
  [3, 'jobs_created_fte', 'actual', '2025-12-31', '1.5'],
  // A stock: the latest figure up to the year's end holds (impact's rule).
  [4, 'jobs_created_fte', 'actual', '2024-12-31', '9'],
  [5, 'jobs_created_fte', 'actual', '2025-12-31', '2'],
  [6, 'jobs_created_fte', 'actual', '2025-12-31', '1'],
  [8, 'jobs_created_fte', 'actual', '2025-12-31', '3'],
  [7, 'jobs_created_fte', 'actual', '2025-12-31', '6'],
  [9, 'jobs_created_fte', 'actual', '2025-12-31', '100'],
  [1, 'jobs_women', 'actual', '2025-12-31', '2'],
  [2, 'jobs_women', 'actual', '2025-12-31', '2'],
  [3, 'jobs_women', 'actual', '2025-12-31', '2'],
  [5, 'jobs_women', 'actual', '2025-12-31', '1'],
  [6, 'jobs_women', 'actual', '2025-12-31', '1'],
  [8, 'jobs_women', 'actual', '2025-12-31', '1'],
  // A flow: only the year's periods add up.
  [1, 'people_served', 'actual', '2025-06-30', '100'],
  [1, 'people_served', 'actual', '2025-12-31', '50'],
  [2, 'people_served', 'actual', '2025-12-31', '200'],
  [3, 'people_served', 'actual', '2024-12-31', '999'],
  [3, 'people_served', 'actual', '2025-12-31', '300'],
];

/** [project, day, amount in cents]: disbursements out of the fund's bank account. */
const DISBURSEMENTS: [number, string, number][] = [
  [1, '2025-03-01', 100_000],
  [2, '2025-04-01', 50_000],
  [3, '2025-05-01', 25_000],
  [1, '2024-03-01', 999_999],
  [5, '2025-06-01', 30_000],
];

const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });

let ctx: TestContext;
let anon: TestClient;
let personNames: string[] = [];

async function seedFixture() {
  const db = ctx.database.db;
  const [root] = rowsOf<{ path: string }>(await db.execute(sql`select path from structures where id = ${ROOT_STRUCTURE_ID}`));
  const [admin] = rowsOf<{ id: string }>(await db.execute(sql`select id::text as id from users where email = 'admin@essor.demo'`));
  await db.execute(sql`insert into structures (id, parent_id, path, name, kind, territory, currency, contact_name, contact_email) values
    (${T}, ${ROOT_STRUCTURE_ID}, ${`${root.path}${T}/`}, 'Ville de Testville', 'city', 'Testville', 'CAD', ${CONTACT_NAMES[1]}, ${CONTACT_EMAILS[1]}),
    (${TI}, ${T}, ${`${root.path}${T}/${TI}/`}, 'Incubateur de Testville', 'incubator', 'Testville', 'CAD', null, null),
    (${O}, ${ROOT_STRUCTURE_ID}, ${`${root.path}${O}/`}, 'Ville d’Autreville', 'city', 'Autreville', 'CAD', null, null)`);
  await db.execute(sql`insert into districts (structure_id, name, code, territory, population, geometry) values
    (${T}, 'Nord', 'N', 'Testville', 12000, ${JSON.stringify(square(0, 1))}::jsonb),
    (${T}, 'Sud', 'S', 'Testville', null, ${JSON.stringify(square(0, 0))}::jsonb),
    (${TI}, 'Est', 'E', 'Testville', 3000, ${JSON.stringify(square(1, 0))}::jsonb),
    (${O}, 'Nord', 'N', 'Autreville', 5000, ${JSON.stringify(square(5, 5))}::jsonb)`);
  for (const o of ORGS) {
    const id = uuid(1, o.n);
    await db.execute(sql`insert into organisations (id, name, legal_form, sector, district, territory, contact_name, contact_email, contact_phone)
      values (${id}, ${`Organisation témoin ${o.n}`}, ${o.legalForm}, ${o.sector}, ${o.district}, 'Testville', ${CONTACT_NAMES[o.n % 2]}, ${CONTACT_EMAILS[o.n % 2]}, ${CONTACT_PHONES[o.n % 2]})`);
    await db.execute(sql`insert into inventory_entries (structure_id, organisation_id, employees, status, source, address, website)
      values (${o.structure}, ${id}, ${o.employees}, ${o.status ?? 'active'}, 'manual', '12 rue des Témoins', 'https://exemple.org')`);
    if (o.twice) await db.execute(sql`insert into inventory_entries (structure_id, organisation_id, employees, status, source) values (${TI}, ${id}, 4, 'active', 'manual')`);
  }
  for (const p of PROJECTS) {
    await db.execute(sql`insert into projects (id, organisation_id, title, district, currency, structure_id)
      values (${uuid(2, p.n)}, ${uuid(1, 1)}, ${`Projet témoin ${p.n}`}, ${p.district}, 'CAD', ${p.structure})`);
  }
  for (const [n, code, kind, end, value] of FIGURES) {
    const project = PROJECTS.find((p) => p.n === n)!;
    await db.execute(sql`insert into project_indicator_values (structure_id, project_id, indicator_id, kind, period_start, period_end, value, source, entered_by)
      select ${project.structure}, ${uuid(2, n)}, id, ${kind}, (${end}::date - interval '6 months' + interval '1 day')::date, ${end}::date, ${value}::numeric, 'staff', ${admin.id}
      from impact_indicators where code = ${code} and standard`);
  }
  await db.execute(sql`insert into funds (id, code, name, type, currency, committee_threshold_minor, structure_id, opened_on) values (${FUND}, 'FT-TEST', 'Fonds témoin', 'co_financing', 'CAD', 0, ${T}, '2020-01-01')`);
  await db.execute(sql`insert into ledger_accounts (id, fund_id, code, name, type, normal_balance, currency) values
    (${BANK}, ${FUND}, '1000', 'Banque', 'asset', 'debit', 'CAD'), (${PAYABLE}, ${FUND}, '2000', 'À verser', 'liability', 'credit', 'CAD')`);
  for (const [n, day, amount] of DISBURSEMENTS) {
    const [entry] = rowsOf<{ id: number }>(
      await db.execute(sql`insert into journal_entries (fund_id, currency, occurred_on, kind, description, project_id) values (${FUND}, 'CAD', ${day}, 'disbursement', 'Versement', ${uuid(2, n)}) returning id`),
    );
    await db.execute(sql`insert into journal_lines (entry_id, account_id, debit_minor, credit_minor) values (${entry.id}, ${PAYABLE}, ${amount}, 0), (${entry.id}, ${BANK}, 0, ${amount})`);
  }
  personNames = rowsOf<{ name: string }>(await db.execute(sql`select name from users`)).map((u) => u.name);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedFixture();
  anon = ctx.client();
}, 60_000);
afterAll(() => ctx.close());

const inv = (district: string | null, sector: string, legalForm: string, organisations: number | null, employees: number | null): OpenInventoryCell => ({
  district,
  sector,
  legalForm,
  organisations,
  employees,
  suppressed: organisations === null,
});

const cell = (district: string | null, measure: string, unit: string, currency: string | null, figures: [number, number | null, number | null, number | null] | null): OpenImpactCell => ({
  year: 2025,
  district,
  measure,
  unit,
  currency,
  projects: figures?.[0] ?? null,
  baseline: figures?.[1] ?? null,
  target: figures?.[2] ?? null,
  actual: figures?.[3] ?? null,
  suppressed: figures === null,
});

describe('open data catalogue and territories', () => {
  it('describes the datasets, their fields, the licence and the suppression rule, without a session', async () => {
    const res = await anon.get('/api/open-data');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const catalogue = openCatalogueSchema.parse(await res.json());
    expect(catalogue.licence.name).toBe('Licence Ouverte / Open Licence 2.0');
    expect(catalogue.datasets.map((d) => d.id)).toEqual(['inventory', 'impact', 'districts']);
    expect(catalogue.suppression).toMatchObject({ minOrganisations: 3, minPeople: 5 });
    for (const d of catalogue.datasets) for (const field of d.fields) expect(field.definitionFr && field.definitionEn, `${d.id}.${field.name}`).toBeTruthy();
  });

  it('lists the city-level structures, not the incubator below one', async () => {
    const res = await anon.get('/api/open-data/territories');
    const list = z.array(openTerritorySchema).parse(await res.json());
    const ids = list.map((t) => t.id);
    expect(ids).toContain(T);
    expect(ids).toContain(O);
    expect(ids).not.toContain(TI);
    expect(ids).not.toContain(ROOT_STRUCTURE_ID);
    expect(list.find((t) => t.id === T)).toEqual({ id: T, name: 'Ville de Testville', territory: 'Testville', kind: 'city', currency: 'CAD', districts: 3 });
  });

  it('answers 404 for an unknown territory or one that does not publish, 400 for a malformed id', async () => {
    for (const path of ['inventory.json', 'inventory.csv', 'impact.json', 'impact.csv', 'districts.geojson']) {
      expect((await anon.get(`/api/open-data/a0d00000-0000-4000-8000-0000000000ff/${path}`)).status, path).toBe(404);
      expect((await anon.get(`/api/open-data/${TI}/${path}`)).status, path).toBe(404);
      expect((await anon.get(`/api/open-data/not-a-uuid/${path}`)).status, path).toBe(400);
    }
    const body = (await (await anon.get(`/api/open-data/${TI}/inventory.json`, { headers: { 'accept-language': 'en' } })).json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/Territory publishing open data/);
  });
});

describe('inventory export', () => {
  it('counts active actors by district, sector and legal form, with primary and secondary suppression', async () => {
    const res = await anon.get(`/api/open-data/${T}/inventory.json`);
    expect(res.status).toBe(200);
    const inventory = openInventorySchema.parse(await res.json());
    expect(inventory.rows).toEqual([
      inv('Est', 'food', 'cooperative', null, null), // 2 organisations: primary
      inv('Nord', 'culture', 'association', null, null), // 1 organisation: primary
      inv('Nord', 'culture', 'cooperative', null, null), // 3 / 11: secondary (Nord's total would give it away)
      inv('Nord', 'food', 'cooperative', 4, 20), // the closed one is left out
      inv('Sud', 'digital', 'association', 4, 20),
      inv('Sud', 'energy', 'cooperative', null, null), // 3 people: primary
      inv('Sud', 'food', 'association', null, null), // 3 / 0: the smaller complement, secondary
      inv(null, 'food', 'association', null, null), // outside the districts, 1 organisation: primary
    ]);
    expect(inventory.districts).toEqual([
      { district: 'Est', organisations: null, employees: null, suppressed: true },
      { district: 'Nord', organisations: 8, employees: 41, suppressed: false },
      { district: 'Sud', organisations: 10, employees: 23, suppressed: false },
      { district: null, organisations: null, employees: null, suppressed: true },
    ]);
    // 21 organisations (the one listed twice counted once, at its larger headcount), none of city O's.
    expect(inventory.total).toEqual({ district: null, organisations: 21, employees: 96, suppressed: false });
  });

  it('writes the same cells as CSV: empty cells and a suppressed column', async () => {
    const res = await anon.get(`/api/open-data/${T}/inventory.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="inventaire-ess-testville\.csv"/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('district,sector,legal_form,organisations,employees,suppressed');
    expect(lines.slice(1)).toEqual([
      'Est,food,cooperative,,,true',
      'Nord,culture,association,,,true',
      'Nord,culture,cooperative,,,true',
      'Nord,food,cooperative,4,20,false',
      'Sud,digital,association,4,20,false',
      'Sud,energy,cooperative,,,true',
      'Sud,food,association,,,true',
      ',food,association,,,true',
    ]);
  });

  it('caches: public max-age, an ETag, 304 when it matches', async () => {
    const res = await anon.get(`/api/open-data/${T}/inventory.json`);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const again = await anon.get(`/api/open-data/${T}/inventory.json`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await anon.get(`/api/open-data/${T}/inventory.json`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });
});

describe('impact export', () => {
  it('adds the year’s figures by district and in all, withholding small ones', async () => {
    const res = await anon.get(`/api/open-data/${T}/impact.json`);
    expect(res.status).toBe(200);
    const impact = openImpactSchema.parse(await res.json());
    // The latest year with an actual figure.
    expect(impact.year).toBe(2025);
    expect(impact.rows).toEqual([
      // Nord: 3 + 4 + 1.5 + 9 (project 4's 2024 figure still holds: a stock), targets 5 + 5, baselines 1 + 4 (under 5 would withhold the row).
      cell('Nord', 'jobs_created_fte', 'fte', null, [4, 5, 10, 17.5]),
      cell('Sud', 'jobs_created_fte', 'fte', null, null), // 3 projects, 6: the smallest complement of the lone primary below
      cell(null, 'jobs_created_fte', 'fte', null, null), // 1 project: primary
      cell('Nord', 'jobs_women', 'people', null, null), // secondary: the only other part
      cell('Sud', 'jobs_women', 'people', null, null), // 3 people: primary
      cell('Nord', 'money_disbursed', 'money', 'CAD', null), // secondary
      cell('Sud', 'money_disbursed', 'money', 'CAD', null), // 1 project: primary
      cell('Nord', 'people_served', 'people', null, [3, null, null, 650]), // 150 + 200 + 300: project 3's 2024 figure is another year
    ]);
    expect(impact.totals).toEqual([
      cell(null, 'jobs_created_fte', 'fte', null, [8, 5, 10, 29.5]), // city O's 100 left out
      cell(null, 'jobs_women', 'people', null, [6, null, null, 9]),
      cell(null, 'money_disbursed', 'money', 'CAD', [4, null, null, 205_000]), // 2024's disbursement left out
      cell(null, 'people_served', 'people', null, [3, null, null, 650]),
    ]);
    expect(impact.indicators.map((i) => i.code)).toContain('jobs_women');
  });

  it('takes another year on demand, and refuses a malformed one', async () => {
    const impact = openImpactSchema.parse(await (await anon.get(`/api/open-data/${T}/impact.json?year=2024`)).json());
    expect(impact.year).toBe(2024);
    // 2024: projects 1 and 2 by their baselines (1 + 4) and project 4's 9 FTE, all in Nord; one disbursement and
    // project 3's 999 people served, one project each: withheld.
    expect(impact.totals).toEqual([
      { ...cell(null, 'jobs_created_fte', 'fte', null, [3, 5, null, 9]), year: 2024 },
      { ...cell(null, 'money_disbursed', 'money', 'CAD', null), year: 2024 },
      { ...cell(null, 'people_served', 'people', null, null), year: 2024 },
    ]);
    expect((await anon.get(`/api/open-data/${T}/impact.json?year=abc`)).status).toBe(400);
  });

  it('writes CSV rows for the districts then the totals', async () => {
    const res = await anon.get(`/api/open-data/${T}/impact.csv?year=2025`);
    expect(res.headers.get('content-disposition')).toMatch(/impact-testville-2025\.csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('year,level,district,measure,unit,currency,projects,baseline,target,actual,suppressed');
    expect(lines).toContain('2025,district,Nord,jobs_created_fte,fte,,4,5,10,17.5,false');
    expect(lines).toContain('2025,district,Sud,jobs_women,people,,,,,,true');
    expect(lines).toContain('2025,territory,,money_disbursed,money,CAD,4,,,205000,false');
    expect(lines).toHaveLength(1 + 8 + 4);
  });
});

describe('districts GeoJSON', () => {
  it('gives each outline with the same published figures', async () => {
    const res = await anon.get(`/api/open-data/${T}/districts.geojson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const geo = openDistrictsSchema.parse(await res.json());
    expect(geo.type).toBe('FeatureCollection');
    for (const f of geo.features) {
      expect(f.geometry.type).toBe('Polygon');
      const ring = (f.geometry.coordinates as number[][][])[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    expect(geo.features.map((f) => f.properties)).toEqual([
      { name: 'Est', code: 'E', population: 3000, year: 2025, organisations: null, employees: null, jobs: null, jobsWomen: null, jobsYouth: null, suppressed: true, suppressedFields: ['organisations', 'employees'] },
      { name: 'Nord', code: 'N', population: 12000, year: 2025, organisations: 8, employees: 41, jobs: 17.5, jobsWomen: null, jobsYouth: null, suppressed: true, suppressedFields: ['jobsWomen'] },
      { name: 'Sud', code: 'S', population: null, year: 2025, organisations: 10, employees: 23, jobs: null, jobsWomen: null, jobsYouth: null, suppressed: true, suppressedFields: ['jobs', 'jobsWomen'] },
    ]);
  });
});

describe('no personal data in any export', () => {
  it('shows no e-mail, phone, contact, user name, organisation name, address or website', async () => {
    const paths = ['', '/territories', `/${T}/inventory.json`, `/${T}/inventory.csv`, `/${T}/impact.json`, `/${T}/impact.csv`, `/${T}/districts.geojson`, `/${O}/inventory.json`];
    expect(personNames.length).toBeGreaterThan(5);
    for (const path of paths) {
      const res = await anon.get(`/api/open-data${path}`);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      expect(body, path).not.toMatch(/\+?\d{1,3}[ .-]\d{3}[ .-]\d{3}[ .-]?\d{4}|\d{3}-\d{3}-\d{4}/);
      for (const needle of [...CONTACT_NAMES, ...CONTACT_EMAILS, ...CONTACT_PHONES, ...personNames, 'Organisation témoin', 'Projet témoin', '12 rue des Témoins', 'exemple.org']) {
        expect(body.includes(needle), `${path} shows ${needle}`).toBe(false);
      }
    }
  });
});

describe('secondary suppression (the rule alone)', () => {
  const c = (primary: boolean, weight: number) => ({ primary, weight: [weight] });
  it('withholds the smallest other part of an equation with a lone withheld member, and follows the chain', () => {
    // Two districts (totals 3, 4) of a territory (total 7); district 3's parts 0, 1, 2 and district 4's parts 5, 6.
    const cells = [c(true, 1), c(false, 5), c(false, 3), c(false, 9), c(false, 20), c(false, 30), c(false, 7), c(false, 40)];
    const equations = [
      { total: 3, parts: [0, 1, 2] },
      { total: 4, parts: [5, 6] },
      { total: 7, parts: [3, 4] },
    ];
    // Part 0 is alone in district 3: part 2 (3 < 5) goes too; district 3 stays, and nothing else moves.
    expect(suppressCells(cells, equations)).toEqual([true, false, true, false, false, false, false, false]);
    // A district's total withheld alone: its smallest district sibling goes, then the lone one in that district.
    const withTotal = [...cells];
    withTotal[0] = c(false, 1);
    withTotal[3] = c(true, 9);
    expect(suppressCells(withTotal, equations)).toEqual([true, false, false, true, true, false, true, false]);
  });
});
