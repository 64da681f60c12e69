import { fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../../api/src/db/client';
import { seedPlatform } from '../../seeds/platform';
import { budgetTable, measurePages } from '../../tools/check-bundle-budgets';

/**
 * `npm run bench`: seeds a large dataset into a throw-away database on the PostgreSQL server named by
 * DATABASE_URL, then measures, in one run, the authenticated paginated users list through the whole
 * Essor stack against a bare Hono route running the same SQL by hand, at 50 concurrent clients.
 * Writes the report to stdout and to bench-report.md.
 */
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server (a throw-away database is created on it), e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench');
  process.exit(1);
}
const USERS = Number(process.env.BENCH_USERS ?? 200_000);
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

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

try {
  const database = await openDatabase({ url: dbUrl });
  await database.migrate();
  await seedPlatform(database.db);
  let t0 = performance.now();
  await database.db.execute(sql`
    insert into users (email, name, roles, status, created_at)
    select 'person' || g || '@bench.example', 'Personne ' || g,
           case g % 4 when 0 then '{coach}'::text[] when 1 then '{staff}'::text[] when 2 then '{project_holder}'::text[] else '{investor}'::text[] end,
           'active', now() - (g || ' seconds')::interval
    from generate_series(1, ${USERS}) g`);
  await database.db.execute(sql`
    insert into audit_log (at, actor_email, action, entity, entity_id, after)
    select now() - (g || ' seconds')::interval, 'staff@essor.demo', 'user.update', 'user', g::text, jsonb_build_object('n', g)
    from generate_series(1, ${AUDIT_ROWS}) g`);
  await database.db.execute(sql`analyze`);
  const seedSeconds = (performance.now() - t0) / 1000;
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
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];

  async function measure(title: string, port: number) {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/users?role=coach&limit=50`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { cookie },
    });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${title}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return { title, p50: result.latency.p50, p95: result.latency.p97_5 ?? result.latency.p99, p99: result.latency.p99, rps: result.requests.average, total: result.requests.total };
  }

  // Both routes must answer the same page, or the comparison means nothing.
  const pages = await Promise.all(
    [essorPort, barePort].map(async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/users?role=coach&limit=50`, { headers: { cookie } });
      if (!res.ok) throw new Error(`port ${port} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { items: { id: string }[] }).items.map((u) => u.id).join();
    }),
  );
  if (pages[0] !== pages[1]) throw new Error('the bare route and the Essor route answer different pages');

  // Warm both paths once so neither pays the first-connection cost inside the measure.
  await autocannon({ url: `http://127.0.0.1:${essorPort}/api/users?role=coach&limit=50`, connections: 10, amount: 200, headers: { cookie } });
  await autocannon({ url: `http://127.0.0.1:${barePort}/api/users?role=coach&limit=50`, connections: 10, amount: 200, headers: { cookie } });
  t0 = performance.now();
  const full = await measure('Essor route (session, zod, service, drizzle)', essorPort);
  const bare = await measure('Bare Hono route, same SQL by hand', barePort);
  child.kill('SIGTERM');

  report('# Essor benchmark');
  report();
  report(`Dataset: ${USERS.toLocaleString('en')} users, ${AUDIT_ROWS.toLocaleString('en')} audit rows on PostgreSQL (seeded in ${seedSeconds.toFixed(1)} s).`);
  report(`Load: GET /api/users?role=coach&limit=50 signed in as admin, ${CONNECTIONS} concurrent clients, ${DURATION_S} s each, server in its own process.`);
  report();
  report('| route | p50 ms | p97.5 ms | p99 ms | req/s | requests |');
  report('|---|---:|---:|---:|---:|---:|');
  for (const r of [full, bare]) report(`| ${r.title} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps.toFixed(0)} | ${r.total} |`);
  report();
  report(`Throughput ratio Essor / bare: ${(full.rps / bare.rps).toFixed(2)} (1.00 = no framework overhead).`);
  report(`p50 latency ratio Essor / bare: ${(full.p50 / Math.max(bare.p50, 0.01)).toFixed(2)}.`);

  const { runDomainBenchmarks } = await import('./domain');
  for (const line of await runDomainBenchmarks(dbUrl)) report(line);

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

  writeFileSync('bench-report.md', `${lines.join('\n')}\n`);
  console.log('\nReport written to bench-report.md');
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
