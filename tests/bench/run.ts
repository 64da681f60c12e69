import { fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { STAFF_SIDE_ROLES } from '@essor/shared/roles';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Db } from '../../api/src/db/client';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { seedDemo } from '../../seeds/seed';
import { budgetTable, measurePages } from '../../tools/check-bundle-budgets';
import { dashboardTable, resolveDashboardIds, runDashboardBenchmarks } from './dashboards';
import { listTable, resolveIdsBySql, runListBenchmarks, slowestPlans } from './lists';
import { measureServerMemory } from './memory';

/**
 * `npm run bench`: seeds the demo data and the large-city dataset (seeds/scale/large-city.ts, BENCH_SCALE,
 * default 1) into a throw-away database on the PostgreSQL server named by DATABASE_URL, then measures, in
 * one run, every admin list, dashboard and heavy detail page through the whole Essor stack beside a bare
 * Hono route running the same SQL by hand, at 50 concurrent clients; keeps the plans of the slowest; measures
 * the server's memory on the embedded database; and the domain benchmarks. Writes bench-report.md.
 *
 * BENCH_SCALE=0 leaves the large-city dataset out (filler rows instead). BENCH_SECONDS (10) per measure, BENCH_DEEP_PAGES (20) pages followed for the deep page, BENCH_ONLY a
 * regular expression on the route names, BENCH_REPORT the report's file (bench-report.md), BENCH_SKIP=memory,domain,dashboards to leave sections out while developing.
 */
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server (a throw-away database is created on it), e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
  process.exit(1);
}
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const DEEP_PAGES = Number(process.env.BENCH_DEEP_PAGES ?? 20);
/** Concurrent clients on the dashboards (BENCH_DASHBOARD_CONNECTIONS): a council's dashboards are read by a few people at once. */
const DASHBOARD_CONNECTIONS = Number(process.env.BENCH_DASHBOARD_CONNECTIONS ?? 10);
/** Where the report goes (BENCH_REPORT). */
const REPORT = process.env.BENCH_REPORT ?? 'bench-report.md';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
// Without the large-city seed, filler rows stand in for volume on the lists it would fill.
const FILLER_USERS = Number(process.env.BENCH_USERS ?? 200_000);
const FILLER_AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);

const name = `essor_bench_${Date.now()}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const dbUrl = url.toString();
const lines: string[] = [];
const report = (line = '') => {
  console.log(line);
  lines.push(line);
};
const progress = (line: string) => console.error(`  ${line}`);

/** The large-city seed when it is there (helper work in progress may not have written it yet). */
async function seedVolume(db: Db): Promise<string> {
  const file = new URL('../../seeds/scale/large-city.ts', import.meta.url);
  if (SCALE > 0 && existsSync(file)) {
    const { seedLargeCity } = (await import(pathToFileURL(file.pathname).href)) as { seedLargeCity: (db: Db, options: { scale: number; log?: (line: string) => void }) => Promise<unknown> };
    await seedLargeCity(db, { scale: SCALE, log: progress });
    return `the demo data and the large-city dataset at scale ${SCALE} (seeds/scale/large-city.ts)`;
  }
  await db.execute(sql`
    insert into users (email, name, roles, status, created_at)
    select 'person' || g || '@bench.example', 'Personne ' || g,
           case g % 2 when 0 then '{project_holder}'::text[] else '{investor}'::text[] end,
           'active', now() - (g || ' seconds')::interval
    from generate_series(1, ${FILLER_USERS}) g`);
  await db.execute(sql`
    insert into audit_log (at, actor_email, action, entity, entity_id, after)
    select now() - (g || ' seconds')::interval, 'staff@essor.demo', 'user.update', 'user', g::text, jsonb_build_object('n', g)
    from generate_series(1, ${FILLER_AUDIT_ROWS}) g`);
  return `the demo data plus ${FILLER_USERS.toLocaleString('en')} filler users and ${FILLER_AUDIT_ROWS.toLocaleString('en')} filler audit rows (no seeds/scale/large-city.ts yet)`;
}

try {
  const database = await openDatabase({ url: dbUrl });
  await database.migrate();
  let t0 = performance.now();
  await seedDemo(database.db);
  const dataset = await seedVolume(database.db);
  // The bench signs in as the demo admin holding every staff-side role on the top node: every list shows every city.
  const [{ id: adminId }] = (await database.db.execute(sql`select id from users where email = 'admin@essor.demo'`)) as unknown as { id: string }[];
  for (const role of STAFF_SIDE_ROLES) {
    await database.db.execute(sql`insert into memberships (user_id, structure_id, role)
      select ${adminId}, ${ROOT_STRUCTURE_ID}, ${role} where not exists (select 1 from memberships where user_id = ${adminId} and structure_id = ${ROOT_STRUCTURE_ID} and role = ${role})`);
  }
  // A bell is personal: the admin's is given a city fund manager's notifications, so the bell's list reads a real person's volume.
  await database.db.execute(sql`insert into notifications (user_id, structure_id, kind, event_key, params, link, channel, created_at, read_at)
    select ${adminId}, n.structure_id, n.kind, n.event_key, n.params, n.link, n.channel, n.created_at, n.read_at
    from notifications n join users u on u.id = n.user_id where u.email = 'fm1.1@large-city.essor.test'
    on conflict do nothing`);
  await database.db.execute(sql`analyze`);
  const seedSeconds = (performance.now() - t0) / 1000;
  const counts = (await database.db.execute(sql`select
    (select count(*) from applications)::int as applications, (select count(*) from projects)::int as projects,
    (select count(*) from coaching_sessions)::int as sessions, (select count(*) from cofinancing_requests)::int as cofinancing,
    (select count(*) from loans)::int as loans, (select count(*) from journal_lines)::int as journal_lines,
    (select count(*) from audit_log)::int as audit, (select count(*) from users)::int as users`)) as unknown as Record<string, number>[];
  await database.close();

  const essorPort = 4100 + Math.floor(Math.random() * 400);
  const barePort = essorPort + 1;
  const child = fork(new URL('./servers.ts', import.meta.url), [], {
    env: { ...process.env, DATABASE_URL: dbUrl, ESSOR_PORT: String(essorPort), BARE_PORT: String(barePort) },
    execArgv: ['--import', 'tsx'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
  });

  const login = await fetch(`http://127.0.0.1:${essorPort}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@essor.demo', password: 'essor-demo' }),
  });
  if (!login.ok) throw new Error(`sign-in answered ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];

  const idsClient = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const ids = await resolveIdsBySql(idsClient);
  const dashboardIds = await resolveDashboardIds(idsClient);
  await idsClient.end();
  t0 = performance.now();
  const results = await runListBenchmarks({
    essorBase: `http://127.0.0.1:${essorPort}`,
    bareBase: `http://127.0.0.1:${barePort}`,
    cookie,
    ids,
    seconds: DURATION_S,
    deepPages: DEEP_PAGES,
    connections: CONNECTIONS,
    databaseUrl: dbUrl,
    log: progress,
  });
  const listMinutes = (performance.now() - t0) / 60_000;
  const dashboards = SKIP.has('dashboards')
    ? null
    : await runDashboardBenchmarks({ base: `http://127.0.0.1:${essorPort}`, cookie, ids: dashboardIds, seconds: DURATION_S, connections: DASHBOARD_CONNECTIONS, log: progress });
  child.kill('SIGTERM');

  report('# Essor benchmark');
  report();
  report(`Dataset on PostgreSQL: ${dataset}, seeded in ${seedSeconds.toFixed(1)} s.`);
  report(`Rows: ${Object.entries(counts[0]).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', ')}.`);
  report();
  report('## Lists, dashboards and detail pages');
  report();
  report(
    `Each route signed in as the admin (every staff-side role on the top node), ${CONNECTIONS} concurrent clients, ${DURATION_S} s each after a warm-up, the Essor app and the bare routes in one child process (the load generator in another), ${listMinutes.toFixed(1)} min in all. ` +
      `"page N" is the page reached by following the cursor from the first. Bare: the same SQL by hand through postgres-js, same session and reach check, same JSON, no zod/middleware/drizzle (tests/bench/bare/); both answer the same page (ids and cursor compared) before they are measured. ratio = Essor req/s / bare req/s.`,
  );
  report();
  for (const line of listTable(results)) report(line);
  report();
  if (dashboards) {
    report('## Dashboards (p95)');
    report();
    for (const line of dashboardTable(dashboards, DASHBOARD_CONNECTIONS, DURATION_S)) report(line);
    report();
  }
  report('## Query plans of the slowest routes');
  report();
  for (const line of await slowestPlans(dbUrl, results, cookie, 3)) report(line);

  if (!SKIP.has('memory')) {
    report('## Memory (embedded database)');
    report();
    const memory = await measureServerMemory({ seconds: Math.max(2, Math.round(DURATION_S / 2)), log: progress });
    report(`The real server as \`npm start\` runs it (the built api/dist/server.mjs) on embedded PGlite in a child process, started on a fresh data directory (it loads the demo data), stopped, and started again on it; resident memory (VmRSS) read from /proc.`);
    report();
    report('| moment | RSS MB |');
    report('|---|---:|');
    report(`| after the first start (the demo data loaded by a child process, which then exits) | ${memory.firstStartMb} |`);
    report(`| after a later start (data already there, jobs started) | ${memory.startMb} |`);
    report(`| after the list load (${memory.requests.toLocaleString('en')} requests on ${memory.routes} routes, 50 clients) | ${memory.afterMb} |`);
    report(`| peak (VmHWM) | ${memory.peakMb} |`);
  }

  if (!SKIP.has('domain')) {
    const { runDomainBenchmarks } = await import('./domain');
    for (const line of await runDomainBenchmarks(dbUrl)) report(line);
  }

  report();
  report('## Downloads');
  report();
  if (existsSync('web/dist/.vite/manifest.json')) {
    report("Each page's first load: the JavaScript fetched before it shows (entry, page chunk, its strings, their static imports), from the last `npm run build`.");
    report();
    for (const line of budgetTable(measurePages('web/dist'))) report(line);
  } else {
    report('No build in web/dist: run `npm run build` first.');
  }

  writeFileSync(REPORT, `${lines.join('\n')}\n`);
  console.log(`\nReport written to ${REPORT}`);
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
