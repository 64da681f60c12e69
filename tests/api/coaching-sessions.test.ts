import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { systemUser } from '../../api/src/lib/scope';
import { createSession } from '../../api/src/modules/coaching/session-booking';
import { buildCoachingWorld, strayProject, type CoachingWorld } from '../support/coaching-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { createTestDatabase } from '../support/test-db';
import { seedPlatform } from '../../seeds/platform';

let ctx: TestContext;
let world: CoachingWorld;
let staff: TestClient;
let coach: TestClient;
let holder: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildCoachingWorld(ctx.database.db);
  staff = await ctx.as('staff');
  coach = await ctx.as('coach');
  holder = await ctx.as('project_holder');
});
afterAll(() => ctx.close());

async function countOf(table: string): Promise<number> {
  return Number(rowsOf<{ n: string }>(await ctx.database.db.execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);
}

async function snapshot() {
  return {
    sessions: await countOf('coaching_sessions'),
    attendees: await countOf('coaching_session_attendees'),
    items: await countOf('coaching_action_items'),
    audit: await countOf('audit_log'),
  };
}

function individual(overrides: Record<string, unknown> = {}) {
  return {
    cohortId: world.mtl.cohortId,
    format: 'individual',
    projectId: world.mtl.projectIds[1],
    supportType: 'legal',
    title: 'Statuts de la coopérative',
    startsAt: '2027-02-01T14:00:00.000Z',
    durationMinutes: 60,
    mode: 'on_site',
    place: 'Maison de l’économie sociale, Montréal',
    coachId: world.lawyerId,
    ...overrides,
  };
}

describe('booking a coach', () => {
  it('refuses an overlapping session with 409 and writes nothing', async () => {
    const first = await staff.post('/api/coaching/sessions', individual());
    expect(first.status).toBe(201);
    const before = await snapshot();
    const clash = await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-01T14:30:00.000Z', projectId: world.mtl.projectIds[2] }));
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.code).toBe('conflict');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a session that contains another one entirely', async () => {
    const res = await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-01T13:00:00.000Z', durationMinutes: 240 }));
    expect(res.status).toBe(409);
  });

  it('lets sessions that only touch follow each other', async () => {
    const before = await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-01T13:00:00.000Z', durationMinutes: 60 }));
    expect(before.status).toBe(201);
    const after = await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-01T15:00:00.000Z', durationMinutes: 45 }));
    expect(after.status).toBe(201);
  });

  it('reads times with their offsets: 10:00 in Montréal is 15:00 UTC, so it clashes', async () => {
    const res = await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-01T10:30:00-05:00', durationMinutes: 15 }));
    expect(res.status).toBe(409);
  });

  it('books another coach at the same time without trouble', async () => {
    const res = await staff.post('/api/coaching/sessions', individual({ coachId: world.demoCoachId, supportType: 'mentoring' }));
    expect(res.status).toBe(201);
  });

  it('frees the slot when a session is cancelled, and keeps the cancelled one as history', async () => {
    const booked = await (await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-08T14:00:00.000Z' }))).json();
    const cancel = await staff.post(`/api/coaching/sessions/${booked.id}/cancel`, { reason: 'La porteuse est malade' });
    expect(cancel.status).toBe(200);
    const cancelled = await cancel.json();
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancellationReason).toBe('La porteuse est malade');
    const rebooked = await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-08T14:00:00.000Z', title: 'Statuts, séance reportée' }));
    expect(rebooked.status).toBe(201);
    const calendar = await (await staff.get('/api/coaching/sessions?from=2027-02-08T00:00:00Z&to=2027-02-09T00:00:00Z')).json();
    expect(calendar.map((s: { status: string }) => s.status).sort()).toEqual(['cancelled', 'scheduled']);
    expect((await staff.patch(`/api/coaching/sessions/${booked.id}`, { title: 'Modifier une séance annulée' })).status).toBe(409);
    expect((await staff.post(`/api/coaching/sessions/${booked.id}/cancel`, { reason: 'Encore' })).status).toBe(409);
  });

  it('checks overlaps when a session is moved, but not against itself', async () => {
    const a = await (await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-15T09:00:00.000Z' }))).json();
    await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-02-15T11:00:00.000Z' }));
    expect((await staff.patch(`/api/coaching/sessions/${a.id}`, { durationMinutes: 90 })).status).toBe(200);
    expect((await staff.patch(`/api/coaching/sessions/${a.id}`, { startsAt: '2027-02-15T10:30:00.000Z' })).status).toBe(409);
    const unchanged = await (await staff.get(`/api/coaching/sessions/${a.id}`)).json();
    expect(unchanged.startsAt).toBe('2027-02-15T09:00:00.000Z');
    expect(unchanged.endsAt).toBe('2027-02-15T10:30:00.000Z');
  });

  it.runIf(!!process.env.DATABASE_URL)('lets exactly one of many concurrent bookings of the same coach win on PostgreSQL', async () => {
    const database = await createTestDatabase({ poolSize: 20 });
    try {
      await seedPlatform(database.db);
      const w = await buildCoachingWorld(database.db);
      const staffUser = await systemUser(database.db, { id: '00000000-0000-4000-8000-000000000001', email: 'staff@essor.demo', name: 'Staff' });
      const attempts = Array.from({ length: 12 }, (_, i) =>
        createSession(database.db, { id: null, email: 'test', requestId: null }, staffUser, {
          cohortId: w.dkr.cohortId,
          format: 'group',
          supportType: 'legal',
          title: `Atelier concurrent ${i}`,
          // Every attempt overlaps every other one: same hour, staggered by a few minutes.
          startsAt: new Date(Date.UTC(2027, 2, 3, 9, i * 3)).toISOString(),
          durationMinutes: 60,
          mode: 'remote',
          place: '',
          coachId: w.lawyerId,
          status: 'scheduled',
          notes: '',
          decisions: '',
          actionItems: [],
        }),
      );
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(11);
      for (const r of lost) expect((r.reason as { status?: number }).status).toBe(409);
      const rows = rowsOf<{ n: string }>(await database.db.execute(sql`select count(*) as n from coaching_sessions`));
      expect(Number(rows[0].n)).toBe(1);
    } finally {
      await database.dispose();
    }
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['a negative duration', { durationMinutes: -60 }],
    ['a zero duration', { durationMinutes: 0 }],
    ['an absurd duration', { durationMinutes: 60 * 24 * 3 }],
    ['a fractional duration', { durationMinutes: 45.5 }],
    ['a start without time zone', { startsAt: '2027-04-01T10:00:00' }],
    ['an individual session without project', { projectId: null }],
    ['an on-site session without place', { place: '' }],
    ['an unknown support type', { supportType: 'astrology' }],
  ];
  it.each(cases)('refuses %s with 400 and writes nothing', async (_label, overrides) => {
    const before = await snapshot();
    const res = await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-04-01T10:00:00.000Z', ...overrides }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toBeDefined();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses attendance for a project outside the cohort, on booking and afterwards, writing nothing', async () => {
    const stranger = await strayProject(ctx.database.db);
    const before = await snapshot();
    const booking = await staff.post('/api/coaching/sessions', {
      ...individual({ format: 'group', projectId: null, startsAt: '2027-04-02T10:00:00.000Z' }),
      attendees: [
        { projectId: world.mtl.projectIds[0], attendance: 'expected' },
        { projectId: stranger, attendance: 'expected' },
      ],
    });
    expect(booking.status).toBe(422);
    expect((await booking.json()).error.fields.attendees).toBeDefined();
    expect(await snapshot()).toEqual(before);

    const workshop = await (await staff.post('/api/coaching/sessions', individual({ format: 'group', projectId: null, startsAt: '2027-04-02T10:00:00.000Z' }))).json();
    expect(workshop.attendees).toHaveLength(world.mtl.projectIds.length);
    const middle = await snapshot();
    const res = await staff.put(`/api/coaching/sessions/${workshop.id}/attendance`, {
      attendees: [
        { projectId: world.mtl.projectIds[0], attendance: 'present' },
        { projectId: world.dkr.projectIds[0], attendance: 'present' },
      ],
    });
    expect(res.status).toBe(422);
    expect(await snapshot()).toEqual(middle);
    const still = await (await staff.get(`/api/coaching/sessions/${workshop.id}`)).json();
    expect(still.attendees.every((a: { attendance: string }) => a.attendance === 'expected')).toBe(true);
  });

  it('refuses an action item for a project outside the cohort without writing the session', async () => {
    const before = await snapshot();
    const res = await staff.post('/api/coaching/sessions', {
      ...individual({ format: 'group', projectId: null, startsAt: '2027-04-03T10:00:00.000Z' }),
      actionItems: [{ projectId: world.dkr.projectIds[0], description: 'Déposer les statuts', owner: 'Awa' }],
    });
    expect(res.status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to mark held a session that has not started', async () => {
    const res = await staff.post('/api/coaching/sessions', individual({ startsAt: '2099-01-01T10:00:00.000Z', status: 'held' }));
    expect(res.status).toBe(422);
  });

  it('refuses an unknown coach or cohort with 422', async () => {
    expect((await staff.post('/api/coaching/sessions', individual({ coachId: '00000000-0000-4000-8000-000000000000' }))).status).toBe(422);
    expect((await staff.post('/api/coaching/sessions', individual({ cohortId: '00000000-0000-4000-8000-000000000000' }))).status).toBe(422);
  });
});

describe('who sees and changes what', () => {
  let sessionId: string;
  let otherCoachSessionId: string;

  beforeAll(async () => {
    const logged = await coach.post('/api/coaching/sessions', {
      ...individual({
        projectId: world.mtl.holderProjectId,
        coachId: world.demoCoachId,
        supportType: 'mentoring',
        title: 'Bilan du premier trimestre',
        startsAt: '2026-10-06T13:00:00.000Z',
        durationMinutes: 90,
        status: 'held',
      }),
      notes: 'Tension entre deux fondatrices sur la gouvernance.',
      decisions: 'Tenir une assemblée extraordinaire.',
      actionItems: [
        { description: 'Convoquer l’assemblée extraordinaire', owner: 'Présidente', dueOn: '2026-10-20' },
        { description: 'Mettre à jour le plan de trésorerie', owner: 'Trésorier', dueOn: '2099-12-01' },
      ],
    });
    expect(logged.status).toBe(201);
    sessionId = (await logged.json()).id;
    const other = await staff.post('/api/coaching/sessions', individual({ startsAt: '2026-10-07T13:00:00.000Z', status: 'held', notes: 'Notes de l’avocate' }));
    otherCoachSessionId = (await other.json()).id;
  });

  it('shows notes to staff and to the session’s coach', async () => {
    const asStaff = await (await staff.get(`/api/coaching/sessions/${sessionId}`)).json();
    expect(asStaff.notes).toBe('Tension entre deux fondatrices sur la gouvernance.');
    const asCoach = await (await coach.get(`/api/coaching/sessions/${sessionId}`)).json();
    expect(asCoach.notes).toBe('Tension entre deux fondatrices sur la gouvernance.');
    expect(asCoach.actionItems).toHaveLength(2);
    expect(asCoach.attendees).toEqual([expect.objectContaining({ projectId: world.mtl.holderProjectId, attendance: 'present' })]);
  });

  it('hides another coach’s notes from a coach', async () => {
    const res = await coach.get(`/api/coaching/sessions/${otherCoachSessionId}`);
    expect(res.status).toBe(200);
    expect((await res.json()).notes).toBeNull();
    const calendar = await (await coach.get('/api/coaching/sessions?from=2026-10-01T00:00:00Z&to=2026-10-31T00:00:00Z')).json();
    const notesById = Object.fromEntries(calendar.map((s: { id: string; notes: string | null }) => [s.id, s.notes]));
    expect(notesById[sessionId]).toContain('gouvernance');
    expect(notesById[otherCoachSessionId]).toBeNull();
  });

  it('keeps a coach to their own sessions', async () => {
    expect((await coach.patch(`/api/coaching/sessions/${otherCoachSessionId}`, { notes: 'Je réécris' })).status).toBe(403);
    expect((await coach.post('/api/coaching/sessions', individual({ startsAt: '2027-05-01T10:00:00.000Z' }))).status).toBe(403);
    expect((await coach.patch(`/api/coaching/sessions/${sessionId}`, { coachId: world.lawyerId })).status).toBe(403);
    const edited = await coach.patch(`/api/coaching/sessions/${sessionId}`, { decisions: 'Assemblée extraordinaire le 20 octobre.' });
    expect(edited.status).toBe(200);
  });

  it("lists the coach's own sessions in “my sessions”", async () => {
    const mine = await (await coach.get('/api/coaching/me/sessions?from=2026-09-01T00:00:00Z')).json();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s: { coachId: string }) => s.coachId === world.demoCoachId)).toBe(true);
  });

  it('gives the holder their sessions and action items, never the notes', async () => {
    const res = await holder.get('/api/coaching/holder/sessions');
    expect(res.status).toBe(200);
    const raw = await res.text();
    expect(raw).not.toContain('gouvernance');
    expect(raw).not.toContain('"notes"');
    const sessions = JSON.parse(raw);
    const held = sessions.find((s: { id: string }) => s.id === sessionId);
    expect(held.actionItems.map((i: { owner: string }) => i.owner).sort()).toEqual(['Présidente', 'Trésorier']);
    expect(sessions.some((s: { id: string }) => s.id === otherCoachSessionId)).toBe(false);
    const items = await (await holder.get('/api/coaching/holder/action-items')).json();
    expect(items).toHaveLength(2);
    expect(items.find((i: { owner: string }) => i.owner === 'Présidente').overdue).toBe(true);
    expect(items.find((i: { owner: string }) => i.owner === 'Trésorier').overdue).toBe(false);
  });

  it('refuses the staff views of a session to a holder', async () => {
    expect((await holder.get(`/api/coaching/sessions/${sessionId}`)).status).toBe(403);
    expect((await holder.get('/api/coaching/sessions?from=2026-10-01T00:00:00Z&to=2026-10-31T00:00:00Z')).status).toBe(403);
  });

  it('lets the holder tick their own action item done, and only theirs', async () => {
    const items = await (await holder.get('/api/coaching/holder/action-items?status=open')).json();
    const res = await holder.patch(`/api/coaching/holder/action-items/${items[0].id}`, { status: 'done' });
    expect(res.status).toBe(200);
    const done = await res.json();
    expect(done.status).toBe('done');
    expect(done.doneAt).not.toBeNull();
    expect(done.overdue).toBe(false);

    const foreign = await (
      await staff.post(`/api/coaching/sessions/${otherCoachSessionId}/action-items`, { description: 'Relire le bail commercial', owner: 'Direction' })
    ).json();
    expect((await holder.patch(`/api/coaching/holder/action-items/${foreign.id}`, { status: 'done' })).status).toBe(404);
    expect((await holder.patch(`/api/coaching/holder/action-items/${items[0].id}`, { status: 'dropped' })).status).toBe(400);
    expect((await holder.patch(`/api/coaching/action-items/${items[0].id}`, { status: 'open' })).status).toBe(403);
  });
});

describe('attendance and time', () => {
  it('refuses to record who came to a session that has not started (409), writing nothing', async () => {
    const future = await (await staff.post('/api/coaching/sessions', individual({ startsAt: '2027-06-07T14:00:00.000Z' }))).json();
    const before = await snapshot();
    for (const attendance of ['present', 'absent', 'excused']) {
      const res = await staff.put(`/api/coaching/sessions/${future.id}/attendance`, { attendees: [{ projectId: future.projectId, attendance }] });
      expect(res.status).toBe(409);
      const body = await res.json();
      expect(body.error.code).toBe('conflict');
      expect(body.error.fields.attendees).toBeDefined();
    }
    expect(await snapshot()).toEqual(before);
    const still = await (await staff.get(`/api/coaching/sessions/${future.id}`)).json();
    expect(still.attendees.map((a: { attendance: string }) => a.attendance)).toEqual(['expected']);
    // Saying a project is expected is no record of presence: allowed before the start.
    expect((await staff.put(`/api/coaching/sessions/${future.id}/attendance`, { attendees: [{ projectId: future.projectId, attendance: 'expected' }] })).status).toBe(200);
  });

  it('records attendance once the session has started', async () => {
    const past = await (await staff.post('/api/coaching/sessions', individual({ startsAt: '2026-10-05T14:00:00.000Z' }))).json();
    const res = await staff.put(`/api/coaching/sessions/${past.id}/attendance`, { attendees: [{ projectId: past.projectId, attendance: 'absent' }] });
    expect(res.status).toBe(200);
    expect((await res.json()).attendees).toEqual([expect.objectContaining({ projectId: past.projectId, attendance: 'absent' })]);
  });
});
