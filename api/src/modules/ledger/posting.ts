import type { EntryKind } from '@essor/shared/ledger';
import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { accountingClosures, journalEntries, journalLines, ledgerAccounts } from '../../db/schema/ledger';
import { Conflict, NotFound, Unprocessable } from '../../lib/errors';
import { msg, type Message, type Param, type Text } from '../../lib/messages/render';
import { chartFor, normalBalanceOf, type AccountCode } from './chart';
import { anyOf } from '../../lib/any-of';

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
  /** The event the movement follows (an approval, a disbursement, an invoice): the entry cannot be dated before it. */
  notBefore?: DateBound | null | (DateBound | null)[];
  /** The request field that carried the date, named in the error when the date is refused. */
  dateField?: string;
}

/** A day a movement cannot precede, and what happened on it, in words a fund manager reads. */
export interface DateBound {
  date: string;
  reason: Param;
}

/** Today's date in UTC: accounting dates are days, and timestamps are compared on their UTC day. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The UTC day of a timestamp, for bounds taken from approvals and other datetimes. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The latest approved closure of a fund: nothing is posted on or before it. */
export async function closedThrough(db: Db, fundId: string): Promise<string | null> {
  const [row] = await db
    .select({ closesOn: max(accountingClosures.closesOn) })
    .from(accountingClosures)
    .where(and(eq(accountingClosures.fundId, fundId), eq(accountingClosures.status, 'approved')));
  return row?.closesOn ?? null;
}

/**
 * The accounting day a document's approval committed its money (its commitment entry), the bound for
 * everything that follows it; null when it committed nothing.
 */
export async function approvalBound(db: Db, source: { type: string; id: string }, what: Message): Promise<DateBound | null> {
  const [row] = await db
    .select({ on: journalEntries.occurredOn })
    .from(journalEntries)
    .where(and(eq(journalEntries.sourceType, source.type), eq(journalEntries.sourceId, source.id), eq(journalEntries.kind, 'commitment'), sql`${journalEntries.reversesEntryId} is null`))
    .orderBy(asc(journalEntries.id))
    .limit(1);
  return row ? { date: row.on, reason: msg('bound.approved', { what }) } : null;
}

function refuseDate(field: string, message: Text, hint: Text): never {
  throw new Unprocessable(message, 'invalid', { [field]: [hint] });
}

/**
 * The one rule that keeps the books in time, for every movement: not after today, not before the fund
 * opened, not before the event it follows, not on or before the day the books are closed up to.
 */
export async function ensureDateInOrder(tx: Db, entry: Pick<JournalEntryInput, 'fundId' | 'occurredOn' | 'notBefore' | 'dateField'>): Promise<void> {
  const field = entry.dateField ?? 'occurredOn';
  const on = entry.occurredOn;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) refuseDate(field, msg('ledger.date_not_a_day', { on }), 'field.not_a_day');
  const today = todayUtc();
  if (on > today) refuseDate(field, msg('ledger.date_after_today', { on, today }), msg('field.after_today', { today }));
  // Shares the fund's row with the callers' update lock, and blocks a closure being approved meanwhile.
  const [fund] = await tx.select({ openedOn: funds.openedOn }).from(funds).where(eq(funds.id, entry.fundId)).for('share');
  if (!fund) throw new NotFound('thing.fund');
  const bounds = [{ date: fund.openedOn, reason: { key: 'bound.fund_opened' } }, ...[entry.notBefore ?? []].flat()].filter((b): b is DateBound => b !== null);
  for (const bound of bounds) {
    if (on < bound.date) refuseDate(field, msg('ledger.date_before_bound', { on, bound: bound.date, reason: bound.reason }), msg('field.before_bound', { bound: bound.date, reason: bound.reason }));
  }
  const closed = await closedThrough(tx, entry.fundId);
  if (closed && on <= closed) {
    refuseDate(field, msg('ledger.period_closed', { closed, on }), msg('field.on_or_before_closing', { closed }));
  }
}

export interface PostedEntry {
  id: number;
  fundId: string;
  currency: string;
  occurredOn: string;
}

/** Opens a fund's chart of accounts (its type's: trust books have their own), in its currency; called once when the fund is created. */
export async function openChartOfAccounts(tx: Db, fundId: string, currency: string, fundType = 'co_financing'): Promise<void> {
  await tx.insert(ledgerAccounts).values(
    chartFor(fundType).map((account) => ({
      fundId,
      code: account.code,
      name: account.name,
      type: account.type,
      normalBalance: normalBalanceOf(account.type, account.normalBalance),
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
  if (entry.lines.length < 2) throw new Unprocessable('ledger.two_lines');
  let debits = 0;
  let credits = 0;
  for (const line of entry.lines) {
    const hasDebit = line.debit !== undefined && line.debit !== 0;
    const hasCredit = line.credit !== undefined && line.credit !== 0;
    if (hasDebit === hasCredit) throw new Unprocessable('ledger.debit_or_credit');
    const amount = hasDebit ? line.debit : line.credit;
    if (!isPositiveMinor(amount)) throw new Unprocessable('ledger.positive_amounts');
    if (hasDebit) debits += amount;
    else credits += amount;
  }
  if (!Number.isSafeInteger(debits) || debits !== credits) {
    throw new Unprocessable(msg('ledger.unbalanced', { debits, credits }));
  }
  await ensureDateInOrder(tx, entry);
  const codes = [...new Set(entry.lines.map((line) => line.account))];
  const accounts = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.fundId, entry.fundId), anyOf(ledgerAccounts.code, codes)));
  if (accounts.length !== codes.length) throw new Unprocessable('ledger.unknown_account');
  if (accounts.some((account) => account.currency !== entry.currency)) {
    throw new Unprocessable(msg('ledger.one_currency', { currency: accounts[0].currency }));
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

/**
 * Where a reversal goes when no date is asked: on the reversed entry's own day while that period is
 * open, otherwise today, in the open period (the reversal names the entry it corrects).
 */
export async function reversalDateFor(db: Db, entry: { fundId: string; occurredOn: string }, asked?: string): Promise<string> {
  if (asked) return asked;
  const closed = await closedThrough(db, entry.fundId);
  return closed && entry.occurredOn <= closed ? todayUtc() : entry.occurredOn;
}

/** Corrects an entry the only way the ledger allows: a new entry with every line on the other side. */
export async function reverseJournalEntry(
  tx: Db,
  entryId: number,
  options: { postedBy: string | null; occurredOn?: string; reason: string },
): Promise<PostedEntry> {
  const [original] = await tx.select().from(journalEntries).where(eq(journalEntries.id, entryId)).for('update');
  if (!original) throw new NotFound('thing.journal_entry');
  if (original.reversesEntryId !== null) throw new Conflict('ledger.reversal_not_reversed');
  const [already] = await tx.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.reversesEntryId, entryId));
  if (already) throw new Conflict(msg('ledger.already_reversed', { entry: entryId, by: already.id }));
  const lines = await tx
    .select({ code: ledgerAccounts.code, debit: journalLines.debitMinor, credit: journalLines.creditMinor })
    .from(journalLines)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .where(eq(journalLines.entryId, entryId))
    .orderBy(asc(journalLines.id));
  return postJournalEntry(tx, {
    fundId: original.fundId,
    currency: original.currency,
    occurredOn: await reversalDateFor(tx, original, options.occurredOn),
    notBefore: { date: original.occurredOn, reason: msg('bound.reversed_entry_dated', { entry: entryId }) },
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
