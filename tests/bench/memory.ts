import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, SERVER_BUNDLE } from '../../tools/build-server';
import { LIST_ROUTES, load, pathOf, resolveIdsByApi } from './lists';

/**
 * The real server as `npm start` runs it (api/dist/server.mjs, built here) on the embedded database, in a child process with a fresh data
 * directory: started once (the demo data loads), stopped, started again as on any later day; its resident
 * memory after each start, then after a load of the list routes at 50 clients, read from /proc/<pid>/status.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'essor-demo' }) });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

async function startServer(dataDir: string, port: number) {
  // node itself (not an npx/tsx wrapper), so the pid read is the server's.
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', ESSOR_DATA_DIR: dataDir, ESSOR_SEED: 'auto', SMTP_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 180 s:\n${stderr}`)), 180_000);
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('Essor is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${stderr}`)));
  });
  // Let the start's own work (jobs, first timers) settle before the first reading.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return child;
}

async function stopServer(child: ReturnType<typeof spawn>) {
  child.kill('SIGTERM');
  await new Promise((resolve) => {
    if (child.exitCode !== null) resolve(null);
    else child.once('exit', resolve);
  });
}

export async function measureServerMemory(options: { seconds: number; connections?: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  await buildServer(ROOT);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'essor-bench-memory-'));
  const port = 4600 + Math.floor(Math.random() * 300);
  const base = `http://127.0.0.1:${port}`;
  const first = await startServer(dataDir, port);
  const firstStart = memoryOf(first.pid!);
  log(`memory after the first start (demo data loaded by a child process): ${firstStart.rssMb} MB`);
  await stopServer(first);
  const child = await startServer(dataDir, port);
  try {
    const start = memoryOf(child.pid!);
    log(`memory after a later start: ${start.rssMb} MB`);
    // A caller per side of the admin, so each route is read by someone its roles allow.
    const cookies = [await signIn(base, 'staff@essor.demo'), await signIn(base, 'fund@essor.demo'), await signIn(base, 'admin@essor.demo')];
    const ids = await resolveIdsByApi(base, cookies[1]);
    let requests = 0;
    let routes = 0;
    for (const route of LIST_ROUTES) {
      const target = pathOf(route, ids);
      if (!target) continue;
      let cookie: string | undefined;
      for (const candidate of cookies) {
        if ((await fetch(`${base}${target}`, { headers: { cookie: candidate } })).ok) {
          cookie = candidate;
          break;
        }
      }
      if (!cookie) continue;
      const measure = await load(`${base}${target}`, cookie, options.seconds, options.connections ?? 50);
      requests += measure.total;
      routes++;
    }
    const after = memoryOf(child.pid!);
    log(`memory after load: ${after.rssMb} MB (peak ${after.peakMb} MB)`);
    return { firstStartMb: firstStart.rssMb, startMb: start.rssMb, afterMb: after.rssMb, peakMb: after.peakMb, requests, routes };
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
