import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../api/src/db/schema/auth';
import { FREE_FAILURES_PER_PAIR } from '../../api/src/modules/auth/service';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestContext } from '../support/http';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function auditCount(): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(await ctx.database.db.execute(sql`select count(*) as n from audit_log`));
  return Number(rows[0].n);
}

describe('sessions', () => {
  it('signs in, tells who is signed in, and signs out', async () => {
    const client = await ctx.as('staff');
    expect(client.cookie).toMatch(/^essor_session=/);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.roles).toEqual(['staff']);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const after = await ctx.client().get('/api/auth/me', { headers: { cookie: client.cookie ?? '' } });
    expect(after.status).toBe(401);
  });

  it('sets the session cookie httpOnly and SameSite', async () => {
    const res = await ctx.client().post('/api/auth/login', { email: 'coach@essor.demo', password: 'essor-demo' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('never stores a password in clear', async () => {
    const [row] = await ctx.database.db.select().from(users).where(eq(users.email, 'admin@essor.demo'));
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain('essor-demo');
  });

  it('refuses a wrong password with 401 and a clear message', async () => {
    const res = await ctx.client().post('/api/auth/login', { email: 'fund@essor.demo', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/adresse e-mail ou mot de passe incorrect/i);
    const inEnglish = await ctx.client().post('/api/auth/login', { email: 'fund@essor.demo', password: 'wrong-password' }, { headers: { 'accept-language': 'en' } });
    expect((await inEnglish.json()).error.message).toMatch(/wrong email or password/i);
  });

  it('answers an expired session with 401 session_expired', async () => {
    const client = await ctx.as('coach');
    await ctx.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.csrfToken, client.csrfToken!));
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('session_expired');
  });

  it('refuses a mutation without the CSRF token, and writes nothing', async () => {
    const admin = await ctx.as('admin');
    const before = await auditCount();
    const res = await admin.post('/api/users', { email: 'csrf@example.org', name: 'No Token', roles: ['staff'] }, { csrf: false });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf');
    expect(await auditCount()).toBe(before);
    const [row] = await ctx.database.db.select().from(users).where(eq(users.email, 'csrf@example.org'));
    expect(row).toBeUndefined();
  });

  it('slows failed sign-ins per email and address with 429, even for the right password afterwards', async () => {
    const email = 'committee@essor.demo';
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++) {
      expect((await ctx.client().post('/api/auth/login', { email, password: `wrong-${i}` })).status).toBe(401);
    }
    const blocked = await ctx.client().post('/api/auth/login', { email, password: 'essor-demo' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    expect((await ctx.client().post('/api/auth/login', { email: 'investor@essor.demo', password: 'essor-demo' })).status).toBe(200);
  });
});

describe('registration and invitations', () => {
  it('lets a project holder register, then sign in with the password chosen', async () => {
    const client = ctx.client();
    const res = await client.post('/api/auth/register', { email: 'New.Holder@Example.org', name: 'Coop Nouvelle', password: 'a-long-password', role: 'project_holder' });
    expect(res.status).toBe(202);
    const signedIn = await client.post('/api/auth/login', { email: 'new.holder@example.org', password: 'a-long-password' });
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()).user).toMatchObject({ email: 'new.holder@example.org', roles: ['project_holder'] });
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('refuses self-registration as staff or admin', async () => {
    const res = await ctx.client().post('/api/auth/register', { email: 'sneaky@example.org', name: 'Sneaky', password: 'a-long-password', role: 'admin' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.role).toBeDefined();
  });

  it('makes no second account on the same email, without saying so', async () => {
    const res = await ctx.client().post('/api/auth/register', { email: 'holder@essor.demo', name: 'Twice', password: 'a-long-password', role: 'investor' });
    expect(res.status).toBe(202);
    const [row] = await ctx.database.db.select().from(users).where(eq(users.email, 'holder@essor.demo'));
    expect(row.name).not.toBe('Twice');
  });

  it('lets an invited person set a password once, then sign in', async () => {
    const admin = await ctx.as('admin');
    const invite = await admin.post('/api/users', { email: 'mentor@example.org', name: 'Mentor Invité', roles: ['coach'] });
    expect(invite.status).toBe(201);
    const { invitationToken, user } = await invite.json();
    expect(user.status).toBe('invited');
    expect((await ctx.client().post('/api/auth/login', { email: 'mentor@example.org', password: 'whatever-long' })).status).toBe(401);
    const accepted = await ctx.client().post('/api/auth/accept-invitation', { token: invitationToken, password: 'Lanterne-bleue-42' });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).user.roles).toEqual(['coach']);
    expect((await ctx.client().post('/api/auth/accept-invitation', { token: invitationToken, password: 'Lanterne-bleue-42' })).status).toBe(400);
    expect((await ctx.client().post('/api/auth/login', { email: 'mentor@example.org', password: 'Lanterne-bleue-42' })).status).toBe(200);
  });
});
