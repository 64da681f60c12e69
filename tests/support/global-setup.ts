import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../api/src/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a freshly migrated PGlite data directory (empty when the suite runs on PostgreSQL). */
    pgliteTemplate: string;
  }
}

/**
 * Starting PGlite from scratch (initdb) and migrating costs a few seconds per test file; the suite
 * migrates once here and every file's database starts from a copy of the result.
 */
export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteTemplate', '');
    return;
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const file = path.join(tmpdir(), `essor-pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(file, { force: true });
}
