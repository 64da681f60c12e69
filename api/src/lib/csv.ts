import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A text cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return)
 * gets a leading single quote, as OWASP recommends against CSV injection; plain numbers stay numbers.
 */
export function neutraliseCell(value: string | number | boolean | null | undefined): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string' || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/** A UTF-8 CSV with a BOM so spreadsheet programs read accents right; every cell is neutralised. */
export function toCsv<T>(rows: T[], columns: CsvColumn<T>[]): string {
  const body = stringify(
    rows.map((row) => columns.map((col) => neutraliseCell(col.value(row)))),
    { header: true, columns: columns.map((col) => col.header) },
  );
  return `\uFEFF${body}`;
}

/**
 * The same CSV written page by page as the pages arrive, so a list of any length exports whole
 * with flat memory. The first page is read before answering, so a refusal is still a JSON error.
 */
export async function csvStream<T>(pages: AsyncIterable<T[]>, columns: CsvColumn<T>[]): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  const rowsOf = (rows: T[]) => encoder.encode(stringify(rows.map((row) => columns.map((col) => neutraliseCell(col.value(row))))));
  const first = await iterator.next();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${stringify([], { header: true, columns: columns.map((col) => col.header) })}`));
      if (first.done) controller.close();
      else controller.enqueue(rowsOf(first.value));
    },
    async pull(controller) {
      if (first.done) return;
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(rowsOf(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function csvResponse(body: string | ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
}
