import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { memberOf } from '../support/structures';

let ctx: TestContext;
let admin: TestClient;

const node = (name: string, parentId: string, extra: Record<string, unknown> = {}) => ({ parentId, name, kind: 'incubator', currency: 'CAD', languages: ['fr'], ...extra });

async function count(table: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await ctx.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n);
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
});
afterAll(() => ctx.close());

describe('the tree of structures', () => {
  it('opens structures under a node, reports them in tree order with their trail, and audits each', async () => {
    const city = await admin.post('/api/structures', node('Ville de Québec', ROOT_STRUCTURE_ID, { kind: 'city', territory: 'Québec', contactEmail: 'ess@quebec.example' }));
    expect(city.status).toBe(201);
    const cityBody = await city.json();
    expect(cityBody).toMatchObject({ name: 'Ville de Québec', kind: 'city', depth: 1, canManage: true, contactEmail: 'ess@quebec.example' });
    const incubator = await (await admin.post('/api/structures', node('Incubateur de Limoilou', cityBody.id))).json();
    expect(incubator.depth).toBe(2);
    expect(incubator.trail).toEqual(['Structure principale', 'Ville de Québec', 'Incubateur de Limoilou']);
    const list = (await (await admin.get('/api/structures')).json()) as { name: string }[];
    expect(list.map((s) => s.name).indexOf('Ville de Québec')).toBeLessThan(list.map((s) => s.name).indexOf('Incubateur de Limoilou'));
    const audit = await (await admin.get('/api/audit?action=structure.create')).json();
    expect(audit.items.map((e: { entityId: string }) => e.entityId)).toEqual(expect.arrayContaining([cityBody.id, incubator.id]));
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await count('structures');
    const res = await admin.post('/api/structures', { parentId: ROOT_STRUCTURE_ID, name: 'x', kind: 'castle', currency: 'ZZZ', contactEmail: 'nope' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['name', 'kind', 'currency', 'contactEmail']));
    const dup = await admin.post('/api/structures', node('Ville de Québec', ROOT_STRUCTURE_ID));
    expect(dup.status).toBe(409);
    expect(await count('structures')).toBe(before);
  });

  it('moves a node with its subtree, and refuses a cycle or moving the top node', async () => {
    const a = await (await admin.post('/api/structures', node('Pôle A', ROOT_STRUCTURE_ID, { kind: 'other' }))).json();
    const b = await (await admin.post('/api/structures', node('Pôle B', ROOT_STRUCTURE_ID, { kind: 'other' }))).json();
    const child = await (await admin.post('/api/structures', node('Antenne', a.id))).json();
    const grandchild = await (await admin.post('/api/structures', node('Point relais', child.id))).json();

    const cycle = await admin.patch(`/api/structures/${a.id}`, { parentId: grandchild.id });
    expect(cycle.status).toBe(409);
    expect((await cycle.json()).error.fields.parentId).toBeDefined();
    expect((await admin.patch(`/api/structures/${a.id}`, { parentId: a.id })).status).toBe(409);
    expect((await admin.patch(`/api/structures/${ROOT_STRUCTURE_ID}`, { parentId: a.id })).status).toBe(409);

    const moved = await admin.patch(`/api/structures/${child.id}`, { parentId: b.id });
    expect(moved.status).toBe(200);
    const after = await (await admin.get(`/api/structures/${grandchild.id}`)).json();
    expect(after.trail).toEqual(['Structure principale', 'Pôle B', 'Antenne', 'Point relais']);
    const paths = rowsOf<{ path: string }>(await ctx.database.db.execute(sql`select path from structures where id = ${grandchild.id}::uuid`));
    expect(paths[0].path).toBe(`/${ROOT_STRUCTURE_ID}/${b.id}/${child.id}/${grandchild.id}/`);
  });

  it('deletes only an empty structure, never the top node', async () => {
    const parent = await (await admin.post('/api/structures', node('Réseau régional', ROOT_STRUCTURE_ID, { kind: 'network' }))).json();
    const child = await (await admin.post('/api/structures', node('Incubateur régional', parent.id))).json();
    expect((await admin.delete(`/api/structures/${parent.id}`)).status).toBe(409);
    const withPerson = await memberOf(ctx, child.id, ['staff']);
    expect(withPerson.me?.user.memberships).toEqual([{ structureId: child.id, structureName: 'Incubateur régional', role: 'staff' }]);
    expect((await admin.delete(`/api/structures/${child.id}`)).status).toBe(409);
    const fund = await (await ctx.as('fund_manager')).post('/api/funds', { structureId: parent.id, code: 'FR-REG', name: 'Fonds régional', type: 'co_financing', currency: 'CAD', committeeThresholdMinor: 100_000 });
    expect(fund.status).toBe(201);
    const empty = await (await admin.post('/api/structures', node('Bureau fermé', ROOT_STRUCTURE_ID, { kind: 'other' }))).json();
    expect((await admin.delete(`/api/structures/${empty.id}`)).status).toBe(204);
    expect((await admin.get(`/api/structures/${empty.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/structures/${ROOT_STRUCTURE_ID}`)).status).toBe(409);
  });
});

describe('memberships', () => {
  it("lets a node's admin manage only the nodes below it, and grant nothing beyond them", async () => {
    const city = await (await admin.post('/api/structures', node('Ville de Sherbrooke', ROOT_STRUCTURE_ID, { kind: 'city' }))).json();
    const sibling = await (await admin.post('/api/structures', node('Ville de Gatineau', ROOT_STRUCTURE_ID, { kind: 'city' }))).json();
    const cityAdmin = await memberOf(ctx, city.id, ['admin'], 'admin.sherbrooke@test.essor');

    const incubator = await cityAdmin.post('/api/structures', node('Incubateur de Sherbrooke', city.id));
    expect(incubator.status).toBe(201);
    const incubatorId = (await incubator.json()).id;
    // Outside the city: nothing to see, nothing to create, nothing to grant, nowhere to move to.
    expect((await cityAdmin.get(`/api/structures/${sibling.id}`)).status).toBe(404);
    expect((await cityAdmin.post('/api/structures', node('Intrus', sibling.id))).status).toBe(404);
    expect((await cityAdmin.post(`/api/structures/${ROOT_STRUCTURE_ID}/memberships`, { email: 'admin.sherbrooke@test.essor', role: 'admin' })).status).toBe(404);
    expect((await cityAdmin.patch(`/api/structures/${incubatorId}`, { parentId: sibling.id })).status).toBe(404);
    expect((await cityAdmin.patch(`/api/structures/${city.id}`, { parentId: sibling.id })).status).toBe(404);
    expect((await cityAdmin.get('/api/structures')).status).toBe(200);
    const names = ((await (await cityAdmin.get('/api/structures')).json()) as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(['Ville de Sherbrooke', 'Incubateur de Sherbrooke']);

    // Inside: grants by e-mail, lists people of the subtree, refuses twice the same role.
    await memberOf(ctx, sibling.id, ['coach'], 'coach.sherbrooke@test.essor');
    const granted = await cityAdmin.post(`/api/structures/${incubatorId}/memberships`, { email: 'coach.sherbrooke@test.essor', role: 'staff' });
    expect(granted.status).toBe(201);
    expect((await cityAdmin.post(`/api/structures/${incubatorId}/memberships`, { email: 'coach.sherbrooke@test.essor', role: 'staff' })).status).toBe(409);
    expect((await cityAdmin.post(`/api/structures/${incubatorId}/memberships`, { email: 'nobody@test.essor', role: 'staff' })).status).toBe(400);
    expect((await cityAdmin.post(`/api/structures/${incubatorId}/memberships`, { email: 'coach.sherbrooke@test.essor', role: 'project_holder' })).status).toBe(400);
    const people = (await (await cityAdmin.get(`/api/structures/${city.id}/memberships`)).json()) as { userEmail: string; role: string; structureName: string }[];
    expect(people.map((p) => `${p.userEmail}:${p.role}@${p.structureName}`).sort()).toEqual([
      'admin.sherbrooke@test.essor:admin@Ville de Sherbrooke',
      'coach.sherbrooke@test.essor:staff@Incubateur de Sherbrooke',
    ]);

    // The person now holds different roles in two structures, and signs in with both.
    const twoHats = await ctx.client().signIn('coach.sherbrooke@test.essor');
    expect(twoHats.me?.user.roles.sort()).toEqual(['coach', 'staff']);

    // An admin cannot take away their own last admin role.
    const own = (await (await cityAdmin.get(`/api/structures/${city.id}/memberships`)).json()).find((m: { userEmail: string }) => m.userEmail === 'admin.sherbrooke@test.essor');
    expect((await cityAdmin.delete(`/api/structures/${city.id}/memberships/${own.id}`)).status).toBe(409);
    const theirs = (await granted.json()).id;
    expect((await cityAdmin.delete(`/api/structures/${incubatorId}/memberships/${theirs}`)).status).toBe(204);
  });

  it("shows a node's admin only their structures' people and audit trail", async () => {
    const mine = await (await admin.post('/api/structures', node('Ville de Trois-Rivières', ROOT_STRUCTURE_ID, { kind: 'city' }))).json();
    const other = await (await admin.post('/api/structures', node('Ville de Saguenay', ROOT_STRUCTURE_ID, { kind: 'city' }))).json();
    const localAdmin = await memberOf(ctx, mine.id, ['admin'], 'admin.tr@test.essor');
    await memberOf(ctx, mine.id, ['staff'], 'staff.tr@test.essor');
    await memberOf(ctx, other.id, ['staff'], 'staff.saguenay@test.essor');
    const users = (await (await localAdmin.get('/api/users?limit=100')).json()).items.map((u: { email: string }) => u.email).sort();
    expect(users).toEqual(['admin.tr@test.essor', 'staff.tr@test.essor']);
    const foreign = (await (await admin.get('/api/users?q=staff.saguenay')).json()).items[0];
    expect((await localAdmin.get(`/api/users/${foreign.id}`)).status).toBe(404);
    expect((await localAdmin.patch(`/api/users/${foreign.id}`, { name: 'Renommé' })).status).toBe(404);
    const csv = await (await localAdmin.get('/api/users/export.csv')).text();
    expect(csv).not.toContain('staff.saguenay@test.essor');
    // Their structures list shows their node alone, with the trail's names from the top node they do not reach.
    const theirs = (await (await localAdmin.get('/api/structures')).json()) as { id: string; trail: string[] }[];
    expect(theirs.map((s) => [s.id, s.trail])).toEqual([[mine.id, ['Structure principale', 'Ville de Trois-Rivières']]]);

    await admin.patch(`/api/structures/${other.id}`, { territory: 'Saguenay–Lac-Saint-Jean' });
    await localAdmin.patch(`/api/structures/${mine.id}`, { territory: 'Mauricie' });
    const trail = (await (await localAdmin.get('/api/audit?action=structure.update&limit=100')).json()).items.map((e: { entityId: string }) => e.entityId);
    expect(trail).toContain(mine.id);
    expect(trail).not.toContain(other.id);
  });

  it('invites a person with roles in one structure, and changes the roles held there only', async () => {
    const s1 = await (await admin.post('/api/structures', node('Incubateur de Lévis', ROOT_STRUCTURE_ID))).json();
    const s2 = await (await admin.post('/api/structures', node('Incubateur de Rimouski', ROOT_STRUCTURE_ID))).json();
    const invited = await admin.post('/api/users', { email: 'mentor.levis@test.essor', name: 'Mentor Lévis', roles: ['coach'], structureId: s1.id });
    expect(invited.status).toBe(201);
    const user = (await invited.json()).user;
    expect(user.memberships).toEqual([expect.objectContaining({ structureId: s1.id, role: 'coach' })]);
    await admin.post(`/api/structures/${s2.id}/memberships`, { email: 'mentor.levis@test.essor', role: 'committee_member' });
    const changed = await (await admin.patch(`/api/users/${user.id}`, { roles: ['staff', 'coach'], structureId: s1.id })).json();
    expect(changed.memberships.map((m: { structureId: string; role: string }) => `${m.structureId === s1.id ? 'Lévis' : 'Rimouski'}:${m.role}`).sort()).toEqual([
      'Lévis:coach',
      'Lévis:staff',
      'Rimouski:committee_member',
    ]);
    expect(changed.roles.sort()).toEqual(['coach', 'committee_member', 'staff']);
  });
});

describe('the switcher and the city view', () => {
  it('narrows lists to the chosen structure and adds up figures per structure', async () => {
    const city = await (await admin.post('/api/structures', node('Ville de Longueuil', ROOT_STRUCTURE_ID, { kind: 'city' }))).json();
    const east = await (await admin.post('/api/structures', node('Incubateur Est', city.id))).json();
    const west = await (await admin.post('/api/structures', node('Incubateur Ouest', city.id))).json();
    const cityStaff = await memberOf(ctx, city.id, ['staff', 'admin'], 'staff.longueuil@test.essor');
    const programme = (structureId: string, code: string) => ({
      structureId,
      code,
      name: `Programme ${code}`,
      territory: 'Longueuil',
      currency: 'CAD',
      eligibilityCriteria: [{ key: 'territory', label: 'Sur le territoire' }],
      scoringGrid: [{ key: 'impact', label: 'Impact', weight: 100, max: 5 }],
    });
    expect((await cityStaff.post('/api/programmes', programme(east.id, 'LGL-EST'))).status).toBe(201);
    expect((await cityStaff.post('/api/programmes', programme(west.id, 'LGL-OUEST'))).status).toBe(201);
    expect((await cityStaff.post('/api/programmes', programme(west.id, 'LGL-OUEST-2'))).status).toBe(201);

    const codes = async (headers?: Record<string, string>) =>
      ((await (await cityStaff.get('/api/programmes', { headers })).json()) as { items?: { code: string }[] } | { code: string }[]) as unknown;
    const all = JSON.stringify(await codes());
    expect(all).toContain('LGL-EST');
    expect(all).toContain('LGL-OUEST');
    const eastOnly = JSON.stringify(await codes({ 'x-essor-structure': east.id }));
    expect(eastOnly).toContain('LGL-EST');
    expect(eastOnly).not.toContain('LGL-OUEST');
    // A structure outside my reach is ignored: the switcher never widens what a person sees.
    const foreign = JSON.stringify(await codes({ 'x-essor-structure': ROOT_STRUCTURE_ID }));
    expect(foreign).toContain('LGL-EST');

    const overview = (await (await cityStaff.get('/api/structures/overview')).json()).structures as { name: string; programmes: number; depth: number }[];
    expect(overview.map((s) => [s.name, s.programmes, s.depth])).toEqual([
      ['Ville de Longueuil', 0, 1],
      ['Incubateur Est', 1, 2],
      ['Incubateur Ouest', 2, 2],
    ]);
  });

  it('refuses to create a programme in a structure the caller holds no role in, and to move a row by PATCH', async () => {
    const mine = await (await admin.post('/api/structures', node('Incubateur de Laval', ROOT_STRUCTURE_ID))).json();
    const theirs = await (await admin.post('/api/structures', node('Incubateur de Terrebonne', ROOT_STRUCTURE_ID))).json();
    const staff = await memberOf(ctx, mine.id, ['staff']);
    const before = await count('programmes');
    const res = await staff.post('/api/programmes', {
      structureId: theirs.id,
      code: 'TRB-1',
      name: 'Programme de Terrebonne',
      territory: 'Terrebonne',
      currency: 'CAD',
      eligibilityCriteria: [{ key: 'territory', label: 'Sur le territoire' }],
      scoringGrid: [{ key: 'impact', label: 'Impact', weight: 100, max: 5 }],
    });
    expect(res.status).toBe(404);
    expect(await count('programmes')).toBe(before);
    const created = await (
      await staff.post('/api/programmes', {
        code: 'LAV-1',
        name: 'Programme de Laval',
        territory: 'Laval',
        currency: 'CAD',
        eligibilityCriteria: [{ key: 'territory', label: 'Sur le territoire' }],
        scoringGrid: [{ key: 'impact', label: 'Impact', weight: 100, max: 5 }],
      })
    ).json();
    expect(created.structureId).toBe(mine.id);
    const moved = await admin.patch(`/api/programmes/${created.id}`, { structureId: theirs.id });
    expect(moved.status).toBe(400);
    const rows = rowsOf<{ structure_id: string }>(await ctx.database.db.execute(sql`select structure_id from programmes where id = ${created.id}::uuid`));
    expect(rows[0].structure_id).toBe(mine.id);
  });
});
