import type { LoginInput, RegisterInput, SessionUser } from '@essor/shared/auth';
import type { Role } from '@essor/shared/roles';
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginAttempts, sessions, users } from '../../db/schema/auth';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentSession, CurrentUser } from '../../lib/context';
import { Conflict, Invalid, isUniqueViolation, RateLimited, Unauthenticated } from '../../lib/errors';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../lib/passwords';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILED_LOGINS_PER_EMAIL = 5;
export const MAX_FAILED_LOGINS_PER_IP = 30;

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string | null;
}

export interface OpenedSession {
  token: string;
  user: SessionUser;
  session: CurrentSession;
}

type UserRow = typeof users.$inferSelect;

function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, email: row.email, name: row.name, roles: row.roles as Role[], locale: row.locale as 'fr' | 'en' };
}

async function openSession(tx: Db, user: UserRow, client: ClientInfo): Promise<OpenedSession> {
  const token = randomToken();
  const session: CurrentSession = { tokenHash: sha256(token), csrfToken: randomToken(24), expiresAt: new Date(Date.now() + SESSION_TTL_MS) };
  await tx.insert(sessions).values({ ...session, userId: user.id, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
  await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  await recordAudit(tx, { id: user.id, email: user.email, requestId: client.requestId }, {
    action: 'session.open',
    entity: 'user',
    entityId: user.id,
    after: { ip: client.ip },
  });
  return { token, user: toSessionUser(user), session };
}

async function assertNotRateLimited(db: Db, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const [byEmail] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  if (byEmail.n >= MAX_FAILED_LOGINS_PER_EMAIL || byIp.n >= MAX_FAILED_LOGINS_PER_IP) {
    throw new RateLimited(LOGIN_WINDOW_MS / 1000);
  }
}

export async function login(db: Db, input: LoginInput, client: ClientInfo): Promise<OpenedSession> {
  await assertNotRateLimited(db, input.email, client.ip);
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  const ok = user && user.status === 'active' && (await verifyPassword(input.password, user.passwordHash));
  if (!ok) {
    await db.insert(loginAttempts).values({ email: input.email, ip: client.ip, succeeded: false });
    throw new Unauthenticated('Wrong email or password');
  }
  return db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email: input.email, ip: client.ip, succeeded: true });
    return openSession(tx, user, client);
  });
}

export async function register(db: Db, input: RegisterInput, client: ClientInfo): Promise<OpenedSession> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash, roles: [input.role], locale: input.locale, status: 'active' })
        .returning();
      await recordAudit(tx, { id: user.id, email: user.email, requestId: client.requestId }, {
        action: 'user.register',
        entity: 'user',
        entityId: user.id,
        after: { email: user.email, name: user.name, roles: user.roles },
      });
      return openSession(tx, user, client);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('An account already uses this email', { email: ['Already registered'] });
    throw error;
  }
}

export async function acceptInvitation(db: Db, input: { token: string; password: string }, client: ClientInfo): Promise<OpenedSession> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.invitationTokenHash, sha256(input.token))).for('update');
    if (!user || user.status !== 'invited' || !user.invitationExpiresAt || user.invitationExpiresAt < new Date()) {
      throw new Invalid('This invitation is unknown, used or expired', { token: ['Invalid invitation'] });
    }
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, status: 'active', invitationTokenHash: null, invitationExpiresAt: null, updatedAt: new Date() })
      .where(eq(users.id, user.id))
      .returning();
    await recordAudit(tx, { id: user.id, email: user.email, requestId: client.requestId }, {
      action: 'user.accept_invitation',
      entity: 'user',
      entityId: user.id,
      before: { status: user.status },
      after: { status: updated.status },
    });
    return openSession(tx, updated, client);
  });
}

export type LoadedSession = { user: CurrentUser; session: CurrentSession } | 'expired' | null;

export async function loadSession(db: Db, token: string): Promise<LoadedSession> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sha256(token)));
  if (!row) return null;
  if (row.session.expiresAt < new Date() || row.user.status !== 'active') return 'expired';
  return {
    user: toSessionUser(row.user),
    session: { tokenHash: row.session.tokenHash, csrfToken: row.session.csrfToken, expiresAt: row.session.expiresAt },
  };
}

export async function logout(db: Db, tokenHash: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ userId: sessions.userId });
    if (deleted.length > 0) {
      await recordAudit(tx, actor, { action: 'session.close', entity: 'user', entityId: deleted[0].userId });
    }
  });
}

/** Housekeeping run at start: expired sessions and old login attempts carry no value. */
export async function purgeExpired(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - 24 * 60 * 60 * 1000)));
}
