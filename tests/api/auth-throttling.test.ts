import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAttempts, sessions, users } from '../../api/src/db/schema/auth';
import { FIRST_DELAY_SECONDS, FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_PAIR } from '../../api/src/modules/auth/service';
import { DEMO_PASSWORD } from '../../seeds/platform';
import { createTestContext, TestClient, type TestContext } from '../support/http';

const onPostgres = !!process.env.DATABASE_URL;
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
}, 60_000);
afterAll(() => ctx.close());

const from = (address: string) => new TestClient(ctx.app, address);
const login = (address: string, email: string, password: string) => from(address).post('/api/auth/login', { email, password });

async function sessionsOf(email: string): Promise<number> {
  const rows = await ctx.database.db.select({ id: sessions.tokenHash }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(users.email, email));
  return rows.length;
}

/** Moves every attempt of an address back in time, as if the client had waited. */
async function ageAttempts(address: string, seconds: number) {
  await ctx.database.db
    .update(loginAttempts)
    .set({ at: sql`${loginAttempts.at} - make_interval(secs => ${seconds})` })
    .where(eq(loginAttempts.ip, address));
}

describe('sign-in throttling', () => {
  it('slows one address down on one e-mail, but never refuses the person signing in from elsewhere', async () => {
    const email = 'committee@essor.demo';
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++) expect((await login('10.0.0.1', email, `wrong-${i}`)).status).toBe(401);
    const slowed = await login('10.0.0.1', email, DEMO_PASSWORD);
    expect(slowed.status).toBe(429);
    expect((await slowed.json()).error.code).toBe('rate_limited');
    const wait = Number(slowed.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(FIRST_DELAY_SECONDS);
    // The owner, from their own address, is not locked out by someone else's guesses.
    expect((await login('10.0.0.2', email, DEMO_PASSWORD)).status).toBe(200);
  });

  it('grows the delay with each failure past the allowance, and the wait is real', async () => {
    const email = 'coach@essor.demo';
    for (let i = 0; i < FREE_FAILURES_PER_PAIR; i++) expect((await login('10.0.1.1', email, `wrong-${i}`)).status).toBe(401);
    expect((await login('10.0.1.1', email, 'wrong-again')).status).toBe(429);
    await ageAttempts('10.0.1.1', FIRST_DELAY_SECONDS + 1);
    expect((await login('10.0.1.1', email, 'wrong-once-more')).status).toBe(401);
    const longer = await login('10.0.1.1', email, DEMO_PASSWORD);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(FIRST_DELAY_SECONDS);
    await ageAttempts('10.0.1.1', 2 * FIRST_DELAY_SECONDS + 1);
    expect((await login('10.0.1.1', email, DEMO_PASSWORD)).status).toBe(200);
  });

  it('slows down an address spraying many e-mails, and only that address', async () => {
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      expect((await login('10.0.2.1', `nobody-${i}@example.org`, 'wrong-password')).status).toBe(401);
    }
    expect((await login('10.0.2.1', 'investor@essor.demo', DEMO_PASSWORD)).status).toBe(429);
    expect((await login('10.0.2.2', 'investor@essor.demo', DEMO_PASSWORD)).status).toBe(200);
  }, 60_000);

  it.runIf(onPostgres)('a burst of 200 parallel guesses gets no more password checks than the allowance', async () => {
    const email = 'fund@essor.demo';
    const before = await sessionsOf(email);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login('10.0.3.1', email, i === 180 ? DEMO_PASSWORD : `wrong-${i}`)),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401 || s === 200).length).toBeLessThanOrEqual(FREE_FAILURES_PER_PAIR);
    expect(statuses[180]).toBe(429);
    expect(await sessionsOf(email)).toBe(before);
    const recorded = await ctx.database.db
      .select({ id: loginAttempts.id })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, '10.0.3.1')));
    expect(recorded.length).toBeLessThanOrEqual(FREE_FAILURES_PER_PAIR);
  }, 120_000);
});

describe('sign-in does not tell which e-mails exist', () => {
  // How long each refusal takes is measured by `npm run bench` (a timed test would flake on a busy machine);
  // here: the two refusals say exactly the same thing, and both are counted against the address alike.
  it('refuses an unknown e-mail with the very answer a wrong password gets, and counts both alike', async () => {
    const known = await login('10.0.4.1', 'admin@essor.demo', 'not-the-password');
    const unknown = await login('10.0.4.2', 'nobody-here@example.org', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(known.status).toBe(401);
    const withoutRequestId = async (res: Response) => {
      const body = (await res.json()) as { error: { requestId?: string } };
      delete body.error.requestId;
      return body;
    };
    expect(await withoutRequestId(unknown)).toEqual(await withoutRequestId(known));
    expect(unknown.headers.get('set-cookie')).toBeNull();
    expect(known.headers.get('set-cookie')).toBeNull();
    for (const [address, email] of [['10.0.4.1', 'admin@essor.demo'], ['10.0.4.2', 'nobody-here@example.org']]) {
      const recorded = await ctx.database.db
        .select({ id: loginAttempts.id, succeeded: loginAttempts.succeeded })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, address)));
      expect(recorded.map((r) => r.succeeded)).toEqual([false]);
    }
  });
});
