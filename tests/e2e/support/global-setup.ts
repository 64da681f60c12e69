import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildServer, SERVER_BUNDLE } from '../../../tools/build-server';
import { freePort } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An embedded data directory, migrated and holding the demo data, that each browser test's server starts from a copy of. */
    e2eDataTemplate: string;
  }
}

/**
 * Every browser test file starts its own server on its own database. Seeding the demo data is most of a
 * start's cost, so it is done once here; each server starts from a copy (the dates follow today's, and
 * the suite runs within the day). The servers run the built server file, as `npm start` does: it is built here.
 * The template is made by that server's own first start on an empty directory (migrations, the demo data
 * loaded apart, the database opened again), so every run of the suite goes through `npm start`'s first day.
 */
export async function setup(project: TestProject) {
  await buildServer(project.config.root);
  const dir = mkdtempSync(path.join(tmpdir(), 'essor-e2e-template-'));
  await firstStart(project.config.root, dir);
  project.provide('e2eDataTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** Starts the built server on an empty data directory, waits until it serves the demo data, and stops it. */
async function firstStart(root: string, dataDir: string): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', ESSOR_DATA_DIR: dataDir, ESSOR_SEED: 'auto', SMTP_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + 180_000;
    while (!output.includes('Essor is running')) {
      if (child.exitCode !== null) throw new Error(`the first start exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the first start took over 180 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!output.includes('Loaded the demo data')) throw new Error(`the first start did not load the demo data:\n${output}`);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@essor.demo', password: 'essor-demo' }),
    });
    if (!login.ok) throw new Error(`the demo admin could not sign in after the first start (${login.status}):\n${output}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
