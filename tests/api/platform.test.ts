import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestContext } from '../support/http';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('platform', () => {
  it('reports health with the driver in use and the last migration', async () => {
    const res = await ctx.client().get('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(body.database.migration).toMatch(/^\d{4}_/);
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))('starts the embedded database with half the default shared buffers (the resident memory of a server)', async () => {
    const [row] = rowsOf<{ shared_buffers: string }>(await ctx.database.db.execute(sql`show shared_buffers`));
    expect(row.shared_buffers).toBe('64MB');
  });

  it('sends the security headers on API answers, read or refused', async () => {
    for (const res of [await ctx.client().get('/api/health'), await ctx.client().get('/api/users')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('publishes an OpenAPI 3.1 document in which every operation declares who may call it', async () => {
    const res = await ctx.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths as Record<string, Record<string, { 'x-essor-access'?: string[] }>>).flatMap((ops) => Object.values(ops));
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) expect(op['x-essor-access']?.length).toBeGreaterThan(0);
  });

  it('serves an interactive API reference that works offline', async () => {
    const client = ctx.client();
    const page = await client.get('/api/docs');
    expect(page.status).toBe(200);
    const scripts = [...(await page.text()).matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.every((src) => src.startsWith('/api/docs/'))).toBe(true);
    for (const src of scripts) expect((await client.get(src)).status, src).toBe(200);
    expect(await (await client.get('/api/docs/assets/start.js')).text()).toContain('/api/openapi.json');
    expect((await client.get('/api/docs/assets/package.json')).status).toBe(404);
  });

  it('answers unknown API routes with a JSON 404 and a request id', async () => {
    const res = await ctx.client().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('not_found');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('refuses malformed JSON with 400 and never shows a stack trace', async () => {
    const res = await ctx.client().request('POST', '/api/auth/login', { raw: '{"email": "a@b.c", "password": ' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('malformed_json');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const raw = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1024 * 1024 + 10) });
    const res = await ctx.client().request('POST', '/api/auth/login', { raw, headers: { 'content-length': String(raw.length) } });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('lists every invalid field in the error', async () => {
    const res = await ctx.client().post('/api/auth/register', { email: 'not-an-email', name: 'A', password: 'short', role: 'admin' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid');
    expect(Object.keys(body.error.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
  });
});
