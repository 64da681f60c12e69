import autocannon from 'autocannon';
import type postgres from 'postgres';

/**
 * The dashboards' benchmark (issue 12): the impact dashboard with and without filters, a fund's money flow,
 * the territorial inventory and its summary, and the open data impact export, each loaded for a while by
 * `connections` clients; every answer's time is kept, so the p95 is exact (autocannon's own summary has none).
 * The report says whether every one answers p95 < 200 ms.
 */

export interface DashboardIds {
  /** The city-level node with the most projects below it (the large city when it is there). */
  city?: string;
  programme?: string;
  district?: string;
  /** The fund its funders put most money in. */
  fund?: string;
}

export interface DashboardRoute {
  name: string;
  /** `{key}` is replaced from DashboardIds; the route is left out when that id is missing. */
  path: string;
  /** Counts in the "p95 < 200 ms" verdict (the issue's dashboards). */
  dashboard: boolean;
}

export const DASHBOARD_ROUTES: DashboardRoute[] = [
  { name: 'impact dashboard', path: '/api/dashboards/impact', dashboard: true },
  { name: 'impact dashboard, a city and a year', path: '/api/dashboards/impact?structureId={city}&from=2025-01-01&to=2025-12-31', dashboard: true },
  { name: 'impact dashboard, a programme and a district', path: '/api/dashboards/impact?programmeId={programme}&district={district}', dashboard: true },
  { name: 'money flow, one fund', path: '/api/dashboards/money-flow?fundId={fund}', dashboard: true },
  { name: 'territory inventory', path: '/api/territory/inventory', dashboard: true },
  { name: 'territory inventory summary', path: '/api/territory/inventory/summary', dashboard: true },
  { name: 'open data impact.json (public)', path: '/api/open-data/{city}/impact.json', dashboard: true },
];

/** The threshold of the issue. */
export const DASHBOARD_P95_MS = 200;

export async function resolveDashboardIds(sql: postgres.Sql): Promise<DashboardIds> {
  const one = async (query: Promise<postgres.Row[]>) => ((await query)[0]?.id as string | undefined) ?? undefined;
  return {
    city: await one(sql`
      select s.id::text as id from structures s
      where (s.kind in ('city', 'provincial_committee') or s.parent_id = (select id from structures where parent_id is null order by created_at limit 1)) and s.parent_id is not null
      order by (select count(*) from projects p join structures d on d.id = p.structure_id where d.path like s.path || '%') desc, s.id limit 1`),
    programme: await one(sql`select programme_id::text as id from projects where programme_id is not null group by 1 order by count(*) desc, 1 limit 1`),
    district: await one(sql`select district as id from projects group by 1 order by count(*) desc, 1 limit 1`),
    fund: (await one(sql`select fund_id::text as id from capital_contributions group by 1 order by sum(amount_minor) desc, 1 limit 1`)) ?? (await one(sql`select id::text from funds where type = 'co_financing' order by id limit 1`)),
  };
}

export function dashboardPath(route: DashboardRoute, ids: DashboardIds): string | null {
  let missing = false;
  const path = route.path.replace(/\{(\w+)\}/g, (_m, key: keyof DashboardIds) => {
    const value = ids[key];
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? null : path;
}

export interface DashboardResult {
  name: string;
  path: string;
  dashboard: boolean;
  status: number;
  requests: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  bytes: number;
  /** The first answer, computed from the data (the later ones may come from the figures cache until the data changes). */
  firstMs: number;
  note: string;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function loadTimes(url: string, cookie: string, seconds: number, connections: number): Promise<{ times: number[]; failed: number; elapsed: number }> {
  const times: number[] = [];
  let failed = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers: { cookie }, timeout: 30 }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) times.push(responseTime);
      else failed++;
    });
  });
  return { times, failed: failed + result.errors + result.timeouts, elapsed: (performance.now() - started) / 1000 };
}

export interface DashboardBenchOptions {
  base: string;
  cookie: string;
  ids: DashboardIds;
  seconds: number;
  connections: number;
  log?: (line: string) => void;
}

/** Beyond this, a route is timed over a few requests one after the other instead of loaded. */
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 3000);

export async function runDashboardBenchmarks(options: DashboardBenchOptions): Promise<DashboardResult[]> {
  const { base, cookie, ids, seconds, connections } = options;
  const log = options.log ?? (() => {});
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
  const results: DashboardResult[] = [];
  for (const route of DASHBOARD_ROUTES) {
    if (only && !only.test(route.name)) continue;
    const path = dashboardPath(route, ids);
    const empty = { name: route.name, path: path ?? route.path, dashboard: route.dashboard, requests: 0, failed: 0, p50: 0, p95: 0, p99: 0, max: 0, rps: 0, bytes: 0, firstMs: 0 };
    if (!path) {
      log(`skip ${route.name}: no row to point at`);
      results.push({ ...empty, status: 0, note: 'no row to point at' });
      continue;
    }
    const t0 = performance.now();
    const first = await fetch(`${base}${path}`, { headers: { cookie } });
    const body = await first.text();
    const firstMs = performance.now() - t0;
    if (first.status !== 200) {
      log(`${route.name}: answered ${first.status}, left out`);
      results.push({ ...empty, status: first.status, failed: 1, firstMs, note: `answers ${first.status}` });
      continue;
    }
    if (firstMs > SLOW_MS) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      results.push({ ...empty, status: 200, requests: 5, p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), max: times[4], rps: 1000 / quantile(times, 0.5), bytes: body.length, firstMs, note: `not loaded: one request takes ${(firstMs / 1000).toFixed(1)} s; 5 requests one after the other` });
      log(`${route.name}: ${Math.round(firstMs)} ms a request, not loaded`);
      continue;
    }
    // Warm the route (plans, pools) before it is measured.
    await autocannon({ url: `${base}${path}`, connections: Math.min(10, connections), amount: 50, headers: { cookie }, timeout: 30 });
    const { times, failed, elapsed } = await loadTimes(`${base}${path}`, cookie, seconds, connections);
    times.sort((a, b) => a - b);
    results.push({
      ...empty,
      status: 200,
      requests: times.length,
      failed,
      p50: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      p99: quantile(times, 0.99),
      max: times[times.length - 1] ?? 0,
      rps: times.length / Math.max(elapsed, 0.001),
      bytes: body.length,
      firstMs,
      note: '',
    });
    log(`${route.name}: p95 ${quantile(times, 0.95).toFixed(0)} ms, ${(times.length / Math.max(elapsed, 0.001)).toFixed(0)} req/s`);
  }
  return results;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** The report's section: one row per route, then the verdict line. */
export function dashboardTable(results: DashboardResult[], connections: number, seconds: number): string[] {
  const lines = [
    `Each route signed in as the admin (every staff-side role on the top node; the open data export without a session cookie needed), ${connections} concurrent clients for ${seconds} s after a warm-up; every answer's time kept, so the p95 is exact. Aggregates are computed once per state of the data (lib/figures-cache.ts: the key holds the latest audit id, so any change recomputes them): "first" is that computation, the first request after a change, alone on the server.`,
    '',
    '| route | first ms | p50 ms | p95 ms | p99 ms | max ms | req/s | requests | answer KB | note |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    lines.push(`| ${r.name} | ${ms(r.firstMs)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${ms(r.rps)} | ${r.requests}${r.failed ? ` (${r.failed} failed)` : ''} | ${(r.bytes / 1024).toFixed(1)} | ${r.note} |`);
  }
  const counted = results.filter((r) => r.dashboard);
  const measured = counted.filter((r) => r.status === 200 && r.requests > 0);
  const slow = measured.filter((r) => r.p95 >= DASHBOARD_P95_MS || r.failed > 0);
  const all = measured.length === counted.length && counted.length > 0;
  lines.push('');
  lines.push(`dashboards p95 < ${DASHBOARD_P95_MS} ms: ${all && slow.length === 0 ? 'yes' : 'no'}${slow.length ? ` (over: ${slow.map((r) => `${r.name} ${ms(r.p95)} ms`).join(', ')})` : ''}${all ? '' : ` (not measured: ${counted.filter((r) => !measured.includes(r)).map((r) => `${r.name}${r.note ? `: ${r.note}` : ''}`).join(', ')})`}`);
  return lines;
}
