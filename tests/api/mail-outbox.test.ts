import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type EssorApp } from '../../api/src/app';
import { outboxMessages, passwordResets } from '../../api/src/db/schema/mail';
import type { JobsHandle } from '../../api/src/lib/context';
import { JOB_DEFINITIONS } from '../../api/src/modules/jobs/definitions';
import { JobRunner } from '../../api/src/modules/jobs/runner';
import { DELIVER_OUTBOX, deliverDueMessages, MAX_ATTEMPTS, retryDelaySeconds } from '../../api/src/modules/mail/outbox';
import { smtpSender } from '../../api/src/modules/mail/transport';
import { rowsOf } from '../../api/src/lib/rows';
import { seedPlatform } from '../../seeds/platform';
import { TestClient } from '../support/http';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const PUBLIC_URL = 'https://essor.example.org';
const FROM = 'Essor <no-reply@essor.example.org>';
const PASSWORD = 'a long enough passphrase 42';

let database: TestDatabase;
let smtp: TestSmtpServer;
let runner: JobRunner;
let app: EssorApp;
const woken: string[] = [];
let address = 0;
/** Each test speaks from its own address, so per-address limits of one test leave the others alone. */
const client = () => new TestClient(app, `10.9.0.${++address}`);

async function outbox(where = sql`true`) {
  return rowsOf<{ id: string; to_address: string; kind: string; status: string; attempts: number; subject: string; text: string; locale: string; last_error: string | null }>(
    await database.db.execute(sql`select * from ${outboxMessages} where ${where} order by created_at`),
  );
}

async function registerPerson(email: string, locale: 'fr' | 'en', name = 'Awa Ndiaye') {
  const res = await client().post('/api/auth/register', { email, name, password: PASSWORD, role: 'project_holder', locale });
  expect(res.status).toBe(202);
}

/** The worker's part, run here and now: what a started worker does on its next poll. */
async function deliverNow() {
  await runner.trigger(DELIVER_OUTBOX);
  return runner.runDueJobs([DELIVER_OUTBOX]);
}

const tokenIn = (text: string) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedPlatform(database.db);
  smtp = await startSmtpServer();
  runner = new JobRunner({ database, definitions: JOB_DEFINITIONS, sendMail: smtpSender({ url: smtp.url, from: FROM }), retryDelaySeconds: 0 });
  await runner.start();
  const jobs: JobsHandle = { wake: (name) => woken.push(name), trigger: (name) => runner.trigger(name), isWorking: false, definitions: runner.definitions };
  app = createApp({ database, mail: { publicUrl: PUBLIC_URL, smtpConfigured: true }, jobs });
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await smtp?.close();
  await database?.dispose();
});

describe('password reset by e-mail', () => {
  it('e-mails a single-use link in the person\u2019s language, through a real SMTP server', async () => {
    await registerPerson('reset.en@example.org', 'en', 'Grace Hopper');
    const res = await client().post('/api/auth/forgot-password', { email: 'reset.en@example.org' });
    expect(res.status).toBe(202);
    expect(woken).toContain(DELIVER_OUTBOX);
    const [queued] = await outbox(sql`to_address = 'reset.en@example.org'`);
    expect(queued).toMatchObject({ kind: 'password_reset', status: 'queued', locale: 'en' });

    await deliverNow();
    const mail = await smtp.waitFor((m) => m.to.includes('reset.en@example.org'));
    expect(mail.subject).toBe('Essor: choose a new password');
    expect(mail.text).toContain('Hello Grace Hopper');
    expect(mail.text).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(mail.html).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(mail.from).toBe('no-reply@essor.example.org');
    expect((await outbox(sql`to_address = 'reset.en@example.org'`))[0].status).toBe('sent');
    // Only the token's hash is stored.
    const token = tokenIn(mail.text)!;
    const stored = rowsOf<{ token_hash: string }>(await database.db.execute(sql`select token_hash from ${passwordResets}`));
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
  });

  it('writes French to a French-speaking person', async () => {
    await registerPerson('reset.fr@example.org', 'fr', 'Léa Dubois');
    expect((await client().post('/api/auth/forgot-password', { email: 'reset.fr@example.org' })).status).toBe(202);
    await deliverNow();
    const mail = await smtp.waitFor((m) => m.to.includes('reset.fr@example.org'));
    expect(mail.subject).toBe('Essor : choisir un nouveau mot de passe');
    expect(mail.text).toContain('Bonjour Léa Dubois');
    expect(mail.text).toContain('expire dans 60 minutes');
  });

  it('sets the new password once: the link then fails, old sessions end, the new password signs in', async () => {
    await registerPerson('reset.once@example.org', 'en');
    const before = await client().signIn('reset.once@example.org', PASSWORD);
    await client().post('/api/auth/forgot-password', { email: 'reset.once@example.org' });
    await deliverNow();
    const token = tokenIn((await smtp.waitFor((m) => m.to.includes('reset.once@example.org'))).text)!;
    const newPassword = 'another long passphrase 77';

    const done = await client().post('/api/auth/reset-password', { token, password: newPassword });
    expect(done.status).toBe(204);
    expect((await before.get('/api/auth/me')).status).toBe(401);
    await client().signIn('reset.once@example.org', newPassword);
    expect((await client().post('/api/auth/login', { email: 'reset.once@example.org', password: PASSWORD })).status).toBe(401);

    const again = await client().post('/api/auth/reset-password', { token, password: 'yet another passphrase 91' }, { headers: { 'accept-language': 'en' } });
    expect(again.status).toBe(400);
    const body = await again.json();
    expect(body.error.code).toBe('invalid');
    expect(body.error.fields.token[0]).toMatch(/already used/);
    await client().signIn('reset.once@example.org', newPassword);
  });

  it('refuses an expired link with a clear 400, and a newer link replaces the older one', async () => {
    await registerPerson('reset.late@example.org', 'en');
    await client().post('/api/auth/forgot-password', { email: 'reset.late@example.org' });
    await deliverNow();
    const first = tokenIn((await smtp.waitFor((m) => m.to.includes('reset.late@example.org'))).text)!;
    await database.db.execute(sql`update ${passwordResets} set expires_at = now() - interval '1 minute' where used_at is null`);
    const expired = await client().post('/api/auth/reset-password', { token: first, password: 'another long passphrase 77' }, { headers: { 'accept-language': 'fr' } });
    expect(expired.status).toBe(400);
    expect((await expired.json()).error.fields.token[0]).toMatch(/a expiré/);

    const count = smtp.received.length;
    await client().post('/api/auth/forgot-password', { email: 'reset.late@example.org' });
    await client().post('/api/auth/forgot-password', { email: 'reset.late@example.org' });
    await deliverNow();
    await smtp.waitFor(() => smtp.received.length >= count + 2);
    const [older, newer] = smtp.received.slice(count).map((m) => tokenIn(m.text)!);
    expect((await client().post('/api/auth/reset-password', { token: older, password: 'another long passphrase 77' })).status).toBe(400);
    expect((await client().post('/api/auth/reset-password', { token: newer, password: 'another long passphrase 77' })).status).toBe(204);
    expect((await client().post('/api/auth/reset-password', { token: 'x'.repeat(43), password: 'another long passphrase 77' })).status).toBe(400);
  });

  it('answers an unknown e-mail exactly as a known one, and sends nothing', async () => {
    const before = (await outbox()).length;
    const known = await client().post('/api/auth/forgot-password', { email: 'admin@essor.demo' });
    const unknown = await client().post('/api/auth/forgot-password', { email: 'nobody.here@example.org' });
    expect(unknown.status).toBe(known.status);
    expect(await unknown.json()).toEqual(await known.clone().json());
    const after = await outbox();
    expect(after.length).toBe(before + 1);
    expect(after.map((m) => m.to_address)).not.toContain('nobody.here@example.org');
  });

  it('slows down an address that asks too often, whatever the e-mails it tries', async () => {
    const same = client();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await same.post('/api/auth/forgot-password', { email: `guess${i}@example.org` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not slowed down by it.
    expect((await client().post('/api/auth/forgot-password', { email: 'guess0@example.org' })).status).toBe(202);
  });

  it('caps the reset e-mails one account receives, with the same answer', async () => {
    await registerPerson('reset.cap@example.org', 'en');
    for (let i = 0; i < 5; i++) expect((await client().post('/api/auth/forgot-password', { email: 'reset.cap@example.org' })).status).toBe(202);
    expect(await outbox(sql`to_address = 'reset.cap@example.org'`)).toHaveLength(3);
  });
});

describe('invitations by e-mail', () => {
  it('e-mails the invitation link the admin also gets, and a replay with the same Idempotency-Key queues nothing more', async () => {
    const admin = await client().signIn('admin@essor.demo');
    const input = { email: 'invited.en@example.org', name: 'Ada Lovelace', roles: ['project_holder'], locale: 'en' };
    const first = await admin.post('/api/users', input, { headers: { 'idempotency-key': 'invite-ada-0001' } });
    expect(first.status).toBe(201);
    const invitation = await first.json();
    const replay = await admin.post('/api/users', input, { headers: { 'idempotency-key': 'invite-ada-0001' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await replay.json()).user.id).toBe(invitation.user.id);
    expect(await outbox(sql`to_address = 'invited.en@example.org'`)).toHaveLength(1);

    await deliverNow();
    const mail = await smtp.waitFor((m) => m.to.includes('invited.en@example.org'));
    expect(mail.subject).toBe('Invitation to join Essor');
    expect(mail.text).toContain(`${PUBLIC_URL}/invitation?token=${invitation.invitationToken}`);
    expect(smtp.received.filter((m) => m.to.includes('invited.en@example.org'))).toHaveLength(1);

    // Without a key the invitation is e-mailed too; a second one for the same e-mail is refused and sends nothing.
    const plain = await admin.post('/api/users', { ...input, email: 'invitee.fr@example.org', locale: 'fr' });
    expect(plain.status).toBe(201);
    expect((await admin.post('/api/users', { ...input, email: 'invitee.fr@example.org', locale: 'fr' })).status).toBe(409);
    const french = await outbox(sql`to_address = 'invitee.fr@example.org'`);
    expect(french).toHaveLength(1);
    expect(french[0].subject).toBe('Invitation à rejoindre Essor');
  });
});

describe('an account being guessed at', () => {
  it('e-mails its owner once per window, whatever the addresses the guesses come from', async () => {
    await registerPerson('guessed@example.org', 'en');
    for (let i = 0; i < 9; i++) {
      expect((await client().post('/api/auth/login', { email: 'guessed@example.org', password: `wrong guess ${i}` })).status).toBe(401);
    }
    const notices = await outbox(sql`to_address = 'guessed@example.org' and kind = 'sign_in_guessing'`);
    expect(notices).toHaveLength(1);
    expect(notices[0].subject).toBe('Essor: sign-in attempts on your account');
    expect(notices[0].text).toContain('5 attempts');
    expect(notices[0].text).toContain(`${PUBLIC_URL}/forgot-password`);
    // The right password still works: slowed down, never locked out.
    await client().signIn('guessed@example.org', PASSWORD);
  });
});

describe('a mail server that refuses', () => {
  it('retries with growing delays, then marks the message failed for admins, losing nothing and undoing nothing', async () => {
    const refusing = await startSmtpServer({ refuse: true });
    const send = smtpSender({ url: refusing.url, from: FROM });
    try {
      const admin = await client().signIn('admin@essor.demo');
      const res = await admin.post('/api/users', { email: 'refused@example.org', name: 'Refused Person', roles: ['investor'], locale: 'en' });
      expect(res.status).toBe(201);
      const [message] = await outbox(sql`to_address = 'refused@example.org'`);
      await database.db.execute(sql`update ${outboxMessages} set status = 'sent' where status = 'queued' and id <> ${message.id}`);

      let now = Date.now();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const report = await deliverDueMessages(database.db, send, { now: new Date(now) });
        expect(report.sent).toBe(0);
        const [row] = await outbox(sql`id = ${message.id}`);
        expect(row.attempts).toBe(attempt);
        expect(row.status).toBe(attempt < MAX_ATTEMPTS ? 'queued' : 'failed');
        expect(row.last_error).toMatch(/451/);
        // Not due again before its delay.
        expect((await deliverDueMessages(database.db, send, { now: new Date(now + 1000) })).retried).toBe(0);
        now += retryDelaySeconds(attempt) * 1000 + 1000;
      }
      expect(refusing.refused).toBe(MAX_ATTEMPTS);
      expect(retryDelaySeconds(1)).toBeLessThan(retryDelaySeconds(2));
      // The invitation stands.
      const users = rowsOf<{ status: string }>(await database.db.execute(sql`select status from users where email = 'refused@example.org'`));
      expect(users).toEqual([{ status: 'invited' }]);

      const failed = await (await admin.get('/api/mail/outbox?status=failed')).json();
      const shown = failed.items.find((m: { id: string }) => m.id === message.id);
      expect(shown).toMatchObject({ to: 'refused@example.org', status: 'failed', attempts: MAX_ATTEMPTS });
      expect(shown.lastError).toMatch(/451/);

      // Once the server is fixed, the admin queues it again and it goes out.
      expect((await admin.post(`/api/mail/outbox/${message.id}/requeue`)).status).toBe(200);
      expect((await admin.post(`/api/mail/outbox/${message.id}/requeue`)).status).toBe(409);
      await deliverNow();
      const mail = await smtp.waitFor((m) => m.to.includes('refused@example.org'));
      expect(mail.subject).toBe('Invitation to join Essor');
    } finally {
      send.close();
      await refusing.close();
    }
  });
});

describe('the outbox and jobs pages', () => {
  it('shows admins every message, as it would be sent, and refuses everyone else', async () => {
    const admin = await client().signIn('admin@essor.demo');
    const page = await (await admin.get('/api/mail/outbox?limit=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const next = await (await admin.get(`/api/mail/outbox?limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
    // The list leaves the bodies out; the message opened has them.
    expect(page.items[0]).not.toHaveProperty('html');
    expect(page.items[0]).not.toHaveProperty('attachments');
    const one = await (await admin.get(`/api/mail/outbox/${page.items[0].id}`)).json();
    expect(one).toMatchObject({ id: page.items[0].id, subject: page.items[0].subject, attachments: expect.any(Array) });
    expect(one.html).toContain('<p>');
    expect((await (await admin.get('/api/mail/settings')).json()).smtpConfigured).toBe(true);
    const staff = await client().signIn('staff@essor.demo');
    expect((await staff.get('/api/mail/outbox')).status).toBe(403);
  });

  it('lists every job with its last run', async () => {
    const admin = await client().signIn('admin@essor.demo');
    const list = await (await admin.get('/api/jobs')).json();
    expect(list.jobs.map((j: { name: string }) => j.name)).toEqual(JOB_DEFINITIONS.map((d) => d.name));
    const deliver = list.jobs.find((j: { name: string }) => j.name === DELIVER_OUTBOX);
    expect(deliver.lastRun.state).toBe('completed');
    expect(deliver.cron).toBe('* * * * *');
  });
});
