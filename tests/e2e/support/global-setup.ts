import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../api/src/db/client';
import { seedIfEmpty } from '../../../seeds/seed';
import { buildServer } from '../../../tools/build-server';

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
 */
export async function setup(project: TestProject) {
  await buildServer(project.config.root);
  const dir = mkdtempSync(path.join(tmpdir(), 'essor-e2e-template-'));
  const database = await openDatabase({ dataDir: dir });
  await database.migrate();
  await seedIfEmpty(database.db);
  await database.close();
  project.provide('e2eDataTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
