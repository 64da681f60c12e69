import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { healthSchema } from '@essor/shared/health';
import { sql } from 'drizzle-orm';
import { appliedMigration, MIGRATIONS_DIR } from '../../db/client';
import type { AppEnv } from '../../lib/context';
import { projectPath } from '../../lib/project-root';
import { defineRoute } from '../../lib/route';

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string; when: number }[];
};
const VERSION = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;

const healthRoute = defineRoute('public', {
  method: 'get',
  path: '/',
  tags: ['platform'],
  summary: 'Liveness and database status',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'Database unreachable', content: { 'application/json': { schema: healthSchema } } },
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
  const db = c.get('db');
  let ok = true;
  let migration: string | null = null;
  try {
    await db.execute(sql`select 1`);
    const when = await appliedMigration(db);
    migration = journal.entries.find((entry) => String(entry.when) === when)?.tag ?? when;
  } catch {
    ok = false;
  }
  const body = {
    status: ok ? ('ok' as const) : ('degraded' as const),
    database: { kind: c.get('databaseKind'), ok, migration },
    version: VERSION,
    time: new Date().toISOString(),
  };
  return ok ? c.json(body, 200) : c.json(body, 503);
});
