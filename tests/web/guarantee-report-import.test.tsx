// @vitest-environment jsdom
import type { ReportImportInput, ReportPreview } from '@essor/shared/guarantees';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReportImportPage } from '../../web/src/features/guarantees/pages/report-import-page';
import { BANK, GUARANTEE, PREPARER, WAIT, agreement, session } from './guarantee-fixtures';
import { renderWithProviders } from './render';

const CSV = 'reference du pret;date;capital restant du\nPR-2025-0042;2025-10-31;38000,00\nINCONNU;2025-10-31;500,00\n';
const row = (over: Partial<ReportPreview['rows'][number]> = {}): ReportPreview['rows'][number] => ({
  lineNo: 2,
  bankLoanRef: 'PR-2025-0042',
  asOf: '2025-10-31',
  outstandingMinor: 3_800_000,
  arrearsMinor: 0,
  daysInArrears: 0,
  guaranteeId: GUARANTEE,
  guaranteeNumber: 12,
  errors: [],
  ...over,
});

let previewRows: ReportPreview['rows'] = [];
const previews: ReportImportInput[] = [];
const imports: { body: ReportImportInput; key: string | null }[] = [];
const answer = (importId: string | null): ReportPreview => ({
  bankId: BANK,
  fileName: 'releve.csv',
  sha256: 'abc',
  rowCount: previewRows.length,
  errorCount: previewRows.filter((r) => r.errors.length > 0).length,
  importId,
  rows: previewRows,
});

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(session(PREPARER, ['staff']))),
  http.get('*/api/guarantees/banks', () => HttpResponse.json([{ id: BANK, structureId: '00000000-0000-4000-8000-000000000001', name: 'Caisse solidaire', contactName: '', contactEmail: '', createdAt: '2025-01-01T00:00:00.000Z' }])),
  http.get('*/api/guarantees/agreements', () => HttpResponse.json([agreement()])),
  http.post('*/api/guarantees/reports/preview', async ({ request }) => {
    previews.push((await request.json()) as ReportImportInput);
    return HttpResponse.json(answer(null));
  }),
  http.post('*/api/guarantees/reports/import', async ({ request }) => {
    imports.push({ body: (await request.json()) as ReportImportInput, key: request.headers.get('idempotency-key') });
    return HttpResponse.json(answer('00000000-0000-4000-8000-0000000008e1'));
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  previews.length = 0;
  imports.length = 0;
});
afterAll(() => server.close());

async function readFile() {
  renderWithProviders(<ReportImportPage />);
  fireEvent.click(await screen.findByRole('combobox', { name: /Banque/ }, WAIT));
  fireEvent.click(await screen.findByRole('option', { name: 'Caisse solidaire', hidden: true }, WAIT));
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([CSV], 'releve.csv', { type: 'text/csv' })] } });
  fireEvent.click(screen.getByRole('button', { name: 'Lire le fichier' }));
  await waitFor(() => expect(previews).toHaveLength(1), WAIT);
}

describe('bank report import', () => {
  it('sends the file in base64, shows each row with its error and refuses to import while a row is in error', async () => {
    previewRows = [row(), row({ lineNo: 3, bankLoanRef: 'INCONNU', guaranteeId: null, guaranteeNumber: null, errors: ['guarantees.row_unknown_loan'] })];
    await readFile();
    expect(previews[0]).toEqual({ bankId: BANK, fileName: 'releve.csv', contentBase64: btoa(CSV) });
    expect(await screen.findByText('Aucune garantie de cette banque sur cette référence de prêt', {}, WAIT)).toBeTruthy();
    expect(screen.getByRole('row', { name: /PR-2025-0042/ }).textContent).toMatch(/#12.*38\s000,00\s\$.*Prête/);
    expect(screen.getByText('2 lignes · 1 en erreur')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Importer' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('imports a file with no row in error, under an idempotency key, and says what was recorded', async () => {
    previewRows = [row()];
    await readFile();
    const post = await screen.findByRole('button', { name: 'Importer' }, WAIT);
    expect((post as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(post);
    await waitFor(() => expect(imports).toHaveLength(1), WAIT);
    expect(imports[0].body).toEqual(previews[0]);
    expect(imports[0].key).toBeTruthy();
    expect(await screen.findByText('1 ligne de releve.csv a été enregistrée.', {}, WAIT)).toBeTruthy();
  });
});
