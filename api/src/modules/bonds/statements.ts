import { createHash } from 'node:crypto';
import {
  POSTABLE_MATCHES,
  STATEMENT_MATCHES,
  STATEMENT_MAX_BYTES,
  type PreviewStatementInput,
  type Statement,
  type StatementCounts,
  type StatementImport,
  type StatementListQuery,
  type StatementMatch,
} from '@essor/shared/bond-statements';
import type { CurrencyCode } from '@essor/shared/money';
import type { Page } from '@essor/shared/pagination';
import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bondInvestors, bondOfferings, bondPayments, bondStatementImports, bondStatementLines, bondSubscriptions } from '../../db/schema/bonds';
import { funds } from '../../db/schema/funds';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeTimeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { AppError, Conflict, Invalid, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { structureInReach } from '../../lib/scope-guard';
import { assertReach, inReach } from '../../lib/scope';
import { OFFERING_READERS, OFFERING_STAFF } from './offerings';
import { confirmPayment } from './payments';
import { parseStatement, type ParsedLine } from './statement-parsing';
import { anyOf } from '../../lib/any-of';

type ImportRow = typeof bondStatementImports.$inferSelect;
type LineRow = typeof bondStatementLines.$inferSelect;

/** What a credit is matched against: a subscription of the trust account's offerings and what it still awaits. */
interface Candidate {
  id: string;
  reference: string;
  currency: string;
  amountMinor: number;
  paidMinor: number;
  status: string;
}

/** What remains to pay: only a reservation takes money (a paid, lapsed or closed subscription takes none). */
const remainingOf = (sub: Pick<Candidate, 'status' | 'amountMinor' | 'paidMinor'>) => (sub.status === 'reserved' ? sub.amountMinor - sub.paidMinor : 0);

function byAmount(amountMinor: number, remaining: number): StatementMatch {
  if (amountMinor === remaining) return 'matched';
  return amountMinor < remaining ? 'partial' : 'overpaid';
}

/** The bytes of an upload, checked: base64, within the size limit. */
function fileBytes(input: PreviewStatementInput): Buffer {
  const b64 = input.contentBase64.replace(/\s/g, '');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new Invalid('applications.attachment_base64', { contentBase64: ['field.not_base64'] });
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > STATEMENT_MAX_BYTES) throw new AppError(413, 'payload_too_large', msg('bonds.statement_too_large', { kb: STATEMENT_MAX_BYTES / 1024 }));
  return bytes;
}

/**
 * Each line's match, in the file's order: a debit is ignored; a bank reference seen earlier in the file or
 * already counted is a duplicate; a credit whose RF reference is a subscription of these trust books is
 * matched, partial or overpaid against what remains of it, each earlier line of the file counted first.
 */
async function classify(tx: Db, structureId: string, trustFundId: string, lines: ParsedLine[]): Promise<{ match: StatementMatch; reference: string | null; subscriptionId: string | null }[]> {
  const references = [...new Set(lines.flatMap((l) => l.references))];
  const bankReferences = [...new Set(lines.map((l) => l.bankReference))];
  const subs = references.length
    ? await tx
        .select({ id: bondSubscriptions.id, reference: bondSubscriptions.reference, currency: bondSubscriptions.currency, amountMinor: bondSubscriptions.amountMinor, paidMinor: bondSubscriptions.paidMinor, status: bondSubscriptions.status })
        .from(bondSubscriptions)
        .innerJoin(bondOfferings, eq(bondOfferings.id, bondSubscriptions.offeringId))
        .where(and(anyOf(bondSubscriptions.reference, references), eq(bondOfferings.trustFundId, trustFundId), eq(bondSubscriptions.structureId, structureId)))
    : [];
  const byReference = new Map<string, Candidate>(subs.map((s) => [s.reference, s]));
  const counted = new Set(
    bankReferences.length
      ? (await tx.select({ ref: bondPayments.bankReference }).from(bondPayments).where(and(eq(bondPayments.structureId, structureId), anyOf(bondPayments.bankReference, bankReferences)))).map((r) => r.ref)
      : [],
  );
  const remaining = new Map(subs.map((s) => [s.id, remainingOf(s)]));
  const seen = new Set<string>();
  return lines.map((line) => {
    const sub = line.references.map((r) => byReference.get(r)).find(Boolean);
    const reference = sub?.reference ?? line.references[0] ?? null;
    const duplicate = seen.has(line.bankReference) || counted.has(line.bankReference);
    seen.add(line.bankReference);
    if (line.amountMinor < 0) return { match: 'ignored' as const, reference, subscriptionId: null };
    if (duplicate) return { match: 'duplicate' as const, reference, subscriptionId: sub?.id ?? null };
    if (!sub || sub.currency !== line.currency) return { match: 'unknown' as const, reference, subscriptionId: null };
    const left = remaining.get(sub.id)!;
    const match = byAmount(line.amountMinor, left);
    if (match !== 'overpaid') remaining.set(sub.id, left - line.amountMinor);
    return { match, reference, subscriptionId: sub.id };
  });
}

async function refuseIfPosted(tx: Db, structureId: string, fileSha256: string, except?: string): Promise<void> {
  const where: SQL[] = [eq(bondStatementImports.structureId, structureId), eq(bondStatementImports.fileSha256, fileSha256), eq(bondStatementImports.status, 'posted')];
  if (except) where.push(ne(bondStatementImports.id, except));
  const [posted] = await tx.select({ id: bondStatementImports.id }).from(bondStatementImports).where(and(...where));
  if (posted) throw new Conflict('bonds.statement_already_posted');
}

/**
 * Reads a statement of a trust account and stores it as a preview, each line with what it would match;
 * nothing is paid yet. A file already posted is refused (409); one not valid as a statement is a 422.
 */
export async function previewStatement(db: Db, actor: Actor, user: CurrentUser, input: PreviewStatementInput): Promise<Statement> {
  const bytes = fileBytes(input);
  const [fund] = await db.select().from(funds).where(eq(funds.id, input.trustFundId));
  if (!fund) throw new NotFound('thing.fund');
  assertReach(user, fund.structureId, OFFERING_STAFF, 'thing.fund');
  if (fund.type !== 'bond_trust') throw new Unprocessable('bonds.not_trust_fund', 'invalid', { trustFundId: ['bonds.field_not_trust_fund'] });
  const parsed = await parseStatement(bytes, fund.currency);
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  return db.transaction(async (tx) => {
    await refuseIfPosted(tx, fund.structureId, fileSha256);
    const matches = await classify(tx, fund.structureId, fund.id, parsed.lines);
    const creditMinor = parsed.lines.reduce((sum, l) => sum + Math.max(0, l.amountMinor), 0);
    const [row] = await tx
      .insert(bondStatementImports)
      .values({ structureId: fund.structureId, trustFundId: fund.id, format: parsed.format, fileName: input.fileName, fileSha256, currency: fund.currency, lineCount: parsed.lines.length, creditMinor, createdBy: actor.id! })
      .returning();
    // Inserted in slices: a long statement stays under the driver's parameter limit.
    for (let i = 0; i < parsed.lines.length; i += 500) {
      await tx.insert(bondStatementLines).values(
        parsed.lines.slice(i, i + 500).map((line, j) => ({
          structureId: fund.structureId,
          importId: row.id,
          lineNo: line.lineNo,
          bookedOn: line.bookedOn,
          amountMinor: line.amountMinor,
          currency: line.currency,
          bankReference: line.bankReference,
          reference: matches[i + j].reference,
          counterparty: line.counterparty,
          remittance: line.remittance,
          match: matches[i + j].match,
          subscriptionId: matches[i + j].subscriptionId,
        })),
      );
    }
    const counts = countMatches(matches.map((m) => m.match));
    await recordAudit(tx, actor, {
      action: 'bond_statement.preview',
      entity: 'bond_statement_import',
      entityId: row.id,
      structureId: fund.structureId,
      after: { trustFundId: fund.id, format: parsed.format, fileName: input.fileName, fileSha256, lineCount: parsed.lines.length, creditMinor, counts },
    });
    return statementView(tx, row.id);
  });
}

/**
 * Posts a previewed statement in one transaction: each matched or partial line is checked again under its
 * offering's lock (another payment may have come in since the preview) and becomes a payment through
 * `confirmPayment`, its bank reference kept; overpaid, unknown and duplicate lines are left for a person.
 * Any failure leaves nothing written. A file posted once (by this import or another) is a 409.
 */
export async function postStatement(db: Db, actor: Actor, id: string): Promise<Statement> {
  try {
    return await db.transaction(async (tx) => {
      const row = await lockImport(tx, id);
      if (row.status === 'posted') throw new Conflict('bonds.statement_already_posted');
      if (row.status === 'discarded') throw new Conflict('bonds.statement_discarded');
      await refuseIfPosted(tx, row.structureId, row.fileSha256, row.id);
      const lines = await tx.select().from(bondStatementLines).where(eq(bondStatementLines.importId, id)).orderBy(asc(bondStatementLines.lineNo));
      const postable = lines.filter((l) => l.subscriptionId && (POSTABLE_MATCHES as readonly string[]).includes(l.match));
      const subIds = [...new Set(postable.map((l) => l.subscriptionId!))];
      if (subIds.length) {
        // Every offering concerned locked first, in one order, so two posts never wait on each other in a ring.
        const offeringIds = await tx.selectDistinct({ id: bondSubscriptions.offeringId }).from(bondSubscriptions).where(anyOf(bondSubscriptions.id, subIds));
        await tx
          .select({ id: bondOfferings.id })
          .from(bondOfferings)
          .where(anyOf(bondOfferings.id, offeringIds.map((o) => o.id)))
          .orderBy(asc(bondOfferings.id))
          .for('update');
      }
      let posted = 0;
      for (const line of postable) {
        const match = await recheck(tx, row.structureId, line);
        if (match === 'matched' || match === 'partial') {
          await confirmPayment(tx, actor, line.subscriptionId!, { amountMinor: line.amountMinor, receivedOn: line.bookedOn, bankReference: line.bankReference }, 'statement');
          const [payment] = await tx.select({ id: bondPayments.id }).from(bondPayments).where(and(eq(bondPayments.structureId, row.structureId), eq(bondPayments.bankReference, line.bankReference)));
          await tx.update(bondStatementLines).set({ match, paymentId: payment.id }).where(eq(bondStatementLines.id, line.id));
          posted++;
        } else {
          await tx.update(bondStatementLines).set({ match }).where(eq(bondStatementLines.id, line.id));
        }
      }
      await tx.update(bondStatementImports).set({ status: 'posted', postedCount: posted, postedBy: actor.id, postedAt: new Date() }).where(eq(bondStatementImports.id, id));
      await recordAudit(tx, actor, {
        action: 'bond_statement.post',
        entity: 'bond_statement_import',
        entityId: id,
        structureId: row.structureId,
        before: { status: row.status },
        after: { status: 'posted', postedCount: posted, fileSha256: row.fileSha256 },
      });
      return statementView(tx, id);
    });
  } catch (error) {
    // Two imports of one file posted at once: the partial unique index lets one through.
    if (isUniqueViolation(error)) throw new Conflict('bonds.statement_already_posted');
    throw error;
  }
}

/** A postable line read again now, under the offering's lock: what remains may have changed since the preview. */
async function recheck(tx: Db, structureId: string, line: LineRow): Promise<StatementMatch> {
  const [counted] = await tx.select({ id: bondPayments.id }).from(bondPayments).where(and(eq(bondPayments.structureId, structureId), eq(bondPayments.bankReference, line.bankReference)));
  if (counted) return 'duplicate';
  const [sub] = await tx.select().from(bondSubscriptions).where(eq(bondSubscriptions.id, line.subscriptionId!)).for('update');
  return byAmount(line.amountMinor, remainingOf(sub));
}

/** Drops a preview nobody will post (a wrong file, a wrong account); a posted statement stays. */
export async function discardStatement(db: Db, actor: Actor, id: string): Promise<Statement> {
  return db.transaction(async (tx) => {
    const row = await lockImport(tx, id);
    if (row.status === 'posted') throw new Conflict('bonds.statement_already_posted');
    if (row.status === 'previewed') {
      await tx.update(bondStatementImports).set({ status: 'discarded' }).where(eq(bondStatementImports.id, id));
      await recordAudit(tx, actor, { action: 'bond_statement.discard', entity: 'bond_statement_import', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'discarded' } });
    }
    return statementView(tx, id);
  });
}

async function lockImport(tx: Db, id: string): Promise<ImportRow> {
  const [row] = await tx.select().from(bondStatementImports).where(eq(bondStatementImports.id, id)).for('update');
  if (!row) throw new NotFound('thing.bond_statement_import');
  return row;
}

export async function getStatement(db: Db, user: CurrentUser, id: string): Promise<Statement> {
  await structureInReach(db, user, 'bond_statement_import', id, OFFERING_READERS);
  return statementView(db, id);
}

/** Imports of the structures the reader reaches, newest first, keyset paged on (created_at, id). */
export async function listStatements(db: Db, user: CurrentUser, query: StatementListQuery): Promise<Page<StatementImport>> {
  const where: SQL[] = [inReach(bondStatementImports.structureId, user, OFFERING_READERS)];
  if (query.status) where.push(eq(bondStatementImports.status, query.status));
  if (query.trustFundId) where.push(eq(bondStatementImports.trustFundId, query.trustFundId));
  if (query.cursor) {
    const [at, cursorId] = decodeTimeCursor(query.cursor);
    where.push(sql`(${bondStatementImports.createdAt}, ${bondStatementImports.id}) < (${at}::timestamptz, ${cursorId}::uuid)`);
  }
  const rows = await db
    .select({ i: bondStatementImports, fundCode: funds.code })
    .from(bondStatementImports)
    .innerJoin(funds, eq(funds.id, bondStatementImports.trustFundId))
    .where(and(...where))
    .orderBy(desc(bondStatementImports.createdAt), desc(bondStatementImports.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => encodeCursor(r.i.createdAt.toISOString(), r.i.id));
  const tallies = await talliesOf(
    db,
    page.items.map((r) => r.i.id),
  );
  return { items: page.items.map((r) => toStatementImport(r.i, r.fundCode, tallies.get(r.i.id) ?? [])), nextCursor: page.nextCursor };
}

export function exportStatements(db: Db, user: CurrentUser, query: Omit<StatementListQuery, 'cursor' | 'limit'>): AsyncGenerator<StatementImport[]> {
  return allPages((cursor) => listStatements(db, user, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}

interface Tally {
  match: StatementMatch;
  n: number;
  minor: number;
}

async function talliesOf(db: Db, importIds: string[]): Promise<Map<string, Tally[]>> {
  const byImport = new Map<string, Tally[]>();
  if (importIds.length === 0) return byImport;
  const rows = await db
    .select({ importId: bondStatementLines.importId, match: bondStatementLines.match, n: sql<number>`count(*)::int`, minor: sql<string>`coalesce(sum(${bondStatementLines.amountMinor}), 0)` })
    .from(bondStatementLines)
    .where(anyOf(bondStatementLines.importId, importIds))
    .groupBy(bondStatementLines.importId, bondStatementLines.match);
  for (const r of rows) {
    const list = byImport.get(r.importId) ?? [];
    list.push({ match: r.match, n: Number(r.n), minor: Number(r.minor) });
    byImport.set(r.importId, list);
  }
  return byImport;
}

function countMatches(matches: StatementMatch[]): StatementCounts {
  const counts = Object.fromEntries(STATEMENT_MATCHES.map((m) => [m, 0])) as StatementCounts;
  for (const m of matches) counts[m]++;
  return counts;
}

function toStatementImport(row: ImportRow, fundCode: string, tallies: Tally[]): StatementImport {
  const counts = Object.fromEntries(STATEMENT_MATCHES.map((m) => [m, 0])) as StatementCounts;
  for (const t of tallies) counts[t.match] = t.n;
  const postable = tallies.filter((t) => (POSTABLE_MATCHES as readonly string[]).includes(t.match));
  return {
    id: row.id,
    structureId: row.structureId,
    trustFundId: row.trustFundId,
    trustFundCode: fundCode,
    format: row.format,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    currency: row.currency as CurrencyCode,
    status: row.status,
    lineCount: row.lineCount,
    creditMinor: row.creditMinor,
    counts,
    postableCount: postable.reduce((sum, t) => sum + t.n, 0),
    postableMinor: postable.reduce((sum, t) => sum + t.minor, 0),
    postedCount: row.postedCount,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    postedBy: row.postedBy,
    postedAt: row.postedAt?.toISOString() ?? null,
  };
}

/** An import with its lines, each naming the subscription it matched (its reference, its investor, its offering). */
async function statementView(db: Db, id: string): Promise<Statement> {
  const [head] = await db
    .select({ i: bondStatementImports, fundCode: funds.code })
    .from(bondStatementImports)
    .innerJoin(funds, eq(funds.id, bondStatementImports.trustFundId))
    .where(eq(bondStatementImports.id, id));
  if (!head) throw new NotFound('thing.bond_statement_import');
  const lines = await db
    .select({ l: bondStatementLines, subscriptionReference: bondSubscriptions.reference, investorName: bondInvestors.fullName, offeringCode: bondOfferings.code })
    .from(bondStatementLines)
    .leftJoin(bondSubscriptions, eq(bondSubscriptions.id, bondStatementLines.subscriptionId))
    .leftJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
    .leftJoin(bondOfferings, eq(bondOfferings.id, bondSubscriptions.offeringId))
    .where(eq(bondStatementLines.importId, id))
    .orderBy(asc(bondStatementLines.lineNo));
  const tallies = new Map<StatementMatch, Tally>();
  for (const { l } of lines) {
    const t = tallies.get(l.match) ?? { match: l.match, n: 0, minor: 0 };
    t.n++;
    t.minor += l.amountMinor;
    tallies.set(l.match, t);
  }
  return {
    ...toStatementImport(head.i, head.fundCode, [...tallies.values()]),
    lines: lines.map(({ l, subscriptionReference, investorName, offeringCode }) => ({
      id: l.id,
      lineNo: l.lineNo,
      bookedOn: l.bookedOn,
      amountMinor: l.amountMinor,
      currency: l.currency,
      bankReference: l.bankReference,
      reference: l.reference,
      counterparty: l.counterparty,
      remittance: l.remittance,
      match: l.match,
      subscriptionId: l.subscriptionId,
      subscriptionReference: subscriptionReference ?? null,
      investorName: investorName ?? null,
      offeringCode: offeringCode ?? null,
      paymentId: l.paymentId,
    })),
  };
}
