import { isPublicRole, type Role, type StaffSideRole } from '@essor/shared/roles';
import type { InviteUserInput, UpdateUserInput, User, UserListQuery } from '@essor/shared/users';
import { and, asc, desc, eq, exists, ilike, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema/auth';
import { memberships, structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeTimeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, Invalid, isUniqueViolation, NotFound } from '../../lib/errors';
import { randomToken, sha256 } from '../../lib/passwords';
import { anyOfPlaced } from '../../lib/any-of';
import { groupBy } from '../../lib/group';
import { builtOnce, builtPerShape } from '../../lib/prepared';
import { inPlaceholderReach, inReach, structuresReached } from '../../lib/scope';
import { DEFAULT_PUBLIC_URL, queueMail, recipientLocale, type MailLinks } from '../mail/public';
import { containsPattern } from '../../lib/like';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type UserRow = typeof users.$inferSelect;
type HeldRole = { id: string; structureId: string; structureName: string; role: StaffSideRole };

export function toUser(row: UserRow, held: HeldRole[] = []): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: [...new Set<Role>([...(row.roles as Role[]), ...held.map((m) => m.role)])],
    memberships: held,
    locale: row.locale as User['locale'],
    status: row.status as User['status'],
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

/** The memberships of a page of accounts, built once: the accounts' ids come as one array. */
const membershipsOf = builtOnce((db) =>
  db
    .select({ id: memberships.id, userId: memberships.userId, structureId: memberships.structureId, structureName: structures.name, role: memberships.role })
    .from(memberships)
    .innerJoin(structures, eq(structures.id, memberships.structureId))
    .where(anyOfPlaced(memberships.userId, 'userIds'))
    .orderBy(asc(structures.path), asc(memberships.role))
    .prepare('essor_user_memberships'),
);

async function withMemberships(db: Db, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const held = groupBy(await membershipsOf(db).execute({ userIds: rows.map((r) => r.id) }), (m) => m.userId);
  return rows.map((row) => toUser(row, (held.get(row.id) ?? []).map(({ userId: _u, role, ...m }) => ({ ...m, role: role as StaffSideRole }))));
}

function auditView(user: User) {
  const { createdAt: _c, lastLoginAt: _l, ...rest } = user;
  return rest;
}

/**
 * The accounts an admin manages: people holding a role in a structure the admin reaches; people of the
 * public (holders, investors with no role anywhere) only for admins of a top node.
 */
function managedBy(admin: CurrentUser): SQL {
  return managedWhere(topNodeAdmin(admin), inReach(memberships.structureId, admin, ['admin']));
}

function managedWhere(top: boolean, reached: SQL): SQL {
  const inMine = exists(sql`(select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${reached})`);
  return top ? or(inMine, notExists(sql`(select 1 from ${memberships} where ${memberships.userId} = ${users.id})`))! : inMine;
}

function topNodeAdmin(admin: CurrentUser): boolean {
  return structuresReached(admin, ['admin']).some((id) => (admin.reach.paths[id] ?? '').split('/').filter(Boolean).length === 1);
}

/**
 * A page of the accounts list, built once per shape (top-node admin or not, which filters, first page or after a
 * cursor); the values come as placeholders.
 */
const usersPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [managedWhere(has('top'), inPlaceholderReach(memberships.structureId))];
  if (has('q')) where.push(or(ilike(users.email, sql.placeholder('q')), ilike(users.name, sql.placeholder('q')))!);
  if (has('publicRole')) where.push(sql`${users.roles} @> array[${sql.placeholder('role')}]::text[]`);
  if (has('staffRole')) where.push(exists(sql`(select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.role} = ${sql.placeholder('role')})`));
  if (has('status')) where.push(eq(users.status, sql.placeholder('status')));
  if (has('cursor')) where.push(sql`(${users.createdAt}, ${users.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  return db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_users_${shape}`);
});

export async function listUsers(db: Db, admin: CurrentUser, query: UserListQuery) {
  const [at, id] = query.cursor ? decodeTimeCursor(query.cursor) : [null, null];
  const shape = [
    topNodeAdmin(admin) && 'top',
    Boolean(query.q) && 'q',
    query.role ? (isPublicRole(query.role) ? 'publicRole' : 'staffRole') : false,
    Boolean(query.status) && 'status',
    Boolean(at) && 'cursor',
  ];
  const rows = await usersPage(db, shape).execute({
    reach: structuresReached(admin, ['admin']),
    q: query.q ? containsPattern(query.q) : null,
    role: query.role ?? null,
    status: query.status ?? null,
    at,
    id,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.createdAt.toISOString(), row.id));
  return { items: await withMemberships(db, page.items), nextCursor: page.nextCursor };
}

export function exportUsers(db: Db, admin: CurrentUser, query: Omit<UserListQuery, 'cursor' | 'limit'>): AsyncGenerator<User[]> {
  return allPages((cursor) => listUsers(db, admin, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}

export async function getUser(db: Db, admin: CurrentUser, id: string): Promise<User> {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), managedBy(admin)));
  if (!row) throw new NotFound('thing.user');
  return (await withMemberships(db, [row]))[0];
}

/** Staff-side roles become memberships of the structure; public roles stay on the account. */
function splitRoles(roles: readonly Role[], structureId: string | undefined) {
  const held = roles.filter((r): r is StaffSideRole => !isPublicRole(r));
  if (held.length && !structureId) throw new Invalid('users.structure_for_roles', { structureId: ['field.structure_for_roles'] });
  return { publicRoles: roles.filter(isPublicRole), held };
}

/** Invites the person and e-mails them the link in the same transaction; the admin gets the link too, to pass on by hand. */
export async function inviteUser(db: Db, actor: Actor, input: InviteUserInput, links: Pick<MailLinks, 'publicUrl'> = { publicUrl: DEFAULT_PUBLIC_URL }) {
  const { publicRoles, held } = splitRoles(input.roles, input.structureId);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          roles: publicRoles,
          locale: input.locale,
          status: 'invited',
          invitationTokenHash: sha256(token),
          invitationExpiresAt: expiresAt,
        })
        .returning();
      if (held.length) await tx.insert(memberships).values(held.map((role) => ({ userId: row.id, structureId: input.structureId!, role, grantedBy: actor.id })));
      const [user] = await withMemberships(tx, [row]);
      await recordAudit(tx, actor, { action: 'user.invite', entity: 'user', entityId: user.id, structureId: input.structureId ?? null, after: auditView(user) });
      await queueMail(tx, {
        to: row.email,
        userId: row.id,
        structureId: input.structureId ?? null,
        locale: recipientLocale(row.locale),
        kind: 'invitation',
        params: { name: row.name, link: `${links.publicUrl}/invitation?token=${token}`, expiresInDays: INVITATION_TTL_MS / 86_400_000, invitedBy: actor.email },
      });
      return { user, invitationToken: token, expiresAt: expiresAt.toISOString() };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('users.email_taken', { email: ['field.already_registered'] });
    throw error;
  }
}

/**
 * `roles` replaces the person's public roles and the roles they hold in `structureId` (the admin's
 * structure by default); roles held in other structures stay as they are.
 */
export async function updateUser(db: Db, actor: Actor, admin: CurrentUser, id: string, input: UpdateUserInput): Promise<User> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(and(eq(users.id, id), managedBy(admin))).for('update');
    if (!current) throw new NotFound('thing.user');
    const [before] = await withMemberships(tx, [current]);
    const { roles, structureId, ...fields } = input;
    const split = roles ? splitRoles(roles, structureId) : null;
    const losesAdmin = split && structureId && before.memberships.some((m) => m.structureId === structureId && m.role === 'admin') && !split.held.includes('admin');
    if (actor.id === id && (input.status === 'disabled' || losesAdmin)) {
      throw new Conflict('users.not_yourself');
    }
    const [row] = await tx
      .update(users)
      .set({ ...fields, ...(split ? { roles: split.publicRoles } : {}), updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (split && structureId) {
      await tx.delete(memberships).where(and(eq(memberships.userId, id), eq(memberships.structureId, structureId)));
      if (split.held.length) await tx.insert(memberships).values(split.held.map((role) => ({ userId: id, structureId, role, grantedBy: actor.id })));
    }
    if (input.status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
    const [after] = await withMemberships(tx, [row]);
    await recordAudit(tx, actor, { action: 'user.update', entity: 'user', entityId: id, before: auditView(before), after: auditView(after) });
    return after;
  });
}
