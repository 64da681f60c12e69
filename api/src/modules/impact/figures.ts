import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../lib/rows';

/**
 * How a project's figure for one indicator and period is read from its current (not superseded) rows:
 * - a flow (`sum`: people served, revenue) adds the rows whose period ends within [from, to];
 * - a stock (`latest`: jobs held, members) takes the row with the latest period end up to `to`;
 * - the baseline is the earliest baseline row.
 * Targets follow the same rule as actuals, so a target and an actual of one period compare.
 * Totals over projects add the projects' figures (money indicators per currency).
 */
export interface FigureWindow {
  /** A query returning the ids (one column) of the projects to count. */
  projects: SQL;
  /** Inclusive ISO days; null: unbounded. */
  from?: string | null;
  to?: string | null;
  /** Only these indicator codes (any structure's indicators with that code); all when absent. */
  codes?: readonly string[];
}

export interface ProjectFigure {
  projectId: string;
  indicatorId: string;
  code: string;
  unit: string;
  aggregation: 'sum' | 'latest';
  currency: string | null;
  /** Exact decimals as strings ('12.50'), null when nothing was entered. */
  baseline: string | null;
  target: string | null;
  actual: string | null;
}

export interface IndicatorTotal {
  indicatorId: string;
  code: string;
  unit: string;
  aggregation: 'sum' | 'latest';
  currency: string | null;
  baseline: string | null;
  target: string | null;
  actual: string | null;
  /** Projects with at least one figure (baseline, target or actual) for it. */
  projects: number;
}

function figuresQuery(window: FigureWindow): SQL {
  const from = window.from ?? null;
  const to = window.to ?? null;
  const codes = window.codes?.length ? sql`and i.code in (${sql.join(window.codes.map((c) => sql`${c}`), sql`, `)})` : sql``;
  const inWindow = sql`(${from}::date is null or v.period_end >= ${from}::date) and (${to}::date is null or v.period_end <= ${to}::date)`;
  const upTo = sql`(${to}::date is null or v.period_end <= ${to}::date)`;
  return sql`
    with v as (
      select v.project_id, v.indicator_id, v.kind, v.period_end, v.value, v.currency, i.code, i.unit, i.aggregation
      from project_indicator_values v
      join impact_indicators i on i.id = v.indicator_id
      where v.superseded_at is null and v.project_id in (${window.projects}) ${codes}
    ),
    flows as (
      select project_id, indicator_id, kind, sum(value) as value, max(currency) as currency
      from v where aggregation = 'sum' and kind <> 'baseline' and ${inWindow}
      group by project_id, indicator_id, kind
    ),
    stocks as (
      select distinct on (project_id, indicator_id, kind) project_id, indicator_id, kind, value, currency
      from v where aggregation = 'latest' and kind <> 'baseline' and ${upTo}
      order by project_id, indicator_id, kind, period_end desc
    ),
    baselines as (
      select distinct on (project_id, indicator_id) project_id, indicator_id, 'baseline'::text as kind, value, currency
      from v where kind = 'baseline'
      order by project_id, indicator_id, period_end asc
    ),
    cells as (select * from flows union all select * from stocks union all select * from baselines)
    select c.project_id::text as "projectId", c.indicator_id::text as "indicatorId", i.code, i.unit, i.aggregation,
      max(c.currency) as currency,
      max(c.value) filter (where c.kind = 'baseline')::text as baseline,
      max(c.value) filter (where c.kind = 'target')::text as target,
      max(c.value) filter (where c.kind = 'actual')::text as actual
    from cells c join impact_indicators i on i.id = c.indicator_id
    group by c.project_id, c.indicator_id, i.code, i.unit, i.aggregation`;
}

/** Each project's baseline, target and actual per indicator, in the window. */
export async function projectFigures(db: Db, window: FigureWindow): Promise<ProjectFigure[]> {
  return rowsOf<ProjectFigure>(await db.execute(sql`${figuresQuery(window)} order by 1, 3`));
}

/** The projects' figures added up per indicator (and per currency for money indicators). */
export async function indicatorTotals(db: Db, window: FigureWindow): Promise<IndicatorTotal[]> {
  const rows = rowsOf<IndicatorTotal & { projects: number | string }>(
    await db.execute(sql`
      select f."indicatorId", f.code, f.unit, f.aggregation, f.currency,
        sum(f.baseline::numeric)::text as baseline, sum(f.target::numeric)::text as target, sum(f.actual::numeric)::text as actual,
        count(*)::int as projects
      from (${figuresQuery(window)}) f
      group by f."indicatorId", f.code, f.unit, f.aggregation, f.currency
      order by f.code, f.currency nulls first`),
  );
  return rows.map((r) => ({ ...r, projects: Number(r.projects) }));
}
