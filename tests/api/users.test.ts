import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { rowsOf } from '../../api/src/lib/rows';
import { inviteUser } from '../../api/src/modules/users/service';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
  for (let i = 0; i < 25; i++) {
    await inviteUser(ctx.database.db, { id: null, email: 'test', requestId: null }, {
      email: `person${String(i).padStart(2, '0')}@example.org`,
      name: `Personne ${i}`,
      roles: i % 2 ? ['coach'] : ['staff'],
      structureId: ROOT_STRUCTURE_ID,
      locale: 'fr',
    });
  }
});
afterAll(() => ctx.close());

describe('user administration', () => {
  it('pages through every account with keyset cursors, without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await admin.get(`/api/users?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const page = await res.json();
      for (const user of page.items) {
        expect(seen.has(user.id)).toBe(false);
        seen.add(user.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const [{ n }] = rowsOf<{ n: number }>(await ctx.database.db.execute(sql`select count(*)::int as n from users`));
    expect(n).toBeGreaterThan(30);
    expect(seen.size).toBe(n);
    expect(pages).toBe(Math.ceil(n / 10));
  });

  it('searches by name or email and filters by role and status', async () => {
    const byName = await (await admin.get('/api/users?q=Personne%201')).json();
    expect(byName.items.map((u: { name: string }) => u.name).sort()).toEqual(['Personne 1', ...Array.from({ length: 10 }, (_, i) => `Personne 1${i}`)].sort());
    const coaches = await (await admin.get('/api/users?role=coach&status=invited')).json();
    expect(coaches.items).toHaveLength(12);
    expect(coaches.items.every((u: { roles: string[] }) => u.roles.includes('coach'))).toBe(true);
  });

  it('treats search wildcards as text', async () => {
    const res = await (await admin.get('/api/users?q=%25')).json();
    expect(res.items).toHaveLength(0);
  });

  it('refuses a cursor it did not issue', async () => {
    const res = await admin.get('/api/users?cursor=not-a-cursor');
    expect(res.status).toBe(400);
  });

  it('exports the filtered list as CSV', async () => {
    const res = await admin.get('/api/users/export.csv?role=staff');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('email,name,roles,structures,status,locale,created_at,last_login_at');
    expect(lines).toHaveLength(1 + 13 + 1);
  });

  it('changes roles and records before and after in the audit trail', async () => {
    const list = await (await admin.get('/api/users?q=person03')).json();
    const id = list.items[0].id;
    const res = await admin.patch(`/api/users/${id}`, { roles: ['coach', 'committee_member'] });
    expect(res.status).toBe(200);
    expect((await res.json()).roles).toEqual(['coach', 'committee_member']);
    const audit = await (await admin.get(`/api/audit?entity=user&entityId=${id}&action=user.update`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].before.roles).toEqual(['coach']);
    expect(audit.items[0].after.roles).toEqual(['coach', 'committee_member']);
    expect(audit.items[0].actorEmail).toBe('admin@essor.demo');
    expect(audit.items[0].requestId).toBe(res.headers.get('x-request-id'));
  });

  it('keeps an admin from locking themselves out', async () => {
    const res = await admin.patch(`/api/users/${admin.me!.user.id}`, { status: 'disabled' });
    expect(res.status).toBe(409);
  });

  it('signs a disabled person out at once', async () => {
    const staff = await ctx.as('staff');
    const res = await admin.patch(`/api/users/${staff.me!.user.id}`, { status: 'disabled' });
    expect(res.status).toBe(200);
    expect((await staff.get('/api/auth/me')).status).toBe(401);
    await admin.patch(`/api/users/${staff.me!.user.id}`, { status: 'active' });
  });

  it('answers an unknown user with 404', async () => {
    expect((await admin.get('/api/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { name: 'Nobody' })).status).toBe(404);
  });

  it('writes no audit row when the mutation fails (same transaction)', async () => {
    const count = async () => Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from audit_log`))[0].n);
    const before = await count();
    const res = await admin.post('/api/users', { email: 'person01@example.org', name: 'Duplicate', roles: ['staff'] });
    expect(res.status).toBe(409);
    expect(await count()).toBe(before);
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await inviteUser(tx, { id: null, email: 'test', requestId: null }, { email: 'rolledback@example.org', name: 'Rolled Back', roles: ['staff'], locale: 'fr' });
        throw new Error('a later step of the same business change fails');
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
  });
});
