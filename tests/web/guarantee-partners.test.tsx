// @vitest-environment jsdom
import type { PolicyInput } from '@essor/shared/guarantees';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PartnersPage } from '../../web/src/features/guarantees/pages/partners-page';
import { BANK, CHECKER, FUND, WAIT, agreement, session } from './guarantee-fixtures';
import { renderWithProviders } from './render';

let me = session(CHECKER, ['fund_manager']);
let policySet = false;
const saved: PolicyInput[] = [];
const banksAdded: unknown[] = [];

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/funds', () => HttpResponse.json([{ id: FUND, code: 'GAR-MTL', name: 'Garantie Montréal', type: 'guarantee', currency: 'CAD', status: 'active' }])),
  http.get('*/api/guarantees/banks', () => HttpResponse.json([{ id: BANK, structureId: '00000000-0000-4000-8000-000000000001', name: 'Caisse solidaire', contactName: 'Service ESS', contactEmail: 'ess@caisse.test', createdAt: '2025-01-01T00:00:00.000Z' }])),
  http.post('*/api/guarantees/banks', async ({ request }) => {
    banksAdded.push(await request.json());
    return HttpResponse.json({}, { status: 201 });
  }),
  http.get('*/api/guarantees/agreements', () => HttpResponse.json([agreement({ portfolioCapBps: 2000, portfolioRoomMinor: 600_000 })])),
  http.get('*/api/guarantees/funds/:id/policy', () =>
    policySet
      ? HttpResponse.json({ fundId: FUND, leverageCapPct: 400, performingBps: 200, watchBps: 1000, doubtfulBps: 5000, lossBps: 10_000, watchAfterDays: 30, doubtfulAfterDays: 90, lossAfterDays: 180 })
      : HttpResponse.json({ error: { code: 'conflict', message: 'Aucune politique' } }, { status: 409 }),
  ),
  http.put('*/api/guarantees/funds/:id/policy', async ({ request }) => {
    saved.push((await request.json()) as PolicyInput);
    return HttpResponse.json({ fundId: FUND, ...saved.at(-1) });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  saved.length = 0;
  banksAdded.length = 0;
});
afterAll(() => server.close());

describe('guarantee partners', () => {
  it("lists the banks and the fund's agreements with what each guarantees and the room left under its cap", async () => {
    policySet = true;
    renderWithProviders(<PartnersPage />);
    expect((await screen.findByRole('row', { name: /ess@caisse.test/ }, WAIT)).textContent).toContain('Service ESS');
    const terms = await screen.findByRole('row', { name: /40\s%\s–\s70\s%/ }, WAIT);
    expect(terms.textContent).toMatch(/80\s%.*100\s000,00\s\$.*1\s%\s·\sÀ l'octroi.*180 jours.*20\s%.*30\s000,00\s\$.*24\s000,00\s\$.*0,00\s\$.*6\s000,00\s\$/);
    expect(await screen.findByDisplayValue('400 %', {}, WAIT)).toBeTruthy();
  });

  it('starts a fund with no policy from suggested values and saves rates in basis points', async () => {
    policySet = false;
    renderWithProviders(<PartnersPage />);
    expect(await screen.findByText(/Aucune politique enregistrée/, {}, WAIT)).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Provision sous surveillance' }), { target: { value: '12,5 %' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la politique' }));
    await waitFor(() => expect(saved).toHaveLength(1), WAIT);
    expect(saved[0]).toEqual({ leverageCapPct: 500, performingBps: 100, watchBps: 1250, doubtfulBps: 5000, lossBps: 10_000, watchAfterDays: 30, doubtfulAfterDays: 90, lossAfterDays: 180 });
  });

  it('adds a bank', async () => {
    renderWithProviders(<PartnersPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter une banque' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Banque/ }), { target: { value: 'Banque du Quartier' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(banksAdded).toEqual([{ name: 'Banque du Quartier', contactName: '', contactEmail: '' }]), WAIT);
  });

  it('shows the forms read-only to staff, who do not configure the fund', async () => {
    me = session(CHECKER, ['staff']);
    policySet = true;
    renderWithProviders(<PartnersPage />);
    await screen.findByRole('row', { name: /40\s%\s–\s70\s%/ }, WAIT);
    expect(screen.queryByRole('button', { name: 'Ajouter une banque' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ajouter une convention' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Enregistrer la politique' })).toBeNull();
  });
});
