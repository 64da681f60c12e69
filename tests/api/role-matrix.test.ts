import { ROLES, STAFF_SIDE_ROLES, type Role } from '@essor/shared/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { concretePath, listOperations, type Operation } from '../support/openapi';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
let operations: Operation[];
const clients = new Map<Role, TestClient>();

beforeAll(async () => {
  ctx = await createTestContext();
  for (const role of ROLES) clients.set(role, await ctx.as(role));
  operations = listOperations(await (await ctx.client().get('/api/openapi.json')).json());
});
afterAll(() => ctx.close());

/**
 * The route x role matrix, read from the OpenAPI document every route publishes its access rule in:
 * every role a route does not list is refused with 403, and every non-public route refuses a caller
 * without a session with 401. Nothing a refused call sends is looked at.
 */
describe('route x role matrix', () => {
  it('covers every operation of the API', () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) expect(op.access, `${op.method} ${op.path}`).not.toHaveLength(0);
  });

  it('refuses callers without a session on every non-public route', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => !o.access.includes('public'))) {
      const res = await ctx.client().request(op.method, concretePath(op), { body: op.bodySchema ? {} : undefined });
      if (res.status !== 401) failures.push(`${op.method} ${op.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses every role a route does not list, with 403', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => !o.access.includes('public') && !o.access.includes('authenticated'))) {
      for (const role of ROLES.filter((r) => !op.access.includes(r))) {
        const res = await clients.get(role)!.request(op.method, concretePath(op), { body: op.bodySchema ? {} : undefined });
        checked++;
        if (res.status !== 403) failures.push(`${role}: ${op.method} ${op.path} -> ${res.status}`);
        else expect((await res.json()).error.code).toBe('forbidden');
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it('lets every listed role past the gate (whatever the route then says of the input)', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.path !== '/api/auth/logout' && !o.access.includes('public'))) {
      const roles = op.access.includes('authenticated') ? ROLES : (op.access as Role[]);
      for (const role of roles) {
        const res = await clients.get(role)!.request(op.method, concretePath(op), { body: op.bodySchema ? {} : undefined });
        if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`${role}: ${op.method} ${op.path} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('holds per structure: a role held on a structure below the top passes and fails the same gates', async () => {
    const incubator = await makeStructure(ctx.database.db, 'Incubateur de quartier');
    const failures: string[] = [];
    for (const role of STAFF_SIDE_ROLES) {
      const member = await memberOf(ctx, incubator, [role]);
      for (const op of operations.filter((o) => o.path !== '/api/auth/logout' && !o.access.includes('public'))) {
        const listed = op.access.includes('authenticated') || op.access.includes(role);
        const res = await member.request(op.method, concretePath(op), { body: op.bodySchema ? {} : undefined });
        if (!listed && res.status !== 403) failures.push(`${role}: ${op.method} ${op.path} -> ${res.status}, expected 403`);
        if (listed && (res.status === 401 || res.status === 403 || res.status >= 500)) failures.push(`${role}: ${op.method} ${op.path} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
