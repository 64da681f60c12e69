import {
  addDecimals,
  costPerJob,
  FUNNEL_STAGES,
  type DistrictFigures,
  type ImpactDashboard,
  type ImpactDashboardQuery,
  type ImpactTotal,
} from '@essor/shared/impact-dashboard';
import type { CurrencyCode } from '@essor/shared/money';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { cachedFigures } from '../../lib/figures-cache';
import { rowsOf } from '../../lib/rows';
import { indicatorTotals, projectFigures } from '../impact/public';
import { idList, resolveScope, type DashboardScope } from './filters';
import { inPeriod, outflowsSql } from './outflows';

const n = (value: string | number | null | undefined): number => Number(value ?? 0);
const JOB_CODES = { created: 'jobs_created_fte', women: 'jobs_women', youth: 'jobs_youth', disability: 'jobs_disability' } as const;
const SUBSCRIBED = sql`('reserved', 'paid', 'allotted')`;
const PAID = sql`('paid', 'allotted')`;

/**
 * The applications submitted in the period, by stage reached (submitted, screening, committee) and by where
 * they stand now. The status says the stages reached except for an application rejected or withdrawn: its
 * events say how far it went (read in one pass, joined by hash, not one lookup per application).
 */
async function funnelOf(db: Db, s: DashboardScope): Promise<ImpactDashboard['funnel']> {
  const [row] = rowsOf<Record<string, string | number>>(
    await db.execute(sql`
      with a as (
        select a.id, a.status from applications a
        where a.submitted_at is not null and a.structure_id in (${idList(s.structureIds)})
          ${s.programmeId ? sql`and a.programme_id = ${s.programmeId}::uuid` : sql``}
          ${s.district ? sql`and a.project_id in (${s.projects})` : sql``}
          and (${s.from}::date is null or a.submitted_at >= ${s.from}::date)
          and (${s.to}::date is null or a.submitted_at < ${s.to}::date + 1)
      ),
      went as (
        select e.application_id, bool_or(e.to_status = 'screening') as screening, bool_or(e.to_status = 'committee') as committee
        from application_events e
        where e.to_status in ('screening', 'committee') and e.application_id in (select id from a where status in ('rejected', 'withdrawn'))
        group by e.application_id
      )
      select count(*) as submitted,
        count(*) filter (where a.status in ('screening', 'committee', 'accepted', 'waitlisted') or went.screening) as screening,
        count(*) filter (where a.status in ('committee', 'accepted', 'waitlisted') or went.committee) as committee,
        count(*) filter (where a.status = 'accepted') as accepted,
        count(*) filter (where a.status = 'waitlisted') as waitlisted,
        count(*) filter (where a.status = 'rejected') as rejected,
        count(*) filter (where a.status = 'withdrawn') as withdrawn
      from a left join went on went.application_id = a.id`),
  );
  return FUNNEL_STAGES.map((stage) => ({ stage, count: n(row?.[stage]) }));
}

/** Each cohort running in the period: its members, by their project's current stage. */
async function cohortsOf(db: Db, s: DashboardScope): Promise<ImpactDashboard['cohorts']> {
  const rows = rowsOf<{ id: string; name: string; code: string; starts_on: string; ends_on: string; stage: string | null; members: string | number }>(
    await db.execute(sql`
      select c.id, c.name, g.code, c.starts_on::text as starts_on, c.ends_on::text as ends_on, p.stage, count(p.id) as members
      from cohorts c
        join programmes g on g.id = c.programme_id
        left join cohort_members m on m.cohort_id = c.id
        left join projects p on p.id = m.project_id ${s.district ? sql`and p.district = ${s.district}` : sql``}
      where c.structure_id in (${idList(s.structureIds)})
        ${s.programmeId ? sql`and c.programme_id = ${s.programmeId}::uuid` : sql``}
        and (${s.to}::date is null or c.starts_on <= ${s.to}::date)
        and (${s.from}::date is null or c.ends_on >= ${s.from}::date)
      group by c.id, c.name, g.code, c.starts_on, c.ends_on, p.stage
      order by c.starts_on, c.name`),
  );
  const cohorts = new Map<string, ImpactDashboard['cohorts'][number]>();
  for (const r of rows) {
    const cohort = cohorts.get(r.id) ?? { cohortId: r.id, name: r.name, programmeCode: r.code, startsOn: r.starts_on, endsOn: r.ends_on, members: 0, stages: {} };
    if (r.stage) {
      cohort.stages[r.stage] = (cohort.stages[r.stage] ?? 0) + n(r.members);
      cohort.members += n(r.members);
    }
    cohorts.set(r.id, cohort);
  }
  return [...cohorts.values()];
}

/** Coaching sessions held, in hours per month (UTC) and kind of support. A group session has no district: a district filter leaves it out. */
async function coachingOf(db: Db, s: DashboardScope): Promise<ImpactDashboard['coaching']> {
  const rows = rowsOf<{ month: string; support_type: string; sessions: string | number; minutes: string | number }>(
    await db.execute(sql`
      select to_char(cs.starts_at at time zone 'UTC', 'YYYY-MM') as month, cs.support_type, count(*) as sessions, sum(cs.duration_minutes) as minutes
      from coaching_sessions cs
      ${s.programmeId ? sql`join cohorts c on c.id = cs.cohort_id and c.programme_id = ${s.programmeId}::uuid` : sql``}
      where cs.status = 'held' and cs.structure_id in (${idList(s.structureIds)})
        ${s.district ? sql`and cs.project_id in (${s.projects})` : sql``}
        and (${s.from}::date is null or cs.starts_at >= ${s.from}::date)
        and (${s.to}::date is null or cs.starts_at < ${s.to}::date + 1)
      group by 1, 2 order by 1, 2`),
  );
  return rows.map((r) => ({ month: r.month, supportType: r.support_type, sessions: n(r.sessions), minutes: n(r.minutes) }));
}

/**
 * Each fund of the structures in view (with a programme filter: the funds with an envelope for it), from
 * its business tables: capital received, committed and disbursed towards the projects in view, principal repaid.
 */
async function fundsOf(db: Db, s: DashboardScope): Promise<ImpactDashboard['funds']> {
  const narrowed = Boolean(s.programmeId || s.district);
  const rows = rowsOf<{ id: string; code: string; name: string; type: string; currency: string; capital: string; committed: string; disbursed: string; repaid: string }>(
    await db.execute(sql`
      with f as (
        select f.id, f.code, f.name, f.type, f.currency from funds f
        where f.structure_id in (${idList(s.structureIds)}) and f.type <> 'bond_trust'
          ${s.programmeId ? sql`and exists (select 1 from fund_envelopes e where e.fund_id = f.id and e.programme_id = ${s.programmeId}::uuid)` : sql``}
      ),
      o as (${outflowsSql((o) => sql`${o.fundId} in (select id from f)${narrowed ? sql` and ${o.projectId} in (${s.projects})` : sql``}`)}),
      out as (select o.fund_id, sum(o.disbursed) as disbursed, sum(o.committed) as committed from o where ${inPeriod(s.from, s.to)} group by o.fund_id),
      cap as (select fund_id, sum(amount_minor) as capital from capital_contributions where fund_id in (select id from f)
        and (${s.to}::date is null or received_on <= ${s.to}::date) group by fund_id),
      rep as (select l.fund_id, sum(r.principal_minor) as repaid from loan_repayments r join loans l on l.id = r.loan_id
        where l.fund_id in (select id from f) ${narrowed ? sql`and l.project_id in (${s.projects})` : sql``}
          and (${s.from}::date is null or r.paid_on >= ${s.from}::date) and (${s.to}::date is null or r.paid_on <= ${s.to}::date) group by l.fund_id)
      select f.id, f.code, f.name, f.type, f.currency, coalesce(cap.capital, 0) as capital, coalesce(out.committed, 0) as committed,
        coalesce(out.disbursed, 0) as disbursed, coalesce(rep.repaid, 0) as repaid
      from f left join cap on cap.fund_id = f.id left join out on out.fund_id = f.id left join rep on rep.fund_id = f.id
      order by f.code`),
  );
  return rows.map((r) => ({
    fundId: r.id,
    code: r.code,
    name: r.name,
    type: r.type,
    currency: r.currency as CurrencyCode,
    capitalMinor: n(r.capital),
    committedMinor: n(r.committed),
    disbursedMinor: n(r.disbursed),
    repaidMinor: n(r.repaid),
    availableMinor: n(r.capital) + n(r.repaid) - n(r.disbursed) - n(r.committed),
  }));
}

/** The indicators' totals over the projects in view (the impact module's one rule), with their names and SDG targets. */
async function impactOf(db: Db, s: DashboardScope): Promise<ImpactTotal[]> {
  const totals = await indicatorTotals(db, { projects: s.projects, from: s.from, to: s.to });
  if (totals.length === 0) return [];
  const names = new Map(
    rowsOf<{ id: string; name_fr: string; name_en: string; category: string; sdg_targets: string[] | string }>(
      await db.execute(sql`select id, name_fr, name_en, category, sdg_targets from impact_indicators where id in (${idList([...new Set(totals.map((t) => t.indicatorId))])})`),
    ).map((r) => [r.id, r]),
  );
  return totals.map((t) => {
    const name = names.get(t.indicatorId);
    return {
      indicatorId: t.indicatorId,
      code: t.code,
      nameFr: name?.name_fr ?? t.code,
      nameEn: name?.name_en ?? t.code,
      unit: t.unit,
      category: name?.category ?? '',
      aggregation: t.aggregation,
      currency: (t.currency as CurrencyCode | null) ?? null,
      sdgTargets: pgArray(name?.sdg_targets),
      baseline: t.baseline,
      target: t.target,
      actual: t.actual,
      projects: t.projects,
    };
  });
}

/** A text[] as either driver returns it. */
function pgArray(value: string[] | string | undefined): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((v) => v.replace(/^"|"$/g, ''));
}

/**
 * Per SDG goal: the indicators serving it (by their targets' goal number) for which a project in view
 * entered an actual in the period, and how many projects did.
 */
async function sdgOf(db: Db, s: DashboardScope): Promise<ImpactDashboard['sdg']> {
  const rows = rowsOf<{ goal: string | number; indicators: string | number; projects: string | number; codes: string[] | string }>(
    await db.execute(sql`
      with v as (
        select distinct v.project_id, v.indicator_id from project_indicator_values v
        where v.superseded_at is null and v.kind = 'actual' and v.project_id in (${s.projects})
          and (${s.from}::date is null or v.period_end >= ${s.from}::date) and (${s.to}::date is null or v.period_end <= ${s.to}::date)
      ),
      g as (select distinct i.id, i.code, split_part(t.target, '.', 1)::int as goal from impact_indicators i cross join lateral unnest(i.sdg_targets) as t(target)
        where i.id in (select indicator_id from v) and split_part(t.target, '.', 1) ~ '^[0-9]+$')
      select g.goal, count(distinct g.id) as indicators, count(distinct v.project_id) as projects, array_agg(distinct g.code) as codes
      from g join v on v.indicator_id = g.id group by g.goal`),
  );
  const byGoal = new Map(rows.map((r) => [n(r.goal), r]));
  return Array.from({ length: 17 }, (_, i) => {
    const r = byGoal.get(i + 1);
    return { goal: i + 1, indicators: n(r?.indicators), projects: n(r?.projects), codes: pgArray(r?.codes).sort() };
  });
}

function jobsOf(impact: ImpactTotal[]): ImpactDashboard['jobs'] {
  const of = (code: string) => impact.filter((t) => t.code === code);
  const sum = (code: string, field: 'actual' | 'target') => {
    const rows = of(code).filter((t) => t[field] !== null);
    return rows.length ? addDecimals(rows.map((t) => t[field])) : null;
  };
  return {
    createdFte: sum(JOB_CODES.created, 'actual'),
    createdTargetFte: sum(JOB_CODES.created, 'target'),
    women: sum(JOB_CODES.women, 'actual'),
    youth: sum(JOB_CODES.youth, 'actual'),
    disability: sum(JOB_CODES.disability, 'actual'),
    projects: of(JOB_CODES.created).reduce((m, t) => Math.max(m, t.projects), 0),
  };
}

interface ProjectMoney {
  project_id: string;
  currency: string;
  district: string;
  disbursed: string | number;
}

/** Money paid out in the period to each project in view, per currency (the fund's), with the project's district. */
async function disbursedByProject(db: Db, s: DashboardScope): Promise<ProjectMoney[]> {
  return rowsOf<ProjectMoney>(
    await db.execute(sql`
      with o as (${outflowsSql((o) => sql`${o.projectId} in (${s.projects})`)})
      select o.project_id, f.currency, p.district, sum(o.disbursed) as disbursed
      from o join funds f on f.id = o.fund_id join projects p on p.id = o.project_id
      where o.paid_on is not null and ${inPeriod(s.from, s.to)}
      group by o.project_id, f.currency, p.district`),
  );
}

/** Each project's jobs created (FTE, actual) at the period's end, by the impact module's rule. */
async function jobsByProject(db: Db, s: DashboardScope): Promise<Map<string, string>> {
  const figures = await projectFigures(db, { projects: s.projects, from: s.from, to: s.to, codes: [JOB_CODES.created] });
  const jobs = new Map<string, string>();
  for (const f of figures) if (f.actual !== null) jobs.set(f.projectId, addDecimals([jobs.get(f.projectId), f.actual]));
  return jobs;
}

function costPerJobOf(money: ProjectMoney[], jobs: Map<string, string>): ImpactDashboard['costPerJob'] {
  const byCurrency = new Map<string, { disbursed: number; projects: Set<string> }>();
  for (const m of money) {
    if (n(m.disbursed) === 0) continue;
    const entry = byCurrency.get(m.currency) ?? { disbursed: 0, projects: new Set<string>() };
    entry.disbursed += n(m.disbursed);
    entry.projects.add(m.project_id);
    byCurrency.set(m.currency, entry);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, e]) => {
      const fte = addDecimals([...e.projects].map((id) => jobs.get(id)));
      return { currency: currency as CurrencyCode, disbursedMinor: e.disbursed, jobsCreatedFte: fte, costPerJobMinor: costPerJob(e.disbursed, fte), projects: e.projects.size };
    });
}

/** Live guarantees (active or called) on the projects in view, per fund currency. */
async function guaranteesOf(db: Db, s: DashboardScope): Promise<ImpactDashboard['guarantees']> {
  const rows = rowsOf<{ currency: string; live: string; exposure: string; guaranteed: string }>(
    await db.execute(sql`
      select f.currency, count(*) as live, sum(g.exposure_minor) as exposure, sum(g.guaranteed_minor) as guaranteed
      from guarantees g join funds f on f.id = g.fund_id
      where g.status in ('active', 'called') and g.project_id in (${s.projects})
      group by f.currency order by f.currency`),
  );
  return rows.map((r) => ({ currency: r.currency as CurrencyCode, live: n(r.live), exposureMinor: n(r.exposure), guaranteedMinor: n(r.guaranteed) }));
}

/** Community bond offerings issued by projects in view (past their draft), per currency: units and money subscribed and paid, investors. */
async function bondsOf(db: Db, s: DashboardScope): Promise<ImpactDashboard['bonds']> {
  const rows = rowsOf<Record<string, string>>(
    await db.execute(sql`
      select b.currency, count(distinct b.id) as offerings,
        coalesce(sum(x.units) filter (where x.status in ${SUBSCRIBED}), 0) as subscribed_units,
        coalesce(sum(x.amount_minor) filter (where x.status in ${SUBSCRIBED}), 0) as subscribed,
        coalesce(sum(x.units) filter (where x.status in ${PAID}), 0) as paid_units,
        coalesce(sum(x.paid_minor) filter (where x.status in ${PAID}), 0) as paid,
        count(distinct x.investor_id) filter (where x.status in ${SUBSCRIBED}) as investors
      from bond_offerings b left join bond_subscriptions x on x.offering_id = b.id
      where b.status not in ('draft', 'approved', 'cancelled') and b.issuer_project_id in (${s.projects})
        and (${s.from}::date is null or b.closes_on >= ${s.from}::date) and (${s.to}::date is null or b.opens_on <= ${s.to}::date)
      group by b.currency order by b.currency`),
  );
  return rows.map((r) => ({
    currency: r.currency as CurrencyCode,
    offerings: n(r.offerings),
    subscribedUnits: n(r.subscribed_units),
    subscribedMinor: n(r.subscribed),
    paidUnits: n(r.paid_units),
    paidMinor: n(r.paid),
    investors: n(r.investors),
  }));
}

/**
 * The districts of the structures in view, with their outline: active SSE actors of the inventory whose
 * organisation lies there, projects in view there, their jobs created and the money paid out to them.
 */
async function districtsOf(db: Db, s: DashboardScope, money: ProjectMoney[], jobs: Map<string, string>): Promise<DistrictFigures[]> {
  const rows = rowsOf<{ name: string; code: string; structure_id: string; population: number | null; geometry: unknown; actors: string; projects: string; ids: string[] | string | null }>(
    await db.execute(sql`
      with d as (
        select distinct on (d.name) d.name, d.code, d.structure_id, d.population, d.geometry from districts d
        where d.structure_id in (${idList(s.structureIds)}) ${s.district ? sql`and d.name = ${s.district}` : sql``}
        order by d.name, d.structure_id
      ),
      a as (select o.district, count(*) as actors from inventory_entries e join organisations o on o.id = e.organisation_id
        where e.status = 'active' and e.structure_id in (${idList(s.structureIds)}) and o.district in (select name from d) group by o.district),
      p as (select p.district, count(*) as projects from projects p where p.id in (${s.projects}) and p.district in (select name from d) group by p.district)
      select d.name, d.code, d.structure_id, d.population, d.geometry, coalesce(a.actors, 0) as actors, coalesce(p.projects, 0) as projects
      from d left join a on a.district = d.name left join p on p.district = d.name
      order by d.name`),
  );
  // Each project in view with a jobs figure, by district (asked as a set, never as a list of ids).
  const jobsByDistrict = new Map<string, string>();
  if (jobs.size) {
    const located = rowsOf<{ id: string; district: string }>(
      await db.execute(sql`select p.id, p.district from projects p where p.id in (${s.projects})
        and p.district in (select name from districts where structure_id in (${idList(s.structureIds)}))`),
    );
    for (const r of located) if (jobs.has(r.id)) jobsByDistrict.set(r.district, addDecimals([jobsByDistrict.get(r.district), jobs.get(r.id)]));
  }
  return rows.map((r) => {
    const disbursed = new Map<string, number>();
    for (const m of money) if (m.district === r.name && n(m.disbursed) > 0) disbursed.set(m.currency, (disbursed.get(m.currency) ?? 0) + n(m.disbursed));
    return {
      name: r.name,
      code: r.code,
      structureId: r.structure_id,
      population: r.population === null ? null : n(r.population),
      geometry: (typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry) as Record<string, unknown>,
      actors: n(r.actors),
      projects: n(r.projects),
      jobsCreatedFte: jobsByDistrict.get(r.name) ?? '0.00',
      disbursed: [...disbursed.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency: currency as CurrencyCode, amountMinor })),
    };
  });
}

/**
 * The impact dashboard of what the caller reaches, narrowed by the filters. Each section is one
 * set-based query (the money and jobs by project feed three of them); they run side by side.
 */
export async function impactDashboard(db: Db, user: CurrentUser, query: ImpactDashboardQuery): Promise<ImpactDashboard> {
  const s = await resolveScope(db, user, query);
  // Computed once per state of the data and per view (the structures seen and the filters), whoever asks.
  const view = JSON.stringify([[...s.structureIds].sort(), s.programmeId, s.district, s.from, s.to, query]);
  return cachedFigures(db, `impact-dashboard:${view}`, () => computeDashboard(db, s, query));
}

async function computeDashboard(db: Db, s: DashboardScope, query: ImpactDashboardQuery): Promise<ImpactDashboard> {
  const [funnel, cohorts, coaching, funds, impact, sdg, guarantees, bonds, money, jobsByProj] = await Promise.all([
    funnelOf(db, s),
    cohortsOf(db, s),
    coachingOf(db, s),
    fundsOf(db, s),
    impactOf(db, s),
    sdgOf(db, s),
    guaranteesOf(db, s),
    bondsOf(db, s),
    disbursedByProject(db, s),
    jobsByProject(db, s),
  ]);
  const districts = await districtsOf(db, s, money, jobsByProj);
  return {
    filters: query,
    funnel,
    cohorts,
    coaching,
    funds,
    impact,
    sdg,
    jobs: jobsOf(impact),
    costPerJob: costPerJobOf(money, jobsByProj),
    guarantees,
    bonds,
    districts,
  };
}
