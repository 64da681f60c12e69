import { createHash } from 'node:crypto';
import { REPORT_IMPORT_MAX_BYTES, REPORT_IMPORT_MAX_ROWS, type ReportImportInput, type ReportPreview, type ReportRow } from '@essor/shared/guarantees';
import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import { parse as parseCsv } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { guaranteeBanks, guaranteeReportImports, guarantees } from '../../db/schema/guarantees';
import { recordAudit, type Actor } from '../../lib/audit';
import { decodeUtf8OrWindows1252, headerKey, parseBankAmount, parseBankDate } from '../../lib/bank-files';
import { AppError, Conflict, Invalid, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { msg, type Fields } from '../../lib/messages/render';
import { todayUtc } from '../ledger/public';
import { applyBankReport } from './reports';
import { LIVE_STATUSES } from './store';
import { anyOf } from '../../lib/any-of';

// ---- Reading the file (pure) ----

const HEADERS = {
  ref: ['reference du pret', 'reference pret', 'ref pret', 'ref du pret', 'numero de pret', 'numero du pret', 'n pret', 'n du pret', 'bank loan reference', 'bank loan ref', 'loan reference', 'loan ref', 'loan', 'pret', 'reference', 'ref'],
  asOf: ['date d arrete', 'arrete au', 'date arrete', 'date du releve', 'as of date', 'as of', 'report date', 'date'],
  outstanding: ['capital restant du', 'capital restant', 'crd', 'encours', 'outstanding principal', 'outstanding'],
  arrears: ['montant des impayes', 'montant impaye', 'impayes', 'impaye', 'arrears amount', 'amount in arrears', 'arrears'],
  days: ['jours de retard', 'nombre de jours de retard', 'jours retard', 'days in arrears', 'days past due', 'dpd'],
} as const;

type Column = keyof typeof HEADERS;
type Columns = Record<Column, number | null>;

function columnsOf(header: string[]): Columns | null {
  const keys = header.map(headerKey);
  const taken = new Set<number>();
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const i = keys.findIndex((k, j) => !taken.has(j) && k === name);
      if (i >= 0) return taken.add(i), i;
    }
    return null;
  };
  // Most specific first: "jours de retard" before a bare date, "capital restant du" before "ref".
  const days = find(HEADERS.days);
  const arrears = find(HEADERS.arrears);
  const outstanding = find(HEADERS.outstanding);
  const asOf = find(HEADERS.asOf);
  const ref = find(HEADERS.ref);
  if (ref === null || asOf === null || outstanding === null) return null;
  return { ref, asOf, outstanding, arrears, days };
}

export interface RawReportRow {
  lineNo: number;
  ref: string;
  asOf: string;
  outstanding: string;
  arrears: string;
  days: string;
}

/** The delimiter of a header line: ; or , (or tab), whichever is most frequent outside quotes. */
function sniffDelimiter(line: string): string {
  const outside = line.replace(/"[^"]*"/g, '');
  return [';', ',', '\t'].map((d) => [d, outside.split(d).length - 1] as const).reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** The file's rows as written: the header is the first line (of the first twenty) naming a loan reference, a date and an outstanding. */
export function parseReportCsv(text: string): RawReportRow[] {
  const physical = text.split(/\r\n|\n|\r/);
  for (let start = 0; start < Math.min(physical.length, 20); start++) {
    if (!physical[start].trim()) continue;
    let rows: string[][];
    try {
      rows = parseCsv(physical.slice(start).join('\n'), { delimiter: sniffDelimiter(physical[start]), relax_column_count: true, skip_empty_lines: false, trim: true, relax_quotes: true }) as string[][];
    } catch {
      continue;
    }
    const columns = rows.length ? columnsOf(rows[0]) : null;
    if (!columns) continue;
    const out: RawReportRow[] = [];
    rows.slice(1).forEach((row, i) => {
      const cell = (index: number | null) => (index === null ? '' : (row[index] ?? '').trim());
      if (row.every((c) => !c.trim())) return;
      out.push({ lineNo: start + i + 2, ref: cell(columns.ref), asOf: cell(columns.asOf), outstanding: cell(columns.outstanding), arrears: cell(columns.arrears), days: cell(columns.days) });
    });
    if (out.length === 0) throw new Unprocessable('guarantees.import_empty');
    if (out.length > REPORT_IMPORT_MAX_ROWS) throw new Unprocessable(msg('guarantees.import_too_many_rows', { max: REPORT_IMPORT_MAX_ROWS }));
    return out;
  }
  throw new Unprocessable('guarantees.import_format', 'unsupported_media_type');
}

function fileBytes(input: ReportImportInput): Buffer {
  const b64 = input.contentBase64.replace(/\s/g, '');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new Invalid('applications.attachment_base64', { contentBase64: ['field.not_base64'] });
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > REPORT_IMPORT_MAX_BYTES) throw new AppError(413, 'payload_too_large', msg('guarantees.import_too_large', { kb: REPORT_IMPORT_MAX_BYTES / 1024 }));
  return bytes;
}

// ---- Checking the rows against the bank's guarantees ----

interface Checked {
  rows: ReportRow[];
  structureId: string;
  sha256: string;
}

async function checkFile(db: Db, input: ReportImportInput): Promise<Checked> {
  const bytes = fileBytes(input);
  const [bank] = await db.select().from(guaranteeBanks).where(eq(guaranteeBanks.id, input.bankId));
  if (!bank) throw new NotFound('thing.guarantee_bank');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [posted] = await db
    .select({ id: guaranteeReportImports.id })
    .from(guaranteeReportImports)
    .where(and(eq(guaranteeReportImports.structureId, bank.structureId), eq(guaranteeReportImports.sha256, sha256)));
  if (posted) throw new Conflict('guarantees.import_already_posted');
  const raw = parseReportCsv(decodeUtf8OrWindows1252(bytes));
  const refs = [...new Set(raw.map((r) => r.ref).filter(Boolean))];
  const loans = refs.length ? await db.select().from(guarantees).where(and(eq(guarantees.bankId, bank.id), anyOf(guarantees.bankLoanRef, refs))) : [];
  const byRef = new Map(loans.map((g) => [g.bankLoanRef, g]));
  const today = todayUtc();
  const seen = new Set<string>();
  const rows = raw.map((r): ReportRow => {
    const errors: string[] = [];
    const g = byRef.get(r.ref);
    const exponent = g ? (CURRENCY_EXPONENTS[g.currency as CurrencyCode] ?? 2) : 2;
    const amount = (text: string, optional: boolean) => {
      if (!text) return optional ? 0 : null;
      return parseBankAmount(text, exponent);
    };
    const asOf = parseBankDate(r.asOf);
    const outstanding = amount(r.outstanding, false);
    const arrears = amount(r.arrears, true);
    const days = r.days === '' ? 0 : /^\d{1,5}$/.test(r.days) ? Number(r.days) : null;
    if (!g) errors.push('guarantees.row_unknown_loan');
    else if (!(LIVE_STATUSES as readonly string[]).includes(g.status)) errors.push('guarantees.row_not_live');
    if (!asOf) errors.push('guarantees.row_bad_date');
    else if (asOf > today || (g?.issuedOn && asOf < g.issuedOn)) errors.push('guarantees.row_date_range');
    if (outstanding === null || arrears === null) errors.push('guarantees.row_bad_amount');
    if ((outstanding ?? 0) < 0 || (arrears ?? 0) < 0) errors.push('guarantees.row_negative');
    if (g && outstanding !== null && outstanding > g.loanAmountMinor) errors.push('guarantees.row_above_loan');
    if (days === null) errors.push('guarantees.row_bad_days');
    const key = `${r.ref}|${asOf ?? r.asOf}`;
    if (seen.has(key)) errors.push('guarantees.row_duplicate');
    seen.add(key);
    return {
      lineNo: r.lineNo,
      bankLoanRef: r.ref,
      asOf,
      outstandingMinor: outstanding,
      arrearsMinor: arrears,
      daysInArrears: days,
      guaranteeId: g?.id ?? null,
      guaranteeNumber: g?.number ?? null,
      errors,
    };
  });
  return { rows, structureId: bank.structureId, sha256 };
}

function previewOf(input: ReportImportInput, checked: Checked, importId: string | null): ReportPreview {
  return {
    bankId: input.bankId,
    fileName: input.fileName,
    sha256: checked.sha256,
    rowCount: checked.rows.length,
    errorCount: checked.rows.filter((r) => r.errors.length > 0).length,
    importId,
    rows: checked.rows,
  };
}

/** Reads a bank's report file and says, row by row, what posting it would do or what is wrong; writes nothing. */
export async function previewReportFile(db: Db, input: ReportImportInput): Promise<ReportPreview> {
  return previewOf(input, await checkFile(db, input), null);
}

/**
 * Posts a report file in one transaction, only when every row is good (else 422 naming each bad row, and
 * nothing is written); each row restates its guarantee (oldest day first). A file is posted once (409).
 */
export async function importReportFile(db: Db, actor: Actor, input: ReportImportInput): Promise<ReportPreview> {
  try {
    return await db.transaction(async (tx) => {
      const checked = await checkFile(tx, input);
      const bad = checked.rows.filter((r) => r.errors.length > 0);
      if (bad.length) {
        const fields: Fields = Object.fromEntries(bad.map((r) => [`line ${r.lineNo}`, r.errors as Fields[string]]));
        throw new Unprocessable(msg('guarantees.import_has_errors', { count: bad.length }), 'invalid', fields);
      }
      const [row] = await tx
        .insert(guaranteeReportImports)
        .values({ structureId: checked.structureId, bankId: input.bankId, fileName: input.fileName, sha256: checked.sha256, rowCount: checked.rows.length, postedBy: actor.id! })
        .returning();
      const ordered = [...checked.rows].sort((a, b) => (a.asOf! < b.asOf! ? -1 : a.asOf! > b.asOf! ? 1 : a.lineNo - b.lineNo));
      for (const r of ordered) {
        await applyBankReport(tx, actor, r.guaranteeId!, { asOf: r.asOf!, outstandingMinor: r.outstandingMinor!, arrearsMinor: r.arrearsMinor!, daysInArrears: r.daysInArrears! }, row.id);
      }
      await recordAudit(tx, actor, {
        action: 'guarantee_report_import.post',
        entity: 'guarantee_report_import',
        entityId: row.id,
        structureId: checked.structureId,
        after: { bankId: input.bankId, fileName: input.fileName, sha256: checked.sha256, rowCount: checked.rows.length },
      });
      return previewOf(input, checked, row.id);
    });
  } catch (error) {
    // The same file posted twice at once: the unique index lets one through.
    if (isUniqueViolation(error)) throw new Conflict('guarantees.import_already_posted');
    throw error;
  }
}
