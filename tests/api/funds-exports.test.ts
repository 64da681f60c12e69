import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../api/src/db/schema/auth';
import { hashPassword } from '../../api/src/lib/passwords';
import { DEMO_PASSWORD } from '../../seeds/platform';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: FundsFixture;
let staff: TestClient;
let manager: TestClient;
let holder: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  await ctx.database.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.email, 'fund2@essor.test'));
  [staff, manager, holder] = await Promise.all([ctx.as('staff'), ctx.as('fund_manager'), ctx.as('project_holder')]);
});
afterAll(() => ctx.close());

/** One CSV line's cells: a quoted cell may hold commas, its quotes doubled (the cells here hold no line break). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  return [...cells, cell];
}

/** The CSV's rows as objects by header. */
async function csvRows(client: TestClient, path: string): Promise<Record<string, string>[]> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const [header, ...lines] = (await res.text()).replace(/^\uFEFF/, '').trim().split('\n').map((line) => cellsOf(line.replace(/\r$/, '')));
  return lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

describe('CSV exports of the money lists', () => {
  it('exports funds with their figures and the trial balance with the same totals as the page', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 123_456 });
    const fund = await (await manager.get(`/api/funds/${fundId}`)).json();
    const row = (await csvRows(manager, '/api/funds/export.csv')).find((r) => r.code === fund.code);
    expect(row).toMatchObject({ type: 'loan', currency: 'CAD', capital_minor: '123456', available_minor: String(fund.figures.availableMinor) });

    const trial = await (await manager.get(`/api/funds/ledger/trial-balance?fundId=${fundId}`)).json();
    const rows = await csvRows(manager, `/api/funds/ledger/trial-balance/export.csv?fundId=${fundId}`);
    expect(rows.map((r) => r.account)).toEqual(trial.rows.map((r: { code: string }) => r.code));
    const sum = (key: string) => rows.reduce((total, r) => total + Number(r[key]), 0);
    expect(sum('debit_minor')).toBe(sum('credit_minor'));
    expect(rows.find((r) => r.account === '1000')?.balance_minor).toBe('123456');
  });

  it('exports loans, co-financing requests, quotes and assets with the list filters, to the list readers only', async () => {
    const loanFund = await createFundWithCapital(ctx.database.db, fixture, { type: 'loan', capitalMinor: 500_000 });
    const loan = await (await staff.post('/api/funds/loans', { fundId: loanFund, projectId: fixture.projectId, kind: 'honour_loan', principalMinor: 40_000, currency: 'CAD', termMonths: 4, method: 'declining' })).json();
    const proposed = await csvRows(manager, '/api/funds/loans/export.csv?status=proposed');
    expect(proposed.find((r) => r.number === String(loan.number))).toMatchObject({ status: 'proposed', principal_minor: '40000', outstanding_principal_minor: String(loan.outstandingPrincipalMinor) });
    expect((await csvRows(manager, '/api/funds/loans/export.csv?status=closed')).some((r) => r.number === String(loan.number))).toBe(false);

    for (const path of ['/api/funds/cofinancing/export.csv', '/api/funds/equipment/quotes/export.csv', '/api/funds/equipment/assets/export.csv']) {
      const res = await manager.get(path);
      expect(res.status, path).toBe(200);
      expect((await res.text()).replace(/^\uFEFF/, '').split('\n')[0].length, path).toBeGreaterThan(0);
    }
    expect((await holder.get('/api/funds/export.csv')).status).toBe(403);
    expect((await holder.get('/api/funds/ledger/trial-balance/export.csv')).status).toBe(403);
  });
});
