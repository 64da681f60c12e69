import {
  MIN_ORGANISATIONS,
  MIN_PEOPLE,
  MONEY_DISBURSED,
  OPEN_DATA_LICENCE,
  OPEN_JOB_CODES,
  type OpenDistrictProperties,
  type OpenDistricts,
  type OpenImpact,
  type OpenImpactCell,
  type OpenIndicator,
  type OpenInventory,
  type OpenInventoryCell,
  type OpenInventoryTotal,
  type OpenTerritory,
} from '@essor/shared/open-data';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ROOT_STRUCTURE_ID } from '../../db/schema/structures';
import { NotFound } from '../../lib/errors';
import { rowsOf } from '../../lib/rows';
import { projectFigures } from '../impact/public';
import { smallPeople, suppressCells, type Equation, type SuppressionCell } from './suppression';

/**
 * The territories that publish and their exports. Every figure is an aggregate over the territory's
 * structure and its descendants; nothing names a person, and small figures are withheld (suppression.ts).
 */

/** City-level nodes: a city or provincial committee anywhere, and every node right under the network. */
const PUBLISHER = sql`(s.kind in ('city', 'provincial_committee') or s.parent_id = ${ROOT_STRUCTURE_ID}::uuid) and s.id <> ${ROOT_STRUCTURE_ID}::uuid`;

const subtree = (territoryId: string): SQL => sql`(select d.id from structures t join structures d on d.path like t.path || '%' where t.id = ${territoryId}::uuid)`;

/** The districts of the territory, one per name (the highest node's outline when two nodes draw the same name). */
const districtsOf = (territoryId: string): SQL => sql`(
  select distinct on (x.name) x.id, x.name, x.code, x.population, x.geometry
  from districts x join structures s on s.id = x.structure_id
  where x.structure_id in ${subtree(territoryId)}
  order by x.name, length(s.path), x.id)`;

type TerritoryRow = OpenTerritory;

export async function listTerritories(db: Db): Promise<OpenTerritory[]> {
  return rowsOf<TerritoryRow>(
    await db.execute(sql`
      select s.id::text as id, s.name, s.territory, s.kind, s.currency,
        (select count(distinct x.name)::int from districts x join structures d on d.id = x.structure_id where d.path like s.path || '%') as districts
      from structures s where ${PUBLISHER} order by s.name`),
  );
}

export async function getTerritory(db: Db, territoryId: string): Promise<OpenTerritory> {
  const [row] = rowsOf<TerritoryRow>(
    await db.execute(sql`
      select s.id::text as id, s.name, s.territory, s.kind, s.currency,
        (select count(distinct x.name)::int from districts x join structures d on d.id = x.structure_id where d.path like s.path || '%') as districts
      from structures s where s.id = ${territoryId}::uuid and ${PUBLISHER}`),
  );
  if (!row) throw new NotFound('thing.open_territory');
  return row;
}

export async function publisherName(db: Db): Promise<string> {
  const [row] = rowsOf<{ name: string }>(await db.execute(sql`select name from structures where id = ${ROOT_STRUCTURE_ID}::uuid`));
  return row?.name ?? 'Essor';
}

// ---------------------------------------------------------------- inventory

interface InventoryRow {
  district: string | null;
  sector: string;
  legalForm: string;
  organisations: number | string;
  employees: number | string;
}

const byDistrict = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'fr'));

/** Active actors by district, sector and legal form; an organisation listed by two nodes of the territory counts once. */
export async function territoryInventory(db: Db, territoryId: string): Promise<OpenInventory> {
  const territory = await getTerritory(db, territoryId);
  const raw = rowsOf<InventoryRow>(
    await db.execute(sql`
      with actors as (
        select distinct on (e.organisation_id) e.organisation_id, e.employees, o.district, o.sector, o.legal_form
        from inventory_entries e join organisations o on o.id = e.organisation_id
        where e.status = 'active' and e.structure_id in ${subtree(territoryId)}
        order by e.organisation_id, e.employees desc
      ),
      names as (select name from ${districtsOf(territoryId)} n)
      select case when a.district in (select name from names) then a.district end as district, a.sector, a.legal_form as "legalForm",
        count(*)::int as organisations, coalesce(sum(a.employees), 0)::int as employees
      from actors a group by 1, 2, 3`),
  );
  const cells = raw
    .map((r) => ({ district: r.district, sector: r.sector, legalForm: r.legalForm, organisations: Number(r.organisations), employees: Number(r.employees) }))
    .sort((a, b) => byDistrict(a.district, b.district) || a.sector.localeCompare(b.sector) || a.legalForm.localeCompare(b.legalForm));

  const districtNames = [...new Set(cells.map((c) => c.district))];
  const districtTotals = districtNames.map((district) => {
    const of = cells.filter((c) => c.district === district);
    return { district, organisations: of.reduce((n, c) => n + c.organisations, 0), employees: of.reduce((n, c) => n + c.employees, 0) };
  });
  const total = { district: null, organisations: cells.reduce((n, c) => n + c.organisations, 0), employees: cells.reduce((n, c) => n + c.employees, 0) };

  // Indices: the cells, then the district totals, then the territory's total.
  const all = [...cells, ...districtTotals, total];
  const base = cells.length;
  const totalIndex = all.length - 1;
  const small = (c: { organisations: number; employees: number }): SuppressionCell => ({
    primary: c.organisations < MIN_ORGANISATIONS || smallPeople(c.employees, MIN_PEOPLE),
    weight: [c.organisations, c.employees],
  });
  const equations: Equation[] = [
    ...districtNames.map((district, k) => ({ total: base + k, parts: cells.flatMap((c, i) => (c.district === district ? [i] : [])) })),
    { total: totalIndex, parts: districtNames.map((_, k) => base + k) },
  ];
  const withheld = suppressCells(all.map(small), equations);
  const publish = <T extends { organisations: number; employees: number }>(c: T, i: number) =>
    withheld[i] ? { ...c, organisations: null, employees: null, suppressed: true } : { ...c, suppressed: false };

  return {
    territory,
    licence: OPEN_DATA_LICENCE,
    rows: cells.map((c, i) => publish(c, i) satisfies OpenInventoryCell),
    districts: districtTotals.map((d, k) => publish(d, base + k) satisfies OpenInventoryTotal),
    total: publish(total, totalIndex) satisfies OpenInventoryTotal,
  };
}

// ---------------------------------------------------------------- impact

/** Exact decimals as hundredths, so sums stay exact. */
function hundredths(value: string | null): bigint | null {
  if (value === null) return null;
  const [whole, fraction = ''] = value.split('.');
  const negative = whole.startsWith('-');
  const cents = BigInt(whole.replace('-', '') || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -cents : cents;
}
const fromHundredths = (v: bigint | null) => (v === null ? null : Number(v) / 100);

interface Accumulated {
  district: string | null;
  measure: string;
  unit: string;
  currency: string | null;
  projects: number;
  baseline: bigint | null;
  target: bigint | null;
  actual: bigint | null;
}

const addTo = (a: bigint | null, b: bigint | null) => (b === null ? a : (a ?? 0n) + b);
const PEOPLE_UNITS = new Set(['people', 'fte']);

/** The year the figures default to: the latest with an actual figure in the territory, else this year. */
async function defaultYear(db: Db, territoryId: string): Promise<number> {
  // Figures carry their project's structure: read them by structure (indexed), not project by project.
  const [row] = rowsOf<{ y: number | string | null }>(
    await db.execute(sql`select extract(year from max(period_end))::int as y from project_indicator_values where structure_id in ${subtree(territoryId)} and kind = 'actual' and superseded_at is null`),
  );
  return row?.y ? Number(row.y) : new Date().getUTCFullYear();
}

async function standardIndicators(db: Db): Promise<(OpenIndicator & { id: string })[]> {
  return rowsOf<OpenIndicator & { id: string }>(
    await db.execute(sql`
      select id::text as id, code, unit, name_fr as "nameFr", name_en as "nameEn", definition_fr as "definitionFr", definition_en as "definitionEn",
        sdg_targets as "sdgTargets", iris_code as "irisCode"
      from impact_indicators where standard and active order by code`),
  );
}

/** Indicator figures (baseline, target, actual of the year) and money disbursed, by district and in all. */
export async function territoryImpact(db: Db, territoryId: string, requestedYear?: number): Promise<OpenImpact> {
  const territory = await getTerritory(db, territoryId);
  const projects = sql`(select p.id from projects p where p.structure_id in ${subtree(territoryId)})`;
  const year = requestedYear ?? (await defaultYear(db, territoryId));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const indicators = await standardIndicators(db);
  const standard = new Map(indicators.map((i) => [i.id, i]));

  const [figures, located, disbursed] = await Promise.all([
    projectFigures(db, { projects, from, to, codes: indicators.map((i) => i.code) }),
    db.execute(sql`
      select p.id::text as id, case when p.district in (select name from ${districtsOf(territoryId)} n) then p.district end as district
      from projects p where p.structure_id in ${subtree(territoryId)}`),
    db.execute(sql`
      select e.project_id::text as "projectId", e.currency, sum(l.credit_minor - l.debit_minor)::text as amount
      from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
      where e.kind = 'disbursement' and a.code = '1000' and e.project_id in ${projects}
        and e.occurred_on between ${from}::date and ${to}::date
      group by 1, 2`),
  ]);
  const districtOf = new Map(rowsOf<{ id: string; district: string | null }>(located).map((r) => [r.id, r.district]));

  const cells = new Map<string, Accumulated>();
  const cellOf = (district: string | null, measure: string, unit: string, currency: string | null) => {
    const key = `${district ?? ''}\u0000${measure}\u0000${currency ?? ''}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { district, measure, unit, currency, projects: 0, baseline: null, target: null, actual: null };
      cells.set(key, cell);
    }
    return cell;
  };
  for (const f of figures) {
    if (!standard.has(f.indicatorId)) continue;
    const cell = cellOf(districtOf.get(f.projectId) ?? null, f.code, f.unit, f.currency);
    cell.projects++;
    cell.baseline = addTo(cell.baseline, hundredths(f.baseline));
    cell.target = addTo(cell.target, hundredths(f.target));
    cell.actual = addTo(cell.actual, hundredths(f.actual));
  }
  for (const d of rowsOf<{ projectId: string; currency: string; amount: string }>(disbursed)) {
    const amount = BigInt(d.amount);
    if (amount === 0n) continue;
    const cell = cellOf(districtOf.get(d.projectId) ?? null, MONEY_DISBURSED, 'money', d.currency);
    cell.projects++;
    cell.actual = addTo(cell.actual, amount * 100n);
  }

  const rows = [...cells.values()].sort((a, b) => a.measure.localeCompare(b.measure) || (a.currency ?? '').localeCompare(b.currency ?? '') || byDistrict(a.district, b.district));
  const measures = [...new Map(rows.map((r) => [`${r.measure}\u0000${r.currency ?? ''}`, r])).values()];
  const totals: Accumulated[] = measures.map((m) => {
    const of = rows.filter((r) => r.measure === m.measure && r.currency === m.currency);
    return {
      district: null,
      measure: m.measure,
      unit: m.unit,
      currency: m.currency,
      projects: of.reduce((n, r) => n + r.projects, 0),
      baseline: of.reduce<bigint | null>((s, r) => addTo(s, r.baseline), null),
      target: of.reduce<bigint | null>((s, r) => addTo(s, r.target), null),
      actual: of.reduce<bigint | null>((s, r) => addTo(s, r.actual), null),
    };
  });

  const all = [...rows, ...totals];
  const base = rows.length;
  const small = (c: Accumulated): SuppressionCell => {
    const people = PEOPLE_UNITS.has(c.unit) && [c.baseline, c.target, c.actual].some((v) => v !== null && smallPeople(Number(v) / 100, MIN_PEOPLE));
    return { primary: c.projects < MIN_ORGANISATIONS || people, weight: [c.projects, Number(c.actual ?? 0n)] };
  };
  const equations: Equation[] = totals.map((t, k) => ({ total: base + k, parts: rows.flatMap((r, i) => (r.measure === t.measure && r.currency === t.currency ? [i] : [])) }));
  const withheld = suppressCells(all.map(small), equations);
  // Money disbursed is published in minor units: the hundredths above were only for exact sums.
  const scale = (c: Accumulated, v: bigint | null) => (c.measure === MONEY_DISBURSED ? (v === null ? null : Number(v / 100n)) : fromHundredths(v));
  const publish = (c: Accumulated, i: number): OpenImpactCell =>
    withheld[i]
      ? { year, district: c.district, measure: c.measure, unit: c.unit, currency: c.currency, projects: null, baseline: null, target: null, actual: null, suppressed: true }
      : { year, district: c.district, measure: c.measure, unit: c.unit, currency: c.currency, projects: c.projects, baseline: scale(c, c.baseline), target: scale(c, c.target), actual: scale(c, c.actual), suppressed: false };

  return {
    territory,
    licence: OPEN_DATA_LICENCE,
    year,
    indicators: indicators.map(({ id: _id, ...rest }) => rest),
    rows: rows.map((r, i) => publish(r, i)),
    totals: totals.map((t, k) => publish(t, base + k)),
  };
}

// ---------------------------------------------------------------- districts

interface DistrictRow {
  id: string;
  name: string;
  code: string;
  population: number | null;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
}

/** The outlines with the district's published figures (the same cells, withheld alike, as the two exports). */
export async function territoryDistricts(
  db: Db,
  territoryId: string,
  requestedYear?: number,
  /** The two exports when the caller holds them already (they are the same cells). */
  computed: { inventory?: Promise<OpenInventory>; impact?: Promise<OpenImpact> } = {},
): Promise<OpenDistricts> {
  const territory = await getTerritory(db, territoryId);
  const [shapes, inventory, impact] = await Promise.all([
    db.execute(sql`select n.id::text as id, n.name, n.code, n.population, n.geometry from ${districtsOf(territoryId)} n order by n.name`),
    computed.inventory ?? territoryInventory(db, territoryId),
    computed.impact ?? territoryImpact(db, territoryId, requestedYear),
  ]);
  const jobsOf = (district: string, code: string) => impact.rows.find((r) => r.district === district && r.measure === code && r.currency === null);
  const features = rowsOf<DistrictRow>(shapes).map((d) => {
    const actors = inventory.districts.find((x) => x.district === d.name);
    const suppressedFields: string[] = [];
    if (actors?.suppressed) suppressedFields.push('organisations', 'employees');
    const jobs: Partial<Record<keyof typeof OPEN_JOB_CODES, number | null>> = {};
    for (const [field, code] of Object.entries(OPEN_JOB_CODES) as [keyof typeof OPEN_JOB_CODES, string][]) {
      const cell = jobsOf(d.name, code);
      if (cell?.suppressed) suppressedFields.push(field);
      jobs[field] = cell ? cell.actual : null;
    }
    const properties: OpenDistrictProperties = {
      name: d.name,
      code: d.code,
      population: d.population === null ? null : Number(d.population),
      year: impact.year,
      // No actor at all in the district: a true zero, published.
      organisations: actors ? actors.organisations : 0,
      employees: actors ? actors.employees : 0,
      jobs: jobs.jobs ?? null,
      jobsWomen: jobs.jobsWomen ?? null,
      jobsYouth: jobs.jobsYouth ?? null,
      suppressed: suppressedFields.length > 0,
      suppressedFields,
    };
    return { type: 'Feature' as const, id: d.id, properties, geometry: typeof d.geometry === 'string' ? (JSON.parse(d.geometry) as DistrictRow['geometry']) : d.geometry };
  });
  return { type: 'FeatureCollection', licence: OPEN_DATA_LICENCE, territory, features };
}
