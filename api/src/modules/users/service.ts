import type { Role } from '@essor/shared/roles';
import type { InviteUserInput, UpdateUserInput, User, UserListQuery } from '@essor/shared/users';
import { and, arrayContains, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema/auth';
import { recordAudit, type Actor } from '../../lib/audit';
import { decodeCursor, encodeCursor, pageFrom } from '../../lib/cursor';
import { Conflict, isUniqueViolation, NotFound } from '../../lib/errors';
import { randomToken, sha256 } from '../../lib/passwords';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as Role[],
    locale: row.locale as User['locale'],
    status: row.status as User['status'],
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

function auditView(user: User) {
  const { createdAt: _c, lastLoginAt: _l, ...rest } = user;
  return rest;
}

function userFilters(query: Omit<UserListQuery, 'cursor' | 'limit'>): SQL[] {
  const where: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(or(ilike(users.email, pattern), ilike(users.name, pattern))!);
  }
  if (query.role) where.push(arrayContains(users.roles, [query.role]));
  if (query.status) where.push(eq(users.status, query.status));
  return where;
}

export async function listUsers(db: Db, query: UserListQuery) {
  const where = userFilters(query);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor);
    where.push(sql`(${users.createdAt}, ${users.id}) < (${String(createdAt)}::timestamptz, ${String(id)}::uuid)`);
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.createdAt.toISOString(), row.id));
  return { items: page.items.map(toUser), nextCursor: page.nextCursor };
}

export async function exportUsers(db: Db, query: Omit<UserListQuery, 'cursor' | 'limit'>): Promise<User[]> {
  const rows = await db
    .select()
    .from(users)
    .where(and(...userFilters(query)))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(50_000);
  return rows.map(toUser);
}

export async function getUser(db: Db, id: string): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new NotFound('User');
  return toUser(row);
}

export async function inviteUser(db: Db, actor: Actor, input: InviteUserInput) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          roles: input.roles,
          locale: input.locale,
          status: 'invited',
          invitationTokenHash: sha256(token),
          invitationExpiresAt: expiresAt,
        })
        .returning();
      const user = toUser(row);
      await recordAudit(tx, actor, { action: 'user.invite', entity: 'user', entityId: user.id, after: auditView(user) });
      return { user, invitationToken: token, expiresAt: expiresAt.toISOString() };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('An account already uses this email', { email: ['Already registered'] });
    throw error;
  }
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!current) throw new NotFound('User');
    if (actor.id === id && (input.status === 'disabled' || (input.roles && !input.roles.includes('admin') && current.roles.includes('admin')))) {
      throw new Conflict('You cannot disable yourself or remove your own admin role');
    }
    const [row] = await tx
      .update(users)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (input.status === 'disabled') await tx.delete(sessions).where(eq(sessions.userId, id));
    const before = toUser(current);
    const after = toUser(row);
    await recordAudit(tx, actor, { action: 'user.update', entity: 'user', entityId: id, before: auditView(before), after: auditView(after) });
    return after;
  });
}
