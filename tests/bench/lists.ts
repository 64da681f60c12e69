import autocannon from 'autocannon';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createApp } from '../../api/src/app';
import type { Database, Db } from '../../api/src/db/client';
import { hasBareTwin } from './bare';

/**
 * The list benchmark (issue 13): every GET list of the admin (first page and a deep page by cursor, with the
 * filters the screens send), the dashboards and the heaviest detail pages, each at 50 concurrent clients
 * beside its bare twin (tests/bench/bare/) when it has one, in one run; then EXPLAIN (ANALYZE,
 * BUFFERS) of the slowest Essor routes' heaviest statements.
 */

/** The rows the routes point at: the heaviest of each kind when read by SQL, the first one when read through the API. */
export interface BenchIds {
  project?: string;
  loan?: string;
  guarantee?: string;
  fund?: string;
  loanFund?: string;
  guaranteeFund?: string;
  offering?: string;
  account?: string;
  /** The calendar month the screens would open on: the busiest one. */
  monthFrom: string;
  monthTo: string;
}

export interface ListRoute {
  name: string;
  kind: 'list' | 'aggregate' | 'detail';
  /** Path and query string; `{key}` is replaced from BenchIds, and the route is left out when that id is missing. */
  path: string;
  /** Keyset-paged: also measured on the page reached by following the cursor. */
  paged?: boolean;
}

export const LIST_ROUTES: ListRoute[] = [
  // The lists the issue names first.
  { name: 'applications', kind: 'list', path: '/api/applications?limit=50', paged: true },
  { name: 'applications, status submitted', kind: 'list', path: '/api/applications?status=submitted&limit=50', paged: true },
  { name: 'projects', kind: 'list', path: '/api/projects?limit=50', paged: true },
  { name: 'coaching sessions, one month', kind: 'list', path: '/api/coaching/sessions?from={monthFrom}&to={monthTo}' },
  { name: 'co-financing', kind: 'list', path: '/api/funds/cofinancing?limit=50', paged: true },
  { name: 'co-financing, status approved', kind: 'list', path: '/api/funds/cofinancing?status=approved&limit=50', paged: true },
  { name: 'loans', kind: 'list', path: '/api/funds/loans?limit=50', paged: true },
  { name: 'loans, status active', kind: 'list', path: '/api/funds/loans?status=active&limit=50', paged: true },
  { name: 'journal entries', kind: 'list', path: '/api/funds/ledger/entries?limit=50', paged: true },
  { name: 'journal entries, one fund', kind: 'list', path: '/api/funds/ledger/entries?fundId={loanFund}&limit=50', paged: true },
  { name: 'users', kind: 'list', path: '/api/users?limit=50', paged: true },
  { name: 'users, role investor', kind: 'list', path: '/api/users?role=investor&limit=50', paged: true },
  // The other lists of the admin.
  { name: 'organisations', kind: 'list', path: '/api/organisations?limit=50', paged: true },
  { name: 'programmes', kind: 'list', path: '/api/programmes' }, // not paged: read whole
  { name: 'cohorts', kind: 'list', path: '/api/cohorts' }, // not paged: read whole
  { name: 'committee sessions', kind: 'list', path: '/api/committee/sessions' }, // not paged: read whole
  { name: 'coaching plans', kind: 'list', path: '/api/coaching/plans?limit=50', paged: true },
  { name: 'coaches', kind: 'list', path: '/api/coaching/coaches' },
  { name: 'milestones', kind: 'list', path: '/api/followup/milestones?limit=50', paged: true },
  { name: 'follow-up visits', kind: 'list', path: '/api/followup/visits?limit=50', paged: true },
  { name: 'projects at risk', kind: 'list', path: '/api/followup/at-risk' },
  { name: 'equipment quotes', kind: 'list', path: '/api/funds/equipment/quotes' },
  { name: 'equipment assets', kind: 'list', path: '/api/funds/equipment/assets?limit=50', paged: true },
  { name: 'funds', kind: 'list', path: '/api/funds' },
  { name: 'approvals inbox', kind: 'list', path: '/api/funds/inbox' },
  { name: 'ledger account statement', kind: 'list', path: '/api/funds/ledger/accounts/{account}/statement?limit=200', paged: true },
  { name: 'audit', kind: 'list', path: '/api/audit?limit=50', paged: true },
  { name: 'notifications', kind: 'list', path: '/api/notifications?limit=50', paged: true },
  { name: 'mail outbox', kind: 'list', path: '/api/mail/outbox?limit=50', paged: true },
  { name: 'bond offerings', kind: 'list', path: '/api/bonds/offerings?limit=50', paged: true },
  { name: 'bond subscriptions of an offering', kind: 'list', path: '/api/bonds/offerings/{offering}/subscriptions?limit=50', paged: true },
  { name: 'bond holdings of an offering', kind: 'list', path: '/api/bonds/offerings/{offering}/holders?limit=50', paged: true },
  { name: 'guarantees register', kind: 'list', path: '/api/guarantees?limit=50', paged: true },
  { name: 'structures', kind: 'list', path: '/api/structures' },
  // Dashboards and aggregates.
  { name: 'home', kind: 'aggregate', path: '/api/home' },
  { name: 'applications funnel', kind: 'aggregate', path: '/api/applications/funnel' },
  { name: 'applications board', kind: 'aggregate', path: '/api/applications/board' },
  { name: 'coaching hours report', kind: 'aggregate', path: '/api/coaching/reports/hours?from={monthFrom:day}&to={monthTo:day}' },
  { name: 'coaching expert payments', kind: 'aggregate', path: '/api/coaching/reports/expert-payments?from={monthFrom:day}&to={monthTo:day}' },
  { name: 'fund timeline', kind: 'aggregate', path: '/api/funds/{fund}/timeline' },
  { name: 'trial balance, whole ledger', kind: 'aggregate', path: '/api/funds/ledger/trial-balance' },
  { name: 'trial balance, one fund', kind: 'aggregate', path: '/api/funds/ledger/trial-balance?fundId={loanFund}' },
  { name: 'guarantee dashboard', kind: 'aggregate', path: '/api/guarantees/dashboard' },
  { name: 'bond uptake', kind: 'aggregate', path: '/api/bonds/offerings/{offering}/uptake' },
  { name: 'structures overview', kind: 'aggregate', path: '/api/structures/overview' },
  // The heaviest detail pages.
  { name: 'a project', kind: 'detail', path: '/api/projects/{project}' },
  { name: 'a loan', kind: 'detail', path: '/api/funds/loans/{loan}' },
  { name: 'a guarantee', kind: 'detail', path: '/api/guarantees/{guarantee}' },
  { name: 'a fund (figures)', kind: 'detail', path: '/api/funds/{fund}' },
  { name: 'a bond offering', kind: 'detail', path: '/api/bonds/offerings/{offering}' },
];

/** The route's path with its ids filled in, or null when one is missing. */
export function pathOf(route: ListRoute, ids: BenchIds): string | null {
  let missing = false;
  const path = route.path.replace(/\{(\w+)(:day)?\}/g, (_m, key: keyof BenchIds, day?: string) => {
    const value = ids[key];
    if (!value) missing = true;
    return encodeURIComponent(day ? String(value).slice(0, 10) : String(value));
  });
  return missing ? null : path;
}

/** The heaviest rows of each kind, read from the database. */
export async function resolveIdsBySql(sql: postgres.Sql): Promise<BenchIds> {
  const one = async (query: Promise<postgres.Row[]>) => ((await query)[0]?.id as string | undefined) ?? undefined;
  // Only ids the routes' z.uuid() accepts (RFC 9562 version and variant): hashed ids of generated data may not be.
  const rfc = (column: string) => sql.unsafe(`${column}::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'`);
  const [month] = await sql`select date_trunc('month', starts_at) as m from coaching_sessions group by 1 order by count(*) desc limit 1`;
  const from = month ? (month.m as Date) : new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  return {
    project: (await one(sql`select project_id as id from journal_entries where project_id is not null and ${rfc('project_id')} group by 1 order by count(*) desc limit 1`)) ?? (await one(sql`select id from projects where ${rfc('id')} limit 1`)),
    loan: await one(sql`select loan_id as id from loan_instalments where ${rfc('loan_id')} group by 1 order by count(*) desc limit 1`),
    guarantee: await one(sql`select g.id from guarantees g where ${rfc('g.id')} order by (select count(*) from audit_log a where a.entity = 'guarantee' and a.entity_id = g.id::text) desc limit 1`),
    fund: await one(sql`select fund_id as id from journal_entries where ${rfc('fund_id')} group by 1 order by count(*) desc limit 1`),
    loanFund: await one(sql`select e.fund_id as id from journal_entries e join funds f on f.id = e.fund_id where f.type = 'loan' and ${rfc('f.id')} group by 1 order by count(*) desc limit 1`),
    guaranteeFund: await one(sql`select id from funds where type = 'guarantee' and ${rfc('id')} limit 1`),
    // A closed offering when there is one, so that its register of holders has lines.
    offering: await one(sql`select offering_id as id from bond_subscriptions where ${rfc('offering_id')} group by 1 order by count(*) filter (where status = 'allotted') desc, count(*) desc limit 1`),
    account: await one(sql`select account_id as id from journal_lines where ${rfc('account_id')} group by 1 order by count(*) desc limit 1`),
    monthFrom: from.toISOString(),
    monthTo: to.toISOString(),
  };
}

/** The first row of each kind, read through the API (the embedded database's server has no SQL from outside). */
export async function resolveIdsByApi(base: string, cookie: string): Promise<BenchIds> {
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie } });
    if (!res.ok) return [];
    const body = (await res.json()) as { items?: Record<string, unknown>[] } | Record<string, unknown>[];
    return Array.isArray(body) ? body : (body.items ?? []);
  };
  const fundsList = await get('/api/funds');
  const now = new Date();
  const loanFund = fundsList.find((f) => f.type === 'loan')?.id as string | undefined;
  return {
    project: (await get('/api/projects?limit=1'))[0]?.id as string | undefined,
    loan: (await get('/api/funds/loans'))[0]?.id as string | undefined,
    guarantee: (await get('/api/guarantees'))[0]?.id as string | undefined,
    fund: loanFund ?? (fundsList[0]?.id as string | undefined),
    loanFund,
    guaranteeFund: fundsList.find((f) => f.type === 'guarantee')?.id as string | undefined,
    offering: (await get('/api/bonds/offerings?limit=1'))[0]?.id as string | undefined,
    account: (await get('/api/funds/ledger/accounts'))[0]?.id as string | undefined,
    monthFrom: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
    monthTo: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
  };
}

type Body = { items?: { id: unknown }[]; nextCursor?: string | null } | { id: unknown }[] | Record<string, unknown>;

async function fetchJson(url: string, cookie: string): Promise<{ status: number; body: Body | null; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const text = await res.text();
  return { status: res.status, body: res.ok ? (JSON.parse(text) as Body) : null, ms: performance.now() - t0 };
}

const idsOf = (body: Body | null) => {
  if (!body) return '';
  const items = Array.isArray(body) ? body : Array.isArray(body.items) ? body.items : null;
  return items ? (items as { id: unknown }[]).map((i) => String(i.id)).join() : '';
};
const cursorOf = (body: Body | null) => (body && !Array.isArray(body) && typeof body.nextCursor === 'string' ? body.nextCursor : null);

/** Keys an aggregate's or a detail's comparison leaves out: per-caller UI fields and the moment of the answer. */
const UNCOMPARED_KEYS = new Set(['allowedActions', 'waiting', 'generatedAt', 'asOf']);
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .filter((key) => !UNCOMPARED_KEYS.has(key))
            .sort()
            .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
        )
      : value;
/** An answer's JSON with its keys sorted at every depth, for comparing aggregates and details whole. */
const canonicalJson = (body: Body | null) => JSON.stringify(canonical(body));

/** The cursor reached by following `pages` pages from the first (or the last page there is), and how deep it went. */
async function deepCursor(base: string, path: string, cookie: string, pages: number): Promise<{ cursor: string; depth: number } | null> {
  let cursor: string | null = null;
  let depth = 0;
  let last: { cursor: string; depth: number } | null = null;
  for (let i = 0; i < pages; i++) {
    const url: string = `${base}${path}${cursor ? `${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { body } = await fetchJson(url, cookie);
    const next = cursorOf(body);
    if (!next) break;
    cursor = next;
    depth = i + 2;
    last = { cursor, depth };
  }
  return last;
}

export interface Measure {
  p50: number;
  p975: number;
  rps: number;
  total: number;
  failed: number;
}

export async function load(url: string, cookie: string, seconds: number, connections = 50): Promise<Measure> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie }, timeout: 30 });
  return {
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    // Requests over the elapsed time: the per-second average is empty when answers take longer than the run.
    rps: result.requests.total / Math.max(result.duration, 0.001),
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Waits until the server answers its health check quickly again and, when the database is known, until no other
 * statement runs in it: autocannon leaves the last requests of a load in flight, and a heavy route's statements go
 * on in PostgreSQL after the load has stopped, so the next route would be measured against them.
 */
async function settle(base: string, database?: postgres.Sql): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const t0 = performance.now();
    await fetch(`${base}/api/health`).then((res) => res.text()).catch(() => '');
    const quick = performance.now() - t0 < 25;
    const busy = database
      ? Number((await database`select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()`)[0].n)
      : 0;
    if (quick && busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ListResult {
  name: string;
  kind: ListRoute['kind'];
  path: string;
  essor: Measure;
  bare: Measure | null;
  /** Why there is no bare figure, when there is none. */
  note: string;
  bytes: number;
}

export interface ListBenchOptions {
  essorBase: string;
  bareBase: string;
  cookie: string;
  ids: BenchIds;
  seconds: number;
  deepPages: number;
  connections?: number;
  /** The benchmarked database: between two measures, the bench waits until no statement runs in it. */
  databaseUrl?: string;
  log?: (line: string) => void;
}

/** Measures every route of LIST_ROUTES (and the deep page of the paged ones) against its bare twin. */
export async function runListBenchmarks(options: ListBenchOptions): Promise<ListResult[]> {
  const results: ListResult[] = [];
  const watch = options.databaseUrl ? postgres(options.databaseUrl, { max: 1, onnotice: () => {} }) : undefined;
  try {
    return await measureEvery(options, results, watch);
  } finally {
    await watch?.end();
  }
}

async function measureEvery(options: ListBenchOptions, results: ListResult[], watch: postgres.Sql | undefined): Promise<ListResult[]> {
  const { essorBase, bareBase, cookie, ids, seconds, deepPages } = options;
  const log = options.log ?? (() => {});
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
  for (const route of LIST_ROUTES) {
    if (only && !only.test(route.name)) continue;
    const path = pathOf(route, ids);
    if (!path) {
      log(`skip ${route.name}: no row to point at`);
      continue;
    }
    const variants: { name: string; path: string }[] = [{ name: route.name, path }];
    if (route.paged) {
      const deep = await deepCursor(essorBase, path, cookie, deepPages);
      if (deep) variants.push({ name: `${route.name}, page ${deep.depth}`, path: `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(deep.cursor)}` });
    }
    for (const variant of variants) {
      const first = await fetchJson(`${essorBase}${variant.path}`, cookie);
      if (first.status !== 200) {
        log(`${variant.name}: Essor answered ${first.status}, left out`);
        results.push({ name: variant.name, kind: route.kind, path: variant.path, essor: { p50: 0, p975: 0, rps: 0, total: 0, failed: 1 }, bare: null, note: `answers ${first.status}`, bytes: 0 });
        continue;
      }
      const bytes = JSON.stringify(first.body).length;
      const hasTwin = hasBareTwin(variant.path.split('?')[0]);
      let note = hasTwin ? '' : 'no bare route yet';
      if (hasTwin) {
        // Both must answer the same page (a list) or the same figures (an aggregate, a detail), or the comparison means nothing.
        const twin = await fetchJson(`${bareBase}${variant.path}`, cookie);
        if (twin.status !== 200) note = `bare answered ${twin.status}`;
        else if (route.kind !== 'list') {
          if (canonicalJson(twin.body) !== canonicalJson(first.body)) note = 'bare answers other figures: not compared';
        } else if (idsOf(twin.body) !== idsOf(first.body) || cursorOf(twin.body) !== cursorOf(first.body)) note = 'bare answers another page: not compared';
      }
      const compare = hasTwin && note === '';
      if (first.ms > SLOW_MS) {
        // 50 clients on a route this slow would keep the server busy long after the measure: one request's time stands instead.
        const one = Math.round(first.ms);
        const twinMs = compare ? Math.round((await fetchJson(`${bareBase}${variant.path}`, cookie)).ms) : null;
        results.push({ name: variant.name, kind: route.kind, path: variant.path, essor: { p50: one, p975: one, rps: 1000 / one, total: 1, failed: 0 }, bare: twinMs === null ? null : { p50: twinMs, p975: twinMs, rps: 1000 / twinMs, total: 1, failed: 0 }, note: `not loaded: one request takes ${(one / 1000).toFixed(1)} s${twinMs === null ? '' : ` (bare ${(twinMs / 1000).toFixed(1)} s)`}; figures of one request alone`, bytes });
        log(`${variant.name}: one request ${one} ms, not loaded`);
        continue;
      }
      // Warm both paths so neither pays the first connections (nor the first plan) inside the measure.
      await autocannon({ url: `${essorBase}${variant.path}`, connections: 10, amount: 100, headers: { cookie }, timeout: 30 });
      if (compare) await autocannon({ url: `${bareBase}${variant.path}`, connections: 10, amount: 100, headers: { cookie }, timeout: 30 });
      await settle(essorBase, watch);
      const essor = await load(`${essorBase}${variant.path}`, cookie, seconds, options.connections);
      await settle(essorBase, watch);
      const bare = compare ? await load(`${bareBase}${variant.path}`, cookie, seconds, options.connections) : null;
      if (bare) await settle(essorBase, watch);
      results.push({ name: variant.name, kind: route.kind, path: variant.path, essor, bare, note, bytes });
      log(`${variant.name}: ${essor.rps.toFixed(0)} req/s${bare ? ` (bare ${bare.rps.toFixed(0)})` : ''}`);
    }
  }
  return results;
}

/** Beyond this, one request alone is timed instead of 50 clients' load (BENCH_SLOW_MS). */
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 3000);

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export function listTable(results: ListResult[]): string[] {
  const lines = ['| route | kind | p50 ms | p97.5 ms | req/s | bare req/s | ratio | answer KB | note |', '|---|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of results) {
    const failed = [r.essor.failed > 0 ? ` (${r.essor.failed} failed)` : '', r.bare && r.bare.failed > 0 ? ` (bare: ${r.bare.failed} failed)` : ''].join('');
    lines.push(
      `| ${r.name} | ${r.kind} | ${r.essor.p50} | ${r.essor.p975} | ${fmt(r.essor.rps)} | ${r.bare ? fmt(r.bare.rps) : '—'} | ${r.bare ? (r.essor.rps / Math.max(r.bare.rps, 0.01)).toFixed(2) : '—'} | ${(r.bytes / 1024).toFixed(1)} | ${r.note}${failed} |`,
    );
  }
  return lines;
}

interface Captured {
  query: string;
  params: unknown[];
}

/**
 * The statements one request issues, captured by running it in-process on a drizzle client with postgres-js
 * `debug`, each run again under EXPLAIN (ANALYZE, BUFFERS); answers the request's statements, slowest first.
 */
export async function explainRequest(databaseUrl: string, path: string, cookie: string): Promise<{ statements: number; plans: { ms: number; query: string; plan: string }[] }> {
  const captured: Captured[] = [];
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {}, debug: (_connection, query, params) => captured.push({ query, params: params as unknown[] }) });
  const database: Database = { kind: 'postgres', db: drizzle(client) as unknown as Db, migrate: async () => {}, close: () => client.end(), jobsConnection: { connectionString: databaseUrl } };
  const app = createApp({ database });
  const explain = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const res = await app.request(path, { headers: { cookie } });
    await res.text();
    const plans: { ms: number; query: string; plan: string }[] = [];
    for (const { query, params } of captured) {
      if (!/^\s*(select|with)\b/i.test(query) || /pg_catalog\./.test(query)) continue;
      const rows = await explain.unsafe(`explain (analyze, buffers) ${query}`, params as never[]);
      const plan = rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
      plans.push({ ms, query, plan });
    }
    return { statements: captured.length, plans: plans.sort((a, b) => b.ms - a.ms) };
  } finally {
    await client.end();
    await explain.end();
  }
}

/** The report's plan section: the `count` slowest routes (by p50), each with its heaviest statement's plan. */
export async function slowestPlans(databaseUrl: string, results: ListResult[], cookie: string, count = 3): Promise<string[]> {
  const slowest = [...results].filter((r) => r.essor.total > 0).sort((a, b) => b.essor.p50 - a.essor.p50).slice(0, count);
  const lines: string[] = [];
  for (const r of slowest) {
    const { statements, plans } = await explainRequest(databaseUrl, r.path, cookie);
    const top = plans[0];
    const total = plans.reduce((sum, p) => sum + p.ms, 0);
    lines.push(`### ${r.name} — p50 ${r.essor.p50} ms`, '');
    lines.push(`\`GET ${r.path}\`: ${statements} statements, ${total.toFixed(1)} ms of execution in the database in all (EXPLAIN ANALYZE); the heaviest:`, '');
    if (top) lines.push('```sql', top.query, '```', '', '```', top.plan, '```', '');
    if (plans[1]) lines.push(`Next: ${plans.slice(1, 4).map((p) => `${p.ms.toFixed(1)} ms \`${p.query.slice(0, 90).replace(/\s+/g, ' ')}…\``).join('; ')}`, '');
  }
  return lines;
}
