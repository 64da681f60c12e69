import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followupVisits } from '../../api/src/db/schema/followup';
import { milestones } from '../../api/src/db/schema/projects';
import { WALK_PAGE_SIZE } from '../../api/src/lib/cursor';
import { createFundsFixture, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { ROOT_STRUCTURE_ID } from '../support/structures';

let ctx: TestContext;
let fixture: FundsFixture;
let fund: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  fund = await ctx.as('fund_manager');
}, 60_000);
afterAll(() => ctx.close());

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Follows nextCursor to the end, counting the pages. */
async function walk<T>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await fund.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, path).toBe(200);
    const page = (await res.json()) as Page<T>;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

/** CSV body rows (no commas or quotes in the planted values, so a split is enough). */
async function csvColumn(path: string, header: string): Promise<string[]> {
  const res = await fund.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const [head, ...lines] = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const index = head.split(',').indexOf(header);
  expect(index).toBeGreaterThanOrEqual(0);
  return lines.map((line) => line.split(',')[index]);
}

const DAYS = ['2026-01-10', '2026-01-10', '2026-02-01', null, '2026-03-15', '2026-02-01', null];
const byMilestoneOrder = (a: { dueOn: string | null; id: string }, b: { dueOn: string | null; id: string }) =>
  a.dueOn === b.dueOn ? (a.id < b.id ? -1 : 1) : a.dueOn === null ? 1 : b.dueOn === null ? -1 : a.dueOn < b.dueOn ? -1 : 1;

describe('milestones are keyset-paged', () => {
  it('walks 23 milestones (shared due days and undated ones) four at a time, none lost or repeated, in order, filters kept', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({
      structureId: ROOT_STRUCTURE_ID,
      projectId: fixture.projectId,
      kind: 'other',
      title: `Jalon-${i}`,
      dueOn: DAYS[i % DAYS.length],
      status: i % 3 === 0 ? 'reached' : 'planned',
      evidence: i % 3 === 0 ? 'Preuve' : null,
      reachedOn: i % 3 === 0 ? '2026-01-01' : null,
    }));
    const inserted = await ctx.database.db.insert(milestones).values(rows).returning();
    const expected = inserted.map((m) => ({ id: m.id, dueOn: m.dueOn })).sort(byMilestoneOrder).map((m) => m.id);

    const { items, pages } = await walk<{ id: string }>(`/api/followup/milestones?projectId=${fixture.projectId}`, 4);
    expect(pages).toBe(6);
    expect(items.map((m) => m.id)).toEqual(expected);

    const planned = await walk<{ id: string; status: string }>(`/api/followup/milestones?projectId=${fixture.projectId}&status=planned`, 4);
    expect(planned.items.every((m) => m.status === 'planned')).toBe(true);
    expect(planned.items.map((m) => m.id)).toEqual(expected.filter((id) => inserted.find((m) => m.id === id)!.status === 'planned'));
    expect(planned.pages).toBeGreaterThan(1);
  });

  it('refuses a forged cursor with a 400', async () => {
    const forged = Buffer.from(JSON.stringify(['not-a-day', 'x'])).toString('base64url');
    expect((await fund.get(`/api/followup/milestones?cursor=${forged}`)).status).toBe(400);
    expect((await fund.get('/api/followup/milestones?cursor=%%%')).status).toBe(400);
  });

  it('exports every milestone, past one walk page, once each', async () => {
    const extra = WALK_PAGE_SIZE + 11;
    await ctx.database.db.insert(milestones).values(
      Array.from({ length: extra }, (_, i) => ({ structureId: ROOT_STRUCTURE_ID, projectId: fixture.otherCurrencyProjectId, kind: 'other', title: `Export-${i}`, dueOn: i % 2 ? '2026-05-01' : null })),
    );
    const inDb = await ctx.database.db.select({ title: milestones.title }).from(milestones);
    const titles = await csvColumn('/api/followup/milestones/export.csv', 'title');
    expect(titles).toHaveLength(inDb.length);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.filter((t) => t.startsWith('Export-'))).toHaveLength(extra);
    const onlyOther = await csvColumn(`/api/followup/milestones/export.csv?projectId=${fixture.otherCurrencyProjectId}`, 'title');
    expect(onlyOther).toHaveLength(extra);
  }, 120_000);
});

describe('follow-up visits are keyset-paged', () => {
  it('walks 17 visits recorded in one instant (ties broken by id) three at a time, latest first, filters kept', async () => {
    const ratings = ['green', 'amber', 'red'] as const;
    const inserted = await ctx.database.db
      .insert(followupVisits)
      .values(
        Array.from({ length: 17 }, (_, i) => ({
          structureId: ROOT_STRUCTURE_ID,
          projectId: fixture.projectId,
          visitedOn: ['2026-04-01', '2026-04-01', '2026-03-01', '2026-05-20'][i % 4],
          visitorName: 'Marc',
          findings: `Visite-${i}`,
          riskRating: ratings[i % 3],
        })),
      )
      .returning();
    const expected = [...inserted]
      .sort((a, b) => (a.visitedOn !== b.visitedOn ? (a.visitedOn < b.visitedOn ? 1 : -1) : a.createdAt.getTime() !== b.createdAt.getTime() ? b.createdAt.getTime() - a.createdAt.getTime() : a.id < b.id ? 1 : -1))
      .map((v) => v.id);

    const { items, pages } = await walk<{ id: string }>(`/api/followup/visits?projectId=${fixture.projectId}`, 3);
    expect(pages).toBe(6);
    expect(items.map((v) => v.id)).toEqual(expected);

    const red = await walk<{ id: string; riskRating: string }>(`/api/followup/visits?projectId=${fixture.projectId}&riskRating=red`, 2);
    expect(red.items.map((v) => v.id)).toEqual(expected.filter((id) => inserted.find((v) => v.id === id)!.riskRating === 'red'));
    expect(red.pages).toBeGreaterThan(1);

    const forged = Buffer.from(JSON.stringify(['2026-04-01|yesterday', 'x'])).toString('base64url');
    expect((await fund.get(`/api/followup/visits?cursor=${forged}`)).status).toBe(400);
  });

  it('exports every visit, past one walk page, once each', async () => {
    const extra = WALK_PAGE_SIZE + 23;
    await ctx.database.db.insert(followupVisits).values(
      Array.from({ length: extra }, (_, i) => ({ structureId: ROOT_STRUCTURE_ID, projectId: fixture.otherCurrencyProjectId, visitedOn: '2026-02-02', visitorName: 'Awa', findings: `Export-${i}`, riskRating: 'amber' })),
    );
    const findings = await csvColumn(`/api/followup/visits/export.csv?projectId=${fixture.otherCurrencyProjectId}`, 'findings');
    expect(findings).toHaveLength(extra);
    expect(new Set(findings).size).toBe(extra);
    const all = await csvColumn('/api/followup/visits/export.csv', 'findings');
    const inDb = await ctx.database.db.select({ id: followupVisits.id }).from(followupVisits);
    expect(all).toHaveLength(inDb.length);
    const amber = await csvColumn('/api/followup/visits/export.csv?riskRating=amber', 'risk_rating');
    const amberInDb = await ctx.database.db.select({ id: followupVisits.id }).from(followupVisits).where(eq(followupVisits.riskRating, 'amber'));
    expect(amber).toHaveLength(amberInDb.length);
    expect(new Set(amber)).toEqual(new Set(['amber']));
  }, 120_000);
});
