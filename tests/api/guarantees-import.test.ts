import type { ReportPreview } from '@essor/shared/guarantees';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/client';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { decodeUtf8OrWindows1252, parseBankAmount, parseBankDate } from '../../api/src/lib/bank-files';
import { importReportFile, parseReportCsv, previewReportFile } from '../../api/src/modules/guarantees/report-import';
import { recordBankReport } from '../../api/src/modules/guarantees/reports';
import { guaranteeRow } from '../../api/src/modules/guarantees/store';
import { accountBalances, trialBalance } from '../../api/src/modules/ledger/reports';
import { createGuaranteeFixture, createGuaranteeProject, issueGuarantee, type GuaranteeFixture } from '../support/guarantee-fixtures';
import { createTestContext, type TestContext } from '../support/http';

/** A string in Windows-1252, as a French bank's export writes it (€ is 0x80, ’ 0x92). */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c === '€' ? 0x80 : c === '’' ? 0x92 : c.charCodeAt(0))));
}
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

async function written(db: Db): Promise<number[]> {
  const count = async (table: string) => Number(rowsOf<{ n: string }>(await db.execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);
  return [await count('journal_entries'), await count('guarantee_outstandings'), await count('guarantee_report_imports'), await count('audit_log')];
}

describe('reading report files', () => {
  it('reads amounts, dates and headers as banks write them', () => {
    expect(parseBankAmount('140 000,00', 2)).toBe(14_000_000);
    expect(parseBankAmount('140.000,50', 2)).toBe(14_000_050);
    expect(parseBankAmount('140000.5', 2)).toBe(14_000_050);
    expect(parseBankAmount('1 250,00 €', 2)).toBe(125_000);
    expect(parseBankAmount('-5,00', 2)).toBe(-500);
    expect(parseBankAmount('1,2,3', 2)).toBeNull();
    expect(parseBankAmount('abc', 2)).toBeNull();
    expect(parseBankAmount('1,234', 2)).toBe(123_400);
    expect(parseBankDate('31/03/2026')).toBe('2026-03-31');
    expect(parseBankDate('2026-03-31')).toBe('2026-03-31');
    expect(parseBankDate('31/04/2026')).toBeNull();
    const rows = parseReportCsv('Banque X\n\nLoan reference,As of,Outstanding principal,Arrears amount,Days in arrears\nP1,2026-03-31,"1,000.00",0,3\n');
    expect(rows).toEqual([{ lineNo: 4, ref: 'P1', asOf: '2026-03-31', outstanding: '1,000.00', arrears: '0', days: '3' }]);
    expect(decodeUtf8OrWindows1252(cp1252('Capital restant dû;€'))).toBe('Capital restant dû;€');
    expect(() => parseReportCsv('a;b;c\n1;2;3\n')).toThrow();
  });
});

describe('bank report files', () => {
  let ctx: TestContext;
  let db: Db;
  let fx: GuaranteeFixture;
  let a: string;
  let b: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    db = ctx.database.db;
    fx = await createGuaranteeFixture(db);
    // A: 150 000.00 at 60 % (guaranteed 90 000.00); B: 100 000.00 at 50 % (50 000.00); REL: repaid already.
    a = await issueGuarantee(db, fx, { bankLoanRef: 'PRET-A', loanAmountMinor: 15_000_000, coverageBps: 6000, disbursedOn: '2026-02-01' });
    b = await issueGuarantee(db, { ...fx, projectId: await createGuaranteeProject(db, fx) }, { bankLoanRef: 'PRET-B', loanAmountMinor: 10_000_000, disbursedOn: '2026-02-01' });
    const rel = await issueGuarantee(db, { ...fx, projectId: await createGuaranteeProject(db, fx) }, { bankLoanRef: 'PRET-REL', loanAmountMinor: 10_000_000, disbursedOn: '2026-02-01' });
    await recordBankReport(db, fx.staff, rel, { asOf: '2026-02-28', outstandingMinor: 0, arrearsMinor: 0, daysInArrears: 0 });
  });
  afterAll(() => ctx.close());

  const errorFile = [
    'Loan reference,As of,Outstanding principal,Arrears,Days in arrears',
    'PRET-A,2026-04-30,130000.00,0,0',
    'UNKNOWN,2026-04-30,100.00,0,0',
    'PRET-B,2026-04-30,-5.00,0,0',
    'PRET-B,2026-04-31,80000.00,0,0',
    'PRET-A,2026-04-30,120000.00,0,0',
    'PRET-REL,2026-04-30,0,0,0',
    'PRET-B,2026-05-31,abc,0,0',
    'PRET-B,2026-06-30,200000.00,0,0',
    'PRET-B,2099-06-30,1000.00,0,0',
  ].join('\n');

  it('previews row by row, and an error file posts nothing (422)', async () => {
    const input = { bankId: fx.bankId, fileName: 'releve-avril.csv', contentBase64: b64(errorFile) };
    const before = await written(db);
    const preview = await previewReportFile(db, input);
    expect(preview.rows.map((r) => [r.lineNo, r.errors])).toEqual([
      [2, []],
      [3, ['guarantees.row_unknown_loan']],
      [4, ['guarantees.row_negative']],
      [5, ['guarantees.row_bad_date']],
      [6, ['guarantees.row_duplicate']],
      [7, ['guarantees.row_not_live']],
      [8, ['guarantees.row_bad_amount']],
      [9, ['guarantees.row_above_loan']],
      [10, ['guarantees.row_date_range']],
    ]);
    expect([preview.rowCount, preview.errorCount, preview.importId]).toEqual([9, 8, null]);
    expect(preview.rows[0]).toMatchObject({ guaranteeId: a, outstandingMinor: 13_000_000, asOf: '2026-04-30' });
    const error = await importReportFile(db, fx.staff, input).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
    expect(Object.keys((error as { fields: object }).fields)).toHaveLength(8);
    expect(await written(db)).toEqual(before);
  });

  it('posts a Windows-1252 file in one go (dates in order), once; a second post is a 409', async () => {
    const text = [
      'Relevé mensuel des prêts garantis',
      'Référence du prêt;Date d’arrêté;Capital restant dû;Impayés;Jours de retard',
      'PRET-A;31/05/2026;135 000,00 €;0,00 €;0',
      'PRET-A;30/04/2026;140 000,00 €;0,00 €;0',
      'PRET-B;30/04/2026;90 000,00 €;1 500,00 €;45',
    ].join('\r\n');
    const input = { bankId: fx.bankId, fileName: 'relevé-mai.csv', contentBase64: b64(cp1252(text)) };
    const preview = await previewReportFile(db, input);
    expect(preview.errorCount).toBe(0);
    const posted = await importReportFile(db, fx.staff, input);
    expect(posted.importId).not.toBeNull();
    // A: the 31 May row last: 135 000.00 x 60 % = 81 000.00. B: 90 000.00 x 50 % = 45 000.00, 45 days: watch, 10 % = 4 500.00.
    const rowA = await guaranteeRow(db, a);
    const rowB = await guaranteeRow(db, b);
    expect([rowA.outstandingMinor, rowA.outstandingOn, rowA.exposureMinor]).toEqual([13_500_000, '2026-05-31', 8_100_000]);
    expect([rowB.exposureMinor, rowB.riskClass, rowB.provisionMinor, rowB.arrearsMinor]).toEqual([4_500_000, 'watch', 450_000, 150_000]);
    const imported = rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from guarantee_outstandings where import_id = ${posted.importId}`));
    expect(Number(imported[0].n)).toBe(3);
    const balances = Object.fromEntries((await accountBalances(db, { fundId: fx.fundId }, STAFF_VIEWER)).map((r) => [r.code, r.balanceMinor]));
    expect([balances['9000'], balances['2400']]).toEqual([8_100_000 + 4_500_000, 450_000]);
    expect((await trialBalance(db, { fundId: fx.fundId }, STAFF_VIEWER)).balanced).toBe(true);

    const before = await written(db);
    await expect(importReportFile(db, fx.staff, input)).rejects.toMatchObject({ status: 409 });
    await expect(previewReportFile(db, input)).rejects.toMatchObject({ status: 409 });
    expect(await written(db)).toEqual(before);
  });

  it('serves preview and import over HTTP to makers', async () => {
    const staff = await ctx.as('staff');
    const text = 'Reference,Date,Outstanding\nPRET-B,2026-05-31,85000.00\n';
    const body = { bankId: fx.bankId, fileName: 'may.csv', contentBase64: b64(text) };
    let res = await staff.post('/api/guarantees/reports/preview', body);
    expect(res.status).toBe(200);
    expect(((await res.json()) as ReportPreview).rows[0].errors).toEqual([]);
    res = await staff.post('/api/guarantees/reports/preview', { ...body, contentBase64: b64('nothing,to,see\n1,2,3\n') });
    expect(res.status).toBe(422);
    res = await staff.post('/api/guarantees/reports/import', body);
    expect(res.status).toBe(200);
    expect((await guaranteeRow(db, b)).outstandingMinor).toBe(8_500_000);
    res = await staff.post('/api/guarantees/reports/import', body);
    expect(res.status).toBe(409);
    res = await staff.post('/api/guarantees/reports/import', { ...body, contentBase64: b64(Buffer.alloc(701 * 1024, 'a')) });
    expect(res.status).toBe(413);
  });
});
