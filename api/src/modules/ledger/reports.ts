import type { CurrencyCode } from '@essor/shared/money';
import type { AccountStatement, BalanceQuery, EntryKind, JournalEntry, JournalQuery, LedgerAccount, StatementQuery, TrialBalance } from '@essor/shared/ledger';
import { and, asc, desc, eq, gte, lt, lte, not, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { journalEntries, journalLines, ledgerAccounts } from '../../db/schema/ledger';
import { allPages, decodeCursor, decodeIdCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Invalid, NotFound } from '../../lib/errors';
import { rowsOf } from '../../lib/rows';
import { inViewerReach, STAFF_VIEWER, type Viewer } from '../../lib/viewer';
import type { AccountType } from './chart';
import { anyOfPlaced } from '../../lib/any-of';
import { groupBy } from '../../lib/group';
import { builtOnce, builtPerShape } from '../../lib/prepared';

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

/**
 * Every account's totals and balance in the funds of the structures the viewer reaches, optionally for
 * one fund, optionally as they stood at the end of a day.
 */
export async function accountBalances(db: Db, query: BalanceQuery & { accountId?: string }, viewer: Viewer): Promise<LedgerAccount[]> {
  const accountFilter = [
    query.fundId ? sql`a.fund_id = ${query.fundId}` : sql`true`,
    query.accountId ? sql`a.id = ${query.accountId}` : sql`true`,
    inViewerReach(viewer, sql`f.structure_id`),
  ];
  // Sums per account first, then the join to the chart: one pass over the lines, only those of the accounts asked for
  // (one account's balance or one fund's trial balance reads its own lines off the account index, not the whole ledger).
  const lineFilter = [
    query.accountId ? sql`l.account_id = ${query.accountId}` : sql`true`,
    query.fundId ? sql`l.account_id in (select id from ledger_accounts where fund_id = ${query.fundId})` : sql`true`,
  ];
  const totals = query.asOf
    ? sql`select l.account_id, sum(l.debit_minor) as debit, sum(l.credit_minor) as credit
          from journal_lines l join journal_entries e on e.id = l.entry_id
          where e.occurred_on <= ${query.asOf} and ${sql.join(lineFilter, sql` and `)} group by l.account_id`
    : sql`select l.account_id, sum(l.debit_minor) as debit, sum(l.credit_minor) as credit from journal_lines l
          where ${sql.join(lineFilter, sql` and `)} group by l.account_id`;
  const result = await db.execute(sql`
    select a.id, a.fund_id, f.code as fund_code, a.code, a.name, a.type, a.normal_balance, a.currency,
           coalesce(t.debit, 0) as debit, coalesce(t.credit, 0) as credit
    from ledger_accounts a
    join funds f on f.id = a.fund_id
    left join (${totals}) t on t.account_id = a.id
    where ${sql.join(accountFilter, sql` and `)}
    order by f.code, a.code`);
  return rowsOf<BalanceRow>(result).map(toLedgerAccount);
}

export async function accountBalance(db: Db, accountId: string, asOf?: string): Promise<LedgerAccount> {
  const [account] = await accountBalances(db, { accountId, asOf }, STAFF_VIEWER);
  if (!account) throw new NotFound('thing.ledger_account');
  return account;
}

/** The trial balance: each account's net balance on its side; debits equal credits per currency, or something is wrong. */
export async function trialBalance(db: Db, query: BalanceQuery, viewer: Viewer): Promise<TrialBalance> {
  const rows = await accountBalances(db, query, viewer);
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

type StatementLine = AccountStatement['lines'][number];

/** After the line (entry number, line number) in the statement's order: day, entry, line. A number that names no entry is forged. */
async function afterLine(db: Db, cursor: string): Promise<SQL> {
  const [entry, line] = decodeCursor(cursor).map(Number);
  if (!Number.isSafeInteger(entry) || entry < 0 || !Number.isSafeInteger(line) || line < 0) throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
  const [found] = await db.select({ occurredOn: journalEntries.occurredOn }).from(journalEntries).where(eq(journalEntries.id, entry));
  if (!found) throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
  return sql`(${journalEntries.occurredOn}, ${journalEntries.id}, ${journalLines.id}) > (${found.occurredOn}::date, ${entry}::bigint, ${line}::bigint)`;
}

/**
 * An account's movements between two days with the running balance, opening from everything before,
 * one keyset page at a time. Each page's running balance starts from the sum of every line before it,
 * read from the ledger rather than carried in the cursor, so no page can be handed a wrong figure.
 */
export async function accountStatement(db: Db, accountId: string, query: StatementQuery): Promise<AccountStatement> {
  // A forged cursor is the caller's error whatever the account: refused before the account is looked up.
  const after = query.cursor ? await afterLine(db, query.cursor) : undefined;
  const account = await accountBalance(db, accountId, query.to);
  const sign = account.normalBalance === 'debit' ? 1 : -1;
  const net = async (where: SQL[]) => {
    const [row] = await db
      .select({ debit: sql<string>`coalesce(sum(${journalLines.debitMinor}), 0)`, credit: sql<string>`coalesce(sum(${journalLines.creditMinor}), 0)` })
      .from(journalLines)
      .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
      .where(and(eq(journalLines.accountId, accountId), ...where));
    return sign * (Number(row.debit) - Number(row.credit));
  };
  const opening = query.from ? await net([lt(journalEntries.occurredOn, query.from)]) : 0;
  const inRange: SQL[] = [];
  if (query.from) inRange.push(gte(journalEntries.occurredOn, query.from));
  if (query.to) inRange.push(lte(journalEntries.occurredOn, query.to));
  const broughtForward = after ? opening + (await net([...inRange, not(after)])) : opening;
  const movements = await db
    .select({
      lineId: journalLines.id,
      entryId: journalEntries.id,
      occurredOn: journalEntries.occurredOn,
      kind: journalEntries.kind,
      description: journalEntries.description,
      debitMinor: journalLines.debitMinor,
      creditMinor: journalLines.creditMinor,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(eq(journalLines.accountId, accountId), ...inRange, ...(after ? [after] : [])))
    .orderBy(asc(journalEntries.occurredOn), asc(journalEntries.id), asc(journalLines.id))
    .limit(query.limit + 1);
  const page = pageFrom(movements, query.limit, (m) => encodeCursor(m.entryId, m.lineId));
  let running = broughtForward;
  const lines: StatementLine[] = page.items.map(({ lineId: _l, ...m }) => {
    running += sign * (m.debitMinor - m.creditMinor);
    return { ...m, kind: m.kind as EntryKind, balanceMinor: running };
  });
  return {
    account,
    from: query.from ?? null,
    to: query.to ?? null,
    openingBalanceMinor: opening,
    closingBalanceMinor: account.balanceMinor,
    broughtForwardMinor: broughtForward,
    nextCursor: page.nextCursor,
    lines,
  };
}

/** Every line of a statement, page after page, each with its running balance (the CSV export). */
export function exportStatement(db: Db, accountId: string, range: Omit<StatementQuery, 'cursor' | 'limit'>, pageSize = WALK_PAGE_SIZE): AsyncGenerator<StatementLine[]> {
  return allPages(async (cursor) => {
    const statement = await accountStatement(db, accountId, { ...range, cursor, limit: pageSize });
    return { items: statement.lines, nextCursor: statement.nextCursor };
  });
}

function journalFilters(query: Omit<JournalQuery, 'cursor' | 'limit'>, viewer: Viewer): SQL[] {
  const where: SQL[] = [];
  if (viewer.structureIds !== null) where.push(sql`${journalEntries.fundId} in (select f.id from funds f where ${inViewerReach(viewer, sql`f.structure_id`)})`);
  if (query.fundId) where.push(eq(journalEntries.fundId, query.fundId));
  if (query.kind) where.push(eq(journalEntries.kind, query.kind));
  if (query.from) where.push(gte(journalEntries.occurredOn, query.from));
  if (query.to) where.push(lte(journalEntries.occurredOn, query.to));
  if (query.accountId) where.push(sql`exists (select 1 from journal_lines jl where jl.entry_id = ${journalEntries.id} and jl.account_id = ${query.accountId})`);
  return where;
}

/** An entry's lines and its reversal, built once (every page of the journal reads them). */
const linesOfEntries = builtOnce((db) =>
  db
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
    .where(anyOfPlaced(journalLines.entryId, 'ids'))
    .orderBy(asc(journalLines.id))
    .prepare('essor_journal_lines'),
);
const reversalsOfEntries = builtOnce((db) =>
  db.select({ id: journalEntries.id, reverses: journalEntries.reversesEntryId }).from(journalEntries).where(anyOfPlaced(journalEntries.reversesEntryId, 'ids')).prepare('essor_journal_reversals'),
);

async function withLines(db: Db, rows: (typeof journalEntries.$inferSelect)[]): Promise<JournalEntry[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  // Side by side: two round trips at once.
  const [lines, reversals] = await Promise.all([linesOfEntries(db).execute({ ids }), reversalsOfEntries(db).execute({ ids })]);
  const reversedBy = new Map(reversals.map((r) => [r.reverses!, r.id]));
  const linesOf = groupBy(lines, (line) => line.entryId);
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
    lines: (linesOf.get(row.id) ?? []).map(({ entryId: _e, ...line }) => line),
  }));
}

const FILTERS = ['fundId', 'kind', 'from', 'to', 'accountId'] as const;

/**
 * A page of the journal, built once per shape: the viewer's reach (none for the system), the filters given, first
 * page or after a cursor.
 */
const journalPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [];
  if (has('reach')) where.push(sql`${journalEntries.fundId} in (select f.id from funds f where ${anyOfPlaced(sql`f.structure_id`, 'reach', 'uuid')})`);
  if (has('fundId')) where.push(eq(journalEntries.fundId, sql.placeholder('fundId')));
  if (has('kind')) where.push(eq(journalEntries.kind, sql.placeholder('kind')));
  if (has('from')) where.push(gte(journalEntries.occurredOn, sql.placeholder('from')));
  if (has('to')) where.push(lte(journalEntries.occurredOn, sql.placeholder('to')));
  if (has('accountId')) where.push(sql`exists (select 1 from journal_lines jl where jl.entry_id = ${journalEntries.id} and jl.account_id = ${sql.placeholder('accountId')}::uuid)`);
  if (has('cursor')) where.push(lt(journalEntries.id, sql.placeholder('before')));
  return db
    .select()
    .from(journalEntries)
    .where(and(...where))
    .orderBy(desc(journalEntries.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_journal_${shape}`);
});

/** The journal, newest entry first, with keyset pagination on the entry number. */
export async function listJournal(db: Db, query: JournalQuery, viewer: Viewer) {
  const before = query.cursor ? decodeIdCursor(query.cursor) : null;
  const shape = [viewer.structureIds !== null && 'reach', ...FILTERS.map((name) => Boolean(query[name]) && name), before !== null && 'cursor'];
  const rows = await journalPage(db, shape).execute({
    reach: viewer.structureIds ?? [],
    ...Object.fromEntries(FILTERS.map((name) => [name, query[name] ?? null])),
    before,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.id, row.id));
  return { items: await withLines(db, page.items), nextCursor: page.nextCursor };
}

export async function getJournalEntry(db: Db, id: number): Promise<JournalEntry> {
  const rows = await db.select().from(journalEntries).where(eq(journalEntries.id, id));
  if (rows.length === 0) throw new NotFound('thing.journal_entry');
  return (await withLines(db, rows))[0];
}

/** The journal flattened to one row per line, for spreadsheets and auditors. */
/** Every journal line the filters select, in entry then line order, one keyset page at a time (the CSV streams them: no cap). */
export function exportJournal(db: Db, query: Omit<JournalQuery, 'cursor' | 'limit'>, viewer: Viewer, pageSize = WALK_PAGE_SIZE) {
  const where = journalFilters(query, viewer);
  return allPages(async (cursor) => {
    const after = cursor ? decodeCursor(cursor).map(Number) : null;
    if (after && !after.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
    const rows = await db
      .select({
        lineId: journalLines.id,
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
      .where(and(...where, ...(after ? [sql`(${journalEntries.id}, ${journalLines.id}) > (${after[0]}::bigint, ${after[1]}::bigint)`] : [])))
      .orderBy(asc(journalEntries.id), asc(journalLines.id))
      .limit(pageSize + 1);
    return pageFrom(rows, pageSize, (r) => encodeCursor(r.entryId, r.lineId));
  });
}
