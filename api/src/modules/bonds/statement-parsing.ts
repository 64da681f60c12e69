import { createHash } from 'node:crypto';
import { STATEMENT_MAX_LINES, type StatementFormat } from '@essor/shared/bond-statements';
import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import { parse as parseCsv } from 'csv-parse/sync';
import type { XMLParser } from 'fast-xml-parser';
import { decodeWindows1252, headerKey, parseBankAmount, parseBankDate } from '../../lib/bank-files';
import { Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { isValidReference } from './references';

/** One line of a bank statement as the bank wrote it, amounts in minor units (negative: a debit). */
export interface ParsedLine {
  lineNo: number;
  bookedOn: string;
  amountMinor: number;
  currency: string;
  /** The bank's own reference of the line, or a stable one made from the line when it has none. */
  bankReference: string;
  /** Every valid RF reference in the remittance text, normalised, best first. */
  references: string[];
  counterparty: string;
  remittance: string;
}

export interface ParsedStatement {
  format: StatementFormat;
  lines: ParsedLine[];
}


function formatError(): never {
  throw new Unprocessable('bonds.statement_format', 'unsupported_media_type');
}

/** The encoding an XML declaration names, if any. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = decodeWindows1252(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1] ?? null;
}

/**
 * The file's text: UTF-8 (a BOM is dropped); XML in the encoding its declaration names; any other
 * file that is not valid UTF-8 is read as Windows-1252, what French banks export their CSV in.
 */
export function decodeStatement(bytes: Uint8Array): string {
  if (bytes.includes(0)) formatError();
  const declared = declaredEncoding(bytes)?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    if (['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii', 'iso-8859-15'].includes(declared)) return decodeWindows1252(bytes);
    formatError();
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    if (declared) formatError();
    return decodeWindows1252(bytes);
  }
}

/** An amount in the currency's minor units (lib/bank-files.ts reads it). */
export function parseAmountMinor(text: string, currency: string): number | null {
  return parseBankAmount(text, CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2);
}

/**
 * The valid RF creditor references in a remittance text, as people write them: "RF18 5390 0754 7034",
 * "rf18-5390...", followed by other words. Each run starting with RF is cut back, at a space or a dash
 * only (never inside a word, where a shorter prefix could pass the check by chance), until its check holds.
 */
export function findReferences(text: string): string[] {
  const found: string[] = [];
  for (const run of text.matchAll(/R\s*F[\s-]*\d[\s-]*\d(?:[\s-]*[0-9A-Z])+/gi)) {
    const chars = run[0];
    const ends: string[] = [];
    let compact = '';
    for (let i = 0; i < chars.length; i++) {
      if (/[\s-]/.test(chars[i])) continue;
      compact += chars[i].toUpperCase();
      if ((i + 1 === chars.length || /[\s-]/.test(chars[i + 1])) && compact.length >= 5 && compact.length <= 25) ends.push(compact);
    }
    const valid = ends.reverse().find((candidate) => isValidReference(candidate));
    if (valid && !found.includes(valid)) found.push(valid);
  }
  return found;
}

/** A bank reference for a line the bank gave none: the same line of the same statement always gets the same one. */
function madeReference(bookedOn: string, amountMinor: number, text: string, occurrence: number): string {
  return `L-${createHash('sha256').update(`${bookedOn}|${amountMinor}|${text}|${occurrence}`).digest('hex').slice(0, 24)}`;
}

interface RawLine {
  bookedOn: string;
  amountMinor: number;
  currency: string;
  bankReference: string | null;
  counterparty: string;
  remittance: string;
}

function finish(format: StatementFormat, raw: RawLine[]): ParsedStatement {
  if (raw.length === 0) throw new Unprocessable('bonds.statement_empty');
  if (raw.length > STATEMENT_MAX_LINES) throw new Unprocessable(msg('bonds.statement_too_many_lines', { max: STATEMENT_MAX_LINES }));
  const seen = new Map<string, number>();
  const lines = raw.map((line, i) => {
    const text = `${line.counterparty}|${line.remittance}`;
    const key = `${line.bookedOn}|${line.amountMinor}|${text}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return {
      lineNo: i + 1,
      bookedOn: line.bookedOn,
      amountMinor: line.amountMinor,
      currency: line.currency,
      bankReference: (line.bankReference?.trim() || madeReference(line.bookedOn, line.amountMinor, text, occurrence)).slice(0, 140),
      references: findReferences(line.remittance),
      counterparty: line.counterparty.trim().slice(0, 200),
      remittance: line.remittance.trim().slice(0, 1000),
    };
  });
  return { format, lines };
}

function badLine(lineNo: number, what: 'date' | 'amount', value: string): never {
  throw new Unprocessable(msg(what === 'date' ? 'bonds.statement_bad_date' : 'bonds.statement_bad_amount', { line: lineNo, value: value.slice(0, 40) }));
}

// ---- CSV ----

const DATE_HEADERS = ['date operation', 'date d operation', 'date de l operation', 'date comptable', 'booking date', 'transaction date', 'date', 'date valeur', 'value date'];
const REMITTANCE_HEADERS = /^(libelle|reference|ref|description|details?|motif|communication|remittance|memo|label|information|informations|message|objet|narrative)\b/;
const COUNTERPARTY_HEADERS = /^(counterparty|contrepartie|tiers|nom|name|payer|payeur|emetteur|donneur d ordre|debtor|debiteur|from|de)\b/;
const BANK_REFERENCE_HEADERS = ['bank reference', 'reference banque', 'reference bancaire', 'transaction id', 'id transaction', 'numero d operation', 'numero operation', 'n operation', 'n d operation', 'no operation', 'no d operation', 'reference operation', 'operation id', 'id'];

interface CsvColumns {
  date: number;
  amount: number | null;
  credit: number | null;
  debit: number | null;
  currency: number | null;
  bankReference: number | null;
  counterparty: number[];
  remittance: number[];
}

function columnsOf(header: string[]): CsvColumns | null {
  const keys = header.map(headerKey);
  const first = (names: string[]) => {
    for (const name of names) {
      const i = keys.indexOf(name);
      if (i >= 0) return i;
    }
    return null;
  };
  const starting = (prefix: string) => {
    const i = keys.findIndex((k) => k === prefix || k.startsWith(`${prefix} `));
    return i >= 0 ? i : null;
  };
  const date = first(DATE_HEADERS) ?? keys.findIndex((k) => k.startsWith('date'));
  const amount = starting('montant') ?? starting('amount') ?? starting('somme');
  const credit = starting('credit');
  const debit = starting('debit');
  if (date === null || date < 0 || (amount === null && credit === null)) return null;
  const bankReference = first(BANK_REFERENCE_HEADERS);
  const used = new Set([date, amount, credit, debit, bankReference]);
  const remittance = keys.flatMap((k, i) => (!used.has(i) && REMITTANCE_HEADERS.test(k) ? [i] : []));
  const counterparty = keys.flatMap((k, i) => (!used.has(i) && !remittance.includes(i) && COUNTERPARTY_HEADERS.test(k) ? [i] : []));
  return { date, amount, credit, debit, currency: first(['devise', 'currency', 'monnaie']), bankReference, counterparty, remittance };
}

/** The delimiter of a header line: the most frequent of ; , tab outside quotes. */
function sniffDelimiter(line: string): string {
  const outside = line.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, outside.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function parseCsvStatement(text: string, currency: string): ParsedStatement {
  const physical = text.split(/\r\n|\n|\r/);
  // Banks put the account and the period above the header: the header is the first row naming a date and an amount.
  for (let start = 0; start < Math.min(physical.length, 20); start++) {
    const line = physical[start];
    if (!line.trim()) continue;
    const delimiter = sniffDelimiter(line);
    let rows: string[][];
    try {
      rows = parseCsv(physical.slice(start).join('\n'), { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true }) as string[][];
    } catch {
      continue;
    }
    const columns = rows.length ? columnsOf(rows[0]) : null;
    if (!columns) continue;
    const raw: RawLine[] = [];
    rows.slice(1).forEach((row, i) => {
      const lineNo = start + i + 2;
      const cell = (index: number | null) => (index === null ? '' : (row[index] ?? '').trim());
      const amountText = cell(columns.amount);
      const creditText = cell(columns.credit);
      const debitText = cell(columns.debit);
      // A row without any amount is a title, a balance or a blank: not a movement.
      if (!amountText && !creditText && !debitText) return;
      // A balance row ("Solde au ...") has an amount but no booking date: not a movement either.
      if (!cell(columns.date)) return;
      const lineCurrency = (cell(columns.currency) || currency).toUpperCase();
      let amountMinor: number | null;
      if (amountText) amountMinor = parseAmountMinor(amountText, lineCurrency);
      else if (creditText) amountMinor = parseAmountMinor(creditText, lineCurrency);
      else {
        const debit = parseAmountMinor(debitText, lineCurrency);
        amountMinor = debit === null ? null : -Math.abs(debit);
      }
      if (amountMinor === null) badLine(lineNo, 'amount', amountText || creditText || debitText);
      const bookedOn = parseBankDate(cell(columns.date));
      if (!bookedOn) badLine(lineNo, 'date', cell(columns.date));
      if (amountMinor === 0) return;
      raw.push({
        bookedOn,
        amountMinor,
        currency: lineCurrency,
        bankReference: cell(columns.bankReference) || null,
        counterparty: columns.counterparty.map(cell).filter(Boolean).join(' '),
        remittance: columns.remittance.map(cell).filter(Boolean).join(' '),
      });
    });
    return finish('csv', raw);
  }
  return formatError();
}

// ---- camt.053 ----

type Node = Record<string, unknown>;
const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const at = (node: unknown, ...path: string[]): unknown => path.reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Node)[key] : undefined), node);
const textOf = (node: unknown): string => {
  if (typeof node === 'string' || typeof node === 'number') return String(node).trim();
  if (node && typeof node === 'object' && '#text' in node) return String((node as Node)['#text']).trim();
  return '';
};

// The XML reader is loaded with the first camt.053 file, not at start (about 10 MB of a server's memory).
let xmlReader: Promise<XMLParser> | null = null;
const xml = () =>
  (xmlReader ??= import('fast-xml-parser').then(
    ({ XMLParser: Parser }) => new Parser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, processEntities: true, trimValues: true }),
  ));

function camtAmount(amt: unknown, lineNo: number): { minor: number; currency: string } {
  const currency = textOf(at(amt, '@Ccy')).toUpperCase();
  const value = textOf(amt);
  // ISO 20022 amounts always use a decimal point and no grouping.
  const exponent = CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2;
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(value);
  const fraction = (m?.[2] ?? '').replace(/0+$/, '');
  if (!m || fraction.length > exponent) badLine(lineNo, 'amount', value);
  return { minor: Number(m[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0'), currency };
}

function partyName(tx: unknown, side: 'Dbtr' | 'Cdtr'): string {
  const party = at(tx, 'RltdPties', side);
  return textOf(at(party, 'Nm')) || textOf(at(party, 'Pty', 'Nm'));
}

function remittanceOf(tx: unknown): string {
  const info = at(tx, 'RmtInf');
  const structured = asArray(at(info, 'Strd')).map((s) => textOf(at(s, 'CdtrRefInf', 'Ref')));
  const unstructured = asArray(at(info, 'Ustrd')).map(textOf);
  return [...structured, ...unstructured, textOf(at(tx, 'AddtlTxInf'))].filter(Boolean).join(' ');
}

async function parseCamtStatement(text: string): Promise<ParsedStatement> {
  const reader = await xml();
  let doc: Node;
  try {
    doc = reader.parse(text, true) as Node;
  } catch {
    return formatError();
  }
  const root = at(doc, 'Document', 'BkToCstmrStmt');
  if (!root) formatError();
  const raw: RawLine[] = [];
  for (const stmt of asArray(at(root, 'Stmt'))) {
    for (const entry of asArray(at(stmt, 'Ntry'))) {
      const lineNo = raw.length + 1;
      const status = textOf(at(entry, 'Sts', 'Cd')) || textOf(at(entry, 'Sts'));
      // Pending entries are not yet on the account: the booked statement will carry them.
      if (status && status !== 'BOOK') continue;
      const { minor, currency } = camtAmount(at(entry, 'Amt'), lineNo);
      const debit = textOf(at(entry, 'CdtDbtInd')) === 'DBIT';
      const dayText = textOf(at(entry, 'BookgDt', 'Dt')) || textOf(at(entry, 'BookgDt', 'DtTm')) || textOf(at(entry, 'ValDt', 'Dt'));
      const bookedOn = parseBankDate(dayText);
      if (!bookedOn) badLine(lineNo, 'date', dayText);
      const entryRef = textOf(at(entry, 'NtryRef')) || textOf(at(entry, 'AcctSvcrRef'));
      const txs = asArray(at(entry, 'NtryDtls')).flatMap((d) => asArray(at(d, 'TxDtls')));
      const split = txs.length > 1 && txs.every((tx) => at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt'));
      // A batch booking carries each transfer in its own details: one line per transfer, with its own amount.
      const parts = split ? txs : [txs[0]];
      parts.forEach((tx, i) => {
        const amount = split ? camtAmount(at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt'), lineNo) : { minor, currency };
        const txRef = textOf(at(tx, 'Refs', 'AcctSvcrRef'));
        raw.push({
          bookedOn,
          amountMinor: debit ? -amount.minor : amount.minor,
          currency: amount.currency,
          bankReference: txRef || (entryRef ? (split ? `${entryRef}/${i + 1}` : entryRef) : null),
          counterparty: partyName(tx, debit ? 'Cdtr' : 'Dbtr'),
          remittance: remittanceOf(tx) || textOf(at(entry, 'AddtlNtryInf')),
        });
      });
    }
  }
  return finish('camt053', raw);
}

/**
 * Reads a statement file: camt.053 when it is XML of that message, else a bank's CSV (header names in
 * French or English, `;` or `,`, decimal comma or point). Anything else is a 422 naming the formats read.
 * `currency` is the trust account's, for CSV files that do not say theirs.
 */
export async function parseStatement(bytes: Uint8Array, currency: string): Promise<ParsedStatement> {
  const text = decodeStatement(bytes).replace(/^\uFEFF/, '');
  if (!text.trim()) throw new Unprocessable('bonds.statement_empty');
  if (text.trimStart().startsWith('<')) return parseCamtStatement(text);
  return parseCsvStatement(text, currency);
}
