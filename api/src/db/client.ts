import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { projectPath } from '../lib/project-root';

/** The query surface every service takes: a database or a transaction on it, whichever driver. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** How the job runner (pg-boss) reaches the same database: its own small pool, or PGlite's one connection. */
  jobsConnection: JobsConnection;
  /** PGlite only: the data directory as a tarball (what `loadDataDir` starts from). */
  dumpDataDir?(): Promise<Blob>;
}

export type JobsConnection =
  | { connectionString: string }
  | { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

export const MIGRATIONS_DIR = projectPath('drizzle');

/**
 * drizzle runs its unnamed queries with prepare: false, so PostgreSQL parses and plans every request's
 * SQL again; postgres-js can keep a prepared statement per distinct query text and connection instead.
 * (Turn this off if a transaction-mode pooler such as PgBouncer < 1.21 stands in front of the server.)
 */
function withPreparedStatements(client: postgres.Sql): postgres.Sql {
  if (process.env.ESSOR_PG_PREPARE === 'false') return client;
  const unsafe = client.unsafe.bind(client);
  return Object.assign(client, {
    unsafe: (query: string, params?: postgres.ParameterOrJSON<never>[], queryOptions?: postgres.UnsafeQueryOptions) =>
      unsafe(query, params, { ...queryOptions, prepare: true }),
  });
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent Essor runs on embedded PGlite. */
  url?: string;
  /** Folder for PGlite's files; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  /** Connection pool size on PostgreSQL. */
  poolSize?: number;
  /** PGlite only: start from this dump of a data directory (tests start from one already migrated). */
  loadDataDir?: Blob;
}

/**
 * PGlite's Postgres starts with 128 MB of shared buffers, resident in the server's own process from the start. With
 * 64 MB a server freshly started on the demo data holds about 425 MB instead of 520 MB; 32 MB would bring it to
 * about 365 MB, but a long run of ledger writes then takes twice as long (the funds property test: 10 s against 6 s).
 */
const PGLITE_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=64MB'];

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const url = options.url;
    const client = withPreparedStatements(postgres(url, { max: options.poolSize ?? 10, onnotice: () => {} }));
    const db = drizzlePostgres(client) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      async migrate() {
        // Migrations run on their own single connection, as drizzle recommends for postgres-js.
        const migrationClient = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await migratePostgres(drizzlePostgres(migrationClient), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await migrationClient.end();
        }
      },
      close: () => client.end(),
      jobsConnection: { connectionString: url },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(path.resolve(dataDir), { recursive: true });
  const client = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir, startParams: PGLITE_START });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none'),
    jobsConnection: {
      async executeSql(text: string, values?: unknown[]) {
        if (values?.length) return client.query(text, values);
        // Without parameters pg-boss may send several statements at once (its own migrations).
        const results = await client.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      },
    },
  };
}

/** The tag of the last migration applied, read from drizzle's own bookkeeping table. */
export async function appliedMigration(db: Db): Promise<string | null> {
  try {
    const rows = await db.execute<{ hash: string; created_at: string }>(
      sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows;
    const row = list[0] as { hash: string; created_at: string | number } | undefined;
    return row ? String(row.created_at) : null;
  } catch {
    return null;
  }
}
