import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/** A UTF-8 CSV with a BOM so spreadsheet programs read accents right. */
export function toCsv<T>(rows: T[], columns: CsvColumn<T>[]): string {
  const body = stringify(
    rows.map((row) => columns.map((col) => col.value(row) ?? '')),
    { header: true, columns: columns.map((col) => col.header) },
  );
  return `\uFEFF${body}`;
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
}
