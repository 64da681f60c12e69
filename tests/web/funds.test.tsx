// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MoneyInput } from '../../web/src/features/funds/components/money-input';
import { InboxPage } from '../../web/src/features/funds/pages/inbox-page';
import { LoansPage } from '../../web/src/features/funds/pages/loans-page';
import { renderWithProviders } from './render';

const request = (number: number, committee: { required: boolean; decision: 'favourable' | null }) => ({
  id: `00000000-0000-4000-8000-00000000000${number}`,
  number,
  fundId: '00000000-0000-4000-8000-000000000100',
  fundCode: 'FCO-MTL',
  projectId: '00000000-0000-4000-8000-000000000200',
  projectTitle: `Projet ${number}`,
  projectBudgetMinor: 10_000_000,
  amountMinor: 1_500_000 * number,
  currency: 'CAD',
  purpose: 'Équipement',
  otherFunders: [],
  status: 'prepared',
  createdBy: '00000000-0000-4000-8000-000000000300',
  recommendation: 'Favorable',
  preparedBy: '00000000-0000-4000-8000-000000000300',
  preparedAt: '2026-11-01T10:00:00.000Z',
  committeeRequired: committee.required,
  committeeDecision: committee.decision,
  committeeNote: null,
  committeeDecidedAt: null,
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  conditions: [],
  agreementSignedOn: null,
  tranches: [],
  disbursedMinor: 0,
  createdAt: '2026-11-01T09:00:00.000Z',
});

const loan = (number: number, daysInArrears = 0) => ({
  id: `00000000-0000-4000-8000-0000000007${String(number).padStart(2, '0')}`,
  number,
  structureId: '00000000-0000-4000-8000-000000000001',
  fundId: '00000000-0000-4000-8000-000000000100',
  fundCode: 'FPH-MTL',
  projectId: '00000000-0000-4000-8000-000000000200',
  projectTitle: `Projet ${number}`,
  kind: 'honour_loan',
  principalMinor: 500_000,
  currency: 'CAD',
  rateBps: 0,
  termMonths: 12,
  graceMonths: 0,
  method: 'declining',
  purpose: '',
  status: 'active',
  proposedBy: '00000000-0000-4000-8000-000000000300',
  decidedBy: null,
  disbursedOn: '2026-01-15',
  closedOn: null,
  scheduleVersion: 1,
  schedule: [],
  repayments: [],
  actions: [],
  repaidPrincipalMinor: 0,
  outstandingPrincipalMinor: 500_000,
  arrearsMinor: daysInArrears ? 41_667 : 0,
  daysInArrears,
  createdAt: '2026-01-10T09:00:00.000Z',
  timeline: [],
  allowedActions: [],
  waiting: [],
});
const loanRequests: URLSearchParams[] = [];

const server = setupServer(
  http.get('*/api/funds/loans', ({ request: req }) => {
    const params = new URL(req.url).searchParams;
    loanRequests.push(params);
    if (params.get('inArrears') === 'true') return HttpResponse.json({ items: [loan(3, 45)], nextCursor: null });
    if (params.get('cursor') === 'after-2') return HttpResponse.json({ items: [loan(1)], nextCursor: null });
    return HttpResponse.json({ items: [loan(3, 45), loan(2)], nextCursor: 'after-2' });
  }),
  http.get('*/api/funds/inbox', () =>
    HttpResponse.json({
      cofinancing: [request(1, { required: false, decision: null }), request(2, { required: true, decision: null })],
      loans: [],
      loanActions: [{ id: '00000000-0000-4000-8000-000000000400', loanId: '00000000-0000-4000-8000-000000000500', loanNumber: 7, kind: 'write_off', reason: 'Liquidation', proposedAt: '2026-11-02T09:00:00.000Z' }],
      equipmentQuotes: [],
      closures: [{ decisionId: '00000000-0000-4000-8000-000000000600', id: '00000000-0000-4000-8000-000000000601', fundId: '00000000-0000-4000-8000-000000000602', fundCode: 'FCO-MTL', closesOn: '2026-10-31', note: 'Octobre', requestedAt: '2026-11-02T09:00:00.000Z' }],
      bondOfferings: [],
      guarantees: [],
    }),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

describe('funds admin', () => {
  it('lists what waits on a decision and says whose decision it is, as the API sent it', async () => {
    renderWithProviders(<InboxPage />);
    const first = await screen.findByRole('row', { name: /Projet 1/ });
    expect(first.textContent).toContain('Décision du gestionnaire');
    expect(first.textContent).toMatch(/15\s000,00\s\$CA/);
    expect(screen.getByRole('row', { name: /Projet 2/ }).textContent).toContain('Avis du comité');
    expect(screen.getByText(/Passage en perte · Liquidation/)).toBeTruthy();
    expect(screen.queryByText('Prêts d\'honneur et avances')).toBeNull();
    const closure = screen.getByRole('link', { name: 'FCO-MTL' });
    expect(closure.getAttribute('href')).toBe('/funds/00000000-0000-4000-8000-000000000602');
    expect(closure.parentElement!.textContent).toContain('clôture des comptes au 31 oct. 2026 · Octobre');
  });

  it('flags an amount finer than the currency allows, and accepts whole francs CFA', () => {
    function Harness({ currency }: { currency: string }) {
      const [value, setValue] = useState('');
      return <MoneyInput label="Montant" currency={currency} value={value} onChange={setValue} />;
    }
    renderWithProviders(<><Harness currency="CAD" /><Harness currency="XOF" /></>);
    const [cad, xof] = screen.getAllByLabelText(/Montant/);
    fireEvent.change(cad, { target: { value: '10,555' } });
    expect(screen.getByText('Montant invalide : au plus 2 décimales')).toBeTruthy();
    fireEvent.change(cad, { target: { value: '10,55' } });
    expect(screen.queryByText(/Montant invalide/)).toBeNull();
    fireEvent.change(xof, { target: { value: '1500,5' } });
    expect(screen.getByText('Montant invalide : au plus 0 décimales')).toBeTruthy();
    fireEvent.change(xof, { target: { value: '1 500' } });
    expect(screen.queryByText(/Montant invalide/)).toBeNull();
  });

  it('pages through the loans, filters those in arrears on the server, and exports with the same filter', async () => {
    loanRequests.length = 0;
    renderWithProviders(<LoansPage />);
    expect(await screen.findByText('Projet 3')).toBeTruthy();
    expect(screen.getByText('Projet 2')).toBeTruthy();
    expect(screen.queryByText('Projet 1')).toBeNull();
    expect(loanRequests[0].get('limit')).toBe('50');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    expect(await screen.findByText('Projet 1')).toBeTruthy();
    expect(loanRequests.at(-1)!.get('cursor')).toBe('after-2');

    fireEvent.click(screen.getByRole('combobox', { name: 'Retards' }));
    fireEvent.click(await screen.findByRole('option', { name: 'En retard', hidden: true }));
    await screen.findByRole('link', { name: /exporter/i }).then(async (link) => {
      await expect.poll(() => link.getAttribute('href')).toContain('inArrears=true');
    });
    await expect.poll(() => screen.queryByText('Projet 2')).toBeNull();
    expect(screen.getByText('Projet 3')).toBeTruthy();
    expect(loanRequests.at(-1)!.get('inArrears')).toBe('true');
  });
});
