import { ROLES, type Role } from '@essor/shared/roles';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describeErrorForLog } from '../../api/src/app';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { concretePath, listOperations, SchemaWalker, type Operation } from '../support/openapi';

let ctx: TestContext;
let operations: Operation[];
let allOperations: Operation[];
let cursorPaths: string[];
let walker: SchemaWalker;
const clients = new Map<Role, TestClient>();

/** Rows in every table but the sign-in bookkeeping: a refused request must leave this unchanged. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = rowsOf<{ table_name: string }>(
    await ctx.database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions', 'login_attempts')`),
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = rowsOf<{ n: string | number }>(await ctx.database.db.execute(sql.raw(`select count(*) as n from "${table_name}"`)));
    counts[table_name] = Number(row.n);
  }
  return counts;
}

function callerFor(op: Operation): TestClient {
  if (op.access.includes('public')) return ctx.client();
  const role = op.access.includes('authenticated') ? 'admin' : (op.access[0] as Role);
  return clients.get(role)!;
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (const role of ROLES) clients.set(role, await ctx.as(role));
  const doc = await (await ctx.client().get('/api/openapi.json')).json();
  walker = new SchemaWalker(doc);
  allOperations = listOperations(doc);
  operations = allOperations.filter((op) => op.bodySchema);
  cursorPaths = Object.entries(doc.paths as Record<string, { get?: { parameters?: { name: string; in: string }[] } }>)
    .filter(([, ops]) => ops.get?.parameters?.some((p) => p.name === 'cursor' && p.in === 'query'))
    .map(([path]) => path);
});
afterAll(() => ctx.close());

describe('hostile input on every route that takes a body', () => {
  it('answers malformed JSON, wrong shapes, wrong types, unknown enum values and oversized bodies with a 4xx, and writes nothing', async () => {
    expect(operations.length).toBeGreaterThan(3);
    const before = await rowCounts();
    const failures: string[] = [];
    for (const op of operations) {
      const path = concretePath(op);
      const client = callerFor(op);
      const attempts: [string, Parameters<TestClient['request']>[2], number][] = [
        ['malformed JSON', { raw: '{"name": "Coop', headers: { 'content-type': 'application/json' } }, 400],
        ['a JSON array', { raw: '[1,2,3]' }, 400],
        ['a JSON string', { raw: '"hello"' }, 400],
        ['wrong types', { body: walker.wrongTypes(op.bodySchema!) }, 400],
        ['over 1 MB', { raw: JSON.stringify({ blob: 'x'.repeat(1_100_000) }) }, 413],
      ];
      for (const [what, options, expected] of attempts) {
        const res = await client.request(op.method, path, options);
        if (res.status !== expected) failures.push(`${op.method} ${op.path} with ${what} -> ${res.status} (expected ${expected})`);
        else {
          const body = await res.json();
          if (!body.error?.code || !body.error?.message) failures.push(`${op.method} ${op.path} with ${what}: no error body`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it('treats SQL-looking strings as plain data: never a 500, and the tables stay whole', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.path !== '/api/auth/logout')) {
      const res = await callerFor(op).request(op.method, concretePath(op), { body: walker.sqlLooking(op.bodySchema!) });
      if (res.status >= 500) failures.push(`${op.method} ${op.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    const counts = await rowCounts();
    expect(counts.users).toBeGreaterThanOrEqual(7);
    expect((await clients.get('admin')!.get('/api/users?limit=1')).status).toBe(200);
  });

  it('refuses NUL characters and unpaired surrogates in any body or query with 400, on every operation, and writes nothing', async () => {
    const before = await rowCounts();
    const failures: string[] = [];
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
    const poisons: [string, string][] = [
      ['a NUL character', 'Coop\u0000erative'],
      ['an unpaired surrogate', 'Coop\ud800erative'],
      ['a trailing high surrogate', 'Coopérative\udbff'],
    ];
    for (const op of allOperations.filter((o) => o.path !== '/api/auth/logout')) {
      const client = callerFor(op);
      const path = concretePath(op);
      for (const [what, poison] of poisons) {
        if (op.bodySchema) {
          const body = walker.sqlLooking(op.bodySchema) as Record<string, unknown>;
          const poisoned = JSON.parse(JSON.stringify(body, (_key, value) => (typeof value === 'string' ? poison : value)));
          const res = await client.request(op.method, path, { body: poisoned });
          if (res.status !== 400) failures.push(`${op.method} ${op.path} body with ${what} -> ${res.status}`);
        }
      }
      // A URL is UTF-8, so only the NUL character can reach a query string.
      const res = await client.request(op.method, `${path}?q=Coop%00erative&name=%00`, op.bodySchema ? { body: {} } : {});
      if (res.status !== 400) failures.push(`${op.method} ${op.path} query with a NUL character -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  }, 300_000);

  it('answers a forged pagination cursor with 400 on every list that pages', async () => {
    expect(cursorPaths.length).toBeGreaterThanOrEqual(6);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = ['garbage', encode(['not-a-date', 'not-a-uuid']), encode([1, 'x']), encode(['2026-01-01T00:00:00.000Z', 'not-a-uuid']), encode(['x', 'NaN']), encode([0, 1e300]), encode({ a: 1 })];
    const failures: string[] = [];
    for (const path of cursorPaths) {
      const op = allOperations.find((o) => o.path === path && o.method === 'GET')!;
      for (const cursor of forged) {
        const res = await callerFor(op).get(`${concretePath(op)}?cursor=${encodeURIComponent(cursor)}`);
        if (res.status !== 400) failures.push(`${path} with cursor ${cursor} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('logs a failed query without its parameters', () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    const line = describeErrorForLog(new DrizzleQueryError('update users set password_hash = $1 where id = $2', ['scrypt$16384$8$1$c2FsdA$a2V5', 'not-a-uuid'], cause));
    expect(line).toContain('update users set password_hash = $1');
    expect(line).toContain('22P02');
    expect(line).not.toContain('scrypt$');
    expect(line).not.toContain('params');
  });
});
