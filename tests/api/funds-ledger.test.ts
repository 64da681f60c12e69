import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../api/src/lib/errors';
import { rowsOf } from '../../api/src/lib/rows';
import { accountBalance, accountBalances, trialBalance } from '../../api/src/modules/ledger/reports';
import { postJournalEntry, reverseJournalEntry } from '../../api/src/modules/ledger/posting';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';

let database: TestDatabase;
let fixture: FundsFixture;
let cadFund: string;
let xofFund: string;
beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await createFundsFixture(database.db);
  cadFund = await createFundWithCapital(database.db, fixture, { type: 'co_financing', capitalMinor: 0 });
  xofFund = await createFundWithCapital(database.db, fixture, { type: 'equipment', capitalMinor: 0, currency: 'XOF' });
});
afterAll(() => database.dispose());

const count = async (table: string) => Number(rowsOf<{ n: string }>(await database.db.execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);

async function refused(entry: Parameters<typeof postJournalEntry>[1]) {
  const before = await count('journal_lines');
  const error = await database.db.transaction((tx) => postJournalEntry(tx, entry)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(422);
  expect(await count('journal_lines')).toBe(before);
}

const base = { currency: 'CAD', occurredOn: '2026-03-01', kind: 'capital_contribution' as const, description: 'Essai' };

describe('postJournalEntry', () => {
  it('refuses unbalanced, one-sided, mixed-currency, fractional, negative and foreign-account entries', async () => {
    await refused({ ...base, fundId: cadFund, lines: [{ account: '1000', debit: 100 }, { account: '3000', credit: 99 }] });
    await refused({ ...base, fundId: cadFund, lines: [{ account: '1000', debit: 100 }] });
    await refused({ ...base, fundId: cadFund, lines: [{ account: '1000', debit: 100, credit: 100 }, { account: '3000', credit: 100 }] });
    await refused({ ...base, fundId: cadFund, lines: [{ account: '1000', debit: 10.5 }, { account: '3000', credit: 10.5 }] });
    await refused({ ...base, fundId: cadFund, lines: [{ account: '1000', debit: -100 }, { account: '3000', credit: -100 }] });
    await refused({ ...base, fundId: cadFund, currency: 'XOF', lines: [{ account: '1000', debit: 100 }, { account: '3000', credit: 100 }] });
    await refused({ ...base, fundId: cadFund, lines: [{ account: '1000', debit: Number.MAX_SAFE_INTEGER }, { account: '1000', debit: 10 }, { account: '3000', credit: 1 }] });
  });

  it('posts inside the caller transaction: when the business change fails, no entry remains', async () => {
    const before = await count('journal_entries');
    await expect(
      database.db.transaction(async (tx) => {
        await postJournalEntry(tx, { ...base, fundId: cadFund, lines: [{ account: '1000', debit: 500 }, { account: '3000', credit: 500 }] });
        throw new Error('the contribution row could not be written');
      }),
    ).rejects.toThrow();
    expect(await count('journal_entries')).toBe(before);
  });

  it('gives balances at any date and corrects only by reversal, once', async () => {
    const entry = await database.db.transaction((tx) => postJournalEntry(tx, { ...base, fundId: xofFund, currency: 'XOF', occurredOn: '2026-04-10', lines: [{ account: '1000', debit: 250_000 }, { account: '3000', credit: 250_000 }] }));
    const bank = (await accountBalances(database.db, { fundId: xofFund }, STAFF_VIEWER)).find((a) => a.code === '1000')!;
    expect(bank.balanceMinor).toBe(250_000);
    expect((await accountBalance(database.db, bank.id, '2026-04-09')).balanceMinor).toBe(0);
    const reversal = await database.db.transaction((tx) => reverseJournalEntry(tx, entry.id, { postedBy: fixture.manager.id, occurredOn: '2026-05-01', reason: 'Saisie en double' }));
    expect((await accountBalance(database.db, bank.id, '2026-04-30')).balanceMinor).toBe(250_000);
    expect((await accountBalance(database.db, bank.id)).balanceMinor).toBe(0);
    await expect(database.db.transaction((tx) => reverseJournalEntry(tx, entry.id, { postedBy: null, reason: 'encore' }))).rejects.toMatchObject({ status: 409 });
    await expect(database.db.transaction((tx) => reverseJournalEntry(tx, reversal.id, { postedBy: null, reason: 'encore' }))).rejects.toMatchObject({ status: 409 });
    expect((await trialBalance(database.db, { fundId: xofFund }, STAFF_VIEWER)).balanced).toBe(true);
  });

  it('has the database refuse a line with both sides, a negative or a zero amount, whoever writes it', async () => {
    const [account] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from ledger_accounts where fund_id = ${cadFund} and code = '1000'`));
    const [entry] = rowsOf<{ id: number }>(await database.db.execute(sql`select id from journal_entries limit 1`));
    for (const [debit, credit] of [[100, 100], [-100, 0], [0, 0]]) {
      await expect(
        database.db.execute(sql`insert into journal_lines (entry_id, account_id, debit_minor, credit_minor) values (${entry.id}, ${account.id}, ${debit}, ${credit})`),
      ).rejects.toThrow();
    }
    await expect(database.db.execute(sql`insert into ledger_accounts (fund_id, code, name, type, normal_balance, currency) values (${cadFund}, '9999', 'Essai', 'asset', 'credit', 'CAD')`)).rejects.toThrow();
    await expect(database.db.execute(sql`update funds set type = 'lottery' where id = ${cadFund}`)).rejects.toThrow();
  });
});
