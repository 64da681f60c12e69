import { STAFF_SIDE_ROLES, type Role, type StaffSideRole } from '@essor/shared/roles';
import { eq, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { memberships, structures } from '../db/schema/structures';
import type { CurrentUser } from './context';
import { Invalid, NotFound } from './errors';
import type { ThingKey } from './messages/render';

/**
 * Scoping by structure, in one place: a role held on a node reaches that node and every node below it
 * (Fineract's office hierarchy). Services filter lists with `inReach`; routes declare which of their
 * parameters name a structure's row and `scopeGuard` (lib/scope-guard.ts) checks it before the handler.
 */

export interface Reach {
  /** Per staff-side role: the structures it reaches, each node held and everything under it. */
  byRole: Partial<Record<StaffSideRole, string[]>>;
  /** Path ('/root/child/') of every structure reached, to test "is X under Y" without a query. */
  paths: Record<string, string>;
}

const held = alias(structures, 'held');

export const EMPTY_REACH: Reach = { byRole: {}, paths: {} };

/** One structure a role reaches, from the membership held on it or on a node above. */
export interface ReachRow {
  role: string;
  heldOn: string;
  id: string;
  path: string;
}

export type LoadedReach = { reach: Reach; memberships: { structureId: string; role: StaffSideRole }[] };

/** A membership as the session reads it: the role, the node it is held on and that node's path. */
export interface HeldRow {
  role: string;
  heldOn: string;
  path: string;
}

/** A structure a person reaches through one of their memberships. */
export interface BelowRow {
  id: string;
  path: string;
}

/**
 * A person's memberships (with the held node's path) and the structures they reach, as two JSON arrays, for the
 * query that reads the session, the person and their reach in one round trip (it runs before every signed-in
 * request). Pairing each role with every node under it is left to `reachFromParts`: built in the database, the
 * pairs (roles × structures, 72 for the top node's admin of the demo) cost twice the statement's time.
 */
export function heldRowsOf(userId: AnyPgColumn): SQL<HeldRow[]> {
  return sql<HeldRow[]>`coalesce((
    select json_agg(json_build_object('role', m.role, 'heldOn', m.structure_id, 'path', h.path) order by m.structure_id, m.role)
    from memberships m join structures h on h.id = m.structure_id
    where m.user_id = ${userId}), '[]'::json)`;
}

export function belowRowsOf(userId: AnyPgColumn): SQL<BelowRow[]> {
  return sql<BelowRow[]>`coalesce((
    select json_agg(json_build_object('id', s.id, 'path', s.path) order by s.path)
    from structures s
    where exists (select 1 from memberships m join structures h on h.id = m.structure_id where m.user_id = ${userId} and s.path like h.path || '%')), '[]'::json)`;
}

/** The reach from the memberships held and the structures below them (paths are '/uuid/…/', no LIKE wildcards). */
export function reachFromParts(held: readonly HeldRow[], below: readonly BelowRow[]): LoadedReach {
  const rows: ReachRow[] = [];
  for (const h of held) {
    for (const s of below) if (s.path.startsWith(h.path)) rows.push({ role: h.role, heldOn: h.heldOn, id: s.id, path: s.path });
  }
  return reachFrom(rows);
}

const REACH_CACHE_SIZE = 500;
const reachesByText = new Map<string, LoadedReach>();

/**
 * `reachFromParts` from the session query's two JSON arrays as text, kept by that text: the same memberships give
 * the same text and the same reach, and a membership added or removed gives another text, so a cached reach is
 * never stale. Building it from the parts was a tenth of a small list's CPU. What it returns is frozen: shared
 * between requests, it must not be changed by one.
 */
export function reachFromText(held: string, below: string): LoadedReach {
  const key = `${held}\u0000${below}`;
  let loaded = reachesByText.get(key);
  if (!loaded) {
    loaded = frozen(reachFromParts(JSON.parse(held) as HeldRow[], JSON.parse(below) as BelowRow[]));
    if (reachesByText.size >= REACH_CACHE_SIZE) reachesByText.delete(reachesByText.keys().next().value!);
    reachesByText.set(key, loaded);
  }
  return loaded;
}

function frozen({ reach, memberships }: LoadedReach): LoadedReach {
  for (const ids of Object.values(reach.byRole)) Object.freeze(ids);
  for (const membership of memberships) Object.freeze(membership);
  return Object.freeze({ reach: Object.freeze({ byRole: Object.freeze(reach.byRole), paths: Object.freeze(reach.paths) }), memberships: Object.freeze(memberships) as LoadedReach['memberships'] });
}

/** Every structure each of the person's roles reaches, read in one query. */
export async function loadReach(db: Db, userId: string): Promise<LoadedReach> {
  const rows = await db
    .select({ role: memberships.role, heldOn: memberships.structureId, id: structures.id, path: structures.path })
    .from(memberships)
    .innerJoin(held, eq(held.id, memberships.structureId))
    .innerJoin(structures, sql`${structures.path} like ${held.path} || '%'`)
    .where(eq(memberships.userId, userId));
  return reachFrom(rows);
}

/** The reach and the memberships held, from the reach rows. */
export function reachFrom(rows: readonly ReachRow[]): LoadedReach {
  const byRole: Reach['byRole'] = {};
  const paths: Reach['paths'] = {};
  const holdings = new Map<string, { structureId: string; role: StaffSideRole }>();
  for (const row of rows) {
    const role = row.role as StaffSideRole;
    (byRole[role] ??= []).push(row.id);
    paths[row.id] = row.path;
    holdings.set(`${row.heldOn}:${role}`, { structureId: row.heldOn, role });
  }
  return { reach: { byRole, paths }, memberships: [...holdings.values()] };
}

/** The reach narrowed to one node's subtree: what the admin's structure switcher asks for. */
export function focusReach(reach: Reach, focusId: string): Reach {
  const under = (id: string) => (reach.paths[id] ?? '').includes(`/${focusId}/`);
  const byRole: Reach['byRole'] = {};
  for (const [role, ids] of Object.entries(reach.byRole) as [StaffSideRole, string[]][]) {
    const kept = ids.filter(under);
    if (kept.length) byRole[role] = kept;
  }
  return { byRole, paths: Object.fromEntries(Object.entries(reach.paths).filter(([id]) => under(id))) };
}

export function isStaffSideRole(role: Role): role is StaffSideRole {
  return (STAFF_SIDE_ROLES as readonly Role[]).includes(role);
}

function staffRolesOf(roles: readonly Role[] | 'any'): StaffSideRole[] {
  return roles === 'any' ? [...STAFF_SIDE_ROLES] : roles.filter(isStaffSideRole);
}

/** The structures where the person holds any of these roles (directly or above). */
export function structuresReached(user: Pick<CurrentUser, 'reach'>, roles: readonly Role[] | 'any'): string[] {
  const ids = new Set<string>();
  for (const role of staffRolesOf(roles)) for (const id of user.reach.byRole[role] ?? []) ids.add(id);
  return [...ids];
}

export function reaches(user: Pick<CurrentUser, 'reach'>, structureId: string, roles: readonly Role[] | 'any'): boolean {
  return staffRolesOf(roles).some((role) => user.reach.byRole[role]?.includes(structureId));
}

/** A condition on a structure_id column: true for rows of the structures these roles reach. */
export function inReach(column: AnyPgColumn | SQL, user: Pick<CurrentUser, 'reach'>, roles: readonly Role[] | 'any'): SQL {
  const ids = structuresReached(user, roles);
  if (ids.length === 0) return sql`false`;
  // One array parameter rather than one per structure: a network-level person reaches dozens of structures, and
  // every list is filtered by it (building and sending a parameter each cost more than the query's own work).
  return sql`${column} = any(${sql.param(ids)}::uuid[])`;
}

/**
 * `inReach` for a query built once (lib/prepared.ts): the structures come when it runs, as the `reach` value,
 * from `structuresReached(user, roles)` (an empty list matches nothing, as `inReach`'s `false`).
 */
export function inPlaceholderReach(column: AnyPgColumn | SQL): SQL {
  return sql`${column} = any(${sql.placeholder('reach')}::uuid[])`;
}

/** Throws 404 unless these roles reach the structure: a foreign row reveals nothing, not even that it exists. */
export function assertReach(user: Pick<CurrentUser, 'reach'>, structureId: string, roles: readonly Role[] | 'any', what: ThingKey = 'thing.resource'): void {
  if (!reaches(user, structureId, roles)) throw new NotFound(what);
}

/**
 * The person as they stand towards one structure's row: their public roles, plus the staff-side roles
 * that reach that structure. Services then apply their usual role rules to the row.
 */
export function actingIn(user: CurrentUser, structureId: string): CurrentUser {
  const roles = user.roles.filter((role) => !isStaffSideRole(role) || user.reach.byRole[role]?.includes(structureId));
  return { ...user, roles };
}

/** True when `structureId` is `ancestorId` or lies under it. */
export async function isWithin(db: Db, structureId: string, ancestorId: string): Promise<boolean> {
  if (structureId === ancestorId) return true;
  const [row] = await db.select({ path: structures.path }).from(structures).where(eq(structures.id, structureId));
  return Boolean(row?.path.includes(`/${ancestorId}/`));
}

/**
 * The structure a new programme, fund or coach goes into: the one asked for (which the roles must
 * reach), else the switcher's focus, else the single top-most node these roles reach.
 */
export function structureForCreate(user: CurrentUser, requested: string | undefined, roles: readonly Role[]): string {
  if (requested) {
    assertReach(user, requested, roles, 'thing.structure');
    return requested;
  }
  if (user.focus && reaches(user, user.focus, roles)) return user.focus;
  const ids = structuresReached(user, roles);
  const top = ids.filter((id) => !ids.some((other) => other !== id && (user.reach.paths[id] ?? '').includes(`/${other}/`)));
  if (top.length === 1) return top[0];
  throw new Invalid('error.structure_required', { structureId: ['field.structure_required_several'] });
}

/** Someone whose every staff-side role reaches every structure: seeds and jobs that act for the system. */
export async function systemUser(db: Db, who: Pick<CurrentUser, 'id' | 'email' | 'name'>): Promise<CurrentUser> {
  const all = await db.select({ id: structures.id, path: structures.path }).from(structures);
  const ids = all.map((s) => s.id);
  return {
    ...who,
    roles: [...STAFF_SIDE_ROLES],
    locale: 'fr',
    memberships: [],
    reach: { byRole: Object.fromEntries(STAFF_SIDE_ROLES.map((r) => [r, ids])), paths: Object.fromEntries(all.map((s) => [s.id, s.path])) },
    focus: null,
  };
}
