// @vitest-environment jsdom
import type { Guarantee, PrepareGuaranteeInput } from '@essor/shared/guarantees';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RegisterPage } from '../../web/src/features/guarantees/pages/register-page';
import { AGREEMENT, BANK, CHECKER, FUND, PREPARER, PROJECT, WAIT, agreement, detail, guarantee, session } from './guarantee-fixtures';
import { renderWithProviders } from './render';

let me = session(PREPARER, ['staff']);
let items: Guarantee[] = [];
let prepareAnswer: 'ok' | 'coverage' = 'ok';
const prepared: PrepareGuaranteeInput[] = [];
const listQueries: URLSearchParams[] = [];

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/funds', () => HttpResponse.json([{ id: FUND, code: 'GAR-MTL', name: 'Garantie Montréal', type: 'guarantee', currency: 'CAD', status: 'active' }])),
  http.get('*/api/funds/projects', () =>
    HttpResponse.json([{ id: PROJECT, structureId: '00000000-0000-4000-8000-000000000001', title: 'Atelier vélo', organisationName: 'Roue libre coop', programmeId: null, programmeCode: null, totalBudgetMinor: 8_000_000, currency: 'CAD', milestones: [] }]),
  ),
  http.get('*/api/guarantees/banks', () => HttpResponse.json([{ id: BANK, structureId: '00000000-0000-4000-8000-000000000001', name: 'Caisse solidaire', contactName: '', contactEmail: '', createdAt: '2025-01-01T00:00:00.000Z' }])),
  http.get('*/api/guarantees/agreements', () => HttpResponse.json([agreement()])),
  http.get('*/api/guarantees', ({ request }) => {
    const query = new URL(request.url).searchParams;
    listQueries.push(query);
    const status = query.get('status');
    // The API answers a page of the list the caller reaches, filtered, newest first; the cursor is the last number.
    const limit = Number(query.get('limit') ?? 50);
    const after = query.get('cursor');
    const matching = items.filter((g) => (!status || g.status === status) && (!after || g.number < Number(after)));
    const page = matching.slice(0, limit);
    return HttpResponse.json({ items: page, nextCursor: matching.length > limit ? String(page[page.length - 1].number) : null });
  }),
  http.post('*/api/guarantees', async ({ request }) => {
    const body = (await request.json()) as PrepareGuaranteeInput;
    prepared.push(body);
    if (prepareAnswer === 'coverage') {
      return HttpResponse.json(
        { error: { code: 'unprocessable', message: 'La quotité doit être comprise entre 40 % et 70 %', fields: { coverageBps: ['Hors de la fourchette de la convention'] } } },
        { status: 422 },
      );
    }
    return HttpResponse.json(detail({ status: 'prepared' }), { status: 201 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  prepared.length = 0;
  listQueries.length = 0;
});
afterAll(() => server.close());

describe('guarantee register', () => {
  it('lists each guarantee with its figures, risk and status, and exports the same list as CSV', async () => {
    me = session(CHECKER, ['fund_manager']);
    items = [guarantee(), guarantee({ id: '00000000-0000-4000-8000-0000000006a2', number: 13, bankLoanRef: 'PR-2', organisationName: 'Fournil', projectTitle: 'Pain bio', status: 'prepared', riskClass: 'performing', exposureMinor: 0, provisionMinor: 0 })];
    renderWithProviders(<RegisterPage />);
    const row = await screen.findByRole('row', { name: /Roue libre coop/ }, WAIT);
    const text = row.textContent ?? '';
    expect(text).toContain('#12');
    expect(text).toContain('Caisse solidaire');
    expect(text).toMatch(/50\s000,00\s\$/); // the loan
    expect(text).toMatch(/60\s%/); // 6000 bps
    expect(text).toMatch(/30\s000,00\s\$/); // guaranteed: 60 % x 50 000
    expect(text).toMatch(/24\s000,00\s\$/); // exposure: 60 % x 40 000 outstanding
    expect(text).toMatch(/2\s400,00\s\$/); // provision
    expect(text).toContain('Sous surveillance');
    expect(text).toContain('Active');
    expect(screen.getByRole('row', { name: /Fournil/ }).textContent).toContain('Préparée');
    expect(screen.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe('/api/guarantees/export.csv');
  });

  it('says so in words when no guarantee matches, instead of an empty table', async () => {
    items = [];
    renderWithProviders(<RegisterPage />);
    expect(await screen.findByText("Aucune garantie pour l'instant", {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('filters by status and sends the filter to the list and to its export', async () => {
    items = [guarantee(), guarantee({ id: '00000000-0000-4000-8000-0000000006a2', number: 13, organisationName: 'Fournil', status: 'prepared' })];
    renderWithProviders(<RegisterPage />);
    await screen.findByRole('row', { name: /Fournil/ }, WAIT);
    fireEvent.click(screen.getByPlaceholderText('Statut'));
    fireEvent.click(await screen.findByRole('option', { name: 'Préparée', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /Roue libre coop/ })).toBeNull(), WAIT);
    expect(listQueries.at(-1)?.get('status')).toBe('prepared');
    expect(screen.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe('/api/guarantees/export.csv?status=prepared');
  });

  it('does not offer to prepare a guarantee to an administrator', async () => {
    me = session(CHECKER, ['admin']);
    items = [guarantee()];
    renderWithProviders(<RegisterPage />);
    await screen.findByRole('row', { name: /Roue libre coop/ }, WAIT);
    expect(screen.queryByRole('button', { name: 'Préparer une garantie' })).toBeNull();
  });

  async function fillPrepareForm() {
    me = session(PREPARER, ['staff']);
    items = [];
    renderWithProviders(<RegisterPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Préparer une garantie' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.click(within(dialog).getByRole('combobox', { name: /Convention/ }));
    fireEvent.click(await screen.findByRole('option', { name: /Caisse solidaire · GAR-MTL/, hidden: true }));
    expect(await within(dialog).findByText('Quotité de 40 % à 70 % (80 % pour une entreprise dirigée par une femme)')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('combobox', { name: /Projet de l'entreprise/ }));
    fireEvent.click(await screen.findByRole('option', { name: /Atelier vélo — Roue libre coop/, hidden: true }, WAIT));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Référence du prêt/ }), { target: { value: 'PR-2025-0042' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Montant du prêt/ }), { target: { value: '50 000' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Taux du prêt/ }), { target: { value: '6,5' } });
    fireEvent.change(within(dialog).getByLabelText(/Décaissé le/), { target: { value: '2025-03-01' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Quotité garantie/ }), { target: { value: '60' } });
    return dialog;
  }

  it('prepares a guarantee from the form, showing the guaranteed amount as a hint while typing', async () => {
    prepareAnswer = 'ok';
    const dialog = await fillPrepareForm();
    // 60 % of 50 000,00 $
    expect(within(dialog).getAllByText(/Montant garanti : 30\s000,00\s\$/).length).toBeGreaterThan(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Préparer' }));
    await waitFor(() => expect(prepared).toHaveLength(1), WAIT);
    expect(prepared[0]).toMatchObject({
      agreementId: AGREEMENT,
      projectId: PROJECT,
      bankLoanRef: 'PR-2025-0042',
      loanAmountMinor: 5_000_000,
      currency: 'CAD',
      loanRateBps: 650,
      termMonths: 60,
      graceMonths: 0,
      method: 'annuity',
      disbursedOn: '2025-03-01',
      coverageBps: 6000,
      womenLed: false,
    });
  });

  it('shows the API refusal beside the coverage field and keeps the form open', async () => {
    prepareAnswer = 'coverage';
    const dialog = await fillPrepareForm();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Préparer' }));
    expect(await within(dialog).findByText('Hors de la fourchette de la convention', {}, WAIT)).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toContain('La quotité doit être comprise entre 40 % et 70 %');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('shows the register a page at a time: "load more" follows the cursor', async () => {
    items = Array.from({ length: 53 }, (_, i) => guarantee({ id: `00000000-0000-4000-8000-0000000007${String(i).padStart(2, '0')}`, number: 200 - i, organisationName: `Coop ${200 - i}` }));
    renderWithProviders(<RegisterPage />);
    expect(await screen.findByText('Coop 200', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('Coop 151')).toBeTruthy();
    expect(screen.queryByText('Coop 150')).toBeNull();
    expect(listQueries.at(-1)?.get('limit')).toBe('50');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    expect(await screen.findByText('Coop 148', undefined, { timeout: 5000 })).toBeTruthy();
    expect(listQueries.at(-1)?.get('cursor')).toBe('151');
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
  });
});
