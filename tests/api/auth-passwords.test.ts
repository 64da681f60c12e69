import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seeds/platform';
import { createTestContext, TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
}, 60_000);
afterAll(() => ctx.close());

let seq = 0;
const from = () => new TestClient(ctx.app, `10.9.${Math.floor(seq / 200)}.${seq++ % 200}`);
const signUp = (client: TestClient, email: string, password: string, name = 'Coop du Quartier') =>
  client.post('/api/auth/register', { email, name, password, role: 'project_holder' });

describe('weak passwords', () => {
  it.each([
    ['one repeated character', 'aaaaaaaaaa'],
    ['a common password', 'password123'],
    ['a keyboard walk', 'azertyuiop'],
    ['the e-mail itself', 'weak.one@example.org'],
    ["the e-mail's name part", 'weak.one@example.org'.split('@')[0] + '2024'],
    ['the name', 'Coop du Quartier'],
  ])('refuses %s at sign-up with 400 on the password field', async (_what, password) => {
    const res = await signUp(from(), 'weak.one@example.org', password);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.password).toBeDefined();
  });
});

describe('sign-up does not tell which e-mails exist', () => {
  it('answers a known e-mail exactly like a new one, and signs nobody in', async () => {
    const fresh = await signUp(from(), 'brand.new@example.org', 'Lampe-verte-du-jardin');
    const known = await signUp(from(), 'holder@essor.demo', 'Lampe-verte-du-jardin');
    expect(known.status).toBe(fresh.status);
    expect(await known.json()).toEqual(await fresh.clone().json());
    expect(known.headers.get('set-cookie')).toBeNull();
    // The new account exists and its owner signs in with the password chosen.
    expect((await from().post('/api/auth/login', { email: 'brand.new@example.org', password: 'Lampe-verte-du-jardin' })).status).toBe(200);
    // The known account kept its password.
    expect((await from().post('/api/auth/login', { email: 'holder@essor.demo', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('slows down one address creating many accounts', async () => {
    const client = new TestClient(ctx.app, '10.8.0.1');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signUp(client, `spray-${i}@example.org`, 'Lampe-verte-du-jardin')).status);
    expect(statuses).toContain(429);
    expect((await signUp(new TestClient(ctx.app, '10.8.0.2'), 'other-place@example.org', 'Lampe-verte-du-jardin')).status).toBeLessThan(300);
  }, 60_000);
});

describe('changing one’s password', () => {
  it('needs the current password, refuses a weak new one, and the new one works afterwards', async () => {
    const client = await new TestClient(ctx.app, '10.7.0.1').signIn('investor@essor.demo');
    const other = await new TestClient(ctx.app, '10.7.0.2').signIn('investor@essor.demo');
    const wrong = await client.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'Un-nouveau-mot-de-passe' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields.currentPassword).toBeDefined();
    const weak = await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'aaaaaaaaaa' });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.fields.newPassword).toBeDefined();
    expect((await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Un-nouveau-mot-de-passe' })).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    // Other sessions end with the old password.
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await from().post('/api/auth/login', { email: 'investor@essor.demo', password: DEMO_PASSWORD })).status).toBe(401);
    expect((await from().post('/api/auth/login', { email: 'investor@essor.demo', password: 'Un-nouveau-mot-de-passe' })).status).toBe(200);
    expect((await ctx.client().post('/api/auth/password', { currentPassword: 'x', newPassword: 'Un-nouveau-mot-de-passe' })).status).toBe(401);
  });
});
