import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equipmentAssets } from '../../api/src/db/schema/equipment';
import { organisations, projects } from '../../api/src/db/schema/projects';
import { WALK_PAGE_SIZE } from '../../api/src/lib/cursor';
import { admitProjectToFinancing } from '../../api/src/modules/funds/eligibility';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { ROOT_STRUCTURE_ID } from '../support/structures';

let ctx: TestContext;
let fixture: FundsFixture;
let manager: TestClient;
let staff: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  [manager, staff] = await Promise.all([ctx.as('fund_manager'), ctx.as('staff')]);
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
    const res = await manager.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
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
  const res = await manager.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const [head, ...lines] = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const index = head.split(',').indexOf(header);
  expect(index).toBeGreaterThanOrEqual(0);
  return lines.map((line) => line.split(',')[index]);
}

const DAYS = ['2026-03-01', '2026-01-15', '2026-03-01', '2026-02-10'];
const ITEMS = ['Perceuse', 'Étau', 'Perceuse', 'Scie|circulaire'];

describe('the asset register is keyset-paged', () => {
  it('walks 23 items (shared days and names, a bar in a name) four at a time, none lost or repeated, in order, filters kept', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 1_000_000 });
    const inserted = await ctx.database.db
      .insert(equipmentAssets)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          structureId: ROOT_STRUCTURE_ID,
          fundId,
          projectId: fixture.projectId,
          item: ITEMS[i % ITEMS.length],
          valueMinor: 1000 + i,
          currency: 'CAD',
          status: i % 3 === 0 ? 'returned' : 'in_service',
          acquiredOn: DAYS[i % DAYS.length],
        })),
      )
      .returning();

    const { items, pages } = await walk<{ id: string; acquiredOn: string; item: string }>(`/api/funds/equipment/assets?fundId=${fundId}`, 4);
    expect(pages).toBe(6);
    expect(items.map((a) => a.id).sort()).toEqual(inserted.map((a) => a.id).sort());
    expect(new Set(items.map((a) => a.id)).size).toBe(23);
    // Oldest acquired first; the same day ordered by item as the database sorts it, then by id.
    for (let i = 1; i < items.length; i++) {
      expect(items[i - 1].acquiredOn <= items[i].acquiredOn).toBe(true);
      if (items[i - 1].acquiredOn === items[i].acquiredOn && items[i - 1].item === items[i].item) expect(items[i - 1].id < items[i].id).toBe(true);
    }

    const returned = await walk<{ id: string; status: string }>(`/api/funds/equipment/assets?fundId=${fundId}&status=returned`, 3);
    expect(returned.items.map((a) => a.id).sort()).toEqual(inserted.filter((a) => a.status === 'returned').map((a) => a.id).sort());
    expect(returned.pages).toBeGreaterThan(1);
  });

  it('refuses a forged cursor with a 400', async () => {
    const forged = Buffer.from(JSON.stringify(['yesterday|Perceuse', 'x'])).toString('base64url');
    expect((await manager.get(`/api/funds/equipment/assets?cursor=${forged}`)).status).toBe(400);
    const noBar = Buffer.from(JSON.stringify(['2026-01-01', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect((await manager.get(`/api/funds/equipment/assets?cursor=${noBar}`)).status).toBe(400);
    expect((await manager.get('/api/funds/equipment/assets?cursor=%%%')).status).toBe(400);
  });

  it('exports every item, past one walk page, once each, with the filters', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'equipment', capitalMinor: 1_000_000 });
    const extra = WALK_PAGE_SIZE + 17;
    await ctx.database.db.insert(equipmentAssets).values(
      Array.from({ length: extra }, (_, i) => ({ structureId: ROOT_STRUCTURE_ID, fundId, item: `Export-${i}`, valueMinor: 1, currency: 'CAD', status: i % 2 ? 'returned' : 'in_service', acquiredOn: '2026-04-01' })),
    );
    const items = await csvColumn(`/api/funds/equipment/assets/export.csv?fundId=${fundId}`, 'item');
    expect(items).toHaveLength(extra);
    expect(new Set(items).size).toBe(extra);
    const inService = await csvColumn(`/api/funds/equipment/assets/export.csv?fundId=${fundId}&status=in_service`, 'status');
    expect(inService).toHaveLength(Math.ceil(extra / 2));
    expect(new Set(inService)).toEqual(new Set(['in_service']));
    const everything = await csvColumn('/api/funds/equipment/assets/export.csv', 'item');
    const inDb = await ctx.database.db.select({ id: equipmentAssets.id }).from(equipmentAssets);
    expect(everything).toHaveLength(inDb.length);
  }, 120_000);
});

interface Option {
  id: string;
  title: string;
  organisationName: string;
  currency: string;
  milestones: unknown[];
}

describe('the financing forms reach every selected project by search', () => {
  it('finds a project beyond the first page of options by its title or its organisation, in the fund currency', async () => {
    const tag = Date.now().toString(36);
    const [org] = await ctx.database.db
      .insert(organisations)
      .values({ name: `Collectif ${tag}`, legalForm: 'cooperative', sector: 'réemploi', district: 'Verdun', territory: 'Montréal' })
      .returning();
    // 60 selected projects whose titles sort before the fixture's: the first page (50) is all theirs.
    const many = await ctx.database.db
      .insert(projects)
      .values(Array.from({ length: 60 }, (_, i) => ({ structureId: ROOT_STRUCTURE_ID, organisationId: org.id, title: `Aaa ${tag} ${String(i).padStart(2, '0')}`, district: 'Verdun', totalBudgetMinor: 1_000_000, currency: 'CAD', stage: 'incubated' })))
      .returning();
    for (const p of many) await admitProjectToFinancing(ctx.database.db, fixture.staff, p.id, 'Projet admis pour la liste longue');

    const first = (await (await staff.get('/api/funds/projects')).json()) as Option[];
    expect(first).toHaveLength(50);
    expect(first.map((p) => p.id)).not.toContain(fixture.projectId);
    const titles = first.map((p) => p.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const byTitle = (await (await staff.get(`/api/funds/projects?q=${encodeURIComponent('picerie solidaire')}`)).json()) as Option[];
    expect(byTitle.map((p) => p.id)).toEqual([fixture.projectId]);

    const [fixtureProject] = byTitle;
    const byOrganisation = (await (await staff.get(`/api/funds/projects?q=${encodeURIComponent(fixtureProject.organisationName)}`)).json()) as Option[];
    expect(byOrganisation.map((p) => p.id).sort()).toEqual([fixture.projectId, fixture.otherCurrencyProjectId].sort());
    const inXof = (await (await staff.get(`/api/funds/projects?currency=XOF&q=${encodeURIComponent(fixtureProject.organisationName)}`)).json()) as Option[];
    expect(inXof.map((p) => p.id)).toEqual([fixture.otherCurrencyProjectId]);

    const ours = (await (await staff.get(`/api/funds/projects?q=${encodeURIComponent(`Collectif ${tag}`)}&limit=200`)).json()) as Option[];
    expect(ours).toHaveLength(60);
    expect(new Set(ours.map((p) => p.id))).toEqual(new Set(many.map((p) => p.id)));

    const one = (await (await staff.get(`/api/funds/projects?projectId=${fixture.projectId}`)).json()) as Option[];
    expect(one.map((p) => p.id)).toEqual([fixture.projectId]);
    expect(Array.isArray(one[0].milestones)).toBe(true);
  }, 120_000);

  it('treats the search as text, not as a pattern, and bounds the page', async () => {
    expect(await (await staff.get(`/api/funds/projects?q=${encodeURIComponent('%')}`)).json()).toEqual([]);
    expect(await (await staff.get(`/api/funds/projects?q=${encodeURIComponent('_')}`)).json()).toEqual([]);
    expect((await staff.get('/api/funds/projects?limit=0')).status).toBe(400);
    expect((await staff.get('/api/funds/projects?limit=201')).status).toBe(400);
    expect((await staff.get('/api/funds/projects?currency=GBP')).status).toBe(400);
  });
});
