import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loanInstalments, loans } from '../../api/src/db/schema/loans';
import { createFund } from '../../api/src/modules/funds/service';
import { createFundsFixture, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { ROOT_STRUCTURE_ID } from '../support/structures';

let ctx: TestContext;
let fixture: FundsFixture;
let manager: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  manager = await ctx.as('fund_manager');
}, 60_000);
afterAll(() => ctx.close());

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('long lists are never cut silently', () => {
  it('finds a loan 145 days in arrears among 551 loans', async () => {
    const fund = await createFund(ctx.database.db, fixture.manager, { code: 'F-LONG', name: 'Fonds de prêts', type: 'loan', currency: 'CAD', description: '', committeeThresholdMinor: Number.MAX_SAFE_INTEGER, structureId: ROOT_STRUCTURE_ID });
    const base = { structureId: ROOT_STRUCTURE_ID, fundId: fund.id, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: 100_000, currency: 'CAD', rateBps: 0, termMonths: 10, graceMonths: 0, method: 'declining', proposedBy: fixture.staff.id! };
    // The oldest loan (lowest number) is the one in arrears: its only instalment fell due 145 days ago.
    const [late] = await ctx.database.db.insert(loans).values({ ...base, status: 'active', disbursedOn: daysAgo(200), scheduleVersion: 1 }).returning();
    await ctx.database.db.insert(loanInstalments).values({ loanId: late.id, version: 1, seq: 1, dueOn: daysAgo(145), principalMinor: 100_000, interestMinor: 0 });
    await ctx.database.db.insert(loans).values(Array.from({ length: 550 }, () => ({ ...base, status: 'proposed' })));
    const arrears = await manager.get(`/api/funds/loans?fundId=${fund.id}&inArrears=true`);
    expect(arrears.status).toBe(200);
    const listed = ((await arrears.json()) as { items: { id: string; daysInArrears: number }[]; nextCursor: string | null });
    expect(listed.items.map((l) => l.id)).toEqual([late.id]);
    expect(listed.items[0].daysInArrears).toBe(145);
    // The list carries the loan's standing, not its schedule, repayments and history: the loan's page has them.
    expect(Object.keys(listed.items[0])).not.toEqual(expect.arrayContaining(['schedule']));
    expect(Object.keys(listed.items[0])).not.toContain('repayments');
    const detail = (await (await manager.get(`/api/funds/loans/${late.id}`)).json()) as { schedule: { status: string }[]; daysInArrears: number };
    expect(detail.schedule.map((i) => i.status)).toEqual(['overdue']);
    expect(detail.daysInArrears).toBe(listed.items[0].daysInArrears);
    expect(listed.nextCursor).toBeNull();
    const onTime = (await (await manager.get(`/api/funds/loans?fundId=${fund.id}&inArrears=false&limit=200`)).json()) as { items: { id: string }[] };
    expect(onTime.items).toHaveLength(200);
    expect(onTime.items.map((l) => l.id)).not.toContain(late.id);
    // The whole list, a page at a time: every loan once, newest first, the oldest (in arrears) last.
    const seen: { id: string; number: number }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await manager.get(`/api/funds/loans?fundId=${fund.id}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string; number: number }[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen.map((l) => l.id)).size).toBe(551);
    expect(seen.map((l) => l.number)).toEqual([...seen.map((l) => l.number)].sort((a, b) => b - a));
    expect(seen.at(-1)!.id).toBe(late.id);
    // The export walks every page: 551 loans and the header.
    const csv = await (await manager.get(`/api/funds/loans/export.csv?fundId=${fund.id}`)).text();
    expect(csv.trim().split('\n')).toHaveLength(552);
    expect((await manager.get(`/api/funds/loans?cursor=not-a-cursor`)).status).toBe(400);
  }, 120_000);
});
