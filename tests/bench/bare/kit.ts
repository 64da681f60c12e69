import { SESSION_COOKIE } from '@essor/shared/auth';
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type postgres from 'postgres';
import { sha256 } from '../../../api/src/lib/passwords';

/**
 * What every bare route shares (tests/bench/bare/): the session and reach check in one query, the page and
 * cursor helpers. Cursors are the same base64url [sortValue, id] pairs as Essor's.
 */
export type Row = Record<string, unknown>;
export type Sql = postgres.Sql;

/** One domain's bare routes: the Hono paths it answers (':name' for a parameter) and how it registers them. */
export interface BareModule {
  paths: readonly string[];
  register: (app: Hono, sql: Sql) => void;
}

export const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
export const encodeCursor = (sortValue: string | number, id: string | number) => Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
export const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | number, string | number];
export const groupBy = <T extends Row>(rows: T[], key: string) => {
  const map = new Map<unknown, T[]>();
  for (const row of rows) {
    const list = map.get(row[key]);
    if (list) list.push(row);
    else map.set(row[key], [row]);
  }
  return map;
};

/** The caller's user id and the structures the given roles reach (held node and everything under it). */
export async function session(sql: Sql, c: Context, roles: readonly string[]): Promise<{ userId: string; reach: string[] } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const [row] = await sql`
    select s.user_id, coalesce(array_agg(distinct below.id) filter (where below.id is not null), '{}') as reach, bool_or(m.role is not null) as allowed
    from sessions s
    left join memberships m on m.user_id = s.user_id and m.role = any(${sql.array([...roles])})
    left join structures held on held.id = m.structure_id
    left join structures below on below.path like held.path || '%'
    where s.token_hash = ${sha256(token)} and s.expires_at > now()
    group by s.user_id`;
  if (!row || !row.allowed) return null;
  return { userId: row.user_id as string, reach: row.reach as string[] };
}

/**
 * The four-eyes read a money list runs to tell each row's allowed actions (approvals/four-eyes.ts `touchedBy`): the
 * documents among `ids` this person had a hand on. The twins run it as Essor does, after the page and its rows.
 */
export async function touchedBy(sql: Sql, entity: string, ids: string[], userId: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql`select distinct entity_id from audit_log where entity = ${entity} and entity_id = any(${sql.array(ids)})
    and (actor_id = ${userId} or coalesce(after->'voterIds', '[]'::jsonb) @> jsonb_build_array(${userId}::text))`;
  return new Set(rows.map((r) => r.entity_id as string));
}

export function page<T extends Row>(rows: T[], limit: number, cursorOf: (row: T) => string) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}

export function limitOf(c: Context) {
  return Math.min(Number(c.req.query('limit') ?? 50), 200);
}

/** (created_at, id) keyset condition for a time cursor, or true. */
export function timeCursor(sql: Sql, c: Context, createdAt: string, id: string) {
  const cursor = c.req.query('cursor');
  if (!cursor) return sql`true`;
  const [at, last] = decodeCursor(cursor);
  return sql`(${sql.unsafe(createdAt)}, ${sql.unsafe(id)}) < (${String(at)}::timestamptz, ${String(last)}::uuid)`;
}

/** The financing rows a viewer sees: its structures', or about one of its own projects (lib/viewer.ts visibleRow). */
export function visible(sql: Sql, userId: string, reach: string[], alias: string) {
  return sql`(${sql.unsafe(alias)}.structure_id = any(${sql.array(reach, 2950)}) or ${sql.unsafe(alias)}.project_id in (
    select p.id from projects p join organisations o on o.id = p.organisation_id where p.holder_user_id = ${userId} or o.owner_user_id = ${userId}))`;
}

/** The caller when signed in with one of the roles, else null (the route answers 403). */
export const guard = (sql: Sql, c: Context, roles: readonly string[]) => session(sql, c, roles);

/** One structure a role reaches, as Essor's session loads it (lib/scope.ts reachFromParts). */
export interface ReachRow {
  role: string;
  heldOn: string;
  id: string;
  path: string;
}

const PUBLIC_ROLES: readonly string[] = ['project_holder', 'investor'];

/**
 * The caller as Essor's session loads them, in one query: id, locale, roles (the account's public roles and every role
 * held) and the reach rows. For the routes whose rule needs more than `guard` answers: any signed-in person, one
 * role's reach beside another's, the nodes held (top nodes, what an admin manages).
 */
export async function caller(sql: Sql, c: Context) {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const [row] = await sql`
    select u.id, u.locale, u.roles, coalesce((
      select json_agg(json_build_object('role', m.role, 'heldOn', m.structure_id, 'id', s.id, 'path', s.path))
      from memberships m join structures h on h.id = m.structure_id join structures s on s.path like h.path || '%'
      where m.user_id = u.id), '[]'::json) as reach
    from sessions se join users u on u.id = se.user_id
    where se.token_hash = ${sha256(token)} and se.expires_at > now() and u.status = 'active'`;
  if (!row) return null;
  const rows = row.reach as ReachRow[];
  const roles = new Set([...(row.roles as string[]).filter((role) => PUBLIC_ROLES.includes(role)), ...rows.map((r) => r.role)]);
  return {
    userId: row.id as string,
    locale: row.locale as string,
    rows,
    /** Whether the caller holds one of these roles (a route's access list). */
    has: (wanted: readonly string[]) => wanted.some((role) => roles.has(role)),
    /** The structures these roles reach. */
    reachOf: (wanted: readonly string[]) => [...new Set(rows.filter((r) => wanted.includes(r.role)).map((r) => r.id))],
  };
}
