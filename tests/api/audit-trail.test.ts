import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../api/src/db/schema/audit';
import { buildCoachingWorld, type CoachingWorld } from '../support/coaching-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let world: CoachingWorld;
let staff: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  world = await buildCoachingWorld(ctx.database.db);
  staff = await ctx.as('staff');
}, 60_000);
afterAll(() => ctx.close());

async function lastAudit(entityId: string) {
  const [row] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

describe('request ids in the audit trail', () => {
  it("are the server's own: a client's X-Request-Id is never stored, and two requests never share one", async () => {
    const admin = await ctx.as('admin');
    const headers = { 'X-Request-Id': 'client-chosen-id' };
    const first = await admin.post('/api/users', { email: 'rid-1@example.org', name: 'Premier', roles: ['staff'] }, { headers });
    const second = await admin.post('/api/users', { email: 'rid-2@example.org', name: 'Second', roles: ['staff'] }, { headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    const a = await lastAudit((await first.json()).user.id);
    const b = await lastAudit((await second.json()).user.id);
    expect(a.requestId).not.toBe('client-chosen-id');
    expect(b.requestId).not.toBe('client-chosen-id');
    expect(a.requestId).not.toBe(b.requestId);
    expect(first.headers.get('x-request-id')).toBe(a.requestId);
  });
});

describe('coaching notes', () => {
  it('leave a trace when edited, without their confidential text in the audit', async () => {
    const created = await staff.post('/api/coaching/sessions', {
      cohortId: world.mtl.cohortId,
      format: 'individual',
      projectId: world.mtl.projectIds[1],
      supportType: 'mentoring',
      title: 'Gouvernance',
      startsAt: '2026-10-06T13:00:00.000Z',
      durationMinutes: 60,
      mode: 'remote',
      place: '',
      coachId: world.demoCoachId,
      status: 'held',
      notes: 'Première version des notes',
    });
    expect(created.status).toBe(201);
    const id = (await created.json()).id;
    expect((await staff.patch(`/api/coaching/sessions/${id}`, { notes: 'Conflit entre associées, secret' })).status).toBe(200);
    const row = await lastAudit(id);
    expect(row.action).toBe('coaching_session.update');
    expect(row.before).not.toEqual(row.after);
    expect(row.after).toMatchObject({ notesEdited: true });
    expect(JSON.stringify([row.before, row.after])).not.toMatch(/secret|Première version/);
  });
});
