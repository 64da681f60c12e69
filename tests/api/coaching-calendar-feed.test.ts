import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCoachingWorld, type CoachingWorld } from '../support/coaching-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let world: CoachingWorld;
let staff: TestClient;
let coach: TestClient;

const DAY = 86_400_000;
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildCoachingWorld(ctx.database.db);
  staff = await ctx.as('staff');
  coach = await ctx.as('coach');
});
afterAll(() => ctx.close());

function booking(overrides: Record<string, unknown>) {
  return {
    cohortId: world.mtl.cohortId,
    format: 'group',
    supportType: 'mentoring',
    title: 'Atelier gouvernance coopérative',
    durationMinutes: 120,
    mode: 'on_site',
    place: 'Salle communautaire, Pointe-Saint-Charles',
    coachId: world.demoCoachId,
    notes: 'Note confidentielle sur la cohorte',
    ...overrides,
  };
}

function eventsOf(body: string): VEvent[] {
  return Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

describe("a coach's calendar feed", () => {
  let url: string;
  let cancelledId: string;

  beforeAll(async () => {
    await staff.post('/api/coaching/sessions', booking({ startsAt: at(7, 14) }));
    await staff.post('/api/coaching/sessions', booking({ startsAt: at(14, 9), mode: 'remote', place: '', title: 'Suivi individuel', format: 'individual', projectId: world.mtl.projectIds[0] }));
    cancelledId = (await (await staff.post('/api/coaching/sessions', booking({ startsAt: at(21, 14), title: 'Atelier reporté' }))).json()).id;
    await staff.post(`/api/coaching/sessions/${cancelledId}/cancel`, { reason: 'Tempête de neige' });
    await staff.post('/api/coaching/sessions', booking({ startsAt: at(7, 14), coachId: world.lawyerId, supportType: 'legal', title: 'Séance de l’avocate' }));
    const res = await coach.post(`/api/coaching/coaches/${world.demoCoachId}/calendar-token`);
    expect(res.status).toBe(200);
    url = (await res.json()).url;
  });

  it('parses as valid iCalendar with the coach’s sessions only, cancelled ones marked so', async () => {
    const res = await ctx.client().get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
    const body = await res.text();
    expect(body.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const events = eventsOf(body);
    expect(events).toHaveLength(3);
    const byTitle = Object.fromEntries(events.map((e) => [String(e.summary), e]));
    expect(Object.keys(byTitle).sort()).toEqual(['Atelier gouvernance coopérative', 'Atelier reporté', 'Suivi individuel']);
    expect(byTitle['Atelier reporté'].status).toBe('CANCELLED');
    expect(byTitle['Atelier reporté'].uid).toBe(`${cancelledId}@essor`);
    const workshop = byTitle['Atelier gouvernance coopérative'];
    expect(new Date(workshop.start).toISOString()).toBe(at(7, 14));
    expect(new Date(workshop.end!).getTime() - new Date(workshop.start).getTime()).toBe(120 * 60_000);
    expect(String(workshop.location)).toBe('Salle communautaire, Pointe-Saint-Charles');
    expect(body).not.toContain('confidentielle');
  });

  it('answers a wrong, missing or old token with 404', async () => {
    const wrong = url.replace(/token=.*/, 'token=not-the-token');
    expect((await ctx.client().get(wrong)).status).toBe(404);
    expect((await ctx.client().get(url.replace(/\?token=.*/, ''))).status).toBe(400);
    const lawyerFeed = url.replace(world.demoCoachId, world.lawyerId);
    expect((await ctx.client().get(lawyerFeed)).status).toBe(404);
    const rotated = await (await staff.post(`/api/coaching/coaches/${world.demoCoachId}/calendar-token`)).json();
    expect((await ctx.client().get(url)).status).toBe(404);
    expect((await ctx.client().get(rotated.url)).status).toBe(200);
  });

  it("keeps a coach from issuing another coach's feed", async () => {
    expect((await coach.post(`/api/coaching/coaches/${world.lawyerId}/calendar-token`)).status).toBe(403);
    const coaches = await (await coach.get('/api/coaching/coaches?specialty=legal')).json();
    expect(coaches.map((c: { id: string }) => c.id)).toEqual([world.lawyerId]);
    expect(JSON.stringify(coaches)).not.toContain('calendarTokenHash');
  });
});
