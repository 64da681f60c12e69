import type { CurrencyCode } from '@essor/shared/money';
import type { AccountStatement, BalanceQuery, EntryKind, JournalEntry, JournalQuery, LedgerAccount, TrialBalance } from '@essor/shared/ledger';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { journalEntries, journalLines, ledgerAccounts } from '../../db/schema/ledger';
import { decodeCursor, encodeCursor, pageFrom } from '../../lib/cursor';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { rowsOf } from '../../lib/rows';
import { CHART_OF_ACCOUNTS, normalBalanceOf, type AccountCode, type AccountType } from './chart';

export interface JournalLineInput {
  account: AccountCode;
  debit?: number;
  credit?: number;
}

export interface JournalEntryInput {
  fundId: string;
  currency: string;
  occurredOn: string;
  kind: EntryKind;
  description: string;
  projectId?: string | null;
  sourceType?: string;
  sourceId?: string;
  postedBy?: string | null;
  reversesEntryId?: number;
  lines: JournalLineInput[];
}

export interface PostedEntry {
  id: number;
  fundId: string;
  currency: string;
  occurredOn: string;
}

/** Opens a fund's chart of accounts, in its currency; called once when the fund is created. */
export async function openChartOfAccounts(tx: Db, fundId: string, currency: string): Promise<void> {
  await tx.insert(ledgerAccounts).values(
    CHART_OF_ACCOUNTS.map((account) => ({
      fundId,
      code: account.code,
      name: account.name,
      type: account.type,
      normalBalance: normalBalanceOf(account.type),
      currency,
    })),
  );
}

function isPositiveMinor(value: number | undefined): value is number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0;
}

/**
 * The only way money moves: writes one balanced entry inside the caller's transaction, so the
 * business change and its money movement commit or fail together.
 */
export async function postJournalEntry(tx: Db, entry: JournalEntryInput): Promise<PostedEntry> {
  if (entry.lines.length < 2) throw new Unprocessable('A journal entry needs at least two lines');
  let debits = 0;
  let credits = 0;
  for (const line of entry.lines) {
    const hasDebit = line.debit !== undefined && line.debit !== 0;
    const hasCredit = line.credit !== undefined && line.credit !== 0;
    if (hasDebit === hasCredit) throw new Unprocessable('Each journal line is either a debit or a credit');
    const amount = hasDebit ? line.debit : line.credit;
    if (!isPositiveMinor(amount)) throw new Unprocessable('Journal amounts are positive whole minor units');
    if (hasDebit) debits += amount;
    else credits += amount;
  }
  if (!Number.isSafeInteger(debits) || debits !== credits) {
    throw new Unprocessable(`Unbalanced journal entry: debits ${debits}, credits ${credits}`);
  }
  const codes = [...new Set(entry.lines.map((line) => line.account))];
  const accounts = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.fundId, entry.fundId), inArray(ledgerAccounts.code, codes)));
  if (accounts.length !== codes.length) throw new Unprocessable('A journal line names an account this fund does not have');
  if (accounts.some((account) => account.currency !== entry.currency)) {
    throw new Unprocessable(`A journal entry moves one currency only; the fund keeps its books in ${accounts[0].currency}`);
  }
  const idByCode = new Map(accounts.map((account) => [account.code, account.id]));
  const [row] = await tx
    .insert(journalEntries)
    .values({
      fundId: entry.fundId,
      currency: entry.currency,
      occurredOn: entry.occurredOn,
      kind: entry.kind,
      description: entry.description,
      projectId: entry.projectId ?? null,
      sourceType: entry.sourceType ?? null,
      sourceId: entry.sourceId ?? null,
      postedBy: entry.postedBy ?? null,
      reversesEntryId: entry.reversesEntryId ?? null,
    })
    .returning({ id: journalEntries.id });
  await tx.insert(journalLines).values(
    entry.lines.map((line) => ({
      entryId: row.id,
      accountId: idByCode.get(line.account)!,
      debitMinor: line.debit ?? 0,
      creditMinor: line.credit ?? 0,
    })),
  );
  return { id: row.id, fundId: entry.fundId, currency: entry.currency, occurredOn: entry.occurredOn };
}

/** Corrects an entry the only way the ledger allows: a new entry with every line on the other side. */
export async function reverseJournalEntry(
  tx: Db,
  entryId: number,
  options: { postedBy: string | null; occurredOn?: string; reason: string },
): Promise<PostedEntry> {
  const [original] = await tx.select().from(journalEntries).where(eq(journalEntries.id, entryId)).for('update');
  if (!original) throw new NotFound('Journal entry');
  if (original.reversesEntryId !== null) throw new Conflict('A reversal is not reversed; post a new entry instead');
  const [already] = await tx.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.reversesEntryId, entryId));
  if (already) throw new Conflict(`Entry ${entryId} is already reversed by entry ${already.id}`);
  const lines = await tx
    .select({ code: ledgerAccounts.code, debit: journalLines.debitMinor, credit: journalLines.creditMinor })
    .from(journalLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(eq(journalLines.entryId, entryId))
    .orderBy(asc(journalLines.id));
  return postJournalEntry(tx, {
    fundId: original.fundId,
    currency: original.currency,
    occurredOn: options.occurredOn ?? original.occurredOn,
    kind: original.kind as EntryKind,
    description: `Contre-passation de l'écriture n° ${entryId} : ${options.reason}`,
    projectId: original.projectId,
    sourceType: original.sourceType ?? undefined,
    sourceId: original.sourceId ?? undefined,
    postedBy: options.postedBy,
    reversesEntryId: entryId,
    lines: lines.map((line) => ({ account: line.code as AccountCode, debit: line.credit || undefined, credit: line.debit || undefined })),
  });
}

interface BalanceRow {
  id: string;
  fund_id: string;
  fund_code: string;
  code: string;
  name: string;
  type: AccountType;
  normal_balance: 'debit' | 'credit';
  currency: string;
  debit: string | number;
  credit: string | number;
}

function toLedgerAccount(row: BalanceRow): LedgerAccount {
  const debitMinor = Number(row.debit);
  const creditMinor = Number(row.credit);
  return {
    id: row.id,
    fundId: row.fund_id,
    fundCode: row.fund_code,
    code: row.code,
    name: row.name,
    type: row.type,
    normalBalance: row.normal_balance,
    currency: row.currency as CurrencyCode,
    debitMinor,
    creditMinor,
    balanceMinor: row.normal_balance === 'debit' ? debitMinor - creditMinor : creditMinor - debitMinor,
  };
}

/** Every account's totals and balance, optionally for one fund, optionally as they stood at the end of a day. */
export async function accountBalances(db: Db, query: BalanceQuery & { accountId?: string }): Promise<LedgerAccount[]> {
  const accountFilter = [
    query.fundId ? sql`a.fund_id = ${query.fundId}` : sql`true`,
    query.accountId ? sql`a.id = ${query.accountId}` : sql`true`,
  ];
  // Sums per account first, then the join to the chart: one pass over the lines.
  const totals = query.asOf
    ? sql`select l.account_id, sum(l.debit_minor) as debit, sum(l.credit_minor) as credit
          from journal_lines l join journal_entries e on e.id = l.entry_id
          where e.occurred_on <= ${query.asOf} group by l.account_id`
    : sql`select l.account_id, sum(l.debit_minor) as debit, sum(l.credit_minor) as credit from journal_lines l group by l.account_id`;
  const result = await db.execute(sql`
    select a.id, a.fund_id, f.code as fund_code, a.code, a.name, a.type, a.normal_balance, a.currency,
           coalesce(t.debit, 0) as debit, coalesce(t.credit, 0) as credit
    from ledger_accounts a
    join funds f on f.id = a.fund_id
    left join (${totals}) t on t.account_id = a.id
    where ${accountFilter[0]} and ${accountFilter[1]}
    order by f.code, a.code`);
  return rowsOf<BalanceRow>(result).map(toLedgerAccount);
}

export async function accountBalance(db: Db, accountId: string, asOf?: string): Promise<LedgerAccount> {
  const [account] = await accountBalances(db, { accountId, asOf });
  if (!account) throw new NotFound('Ledger account');
  return account;
}

/** The trial balance: each account's net balance on its side; debits equal credits per currency, or something is wrong. */
export async function trialBalance(db: Db, query: BalanceQuery): Promise<TrialBalance> {
  const rows = await accountBalances(db, query);
  const totals = new Map<string, { debitMinor: number; creditMinor: number }>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { debitMinor: 0, creditMinor: 0 };
    const net = row.debitMinor - row.creditMinor;
    if (net > 0) total.debitMinor += net;
    else total.creditMinor -= net;
    totals.set(row.currency, total);
  }
  const list = [...totals].map(([currency, t]) => ({ currency: currency as CurrencyCode, ...t }));
  return { asOf: query.asOf ?? null, rows, totals: list, balanced: list.every((t) => t.debitMinor === t.creditMinor) };
}

/** An account's movements between two days with the running balance, opening from everything before. */
export async function accountStatement(db: Db, accountId: string, range: { from?: string; to?: string }): Promise<AccountStatement> {
  const account = await accountBalance(db, accountId, range.to);
  const sign = account.normalBalance === 'debit' ? 1 : -1;
  let opening = 0;
  if (range.from) {
    const [row] = await db
      .select({ debit: sql<string>`coalesce(sum(${journalLines.debitMinor}), 0)`, credit: sql<string>`coalesce(sum(${journalLines.creditMinor}), 0)` })
      .from(journalLines)
      .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
      .where(and(eq(journalLines.accountId, accountId), lt(journalEntries.occurredOn, range.from)));
    opening = sign * (Number(row.debit) - Number(row.credit));
  }
  const where: SQL[] = [eq(journalLines.accountId, accountId)];
  if (range.from) where.push(gte(journalEntries.occurredOn, range.from));
  if (range.to) where.push(lte(journalEntries.occurredOn, range.to));
  const movements = await db
    .select({
      entryId: journalEntries.id,
      occurredOn: journalEntries.occurredOn,
      kind: journalEntries.kind,
      description: journalEntries.description,
      debitMinor: journalLines.debitMinor,
      creditMinor: journalLines.creditMinor,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(...where))
    .orderBy(asc(journalEntries.occurredOn), asc(journalEntries.id), asc(journalLines.id))
    .limit(20_000);
  let running = opening;
  const lines = movements.map((m) => {
    running += sign * (m.debitMinor - m.creditMinor);
    return { ...m, kind: m.kind as EntryKind, balanceMinor: running };
  });
  return { account, from: range.from ?? null, to: range.to ?? null, openingBalanceMinor: opening, closingBalanceMinor: running, lines };
}

function journalFilters(query: Omit<JournalQuery, 'cursor' | 'limit'>): SQL[] {
  const where: SQL[] = [];
  if (query.fundId) where.push(eq(journalEntries.fundId, query.fundId));
  if (query.kind) where.push(eq(journalEntries.kind, query.kind));
  if (query.from) where.push(gte(journalEntries.occurredOn, query.from));
  if (query.to) where.push(lte(journalEntries.occurredOn, query.to));
  if (query.accountId) where.push(sql`exists (select 1 from journal_lines jl where jl.entry_id = ${journalEntries.id} and jl.account_id = ${query.accountId})`);
  return where;
}

async function withLines(db: Db, rows: (typeof journalEntries.$inferSelect)[]): Promise<JournalEntry[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const lines = await db
    .select({
      entryId: journalLines.entryId,
      accountId: journalLines.accountId,
      accountCode: ledgerAccounts.code,
      accountName: ledgerAccounts.name,
      debitMinor: journalLines.debitMinor,
      creditMinor: journalLines.creditMinor,
    })
    .from(journalLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(inArray(journalLines.entryId, ids))
    .orderBy(asc(journalLines.id));
  const reversals = await db
    .select({ id: journalEntries.id, reverses: journalEntries.reversesEntryId })
    .from(journalEntries)
    .where(inArray(journalEntries.reversesEntryId, ids));
  const reversedBy = new Map(reversals.map((r) => [r.reverses!, r.id]));
  return rows.map((row) => ({
    id: row.id,
    fundId: row.fundId,
    currency: row.currency as CurrencyCode,
    occurredOn: row.occurredOn,
    kind: row.kind as EntryKind,
    description: row.description,
    projectId: row.projectId,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    reversesEntryId: row.reversesEntryId,
    reversedByEntryId: reversedBy.get(row.id) ?? null,
    postedBy: row.postedBy,
    postedAt: row.postedAt.toISOString(),
    lines: lines.filter((line) => line.entryId === row.id).map(({ entryId: _e, ...line }) => line),
  }));
}

/** The journal, newest entry first, with keyset pagination on the entry number. */
export async function listJournal(db: Db, query: JournalQuery) {
  const where = journalFilters(query);
  if (query.cursor) where.push(lt(journalEntries.id, Number(decodeCursor(query.cursor)[1])));
  const rows = await db
    .select()
    .from(journalEntries)
    .where(and(...where))
    .orderBy(desc(journalEntries.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.id, row.id));
  return { items: await withLines(db, page.items), nextCursor: page.nextCursor };
}

export async function getJournalEntry(db: Db, id: number): Promise<JournalEntry> {
  const rows = await db.select().from(journalEntries).where(eq(journalEntries.id, id));
  if (rows.length === 0) throw new NotFound('Journal entry');
  return (await withLines(db, rows))[0];
}

/** The journal flattened to one row per line, for spreadsheets and auditors. */
export async function exportJournal(db: Db, query: Omit<JournalQuery, 'cursor' | 'limit'>) {
  return db
    .select({
      entryId: journalEntries.id,
      occurredOn: journalEntries.occurredOn,
      fundCode: funds.code,
      kind: journalEntries.kind,
      description: journalEntries.description,
      accountCode: ledgerAccounts.code,
      accountName: ledgerAccounts.name,
      currency: journalEntries.currency,
      debitMinor: journalLines.debitMinor,
      creditMinor: journalLines.creditMinor,
      reversesEntryId: journalEntries.reversesEntryId,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .innerJoin(funds, eq(funds.id, journalEntries.fundId))
    .where(and(...journalFilters(query)))
    .orderBy(asc(journalEntries.id), asc(journalLines.id))
    .limit(100_000);
}
