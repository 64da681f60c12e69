import type { ChangePasswordInput, ForgotPasswordInput, LoginInput, RegisterInput, ResetPasswordInput, SessionUser } from '@essor/shared/auth';
import { isPublicRole, type Role } from '@essor/shared/roles';
import { and, count, eq, gt, isNotNull, isNull, like, lt, max, min, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginAttempts, sessions, users } from '../../db/schema/auth';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentSession, CurrentUser } from '../../lib/context';
import { Invalid, RateLimited, Unauthenticated } from '../../lib/errors';
import type { PlainKey } from '../../lib/messages/render';
import { builtOnce } from '../../lib/prepared';
import { hashPassword, randomToken, sha256, verifyPassword, weakPasswordReason } from '../../lib/passwords';
import { belowRowsOf, focusReach, heldRowsOf, loadReach, reachFromText, type LoadedReach } from '../../lib/scope';
import { structures } from '../../db/schema/structures';
import { outboxMessages, passwordResets } from '../../db/schema/mail';
import { queueMail, recipientLocale, type MailLinks } from '../mail/public';
import { anyOf } from '../../lib/any-of';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

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
type PersonRow = Pick<UserRow, 'id' | 'email' | 'name' | 'roles' | 'locale'>;

/** The account with every role it holds: public roles on the account, staff-side roles per structure. */
export async function currentUserOf(db: Db, row: PersonRow, focus: string | null = null, loaded?: LoadedReach): Promise<CurrentUser> {
  return personWith(row, loaded ?? (await loadReach(db, row.id)), focus);
}

function personWith(row: PersonRow, { reach, memberships }: LoadedReach, focus: string | null): CurrentUser {
  const roles = [...new Set<Role>([...(row.roles as Role[]).filter(isPublicRole), ...memberships.map((m) => m.role)])];
  const focused = focus && reach.paths[focus] ? focus : null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles,
    locale: row.locale as 'fr' | 'en',
    memberships,
    reach: focused ? focusReach(reach, focused) : reach,
    focus: focused,
  };
}

/** What the admin is told of the signed-in person: roles, and which structure each is held in. */
export async function toSessionUser(db: Db, user: CurrentUser): Promise<SessionUser> {
  const ids = [...new Set(user.memberships.map((m) => m.structureId))];
  const names = ids.length ? await db.select({ id: structures.id, name: structures.name }).from(structures).where(anyOf(structures.id, ids)) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    locale: user.locale,
    memberships: user.memberships.map((m) => ({ ...m, structureName: nameOf.get(m.structureId) ?? '' })),
  };
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
  return { token, user: await toSessionUser(tx, await currentUserOf(tx, user)), session };
}

/**
 * Sign-in throttling slows guessing down without handing anyone a way to lock a person out: failures
 * count per address and per e-mail-and-address pair, never per e-mail alone, and past a free allowance
 * each new failure doubles the wait (up to the window) instead of refusing the right password for good.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const FREE_FAILURES_PER_PAIR = 5;
export const FREE_FAILURES_PER_ADDRESS = 30;
export const FIRST_DELAY_SECONDS = 30;

/** Seconds to wait after the last failure once `failures` reached `free`: 30 s, 60 s, 120 s ... up to the window. */
export function throttleDelaySeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** Math.min(failures - free, 20), LOGIN_WINDOW_MS / 1000);
}

function remainingSeconds(failures: number, free: number, lastAt: Date | null): number {
  const delay = throttleDelaySeconds(failures, free);
  if (!delay || !lastAt) return 0;
  return Math.ceil((lastAt.getTime() + delay * 1000 - Date.now()) / 1000);
}

/**
 * Counts and records the attempt atomically: a transaction-scoped advisory lock per address (both counters
 * are keyed by the address) makes parallel requests queue here, so a burst cannot all read the same count.
 * The attempt is stored as failed before the password is checked and turned into a success afterwards.
 */
async function claimLoginAttempt(db: Db, email: string, ip: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`essor.login:${ip}`}))`);
    const since = new Date(Date.now() - LOGIN_WINDOW_MS);
    const [lastSuccess] = await tx
      .select({ at: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)));
    const pairSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
    const [pair] = await tx
      .select({ n: count(), lastAt: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, pairSince)));
    const [address] = await tx
      .select({ n: count(), lastAt: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
    const wait = Math.max(
      remainingSeconds(pair.n, FREE_FAILURES_PER_PAIR, pair.lastAt ? new Date(pair.lastAt) : null),
      remainingSeconds(address.n, FREE_FAILURES_PER_ADDRESS, address.lastAt ? new Date(address.lastAt) : null),
    );
    if (wait > 0) throw new RateLimited(wait);
    const [attempt] = await tx.insert(loginAttempts).values({ email, ip, succeeded: false }).returning({ id: loginAttempts.id });
    return attempt.id;
  });
}

/** Checked when the e-mail is unknown, so both answers take the time of one scrypt. */
let dummyHash: Promise<string> | null = null;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
}

export async function login(db: Db, input: LoginInput, client: ClientInfo, links?: MailLinks): Promise<OpenedSession> {
  const attemptId = await claimLoginAttempt(db, input.email, client.ip);
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || user.status !== 'active' || !user.passwordHash || !matches) {
    // The guessing check runs for an unknown e-mail too, so both refusals do the same work.
    await noticeGuessing(db, input.email, user?.status === 'active' ? user : null, links);
    throw new Unauthenticated('auth.wrong_credentials');
  }
  return db.transaction(async (tx) => {
    await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
    return openSession(tx, user, client);
  });
}

/**
 * When an account is being guessed at (as many failures for its e-mail, from any address, as a pair may
 * make before being slowed down), its owner is told by e-mail, once per window.
 */
async function noticeGuessing(db: Db, email: string, user: UserRow | null, links: MailLinks | undefined): Promise<void> {
  const queued = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`essor.guessing:${email}`}))`);
    const since = new Date(Date.now() - LOGIN_WINDOW_MS);
    const [failures] = await tx
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
    if (!user || !links || failures.n < FREE_FAILURES_PER_PAIR) return false;
    const [told] = await tx
      .select({ n: count() })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.userId, user.id), eq(outboxMessages.kind, 'sign_in_guessing'), gt(outboxMessages.createdAt, since)));
    if (told.n > 0) return false;
    await queueMail(tx, {
      to: user.email,
      userId: user.id,
      locale: recipientLocale(user.locale),
      kind: 'sign_in_guessing',
      params: { name: user.name, failures: failures.n, resetLink: `${links.publicUrl}/forgot-password` },
    });
    return true;
  });
  if (queued) links?.afterQueued?.();
}

/** Sign-ups per address per hour: enough for a family or an office, not for a script trying e-mails. */
export const SIGN_UPS_PER_ADDRESS = 10;
const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;
/** Sign-ups are counted in login_attempts under this e-mail prefix, so no table is added for them. */
const SIGN_UP_MARK = 'sign-up:';
export const REGISTER_ACCEPTED = 'If this address can be used, the account is ready: sign in with it and your password.';

function assertStrongPassword(password: string, person: { email: string; name?: string | null }, field = 'password'): void {
  const reason = weakPasswordReason(password, person);
  if (reason) throw new Invalid('auth.weak_password', { [field]: [reason] });
}

async function claimSignUp(db: Db, email: string, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`essor.login:${ip}`}))`);
    const since = new Date(Date.now() - SIGN_UP_WINDOW_MS);
    const [recent] = await tx
      .select({ n: count(), firstAt: min(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), like(loginAttempts.email, `${SIGN_UP_MARK}%`), gt(loginAttempts.at, since)));
    if (recent.n >= SIGN_UPS_PER_ADDRESS && recent.firstAt) {
      throw new RateLimited(Math.max(1, Math.ceil((new Date(recent.firstAt).getTime() + SIGN_UP_WINDOW_MS - Date.now()) / 1000)));
    }
    await tx.insert(loginAttempts).values({ email: `${SIGN_UP_MARK}${email}`, ip, succeeded: true });
  });
}

/**
 * Creates the account when the e-mail is new; a known e-mail gets the same answer and nothing changes,
 * so sign-up tells no one which addresses have an account. Nobody is signed in here: the admin then
 * signs in with the same e-mail and password.
 */
export async function register(db: Db, input: RegisterInput, client: ClientInfo): Promise<void> {
  assertStrongPassword(input.password, input);
  await claimSignUp(db, input.email, client.ip);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, roles: [input.role], locale: input.locale, status: 'active' })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) return;
    await recordAudit(tx, { id: user.id, email: user.email, requestId: client.requestId }, {
      action: 'user.register',
      entity: 'user',
      entityId: user.id,
      after: { email: user.email, name: user.name, roles: user.roles },
    });
  });
}

/** A signed-in person changes their password: the current one is checked (and throttled like a sign-in). */
export async function changePassword(db: Db, user: CurrentUser, currentTokenHash: string, input: ChangePasswordInput, client: ClientInfo): Promise<void> {
  const attemptId = await claimLoginAttempt(db, user.email, client.ip);
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  if (!row?.passwordHash || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new Invalid('auth.current_password_wrong', { currentPassword: ['field.wrong_password'] });
  }
  assertStrongPassword(input.newPassword, { email: row.email, name: row.name }, 'newPassword');
  if (input.newPassword === input.currentPassword) throw new Invalid('auth.choose_new_password', { newPassword: ['field.same_as_current'] });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    // Whoever signed in with the old password is signed out; this session stays.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.tokenHash, currentTokenHash)));
    await recordAudit(tx, { id: user.id, email: user.email, requestId: client.requestId }, {
      action: 'user.change_password',
      entity: 'user',
      entityId: user.id,
      after: { ip: client.ip },
    });
  });
}

export async function acceptInvitation(db: Db, input: { token: string; password: string }, client: ClientInfo): Promise<OpenedSession> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.invitationTokenHash, sha256(input.token))).for('update');
    if (!user || user.status !== 'invited' || !user.invitationExpiresAt || user.invitationExpiresAt < new Date()) {
      throw new Invalid('auth.invitation_unusable', { token: ['field.invalid_invitation'] });
    }
    assertStrongPassword(input.password, user);
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

/** The session lookup runs before every signed-in request: built once. */
const sessionLookup = builtOnce((db) =>
  db
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      id: users.id,
      email: users.email,
      name: users.name,
      roles: users.roles,
      locale: users.locale,
      status: users.status,
      // As text: the reach is kept by it (reachFromText).
      held: sql<string>`(${heldRowsOf(users.id)})::text`,
      below: sql<string>`(${belowRowsOf(users.id)})::text`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('essor_session_lookup'),
);

export async function loadSession(db: Db, token: string, focus: string | null = null): Promise<LoadedSession> {
  // Session, person and reach in one round trip.
  const [row] = await sessionLookup(db).execute({ tokenHash: sha256(token) });
  if (!row) return null;
  if (row.expiresAt < new Date() || row.status !== 'active') return 'expired';
  return {
    user: personWith(row, reachFromText(row.held, row.below), focus),
    session: { tokenHash: row.tokenHash, csrfToken: row.csrfToken, expiresAt: row.expiresAt },
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

/** A reset link works once, for an hour. */
export const RESET_TTL_MS = 60 * 60 * 1000;
/** Reset requests per address per hour (known and unknown e-mails alike), and reset e-mails per account per hour. */
export const RESETS_PER_ADDRESS = 10;
export const RESET_MAILS_PER_ACCOUNT = 3;
const RESET_WINDOW_MS = 60 * 60 * 1000;
const RESET_MARK = 'reset:';
export const RESET_REQUESTED = 'If an account uses this address, a link to choose a new password is on its way.';

/**
 * "Forgot password": an active account gets an e-mailed single-use link (only its hash is stored), in the
 * same transaction as the link; every e-mail gets the same answer, and an address asking too often is
 * slowed down whatever the e-mails it tries.
 */
export async function requestPasswordReset(db: Db, input: ForgotPasswordInput, client: ClientInfo & { acceptLanguage?: string | null }, links: MailLinks): Promise<void> {
  const queued = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`essor.login:${client.ip}`}))`);
    const since = new Date(Date.now() - RESET_WINDOW_MS);
    const [recent] = await tx
      .select({ n: count(), firstAt: min(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, client.ip), like(loginAttempts.email, `${RESET_MARK}%`), gt(loginAttempts.at, since)));
    if (recent.n >= RESETS_PER_ADDRESS && recent.firstAt) {
      throw new RateLimited(Math.max(1, Math.ceil((new Date(recent.firstAt).getTime() + RESET_WINDOW_MS - Date.now()) / 1000)));
    }
    await tx.insert(loginAttempts).values({ email: `${RESET_MARK}${input.email}`, ip: client.ip, succeeded: true });
    const [user] = await tx.select().from(users).where(eq(users.email, input.email)).for('update');
    if (!user || user.status !== 'active') return false;
    const [sent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, since)));
    if (sent.n >= RESET_MAILS_PER_ACCOUNT) return false;
    const token = randomToken();
    // A new link replaces the ones not used yet: only the latest e-mail works.
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    const [reset] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) })
      .returning({ id: passwordResets.id });
    await queueMail(tx, {
      to: user.email,
      userId: user.id,
      locale: recipientLocale(user.locale, client.acceptLanguage),
      kind: 'password_reset',
      params: { name: user.name, link: `${links.publicUrl}/reset-password?token=${token}`, expiresInMinutes: RESET_TTL_MS / 60_000 },
    });
    await recordAudit(tx, { id: null, email: user.email, requestId: client.requestId }, {
      action: 'user.request_password_reset',
      entity: 'user',
      entityId: user.id,
      after: { resetId: reset.id, ip: client.ip },
    });
    return true;
  });
  if (queued) links?.afterQueued?.();
}

/** Sets a new password from a reset link: the link then stops working, and every session of the account ends. */
export async function resetPassword(db: Db, input: ResetPasswordInput, client: ClientInfo): Promise<void> {
  const tokenHash = sha256(input.token);
  const unusable = (why: PlainKey) => new Invalid(why, { token: [why] });
  const check = (row: { reset: typeof passwordResets.$inferSelect; user: UserRow } | undefined) => {
    if (!row || row.user.status !== 'active') throw unusable('auth.reset_unknown');
    if (row.reset.usedAt) throw unusable('auth.reset_used');
    if (row.reset.expiresAt < new Date()) throw unusable('auth.reset_expired');
    return row;
  };
  const find = (tx: Db) =>
    tx.select({ reset: passwordResets, user: users }).from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId)).where(eq(passwordResets.tokenHash, tokenHash));
  const { user } = check((await find(db))[0]);
  assertStrongPassword(input.password, user);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.select({ id: passwordResets.id }).from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).for('update');
    const { reset } = check((await find(tx))[0]);
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordAudit(tx, { id: user.id, email: user.email, requestId: client.requestId }, {
      action: 'user.reset_password',
      entity: 'user',
      entityId: user.id,
      after: { resetId: reset.id, ip: client.ip },
    });
  });
}

/** Scheduled: invitation links past their date stop existing; reset links are kept a week (to say "expired"), then go. */
export async function expireLinks(db: Db): Promise<{ invitations: number; resets: number }> {
  const now = new Date();
  const invitations = await db
    .update(users)
    .set({ invitationTokenHash: null, updatedAt: now })
    .where(and(eq(users.status, 'invited'), isNotNull(users.invitationTokenHash), lt(users.invitationExpiresAt, now)))
    .returning({ id: users.id });
  const resets = await db
    .delete(passwordResets)
    .where(lt(passwordResets.expiresAt, new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000)))
    .returning({ id: passwordResets.id });
  return { invitations: invitations.length, resets: resets.length };
}

/** Housekeeping run at start: expired sessions and old login attempts carry no value. */
export async function purgeExpired(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - 24 * 60 * 60 * 1000)));
}
