// @vitest-environment jsdom
import type { Statement, StatementLine } from '@essor/shared/bond-statements';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StatementImportPage } from '../../web/src/features/bonds/pages/statement-import-page';
import { renderWithProviders } from './render';

const IMPORT = '00000000-0000-4000-8000-0000000000d1';
const FUND = '00000000-0000-4000-8000-000000000300';
const WAIT = { timeout: 5000 };

const line = (lineNo: number, over: Partial<StatementLine>): StatementLine => ({
  id: `00000000-0000-4000-8000-0000000001${String(lineNo).padStart(2, '0')}`,
  lineNo,
  bookedOn: '2026-11-20',
  amountMinor: 30_000,
  currency: 'CAD',
  bankReference: `OP-${lineNo}`,
  reference: null,
  counterparty: '',
  remittance: '',
  match: 'unknown',
  subscriptionId: null,
  subscriptionReference: null,
  investorName: null,
  offeringCode: null,
  paymentId: null,
  ...over,
});

const matchedSub = { subscriptionId: '00000000-0000-4000-8000-0000000000c1', subscriptionReference: 'RF69OBK3M79QX2', investorName: 'Hélène Côté', offeringCode: 'OBL-CAFE' };
const preview: Statement = {
  id: IMPORT,
  structureId: '00000000-0000-4000-8000-000000000001',
  trustFundId: FUND,
  trustFundCode: 'FID-MTL',
  format: 'csv',
  fileName: 'releve.csv',
  fileSha256: 'ab'.repeat(32),
  currency: 'CAD',
  status: 'previewed',
  lineCount: 5,
  creditMinor: 82_500,
  counts: { matched: 1, partial: 1, overpaid: 1, unknown: 1, duplicate: 1, ignored: 0 },
  postableCount: 2,
  postableMinor: 50_000,
  postedCount: 0,
  createdBy: '00000000-0000-4000-8000-000000000011',
  createdAt: '2026-11-24T09:00:00.000Z',
  postedBy: null,
  postedAt: null,
  lines: [
    line(1, { ...matchedSub, reference: 'RF69OBK3M79QX2', counterparty: 'Hélène Côté', remittance: 'VIR SEPA rf69 obk3 m79q x2', match: 'matched' }),
    line(2, { ...matchedSub, subscriptionReference: 'RF12OBAAAAAAAA', reference: 'RF12OBAAAAAAAA', amountMinor: 20_000, counterparty: 'François Lévêque', match: 'partial' }),
    line(3, { reference: 'RF33OBBBBBBBBB', amountMinor: 25_000, match: 'overpaid', subscriptionReference: 'RF33OBBBBBBBBB', subscriptionId: matchedSub.subscriptionId }),
    line(4, { amountMinor: 7_500, counterparty: 'Quelqu’un', remittance: 'Don', match: 'unknown' }),
    line(5, { ...matchedSub, match: 'duplicate' }),
  ],
};
const posted: Statement = {
  ...preview,
  status: 'posted',
  postedCount: 2,
  postedAt: '2026-11-24T09:05:00.000Z',
  lines: preview.lines.map((l) => (l.match === 'matched' || l.match === 'partial' ? { ...l, paymentId: '00000000-0000-4000-8000-0000000002aa' } : l)),
};

let current: Statement = preview;
const sent: { path: string; body: unknown; key: string | null }[] = [];

const server = setupServer(
  http.get('*/api/auth/session', () =>
    HttpResponse.json({
      session: { user: { id: '00000000-0000-4000-8000-000000000011', email: 's@essor.test', name: 'Staff', roles: ['staff'], locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' },
    }),
  ),
  http.get('*/api/funds', () =>
    HttpResponse.json([
      { id: FUND, code: 'FID-MTL', name: 'Fiducie de Montréal', type: 'bond_trust', status: 'active', currency: 'CAD' },
      { id: '00000000-0000-4000-8000-000000000301', code: 'FCO-MTL', name: 'Cofinancement', type: 'co_financing', status: 'active', currency: 'CAD' },
    ]),
  ),
  http.get('*/api/bonds/statements', () => HttpResponse.json({ items: current.status === 'posted' ? [current] : [], nextCursor: null })),
  http.get('*/api/bonds/statements/:id', () => HttpResponse.json(current)),
  http.post('*/api/bonds/statements', async ({ request }) => {
    sent.push({ path: new URL(request.url).pathname, body: await request.json(), key: request.headers.get('idempotency-key') });
    current = preview;
    return HttpResponse.json(preview, { status: 201 });
  }),
  http.post('*/api/bonds/statements/:id/post', async ({ request }) => {
    sent.push({ path: new URL(request.url).pathname, body: await request.json(), key: request.headers.get('idempotency-key') });
    current = posted;
    return HttpResponse.json(posted);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

describe('bank statement import screen', () => {
  it('sends the chosen file for a preview, shows each line with its match, then posts the matched and partial ones once', async () => {
    renderWithProviders(<StatementImportPage />);
    expect(await screen.findByText('Importer un relevé', {}, WAIT)).toBeTruthy();
    // The only trust books are chosen already; the co-financing fund is not offered.
    await waitFor(() => expect((screen.getByRole('combobox', { name: /Compte en fiducie/ }) as HTMLInputElement).value).toBe('FID-MTL · Fiducie de Montréal'), WAIT);
    const content = 'Date opération;Libellé;Crédit\n20/11/2026;VIR SEPA rf69 obk3 m79q x2;300,00\n';
    const bytes = Uint8Array.from(content, (c) => c.charCodeAt(0) & 0xff);
    const file = new File([bytes], 'releve.csv', { type: 'text/csv' });
    fireEvent.change(document.querySelector('input[type="file"]')!, { target: { files: [file] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Lire le relevé' }));

    const table = await screen.findByRole('table', {}, WAIT);
    const upload = sent.find((s) => s.path === '/api/bonds/statements')!;
    expect(upload.body).toMatchObject({ trustFundId: FUND, fileName: 'releve.csv' });
    // The bytes go as they are (Windows-1252 é stays one byte), in base64.
    expect(Buffer.from((upload.body as { contentBase64: string }).contentBase64, 'base64')).toEqual(Buffer.from(bytes));

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByText(/Rapproché|Partiel|Trop-perçu|Inconnu|Doublon/)[0].textContent)).toEqual(['Rapproché', 'Partiel', 'Trop-perçu', 'Inconnu', 'Doublon']);
    expect(rows[0].textContent).toMatch(/300,00\s\$CA/);
    expect(rows[0].textContent).toContain('Hélène Côté');
    expect(rows[0].textContent).toContain('RF69OBK3M79QX2 · OBL-CAFE');
    expect(screen.getByText(/2 crédits \(trop-perçus ou inconnus\) attendent une personne/)).toBeTruthy();
    expect(screen.getByText('Trop-perçu : 1')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Comptabiliser 2 paiements \(500,00\s\$CA\)/ }));
    expect(await screen.findByText(/2 paiements comptabilisés le/, {}, WAIT)).toBeTruthy();
    const posts = sent.filter((s) => s.path === `/api/bonds/statements/${IMPORT}/post`);
    expect(posts).toHaveLength(1);
    expect(posts[0].key).toMatch(/.{8,}/);
    expect(screen.queryByRole('button', { name: /Comptabiliser/ })).toBeNull();
  });
});
