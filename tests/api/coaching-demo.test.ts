import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeds/seed';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let staff: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.database.db);
  staff = await ctx.as('staff');
});
afterAll(() => ctx.close());

describe('coaching demo data', () => {
  it('fills the Montréal and Dakar cohorts with a season of past and upcoming sessions', async () => {
    const now = Date.now();
    const from = new Date(now - 70 * 86_400_000).toISOString();
    const to = new Date(now + 22 * 86_400_000).toISOString();
    const sessions = await (await staff.get(`/api/coaching/sessions?from=${from}&to=${to}`)).json();
    expect(sessions.length).toBeGreaterThanOrEqual(15);
    expect(sessions.some((s: { status: string }) => s.status === 'held')).toBe(true);
    expect(sessions.some((s: { status: string }) => s.status === 'scheduled')).toBe(true);
    expect(new Set(sessions.map((s: { format: string }) => s.format))).toEqual(new Set(['individual', 'group']));
    expect(sessions.every((s: { status: string; startsAt: string }) => s.status !== 'held' || Date.parse(s.startsAt) < now)).toBe(true);
    expect(sessions.flatMap((s: { actionItems: unknown[] }) => s.actionItems).length).toBeGreaterThan(5);
  });

  it('gives every plan some hours consumed within its budget, and the holder their own sessions', async () => {
    const plans = (await (await staff.get('/api/coaching/plans')).json()).items;
    expect(plans).toHaveLength(5);
    // A page at a time by cohort then project: two pages of two and one of one, the same plans in the same order.
    const walked: { id: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (await (await staff.get(`/api/coaching/plans?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as { items: { id: string }[]; nextCursor: string | null };
      walked.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(walked.map((p) => p.id)).toEqual(plans.map((p: { id: string }) => p.id));
    expect((await staff.get('/api/coaching/plans?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    for (const plan of plans) expect(plan.consumedMinutes + plan.scheduledMinutes).toBeLessThanOrEqual(plan.budgetMinutes);
    expect(plans.some((p: { consumedMinutes: number }) => p.consumedMinutes > 0)).toBe(true);
    const holder = await ctx.as('project_holder');
    const mine = await (await holder.get('/api/coaching/holder/action-items')).json();
    expect(mine.length).toBeGreaterThan(0);
  });

  it('shows one project on the fund managers’ red list, and overdue milestones', async () => {
    const fund = await ctx.as('fund_manager');
    const red = await (await fund.get('/api/followup/at-risk')).json();
    expect(red.map((r: { projectTitle: string }) => r.projectTitle)).toEqual(['Collecte et tri des plastiques']);
    const overdue = (await (await fund.get('/api/followup/milestones?overdue=true')).json()).items;
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('does nothing when run twice', async () => {
    const before = await (await staff.get('/api/coaching/coaches')).json();
    await seedDemo(ctx.database.db);
    const after = await (await staff.get('/api/coaching/coaches')).json();
    expect(after).toHaveLength(before.length);
  });
});
