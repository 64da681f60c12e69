import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeds/seed';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

/**
 * The admin's smaller lists with the filters their screens send: programmes, cohorts, organisations and coaching
 * plans, each filter checked against the whole list read without it, and the paged ones walked page by page.
 */
let ctx: TestContext;
let staff: TestClient;

type Row = Record<string, unknown> & { id: string };
const read = async <T = Row>(client: TestClient, path: string): Promise<T> => {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return res.json() as Promise<T>;
};
const items = async (client: TestClient, path: string): Promise<Row[]> => {
  const body = await read<Row[] | { items: Row[] }>(client, path);
  return Array.isArray(body) ? body : body.items;
};

/** Every item of a keyset-paged list, `limit` a page, and how many pages it took. */
async function walk(client: TestClient, path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: Row[]; nextCursor: string | null } = await read(client, `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 200);
  return { ids, pages };
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.database.db);
  staff = await ctx.as('admin');
});
afterAll(() => ctx.close());

describe('programmes', () => {
  it('searches the name, code or territory (taken literally) and filters by status', async () => {
    const all = await items(staff, '/api/programmes');
    expect(all.length).toBeGreaterThan(1);
    const one = all[0] as Row & { code: string; name: string; territory: string; status: string };
    const byCode = await items(staff, `/api/programmes?q=${encodeURIComponent(one.code.toLowerCase())}`);
    expect(byCode.map((p) => p.id)).toContain(one.id);
    expect(byCode.every((p) => [p.code, p.name, p.territory].some((text) => String(text).toLowerCase().includes(one.code.toLowerCase())))).toBe(true);
    // '%' and '_' are searched for, not wildcards: no programme has them in its name.
    expect(await items(staff, `/api/programmes?q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await items(staff, `/api/programmes?q=${encodeURIComponent('_')}`)).toEqual([]);
    const byStatus = await items(staff, `/api/programmes?status=${one.status}`);
    expect(byStatus.map((p) => p.id).sort()).toEqual(all.filter((p) => p.status === one.status).map((p) => p.id).sort());
  });
});

describe('cohorts', () => {
  it('filters by programme', async () => {
    const all = (await items(staff, '/api/cohorts')) as (Row & { programmeId: string })[];
    const programmeId = all[0].programmeId;
    const mine = await items(staff, `/api/cohorts?programmeId=${programmeId}`);
    expect(mine.map((c) => c.id).sort()).toEqual(all.filter((c) => c.programmeId === programmeId).map((c) => c.id).sort());
    expect(mine.length).toBeLessThan(all.length);
  });
});

describe('organisations', () => {
  it('pages through every organisation once, newest first, and filters by search, legal form and territory', async () => {
    const all = (await items(staff, '/api/organisations?limit=200')) as (Row & { name: string; legalForm: string; territory: string; createdAt: string })[];
    expect(all.length).toBeGreaterThan(5);
    const walked = await walk(staff, '/api/organisations', 2);
    expect(walked.ids).toEqual(all.map((o) => o.id));
    expect(walked.pages).toBe(Math.ceil(all.length / 2));
    const cooperatives = await items(staff, '/api/organisations?legalForm=cooperative&limit=200');
    expect(cooperatives.map((o) => o.id)).toEqual(all.filter((o) => o.legalForm === 'cooperative').map((o) => o.id));
    const montreal = await items(staff, `/api/organisations?territory=${encodeURIComponent('Montréal')}&limit=200`);
    expect(montreal.length).toBeGreaterThan(0);
    expect(montreal.map((o) => o.id)).toEqual(all.filter((o) => o.territory === 'Montréal').map((o) => o.id));
    const found = await items(staff, `/api/organisations?q=${encodeURIComponent('fabrique')}&limit=200`);
    expect(found.map((o) => o.name)).toEqual(['Café coopératif La Fabrique']);
    expect(await items(staff, `/api/organisations?q=${encodeURIComponent('caf_')}&limit=200`)).toEqual([]);
  });
});

describe('coaching plans', () => {
  it('pages by cohort then project, each plan once, and filters by cohort', async () => {
    const all = (await items(staff, '/api/coaching/plans?limit=200')) as (Row & { cohortId: string; cohortName: string; projectTitle: string })[];
    expect(all.length).toBeGreaterThan(2);
    const walked = await walk(staff, '/api/coaching/plans', 1);
    expect(walked.ids).toEqual(all.map((p) => p.id));
    const ordered = [...all].sort((a, b) => (a.cohortName === b.cohortName ? (a.projectTitle < b.projectTitle ? -1 : 1) : a.cohortName < b.cohortName ? -1 : 1));
    expect(ordered.map((p) => p.id)).toEqual(all.map((p) => p.id));
    const cohortId = all[0].cohortId;
    const ofCohort = await walk(staff, `/api/coaching/plans?cohortId=${cohortId}`, 1);
    expect(ofCohort.ids).toEqual(all.filter((p) => p.cohortId === cohortId).map((p) => p.id));
  });
});
