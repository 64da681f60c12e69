import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../api/src/db/client';

export interface TestDatabase extends Database {
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new throw-away
 * database on the PostgreSQL server named by DATABASE_URL (CI runs the same suite both ways).
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // Starts from the suite's migrated template (tests/support/global-setup.ts); migrate() then finds nothing to do.
    const template = inject('pgliteTemplate');
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: template ? new Blob([readFileSync(template)]) : undefined });
    await database.migrate();
    return { ...database, dispose: () => database.close() };
  }
  const name = `essor_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  // A copy of the suite's migrated template (tests/support/global-setup.ts); migrate() then finds nothing to do.
  const template = inject('postgresTemplate');
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  // A throw-away database need not wait for each commit to reach the disk (the suite commits thousands of times).
  await admin.unsafe(`alter database ${name} set synchronous_commit = off`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: options.poolSize ?? 10 });
  await database.migrate();
  return {
    ...database,
    async dispose() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
