import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../api/src/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a freshly migrated PGlite data directory (empty when the suite runs on PostgreSQL). */
    pgliteTemplate: string;
    /** A migrated database on the PostgreSQL server that each file's database is copied from (empty on PGlite). */
    postgresTemplate: string;
  }
}

/**
 * Starting PGlite from scratch (initdb) and migrating costs a few seconds per test file, and migrating a new
 * database on PostgreSQL as much: the suite migrates once here and every file's database starts from a copy.
 */
export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // Migrating costs seconds per file on the server too; copying a migrated database is a file copy.
    const name = `essor_template_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 1 });
    await database.migrate();
    await database.close();
    project.provide('pgliteTemplate', '');
    project.provide('postgresTemplate', name);
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  project.provide('postgresTemplate', '');
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const file = path.join(tmpdir(), `essor-pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(file, { force: true });
}
