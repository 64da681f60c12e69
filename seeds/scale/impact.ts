import { LEGAL_FORMS } from '@essor/shared/projects';
import type { Step } from './pipeline';
import { DOMAIN, pick, type Plan, sizesFor, structureOf, uid } from './plan';

/**
 * Impact and territory rows of the large city, set-based and deterministic: the city's districts (a grid of
 * squares, one per district name its projects and organisations carry), the inventory (every pipeline
 * organisation in its projects' structures, plus a fifth more actors the pipeline never saw), and indicator
 * figures for the projects past selection (a baseline, a target and four half-year actuals for three of five
 * standard indicators each: about 100,000 figures at scale 1).
 */

/** Non-pipeline actors, as a share of the pipeline's organisations. */
export const EXTRA_ACTOR_SHARE = 0.2;
/** The stages whose projects report figures (pipeline.ts spreads STAGES by j % 5: incubated 2, financed 3, alumni 4). */
const REPORTING_STAGES = ['incubated', 'financed', 'alumni'];
const reporting = (j: number) => j % 5 >= 2;
/** Per reporting project: jobs created, and two of the four others in turn; six figures each. */
export const FIGURES_PER_PROJECT = 3 * 6;
const GRID_COLUMNS = 4;

const CITY = `(select id from structures where path like (select path from structures where id = ${uid('structure', '1')}) || '%')`;

export function impactSteps(p: Plan): Step[] {
  const extra = extraActors(p);
  return [
    {
      table: 'districts',
      sql: [
        // One square per name, numbered alphabetically, on a grid of four columns (longitude, latitude in WGS 84).
        `insert into districts (id, structure_id, name, code, territory, population, geometry)
         select ${uid('district', 'n')}, ${uid('structure', '1')}, name, 'GV-' || lpad(n::text, 2, '0'), 'Grande ville', 20000 + n * 1733 % 40000,
           jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
             jsonb_build_array(x, y), jsonb_build_array(x + 0.03, y), jsonb_build_array(x + 0.03, y + 0.02), jsonb_build_array(x, y + 0.02), jsonb_build_array(x, y))))
         from (select name, n, round(-73.70 + ((n - 1) % ${GRID_COLUMNS}) * 0.03, 2) as x, round(45.45 + ((n - 1) / ${GRID_COLUMNS}) * 0.02, 2) as y
               from (select name, row_number() over (order by name)::int as n
                     from (select district as name from projects where structure_id in ${CITY}
                           union select o.district from organisations o where o.owner_user_id in (select id from users where email like '%@${DOMAIN}')) d) named) placed`,
      ],
    },
    {
      table: 'inventory_entries',
      sql: [
        // The pipeline's organisations, in the structures of their projects; one in twenty has closed.
        `insert into inventory_entries (id, structure_id, organisation_id, registration_number, employees, members, annual_revenue_minor, currency, status, source)
         select ${uid('inventory', "p.structure_id::text || '-' || p.organisation_id::text")}, p.structure_id, p.organisation_id, null,
           (h % 40), (h % 7) + 1, 5000000 + (h % 200) * 100000, 'CAD', case when h % 20 = 0 then 'closed' else 'active' end, 'pipeline'
         from (select distinct structure_id, organisation_id, abs(hashtext(organisation_id::text)::bigint) as h from projects where structure_id in ${CITY}) p`,
        // Actors the pipeline never met, as an import would bring them: no contact, a district of the city.
        `insert into organisations (id, name, legal_form, sector, district, territory, founders_count, description)
         select ${uid('inv-org', 'n')}, 'Acteur ESS ' || n, ${pick(LEGAL_FORMS, 'n')}, s.sectors[n % array_length(s.sectors, 1) + 1],
           d.names[(n / 2) % array_length(d.names, 1) + 1], 'Grande ville', 1 + n % 4, 'Inventaire grande ville'
         from generate_series(1, ${extra}) n
         cross join (select array_agg(distinct sector order by sector) as sectors from organisations where owner_user_id in (select id from users where email like '%@${DOMAIN}')) s
         cross join (select array_agg(name order by name) as names from districts where structure_id = ${uid('structure', '1')}) d`,
        `insert into inventory_entries (id, structure_id, organisation_id, registration_number, employees, members, status, source)
         select ${uid('inventory', "'extra-' || n")}, ${uid('structure', structureOf(p, 'n'))}, ${uid('inv-org', 'n')}, 'GV' || lpad(n::text, 8, '0'),
           (n * 7) % 60, n % 9, 'active', case when n % 2 = 0 then 'import' else 'manual' end
         from generate_series(1, ${extra}) n`,
      ],
    },
    {
      table: 'project_indicator_values',
      sql: [
        // y0: the first reporting year (2016..2024 in turn); actuals for its two halves and the next year's.
        `insert into project_indicator_values (id, structure_id, project_id, indicator_id, kind, period_start, period_end, value, currency, source, note, entered_by, entered_at)
         select ${uid('figure', "j || '-' || v.code || '-' || f.kind || '-' || f.k")}, p.structure_id, p.id, i.id, f.kind,
           make_date(y0 + f.y, f.m, 1), (make_date(y0 + f.y, f.m, 1) + make_interval(months => f.months) - interval '1 day')::date,
           case v.code
             when 'jobs_created_fte' then (1 + j % 5) + f.step * 0.5
             when 'jobs_women' then round(((1 + j % 5) + f.step * 0.5) * 0.5)
             when 'jobs_youth' then round(((1 + j % 5) + f.step * 0.5) * 0.4)
             when 'people_served' then case when f.kind = 'baseline' then 0 else 40 + (j * 7 % 200) + f.step * 10 end
             else (1000000 + (j * 7919 % 5000000)) * (1 + f.step) / 2
           end,
           case when v.code = 'revenue' then 'CAD' end, case when f.kind = 'actual' and f.k % 2 = 0 then 'holder' else 'staff' end, '',
           ${uid('user', `${structureOf(p, 'j')} || '-staff'`)}, (make_date(y0 + f.y, f.m, 1) + make_interval(months => f.months) + interval '20 days') at time zone 'UTC'
         from (select j, least(2024, 2016 + j % 9) as y0 from generate_series(1, ${p.projects}) j) g
         join projects p on p.id = ${uid('project', 'j')} and p.stage in (${REPORTING_STAGES.map((s) => `'${s}'`).join(', ')})
         cross join lateral (values ('jobs_created_fte'),
           (${pick(['jobs_women', 'jobs_youth', 'people_served', 'revenue'], 'j')}), (${pick(['jobs_youth', 'people_served', 'revenue', 'jobs_women'], 'j')})) v(code)
         join impact_indicators i on i.standard and i.code = v.code
         cross join (values ('baseline', 0, -1, 1, 12, 0), ('target', 0, 1, 1, 12, 4),
           ('actual', 1, 0, 1, 6, 1), ('actual', 2, 0, 7, 6, 2), ('actual', 3, 1, 1, 6, 3), ('actual', 4, 1, 7, 6, 4)) f(kind, k, y, m, months, step)`,
      ],
    },
  ];
}

export function extraActors(p: Pick<Plan, 'organisations'>): number {
  return Math.round(p.organisations * EXTRA_ACTOR_SHARE);
}

/** How the rows are found, per table (spread into large-city.ts's counts). */
export const IMPACT_COUNTS: Record<string, string> = {
  districts: `select count(*) as n from districts where structure_id in ${CITY}`,
  inventory_entries: `select count(*) as n from inventory_entries where structure_id in ${CITY}`,
  project_indicator_values: `select count(*) as n from project_indicator_values where structure_id in ${CITY}`,
};

/** The sizes a scale promises (the generator's own arithmetic, from the plan's sizes). */
export function expectedImpactCounts(scale: number): Record<string, number> {
  const s = sizesFor(scale);
  const pairs = new Set<string>();
  let reportingProjects = 0;
  for (let j = 1; j <= s.projects; j++) {
    pairs.add(`${(j - 1) % s.structures}-${(j - 1) % s.organisations}`);
    if (reporting(j)) reportingProjects++;
  }
  return { inventory_entries: pairs.size + extraActors(s), project_indicator_values: reportingProjects * FIGURES_PER_PROJECT };
}

/** Rows breaking an impact or territory invariant (empty when it holds). */
export const IMPACT_INVARIANTS: Record<string, string> = {
  'indicator figure with a currency on a non-money indicator, or money without one': `
    select v.id::text as what from project_indicator_values v join impact_indicators i on i.id = v.indicator_id
    where (i.unit = 'money') <> (v.currency is not null) order by v.id limit 5`,
  'current indicator figure marked superseded, or superseded by nothing': `
    select v.id::text as what from project_indicator_values v
    where (v.superseded_at is null) <> (v.superseded_by is null)
       or (v.superseded_by is not null and not exists (select 1 from project_indicator_values w where w.id = v.superseded_by))
    order by v.id limit 5`,
  'district outline not a closed polygon ring': `
    select d.name as what from districts d
    where d.geometry->>'type' = 'Polygon' and (jsonb_array_length(d.geometry->'coordinates'->0) < 4 or d.geometry->'coordinates'->0->0 <> d.geometry->'coordinates'->0->-1)
    order by d.name limit 5`,
  'large-city actor in no district of its city': `
    select o.name as what from inventory_entries e join organisations o on o.id = e.organisation_id
    where e.structure_id in ${CITY} and o.district not in (select name from districts where structure_id in ${CITY})
    order by o.name limit 5`,
};
