import { existsSync } from 'node:fs';
import path from 'node:path';
import { fork } from 'node:child_process';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { openDatabase } from './db/client';
import { readEnv } from './env';
import { projectPath } from './lib/project-root';
import { purgeExpired } from './modules/auth/service';
import { JOB_DEFINITIONS } from './modules/jobs/definitions';
import { JobRunner } from './modules/jobs/runner';
import { DEFAULT_PUBLIC_URL } from './modules/mail/outbox';
import { smtpSender } from './modules/mail/transport';
import { describeMisdated, findMisdatedEntries } from './modules/ledger/date-check';
import { isEmpty, seedIfEmpty } from '../../seeds/seed';

const env = readEnv();
const LOAD_DEMO_APART = '--load-demo-apart';
if (process.argv.includes(LOAD_DEMO_APART)) {
  // The child of a first start on the embedded database: loads the demo data, closes, exits.
  const apart = await openDatabase({ dataDir: env.ESSOR_DATA_DIR });
  await apart.migrate();
  await seedIfEmpty(apart.db);
  await apart.close();
  process.exit(0);
}

/**
 * The embedded database's memory grows with the demo data's loading and never shrinks (about 200 MB more than a
 * later start's): on a first start it loads in a child process, whose memory goes with it, and the server opens
 * the loaded database as on any later day.
 */
async function loadDemoApart(): Promise<void> {
  const child = fork(process.argv[1], [LOAD_DEMO_APART], { execArgv: process.execArgv, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('exit', resolve);
    child.once('error', reject);
  });
  if (code !== 0) throw new Error(`loading the demo data failed (exit code ${code})`);
}

/** A data directory the embedded database has never used: the demo data can load apart before the server opens it. */
function freshDataDir(dir: string): boolean {
  return !dir.startsWith('memory://') && !existsSync(path.join(dir, 'PG_VERSION'));
}

let seeded = false;
if (env.ESSOR_SEED === 'auto' && !env.DATABASE_URL && freshDataDir(env.ESSOR_DATA_DIR)) {
  await loadDemoApart();
  seeded = true;
}
let database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.ESSOR_DATA_DIR });
await database.migrate();
if (env.ESSOR_SEED === 'auto' && !seeded) {
  // A directory migrated but never loaded: its first opening's memory stays with this process.
  if (database.kind === 'pglite' && (await isEmpty(database.db))) {
    await database.close();
    await loadDemoApart();
    database = await openDatabase({ dataDir: env.ESSOR_DATA_DIR });
    seeded = true;
  } else {
    seeded = await seedIfEmpty(database.db);
  }
}
if (seeded) console.log('Loaded the demo data (first start on an empty database).');
await purgeExpired(database.db);
// Entries written before the dating rule (or by hand) are reported, to be corrected by reversal.
const misdated = await findMisdatedEntries(database.db);
for (const entry of misdated) console.warn(`Ledger date check: ${describeMisdated(entry)}`);

// Mail goes out over SMTP when SMTP_URL is set; otherwise it stays in the outbox, shown to admins.
const sendMail = env.SMTP_URL ? smtpSender({ url: env.SMTP_URL, from: env.ESSOR_MAIL_FROM }) : null;
const jobs = new JobRunner({ database, definitions: JOB_DEFINITIONS, sendMail, pollingIntervalSeconds: 2 });
await jobs.start({ work: true });

const app = createApp({
  database,
  webDist: projectPath('web', 'dist'),
  secureCookies: env.ESSOR_SECURE_COOKIES,
  mail: { publicUrl: env.ESSOR_PUBLIC_URL ?? (env.PORT === 3000 ? DEFAULT_PUBLIC_URL : `http://localhost:${env.PORT}`), smtpConfigured: Boolean(sendMail) },
  jobs,
});
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`Essor is running on http://localhost:${info.port} (database: ${database.kind === 'pglite' ? `embedded PGlite in ${env.ESSOR_DATA_DIR}` : 'PostgreSQL'})`);
});
// Keep idle connections open longer than clients and proxies do (60 s is usual), so a request is never sent
// on a socket the server is closing at that instant (the client would see ECONNRESET).
if ('keepAliveTimeout' in server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

async function shutdown() {
  server.close();
  await jobs.stop();
  sendMail?.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
