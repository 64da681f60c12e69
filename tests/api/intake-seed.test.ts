import { APPLICATION_STATUSES } from '@essor/shared/applications';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeds/seed';
import { createTestContext, TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.database.db);
});
afterAll(() => ctx.close());

describe('intake demo data', () => {
  it('has applications at every stage across the three programmes, and loads only once', async () => {
    const staff = await ctx.as('staff');
    const funnel = await (await staff.get('/api/applications/funnel')).json();
    const demo = funnel.programmes.filter((p: { programmeCode: string }) => ['MTL-TRANSFO', 'INDH-JEUNES', 'DKR-INCUB'].includes(p.programmeCode));
    expect(demo).toHaveLength(3);
    for (const status of APPLICATION_STATUSES) expect(demo.some((p: { counts: Record<string, number> }) => p.counts[status] > 0)).toBe(true);
    for (const p of demo) expect(p.total).toBeGreaterThanOrEqual(5);
    const total = demo.reduce((sum: number, p: { total: number }) => sum + p.total, 0);
    await seedDemo(ctx.database.db);
    const again = await (await staff.get('/api/applications/funnel')).json();
    expect(again.programmes.filter((p: { programmeCode: string }) => ['MTL-TRANSFO', 'INDH-JEUNES', 'DKR-INCUB'].includes(p.programmeCode)).reduce((s: number, p: { total: number }) => s + p.total, 0)).toBe(total);
  });

  it('has committee sessions whose scores and decisions hold together', async () => {
    const second = await new TestClient(ctx.app).signIn('committee2@essor.demo');
    const sessions = await (await second.get('/api/committee/sessions')).json();
    expect(sessions.items).toHaveLength(2);
    const staff = await ctx.as('staff');
    for (const s of sessions.items) {
      const detail = await (await staff.get(`/api/committee/sessions/${s.id}`)).json();
      expect(detail.grid.length).toBeGreaterThanOrEqual(4);
      for (const item of detail.agenda) {
        if (item.decision) {
          expect(item.quorumReached).toBe(true);
          const scores = await (await staff.get(`/api/committee/sessions/${s.id}/applications/${item.applicationId}/scores`)).json();
          expect(item.decision.averageScore).toBeCloseTo(scores.averageScore, 1);
          expect(item.status).toBe(item.decision.decision);
        }
      }
    }
    const pdf = await staff.get(`/api/committee/sessions/${sessions.items[0].id}/minutes.pdf`);
    expect(pdf.status).toBe(200);
  });

  it("shows the demo holder their own applications only", async () => {
    const holder = await ctx.as('project_holder');
    const list = await (await holder.get('/api/applications')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((a: { holderUserId: string }) => a.holderUserId === holder.me!.user.id)).toBe(true);
  });
});
