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
    const listed = (await arrears.json()) as { id: string; daysInArrears: number }[];
    expect(listed.map((l) => l.id)).toEqual([late.id]);
    expect(listed[0].daysInArrears).toBe(145);
    const all = (await (await manager.get(`/api/funds/loans?fundId=${fund.id}`)).json()) as unknown[];
    expect(all).toHaveLength(551);
  }, 120_000);
});
