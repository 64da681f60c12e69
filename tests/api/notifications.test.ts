import { NOTIFICATION_KINDS } from '@essor/shared/notifications';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../api/src/db/schema/auth';
import { loanInstalments, loans } from '../../api/src/db/schema/loans';
import { outboxMessages } from '../../api/src/db/schema/mail';
import { notificationPreferences, notifications } from '../../api/src/db/schema/notifications';
import { runIdempotent } from '../../api/src/lib/idempotency';
import { rowsOf } from '../../api/src/lib/rows';
import { DAILY_REMINDERS } from '../../api/src/modules/jobs/definitions';
import { notify, remindInstalments, remindSessionsOfTomorrow, sendDigests } from '../../api/src/modules/notifications/public';
import { buildCoachingWorld, type CoachingWorld } from '../support/coaching-fixtures';
import { createFundsFixture, createFundWithCapital } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { CRITERIA, createOpenProgramme, draftApplication, expectOk, signedInAccount } from '../support/intake';

let ctx: TestContext;
let world: CoachingWorld;
let staff: TestClient;
let holder: TestClient;
let coach: TestClient;
let committee: TestClient;
let programmeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildCoachingWorld(ctx.database.db);
  staff = await ctx.as('staff');
  holder = await ctx.as('project_holder');
  coach = await ctx.as('coach');
  committee = await ctx.as('committee_member');
  // The holder reads English: every text they get must be in English, the staff's in French.
  await ctx.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, holder.me!.user.id));
  holder = await ctx.as('project_holder');
  programmeId = (await createOpenProgramme(staff)).id;
}, 60_000);
afterAll(() => ctx.close());

async function rowsFor(userId: string, kind: string) {
  return ctx.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
}

async function mailsTo(email: string, kind = 'notification') {
  return ctx.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.kind, kind)));
}

async function listOf(client: TestClient, query = '') {
  const res = await client.get(`/api/notifications${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { items: { id: string; kind: string; title: string; body: string; link: string | null; readAt: string | null }[]; nextCursor: string | null };
}

describe('application events', () => {
  let applicationId: string;

  it('a submission gives the holder a receipt by e-mail, in English, and tells the staff in French, once each', async () => {
    applicationId = await draftApplication(holder, programmeId, 'Fournil coopératif');
    await expectOk(holder.post(`/api/applications/${applicationId}/moves`, { to: 'submitted' }));
    const receipts = await rowsFor(holder.me!.user.id, 'application.received');
    expect(receipts).toHaveLength(1);
    expect(receipts[0].channel).toBe('email');
    const mails = (await mailsTo(holder.me!.user.email)).filter((m) => m.subject.includes('Fournil coopératif'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ locale: 'en', subject: 'Essor: Application received: Fournil coopératif' });
    expect(mails[0].text).toContain('We received your application');

    const staffRows = await rowsFor(staff.me!.user.id, 'application.submitted');
    expect(staffRows.filter((r) => r.eventKey.startsWith(applicationId))).toHaveLength(1);
    const staffList = await listOf(staff);
    const item = staffList.items.find((i) => i.kind === 'application.submitted' && i.link === `/applications/${applicationId}`);
    expect(item?.title).toBe('Nouvelle candidature : Fournil coopératif');
    // Staff heard of it in the app only (the default for this kind): no e-mail to them.
    expect((await mailsTo(staff.me!.user.email)).filter((m) => m.subject.includes('Fournil'))).toHaveLength(0);
  });

  it('a staff move and a decision reach the holder once each, in their language', async () => {
    await expectOk(staff.post(`/api/applications/${applicationId}/moves`, { to: 'screening' }));
    const moved = await rowsFor(holder.me!.user.id, 'application.moved');
    expect(moved.filter((r) => r.eventKey.startsWith(applicationId))).toHaveLength(1);
    const list = await listOf(holder);
    expect(list.items.find((i) => i.kind === 'application.moved')?.title).toBe('Your application moved to: screening');

    // Replaying the same move is refused by the pipeline and notifies nobody again.
    expect((await staff.post(`/api/applications/${applicationId}/moves`, { to: 'screening' })).status).toBe(409);
    expect((await rowsFor(holder.me!.user.id, 'application.moved')).filter((r) => r.eventKey.startsWith(applicationId))).toHaveLength(1);

    await expectOk(staff.put(`/api/applications/${applicationId}/screening`, { results: CRITERIA.map((c, i) => ({ key: c.key, passed: i !== 0, reason: i === 0 ? 'Hors territoire' : null })) }));
    await expectOk(staff.post(`/api/applications/${applicationId}/moves`, { to: 'rejected', reason: 'Siège hors du territoire' }));
    const decided = await rowsFor(holder.me!.user.id, 'application.decided');
    expect(decided).toHaveLength(1);
    const mails = (await mailsTo(holder.me!.user.email)).filter((m) => m.subject.startsWith('Essor: Decision'));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('Reasons: Siège hors du territoire');
  });
});

describe('committee sessions', () => {
  it('convening tells each member once, also one seated later', async () => {
    const other = await signedInAccount(ctx, ['committee_member'], 'member');
    const res = await expectOk(
      staff.post('/api/committee/sessions', { programmeId, title: 'Comité de printemps', heldOn: '2027-04-02', quorum: 1, memberIds: [committee.me!.user.id], applicationIds: [] }),
    );
    const session = await res.json();
    expect(await rowsFor(committee.me!.user.id, 'committee.convened')).toHaveLength(1);
    await expectOk(staff.post(`/api/committee/sessions/${session.id}/members`, { userId: other.me!.user.id }));
    expect(await rowsFor(other.me!.user.id, 'committee.convened')).toHaveLength(1);
    expect(await rowsFor(committee.me!.user.id, 'committee.convened')).toHaveLength(1);
    const mails = await mailsTo(committee.me!.user.email);
    expect(mails.filter((m) => m.subject === 'Essor : Convocation : Comité de printemps')).toHaveLength(1);
  });
});

describe('coaching sessions', () => {
  let sessionId: string;
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setUTCHours(14, 0, 0, 0);

  it('booking, moving and cancelling tell the coach and the holder, with the calendar invite attached', async () => {
    const booked = await expectOk(
      staff.post('/api/coaching/sessions', {
        cohortId: world.mtl.cohortId,
        format: 'individual',
        projectId: world.mtl.holderProjectId,
        supportType: 'mentoring',
        title: 'Plan de trésorerie',
        startsAt: tomorrow.toISOString(),
        durationMinutes: 60,
        mode: 'remote',
        place: '',
        coachId: world.demoCoachId,
      }),
    );
    sessionId = (await booked.json()).id;
    for (const person of [coach, holder]) expect(await rowsFor(person.me!.user.id, 'session.booked')).toHaveLength(1);
    const holderMail = (await mailsTo(holder.me!.user.email)).find((m) => m.subject === 'Essor: Session booked: Plan de trésorerie');
    expect(holderMail).toBeDefined();
    const [invite] = holderMail!.attachments as { filename: string; contentType: string; content: string }[];
    expect(invite.contentType).toContain('text/calendar');
    const ics = Buffer.from(invite.content, 'base64').toString('utf8');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${sessionId}@essor`);

    // A change that moves nothing notifies nobody; a move notifies again, once.
    await expectOk(staff.patch(`/api/coaching/sessions/${sessionId}`, { title: 'Plan de trésorerie' }));
    expect(await rowsFor(holder.me!.user.id, 'session.moved')).toHaveLength(0);
    const later = new Date(tomorrow.getTime() + 3_600_000);
    await expectOk(staff.patch(`/api/coaching/sessions/${sessionId}`, { startsAt: later.toISOString() }));
    await expectOk(staff.patch(`/api/coaching/sessions/${sessionId}`, { startsAt: later.toISOString() }));
    expect(await rowsFor(holder.me!.user.id, 'session.moved')).toHaveLength(1);
    expect(await rowsFor(coach.me!.user.id, 'session.moved')).toHaveLength(1);
  });

  it('reminds the coach and the holder the day before, once however often the job runs', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await remindSessionsOfTomorrow(ctx.database.db, today);
    await remindSessionsOfTomorrow(ctx.database.db, today);
    const reminders = await rowsFor(holder.me!.user.id, 'session.reminder');
    expect(reminders.filter((r) => r.eventKey.startsWith(sessionId))).toHaveLength(1);
    expect((await rowsFor(coach.me!.user.id, 'session.reminder')).filter((r) => r.eventKey.startsWith(sessionId))).toHaveLength(1);
  });

  it('cancelling sends the cancellation of the invite', async () => {
    await expectOk(staff.post(`/api/coaching/sessions/${sessionId}/cancel`, { reason: 'Coach malade' }));
    expect(await rowsFor(holder.me!.user.id, 'session.cancelled')).toHaveLength(1);
    const mail = (await mailsTo(coach.me!.user.email)).find((m) => m.subject === 'Essor : Séance annulée : Plan de trésorerie');
    expect(mail?.text).toContain('Motif : Coach malade');
    const ics = Buffer.from((mail!.attachments as { content: string }[])[0].content, 'base64').toString('utf8');
    expect(ics).toContain('METHOD:CANCEL');
  });
});

describe('instalment reminders', () => {
  it('tells the holder of an instalment due in 7 days and of one overdue, once each', async () => {
    const db = ctx.database.db;
    const fixture = await createFundsFixture(db);
    const fundId = await createFundWithCapital(db, fixture, { type: 'loan', capitalMinor: 1_000_000 });
    const [loan] = await db
      .insert(loans)
      .values({
        structureId: (await db.execute(sql`select structure_id from funds where id = ${fundId}`).then((r) => rowsOf<{ structure_id: string }>(r)[0].structure_id)),
        fundId,
        projectId: fixture.projectId,
        kind: 'honour_loan',
        principalMinor: 300_00,
        currency: 'CAD',
        rateBps: 0,
        termMonths: 3,
        graceMonths: 0,
        method: 'annuity',
        status: 'active',
        proposedBy: fixture.manager.id!,
        scheduleVersion: 1,
      })
      .returning();
    const today = '2027-03-10';
    await db.insert(loanInstalments).values([
      { loanId: loan.id, version: 1, seq: 1, dueOn: '2027-03-01', principalMinor: 100_00, interestMinor: 0 },
      { loanId: loan.id, version: 1, seq: 2, dueOn: '2027-03-17', principalMinor: 100_00, interestMinor: 0 },
      { loanId: loan.id, version: 1, seq: 3, dueOn: '2027-04-17', principalMinor: 100_00, interestMinor: 0 },
    ]);
    expect(await remindInstalments(db, today)).toEqual({ due: 1, overdue: 1 });
    await remindInstalments(db, today);
    const due = (await rowsFor(holder.me!.user.id, 'instalment.due')).filter((r) => r.eventKey.startsWith(loan.id));
    const overdue = (await rowsFor(holder.me!.user.id, 'instalment.overdue')).filter((r) => r.eventKey.startsWith(loan.id));
    expect(due).toHaveLength(1);
    expect(overdue).toHaveLength(1);
    const list = await listOf(holder);
    expect(list.items.find((i) => i.kind === 'instalment.overdue')?.title).toBe('Instalment overdue: CA$100.00');
  });
});

describe('exactly once under replay', () => {
  it('a request replayed with its Idempotency-Key writes one row and queues one mail', async () => {
    const db = ctx.database.db;
    const emit = () =>
      runIdempotent(db, { userId: staff.me!.user.id, key: 'notify-replay-key-1', method: 'POST', path: '/test', body: { x: 1 } }, async (tx) => {
        await notify(tx, { kind: 'approval.requested', recipients: [holder.me!.user.id, holder.me!.user.id], structureId: null, eventKey: 'replay-1', params: { what: 'Prêt n° 7' } });
        return { status: 201, body: { ok: true } };
      });
    expect((await emit()).replayed).toBe(false);
    expect((await emit()).replayed).toBe(true);
    // The same event emitted again outside the key (a retried job) is still one notification.
    await db.transaction((tx) => notify(tx, { kind: 'approval.requested', recipients: [holder.me!.user.id], structureId: null, eventKey: 'replay-1', params: { what: 'Prêt n° 7' } }));
    expect((await rowsFor(holder.me!.user.id, 'approval.requested')).filter((r) => r.eventKey === 'replay-1')).toHaveLength(1);
    expect((await mailsTo(holder.me!.user.email)).filter((m) => m.subject === 'Essor: Approval requested: Prêt n° 7')).toHaveLength(1);
  });
});

describe('four-eyes decisions', () => {
  it('names the decision in the language of the reader when the approvals module passes its kind', async () => {
    await ctx.database.db.transaction((tx) =>
      notify(tx, { kind: 'approval.given', recipients: [holder.me!.user.id, staff.me!.user.id], structureId: null, eventKey: 'kind-1', params: { what: 'approbation d’un prêt n° 12', kind: 'loan.approve', summary: { number: 12 }, by: 'fund@essor.demo' } }),
    );
    expect((await listOf(holder)).items.find((i) => i.kind === 'approval.given')?.title).toBe('Approved: loan approval no. 12');
    expect((await listOf(staff)).items.find((i) => i.kind === 'approval.given')?.title).toBe("Approuvé : approbation d'un prêt n° 12");
  });
});

describe('the bell', () => {
  it('each person sees, counts and marks only their own rows', async () => {
    const stranger = await signedInAccount(ctx, ['investor'], 'stranger');
    const mine = await listOf(holder);
    expect(mine.items.length).toBeGreaterThan(0);
    const theirs = await listOf(stranger);
    expect(theirs.items).toHaveLength(0);
    expect(await (await stranger.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await stranger.post(`/api/notifications/${mine.items[0].id}/read`)).status).toBe(404);

    const before = (await (await holder.get('/api/notifications/unread-count')).json()).unread;
    expect(before).toBe(mine.items.filter((i) => !i.readAt).length);
    const read = await (await expectOk(holder.post(`/api/notifications/${mine.items[0].id}/read`))).json();
    expect(read.readAt).not.toBeNull();
    expect((await (await holder.get('/api/notifications/unread-count')).json()).unread).toBe(before - 1);
    await expectOk(holder.post('/api/notifications/read-all'));
    expect((await (await holder.get('/api/notifications/unread-count')).json()).unread).toBe(0);
    expect((await (await staff.get('/api/notifications/unread-count')).json()).unread).toBeGreaterThan(0);
  });

  it('pages newest first with a cursor, and a forged cursor is a 400', async () => {
    const first = await listOf(holder, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listOf(holder, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0].id);
    expect((await holder.get('/api/notifications?cursor=forged')).status).toBe(400);
  });
});

describe('preferences', () => {
  it('lists every kind with its default, and refuses unknown kinds and channels with a 400 naming the field', async () => {
    const res = await holder.get('/api/notifications/preferences');
    const prefs = (await res.json()).preferences as { kind: string; channel: string; isDefault: boolean }[];
    expect(prefs.map((p) => p.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(prefs.every((p) => p.isDefault)).toBe(true);

    const badKind = await holder.put('/api/notifications/preferences', { preferences: [{ kind: 'application.exploded', channel: 'email' }] });
    expect(badKind.status).toBe(400);
    expect(Object.keys((await badKind.json()).error.fields)).toContain('preferences.0.kind');
    const badChannel = await holder.put('/api/notifications/preferences', { preferences: [{ kind: 'session.booked', channel: 'pigeon' }] });
    expect(badChannel.status).toBe(400);
    expect(Object.keys((await badChannel.json()).error.fields)).toContain('preferences.0.channel');
    expect((await holder.put('/api/notifications/preferences', { preferences: 'all' })).status).toBe(400);
    expect(await ctx.database.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, holder.me!.user.id))).toHaveLength(0);
  });

  it('a choice is audited and decides the channel: in the app only sends no mail, the digest gathers and marks', async () => {
    const put = await expectOk(
      holder.put('/api/notifications/preferences', { preferences: [{ kind: 'approval.given', channel: 'in_app' }, { kind: 'approval.refused', channel: 'digest' }] }),
    );
    const prefs = (await put.json()).preferences as { kind: string; channel: string; isDefault: boolean }[];
    expect(prefs.find((p) => p.kind === 'approval.refused')).toMatchObject({ channel: 'digest', isDefault: false });
    const [audit] = rowsOf<{ action: string; after: Record<string, string> }>(
      await ctx.database.db.execute(sql`select action, after from audit_log where action = 'notification_preferences.update' and entity_id = ${holder.me!.user.id}`),
    );
    expect(audit.after).toEqual({ 'approval.given': 'in_app', 'approval.refused': 'digest' });

    const db = ctx.database.db;
    const mailsBefore = (await mailsTo(holder.me!.user.email)).length;
    await db.transaction(async (tx) => {
      await notify(tx, { kind: 'approval.given', recipients: [holder.me!.user.id], structureId: null, eventKey: 'pref-1', params: { what: 'Prêt n° 8' } });
      await notify(tx, { kind: 'approval.refused', recipients: [holder.me!.user.id], structureId: null, eventKey: 'pref-2', params: { what: 'Prêt n° 9', reason: 'Budget' } });
      await notify(tx, { kind: 'approval.refused', recipients: [holder.me!.user.id], structureId: null, eventKey: 'pref-3', params: { what: 'Prêt n° 10' } });
    });
    expect((await mailsTo(holder.me!.user.email)).length).toBe(mailsBefore);

    const report = await sendDigests(db);
    expect(report.notifications).toBeGreaterThanOrEqual(2);
    const digests = await mailsTo(holder.me!.user.email, 'notification_digest');
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Essor: 2 notifications today');
    expect(digests[0].text).toContain('Refused: Prêt n° 9');
    expect(digests[0].text).toContain('Refused: Prêt n° 10');
    const pending = await db.select().from(notifications).where(and(eq(notifications.userId, holder.me!.user.id), eq(notifications.channel, 'digest')));
    expect(pending.every((r) => r.digestedAt !== null)).toBe(true);
    // A second run finds nothing new to send.
    await sendDigests(db);
    expect(await mailsTo(holder.me!.user.email, 'notification_digest')).toHaveLength(1);
  });

  it('the daily job runs the reminders before the digest', () => {
    expect(DAILY_REMINDERS.map((r) => r.name)).toEqual(['sessions.tomorrow', 'instalments.due-and-overdue', 'notifications.digest']);
  });
});
