import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WALK_PAGE_SIZE } from '../../api/src/lib/cursor';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { postJournalEntry, type JournalLineInput } from '../../api/src/modules/ledger/posting';
import { accountBalances, exportStatement } from '../../api/src/modules/ledger/reports';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: FundsFixture;
let manager: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  manager = await ctx.as('fund_manager');
}, 60_000);
afterAll(() => ctx.close());

const accountOf = async (fundId: string, code: string) => (await accountBalances(ctx.database.db, { fundId }, STAFF_VIEWER)).find((a) => a.code === code)!.id;

async function post(fundId: string, occurredOn: string, bank: number) {
  const lines: JournalLineInput[] = bank > 0 ? [{ account: '1000', debit: bank }, { account: '3000', credit: bank }] : [{ account: '3000', debit: -bank }, { account: '1000', credit: -bank }];
  await ctx.database.db.transaction((tx) => postJournalEntry(tx, { fundId, currency: 'CAD', occurredOn, kind: 'adjustment', description: `Mouvement ${occurredOn} ${bank}`, lines }));
}

interface Statement {
  openingBalanceMinor: number;
  closingBalanceMinor: number;
  broughtForwardMinor: number;
  nextCursor: string | null;
  lines: { occurredOn: string; debitMinor: number; creditMinor: number; balanceMinor: number }[];
}

describe('the account statement is paged with its running balance carried across pages', () => {
  it('matches a hand-computed table, two lines a page, between 1 February and 31 March', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 0, openedOn: '2026-01-01' });
    // Posted in this order; the 1 March pair is posted +1,000 first, so it comes first that day.
    await post(fundId, '2026-01-10', 100_000); // before the range: the opening
    await post(fundId, '2026-02-01', 50_000);
    await post(fundId, '2026-02-01', -30_000);
    await post(fundId, '2026-02-15', 7_000);
    await post(fundId, '2026-03-01', 1_000);
    await post(fundId, '2026-03-01', -20_000);
    await post(fundId, '2026-03-20', -8_000);
    await post(fundId, '2026-04-05', 2_500); // after the range
    const bank = await accountOf(fundId, '1000');
    // date, debit, credit, balance: worked out by hand from the postings above.
    const table = [
      ['2026-02-01', 50_000, 0, 150_000],
      ['2026-02-01', 0, 30_000, 120_000],
      ['2026-02-15', 7_000, 0, 127_000],
      ['2026-03-01', 1_000, 0, 128_000],
      ['2026-03-01', 0, 20_000, 108_000],
      ['2026-03-20', 0, 8_000, 100_000],
    ];
    const broughtForward = [100_000, 120_000, 128_000];

    const base = `/api/funds/ledger/accounts/${bank}/statement?from=2026-02-01&to=2026-03-31&limit=2`;
    const seen: unknown[][] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const res = await manager.get(`${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const statement = (await res.json()) as Statement;
      expect(statement.openingBalanceMinor).toBe(100_000);
      expect(statement.closingBalanceMinor).toBe(100_000);
      expect(statement.broughtForwardMinor).toBe(broughtForward[page]);
      seen.push(...statement.lines.map((l) => [l.occurredOn, l.debitMinor, l.creditMinor, l.balanceMinor]));
      cursor = statement.nextCursor;
      page++;
    } while (cursor);
    expect(page).toBe(3);
    expect(seen).toEqual(table);

    // The equity side runs the other way (credit-normal): its balance is the bank's, line for line.
    const equity = await accountOf(fundId, '3000');
    const equityBalances: number[] = [];
    for await (const lines of exportStatement(ctx.database.db, equity, { from: '2026-02-01', to: '2026-03-31' }, 4)) equityBalances.push(...lines.map((l) => l.balanceMinor));
    expect(equityBalances).toEqual(table.map((row) => row[3]));

    // The CSV walks the same pages and carries the same balances.
    const csv = await manager.get(`/api/funds/ledger/accounts/${bank}/statement/export.csv?from=2026-02-01&to=2026-03-31`);
    expect(csv.status).toBe(200);
    const [head, ...rows] = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const col = (name: string) => head.split(',').indexOf(name);
    expect(rows.map((r) => r.split(',')).map((c) => [c[col('date')], Number(c[col('debit_minor')]), Number(c[col('credit_minor')]), Number(c[col('balance_minor')])])).toEqual(table);

    const forged = Buffer.from(JSON.stringify([999_999_999, 1])).toString('base64url');
    expect((await manager.get(`${base}&cursor=${forged}`)).status).toBe(400);
    expect((await manager.get(`/api/funds/ledger/accounts/00000000-0000-4000-8000-000000000000/statement/export.csv`)).status).toBe(404);
  });

  it('exports every line of a statement longer than one walk page, with the running balance unbroken', async () => {
    const fundId = await createFundWithCapital(ctx.database.db, fixture, { type: 'co_financing', capitalMinor: 0, openedOn: '2026-01-01' });
    const bank = await accountOf(fundId, '1000');
    const equity = await accountOf(fundId, '3000');
    const n = WALK_PAGE_SIZE + 17;
    // Entry i (1..n) moves i cents into the bank, spread over a handful of days so many share a day.
    await ctx.database.db.execute(sql`
      with e as (
        insert into journal_entries (fund_id, currency, occurred_on, kind, description)
        select ${fundId}::uuid, 'CAD', date '2026-02-01' + (g % 7), 'adjustment', 'Ligne ' || g from generate_series(1, ${n}) g
        returning id, description
      )
      insert into journal_lines (entry_id, account_id, debit_minor, credit_minor)
      select e.id, a.account_id, case when a.side = 'd' then substr(e.description, 7)::int else 0 end, case when a.side = 'c' then substr(e.description, 7)::int else 0 end
      from e cross join (values (${bank}::uuid, 'd'), (${equity}::uuid, 'c')) as a(account_id, side)`);
    const res = await manager.get(`/api/funds/ledger/accounts/${bank}/statement/export.csv`);
    expect(res.status).toBe(200);
    const [head, ...rows] = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = head.split(',');
    const cells = rows.map((r) => r.split(','));
    expect(cells).toHaveLength(n);
    expect(new Set(cells.map((c) => c[header.indexOf('entry')])).size).toBe(n);
    let running = 0;
    for (const c of cells) {
      running += Number(c[header.indexOf('debit_minor')]) - Number(c[header.indexOf('credit_minor')]);
      expect(Number(c[header.indexOf('balance_minor')])).toBe(running);
    }
    expect(running).toBe((n * (n + 1)) / 2);
    const days = cells.map((c) => c[header.indexOf('date')]);
    expect([...days].sort()).toEqual(days);

    // The journal's CSV walks every page too: both lines of every entry, each once, in entry order.
    const journal = await manager.get(`/api/funds/ledger/entries/export.csv?fundId=${fundId}`);
    expect(journal.status).toBe(200);
    const [journalHead, ...journalRows] = (await journal.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const columns = journalHead.split(',');
    const lines = journalRows.map((r) => r.split(','));
    expect(lines).toHaveLength(2 * n);
    const entries = lines.map((l) => Number(l[columns.indexOf('entry')]));
    expect([...entries].sort((a, b) => a - b)).toEqual(entries);
    expect(new Set(lines.map((l) => `${l[columns.indexOf('entry')]}:${l[columns.indexOf('account')]}`)).size).toBe(2 * n);
    const debits = lines.reduce((sum, l) => sum + Number(l[columns.indexOf('debit_minor')]), 0);
    expect(debits).toBe((n * (n + 1)) / 2);
  }, 120_000);
});
