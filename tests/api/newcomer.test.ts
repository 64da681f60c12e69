import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let admin: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

describe('who is there, asked by a public page', () => {
  it('answers 200 with no session for a visitor, never 401', async () => {
    const res = await ctx.client().get('/api/auth/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ session: null });
  });

  it('answers the signed-in person and the CSRF token, as /api/auth/me does', async () => {
    const res = await admin.get('/api/auth/session');
    expect(res.status).toBe(200);
    const { session } = await res.json();
    const me = await (await admin.get('/api/auth/me')).json();
    expect(session.user).toEqual(me.user);
    expect(session.csrfToken).toBe(me.csrfToken);
  });
});

describe('the audit trail in words', () => {
  it('names the row each entry is about and its author, where they are known', async () => {
    const invited = await admin.post('/api/users', { email: 'awa.ndiaye@example.org', name: 'Awa Ndiaye', roles: ['coach'], locale: 'fr' });
    expect(invited.status).toBe(201);
    const { id } = (await invited.json()).user;
    const { items } = await (await admin.get('/api/audit?limit=20')).json();
    const invitation = items.find((e: { action: string; entityId: string }) => e.action === 'user.invite' && e.entityId === id);
    expect(invitation).toMatchObject({ entity: 'user', entityLabel: 'Awa Ndiaye', actorName: admin.me!.user.name, actorEmail: admin.me!.user.email });
    // A row of a kind with no name, or gone, is said to be so rather than shown by its id.
    for (const entry of items) expect(entry).toHaveProperty('entityLabel');
  });
});
