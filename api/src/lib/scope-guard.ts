import { isPublicRole, type Role } from '@essor/shared/roles';
import { sql, type SQL } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/client';
import type { Access } from './authz';
import type { AppEnv, CurrentUser } from './context';
import { Invalid, NotFound } from './errors';
import { rowsOf } from './rows';
import { actingIn, EMPTY_REACH, reaches } from './scope';

/** Every kind of row that belongs to a structure, with the query that finds the structure of one. */
const OWNER_OF = {
  structure: (id: string) => sql`select id as structure_id from structures where id = ${id}::uuid`,
  programme: (id: string) => sql`select structure_id from programmes where id = ${id}::uuid`,
  project: (id: string) => sql`select structure_id from projects where id = ${id}::uuid`,
  application: (id: string) => sql`select structure_id from applications where id = ${id}::uuid`,
  cohort: (id: string) => sql`select structure_id from cohorts where id = ${id}::uuid`,
  committee_session: (id: string) => sql`select structure_id from committee_sessions where id = ${id}::uuid`,
  coach: (id: string) => sql`select structure_id from coaches where id = ${id}::uuid`,
  coaching_plan: (id: string) => sql`select structure_id from coaching_plans where id = ${id}::uuid`,
  coaching_session: (id: string) => sql`select structure_id from coaching_sessions where id = ${id}::uuid`,
  action_item: (id: string) =>
    sql`select s.structure_id from coaching_action_items a join coaching_sessions s on s.id = a.session_id where a.id = ${id}::uuid`,
  milestone: (id: string) => sql`select structure_id from milestones where id = ${id}::uuid`,
  followup_visit: (id: string) => sql`select structure_id from followup_visits where id = ${id}::uuid`,
  fund: (id: string) => sql`select structure_id from funds where id = ${id}::uuid`,
  ledger_account: (id: string) => sql`select f.structure_id from ledger_accounts a join funds f on f.id = a.fund_id where a.id = ${id}::uuid`,
  journal_entry: (id: string) => sql`select f.structure_id from journal_entries e join funds f on f.id = e.fund_id where e.id = ${id}::bigint`,
  cofinancing: (id: string) => sql`select structure_id from cofinancing_requests where id = ${id}::uuid`,
  loan: (id: string) => sql`select structure_id from loans where id = ${id}::uuid`,
  equipment_quote: (id: string) => sql`select structure_id from equipment_quotes where id = ${id}::uuid`,
  equipment_asset: (id: string) => sql`select structure_id from equipment_assets where id = ${id}::uuid`,
  bond_offering: (id: string) => sql`select structure_id from bond_offerings where id = ${id}::uuid`,
  bond_subscription: (id: string) => sql`select structure_id from bond_subscriptions where id = ${id}::uuid`,
  bond_statement_import: (id: string) => sql`select structure_id from bond_statement_imports where id = ${id}::uuid`,
  bond_match_pledge: (id: string) => sql`select structure_id from bond_match_pledges where id = ${id}::uuid`,
  guarantee: (id: string) => sql`select structure_id from guarantees where id = ${id}::uuid`,
  guarantee_bank: (id: string) => sql`select structure_id from guarantee_banks where id = ${id}::uuid`,
  guarantee_agreement: (id: string) => sql`select structure_id from guarantee_agreements where id = ${id}::uuid`,
  guarantee_call: (id: string) => sql`select structure_id from guarantee_calls where id = ${id}::uuid`,
  impact_indicator: (id: string) => sql`select structure_id from impact_indicators where id = ${id}::uuid`,
  indicator_value: (id: string) => sql`select structure_id from project_indicator_values where id = ${id}::uuid`,
  district: (id: string) => sql`select structure_id from districts where id = ${id}::uuid`,
  inventory_entry: (id: string) => sql`select structure_id from inventory_entries where id = ${id}::uuid`,
} satisfies Record<string, (id: string) => SQL>;

export type OwnedEntity = keyof typeof OWNER_OF;
export const OWNED_ENTITIES = Object.keys(OWNER_OF) as OwnedEntity[];

/** Which request fields name a structure's row: path parameters, and ids in a JSON body. */
export interface RouteScope {
  params?: Record<string, OwnedEntity>;
  body?: Record<string, OwnedEntity>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function wellFormed(kind: OwnedEntity, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return kind === 'journal_entry' ? /^[1-9]\d{0,15}$/.test(value) : UUID.test(value);
}

/**
 * The structure a row belongs to, null for a row that does not exist. Given the request's person, a row the
 * route's scope guard already checked is not read again.
 */
export async function structureOfRow(db: Db, kind: OwnedEntity, id: string, user?: Pick<CurrentUser, 'rowStructures'>): Promise<string | null> {
  const known = user?.rowStructures?.[`${kind}:${id}`];
  if (known) return known;
  return rowsOf<{ structure_id: string }>(await db.execute(OWNER_OF[kind](id)))[0]?.structure_id ?? null;
}

/**
 * A service's own check of a row named by id: the row's structure (read once per request, see `structureOfRow`),
 * which these roles must reach; 404 for a row that does not exist or lies outside the reach.
 */
export async function structureInReach(db: Db, user: CurrentUser, kind: OwnedEntity, id: string, roles: readonly Role[] | 'any'): Promise<string> {
  const structureId = await structureOfRow(db, kind, id, user);
  if (!structureId || !reaches(user, structureId, roles)) throw new NotFound(`thing.${kind}`);
  return structureId;
}

function publicSelf(user: CurrentUser): CurrentUser {
  return { ...user, roles: user.roles.filter(isPublicRole), reach: EMPTY_REACH, memberships: [] };
}

/**
 * Runs after the role check: each declared field that names a row must lie in a structure the route's
 * roles reach. Outside that reach the caller is only a member of the public (a holder still reads their
 * own application), and a caller without a public role allowed here gets 404, as for a row that is not.
 * The handler then sees the person as they stand towards that row's structure.
 */
export function scopeGuard(access: Access, scope: RouteScope): MiddlewareHandler<AppEnv> {
  const roles: readonly Role[] | 'any' = access === 'public' || access === 'authenticated' ? 'any' : access;
  const publicAllowed = (user: CurrentUser) => user.roles.some((r) => isPublicRole(r) && (roles === 'any' || roles.includes(r)));
  return async (c, next) => {
    let user = c.get('user');
    if (!user) return next();
    const checks: [OwnedEntity, unknown][] = Object.entries(scope.params ?? {}).map(([name, kind]) => [kind, c.req.param(name)]);
    const changesRow = scope.params && (c.req.method === 'PATCH' || c.req.method === 'PUT');
    if ((scope.body || changesRow) && /json/i.test(c.req.header('content-type') ?? '')) {
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
      if (body && typeof body === 'object') {
        // A row stays in the structure it was made in; moving it would carry its people's data across.
        if (changesRow && 'structureId' in body && !scope.body?.structureId) {
          throw new Invalid('error.structure_fixed', { structureId: ['field.cannot_change'] });
        }
        for (const [name, kind] of Object.entries(scope.body ?? {})) checks.push([kind, body[name]]);
      }
    }
    const rowStructures: Record<string, string> = {};
    for (const [kind, value] of checks) {
      if (!wellFormed(kind, value)) continue;
      const structureId = await structureOfRow(c.get('db'), kind, value);
      if (!structureId) continue;
      rowStructures[`${kind}:${value}`] = structureId;
      if (reaches(user, structureId, roles)) user = actingIn(user, structureId);
      else if (publicAllowed(user)) user = publicSelf(user);
      else throw new NotFound(`thing.${kind}`);
    }
    c.set('user', { ...user, rowStructures });
    await next();
  };
}
