import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_OF_ACCOUNTS, GUARANTEE_CHART_OF_ACCOUNTS, TRUST_CHART_OF_ACCOUNTS } from '../../api/src/modules/ledger/chart';
import { MOVEMENTS, movementLines, postMovement, type MovementKind } from '../../api/src/modules/ledger/movements';
import { getJournalEntry } from '../../api/src/modules/ledger/reports';
import { todayUtc } from '../../api/src/modules/ledger/posting';
import { createFundsFixture, createFundWithCapital, type FundsFixture } from '../support/funds-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
let fixture: FundsFixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await createFundsFixture(database.db);
});
afterAll(() => database.dispose());

const KINDS = Object.keys(MOVEMENTS) as MovementKind[];
const CODES = new Set<string>(CHART_OF_ACCOUNTS.map((a) => a.code));
const TRUST_CODES = new Set<string>(TRUST_CHART_OF_ACCOUNTS.map((a) => a.code));
const GUARANTEE_CODES = new Set<string>(GUARANTEE_CHART_OF_ACCOUNTS.map((a) => a.code));
/** The chart a movement's books open with: trust books (bond_trust) and guarantee funds have their own. */
const booksOf = (kind: MovementKind) => (MOVEMENTS[kind] as { books?: 'fund' | 'trust' | 'guarantee' }).books ?? 'fund';
const CHARTS = { fund: CODES, trust: TRUST_CODES, guarantee: GUARANTEE_CODES };

/** Distinct amounts per part, so a line carrying the wrong part's amount shows. */
function amountsFor(kind: MovementKind, seed: number): { amountMinor: number } | { parts: Record<string, number> } {
  const legs = MOVEMENTS[kind].legs as readonly { part: string }[];
  if (legs.length === 1) return { amountMinor: 1000 + seed };
  return { parts: Object.fromEntries(legs.map((leg, i) => [leg.part, 100 * (i + 1) + seed])) };
}

describe('the catalogue of money movements', () => {
  it('names only accounts of the chart, and each leg moves money from one account to another', () => {
    expect(KINDS.length).toBeGreaterThan(0);
    for (const kind of KINDS) {
      for (const leg of MOVEMENTS[kind].legs) {
        const chart = CHARTS[booksOf(kind)];
        expect(chart.has(leg.debit), `${kind} debits ${leg.debit}`).toBe(true);
        expect(chart.has(leg.credit), `${kind} credits ${leg.credit}`).toBe(true);
        expect(leg.debit, kind).not.toBe(leg.credit);
      }
    }
  });

  it('posts every kind as one balanced entry on exactly the accounts the catalogue names, with each part on its legs', async () => {
    const fundId = await createFundWithCapital(database.db, fixture, { type: 'co_financing', capitalMinor: 0 });
    const trustFundId = await createFundWithCapital(database.db, fixture, { type: 'bond_trust', capitalMinor: 0 });
    const guaranteeFundId = await createFundWithCapital(database.db, fixture, { type: 'guarantee', capitalMinor: 0 });
    const fundOf = { fund: fundId, trust: trustFundId, guarantee: guaranteeFundId };
    for (const [i, kind] of KINDS.entries()) {
      const fund = { id: fundOf[booksOf(kind)], currency: 'CAD' };
      const amounts = amountsFor(kind, i);
      const posted = await database.db.transaction((tx) =>
        postMovement(tx, kind, { fund, ...amounts, occurredOn: todayUtc(), description: `Essai ${kind}`, projectId: fixture.projectId, postedBy: fixture.manager.id } as never),
      );
      const entry = await getJournalEntry(database.db, posted.id);
      expect(entry.kind, kind).toBe(MOVEMENTS[kind].entryKind);
      const debits = entry.lines.reduce((sum, l) => sum + l.debitMinor, 0);
      const credits = entry.lines.reduce((sum, l) => sum + l.creditMinor, 0);
      expect(debits, kind).toBe(credits);
      // What each account should receive, leg by leg, from the catalogue itself.
      const expected = new Map<string, number>();
      for (const leg of MOVEMENTS[kind].legs) {
        const value = 'amountMinor' in amounts ? amounts.amountMinor : (amounts.parts[leg.part] ?? 0);
        expected.set(`D${leg.debit}`, (expected.get(`D${leg.debit}`) ?? 0) + value);
        expected.set(`C${leg.credit}`, (expected.get(`C${leg.credit}`) ?? 0) + value);
      }
      const actual = new Map<string, number>();
      for (const line of entry.lines) {
        if (line.debitMinor) actual.set(`D${line.accountCode}`, (actual.get(`D${line.accountCode}`) ?? 0) + line.debitMinor);
        if (line.creditMinor) actual.set(`C${line.accountCode}`, (actual.get(`C${line.accountCode}`) ?? 0) + line.creditMinor);
      }
      expect(Object.fromEntries(actual), kind).toEqual(Object.fromEntries(expected));
      expect(debits, kind).toBe([...expected].filter(([k]) => k.startsWith('D')).reduce((sum, [, v]) => sum + v, 0));
    }
  });

  it('leaves out a part of nothing, and refuses a movement of nothing at all', async () => {
    expect(movementLines('loan_repayment', { parts: { principal: 500, interest: 0 } })).toEqual([
      { account: MOVEMENTS.loan_repayment.legs[0].debit, debit: 500 },
      { account: MOVEMENTS.loan_repayment.legs[0].credit, credit: 500 },
    ]);
    const fundId = await createFundWithCapital(database.db, fixture, { type: 'loan', capitalMinor: 0 });
    await expect(
      database.db.transaction((tx) => postMovement(tx, 'capital_in', { fund: { id: fundId, currency: 'CAD' }, amountMinor: 0, occurredOn: todayUtc(), description: 'Rien', postedBy: null })),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe('nothing outside the ledger posts lines by hand', () => {
  const modules = path.resolve(__dirname, '../../api/src/modules');
  const sources = readdirSync(modules, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(path.join(modules, 'ledger') + path.sep));

  it('reads the module sources', () => {
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.some((file) => file.endsWith(path.join('loans', 'repayments.ts')))).toBe(true);
  });

  it('has no journal line, no entry kind, no postJournalEntry and no reach into the ledger past its public entry', () => {
    const offenders: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      const name = path.relative(modules, file);
      if (/\bpostJournalEntry\b/.test(text)) offenders.push(`${name}: postJournalEntry`);
      if (/\{\s*account:\s*[^,}]+,\s*(debit|credit):/.test(text)) offenders.push(`${name}: a journal line written by hand`);
      if (/\bkind:\s*'(capital_contribution|commitment|disbursement|cancellation|repayment|write_off|adjustment)'/.test(text)) offenders.push(`${name}: an entry's kind set by hand`);
      if (/from '\.\.\/ledger\/(?!public')/.test(text)) offenders.push(`${name}: imports the ledger's internals`);
    }
    expect(offenders).toEqual([]);
  });
});
