// @vitest-environment jsdom
import type { Home } from '@essor/shared/home';
import { cleanup, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HomePage } from '../../web/src/features/home/pages/home-page';
import { renderWithProviders } from './render';

const STRUCTURE = '00000000-0000-4000-8000-000000000001';
const session = (roles: string[], memberships: { structureId: string; structureName: string; role: string }[]) => ({
  session: {
    user: { id: '00000000-0000-4000-8000-000000000010', email: 'p@essor.test', name: 'Awa Ndiaye', roles, locale: 'fr', memberships },
    csrfToken: 'csrf',
    expiresAt: '2099-01-01T00:00:00.000Z',
  },
});

const noFigures: Home['figures'] = { applicationsPerMonth: null, pipelineThisMonth: null, money: null };
let me = session(['fund_manager', 'staff'], [
  { structureId: STRUCTURE, structureName: 'Incubateur A', role: 'fund_manager' },
  { structureId: STRUCTURE, structureName: 'Incubateur A', role: 'staff' },
]);
let answer: Home;

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/home', () => HttpResponse.json(answer)),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

describe('home page', () => {
  it('shows each waiting count with the link the API sent, and leaves out what is at zero', async () => {
    answer = {
      items: [
        { kind: 'approvals_waiting', count: 3, link: '/funds/inbox' },
        { kind: 'applications_to_screen', count: 12, link: '/applications' },
        { kind: 'milestones_overdue', count: 0, link: '/follow-up/milestones' },
      ],
      figures: {
        applicationsPerMonth: [{ month: '2026-01', count: 4 }],
        pipelineThisMonth: [{ status: 'screening', count: 2 }],
        money: [{ currency: 'CAD', months: [{ month: '2026-01', committedMinor: 400_000, disbursedMinor: 0 }] }],
      },
      holder: null,
      welcome: null,
    };
    renderWithProviders(<HomePage />);
    const approvals = await screen.findByRole('link', { name: /Approbations en attente \(quatre yeux\) : 3/ });
    expect(approvals.getAttribute('href')).toBe('/funds/inbox');
    const screening = screen.getByRole('link', { name: /Candidatures à vérifier : 12/ });
    expect(screening.getAttribute('href')).toBe('/applications');
    expect(screen.queryByText('Jalons en retard')).toBeNull();
    expect(screen.getByText('Candidatures du mois, par étape')).toBeTruthy();
    expect(screen.getByText(/Vérification : 2/)).toBeTruthy();
    expect(screen.getByText('Engagé et décaissé par mois (CAD)')).toBeTruthy();
    // The database is the admins' business, not staff's.
    expect(screen.queryByText(/PGlite|migration/i)).toBeNull();
  });

  it('says nothing waits when every count is zero', async () => {
    answer = { items: [{ kind: 'applications_to_screen', count: 0, link: '/applications' }], figures: noFigures, holder: null, welcome: null };
    renderWithProviders(<HomePage />);
    expect(await screen.findByText('Rien ne vous attend')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Candidatures à vérifier/ })).toBeNull();
  });

  it("shows a holder their application, next session, action items and instalments, linked as sent", async () => {
    me = session(['project_holder'], []);
    answer = {
      items: [],
      figures: noFigures,
      welcome: null,
      holder: {
        applications: [{ id: '00000000-0000-4000-8000-000000000020', projectTitle: 'Épicerie solidaire', programmeName: 'MTL-TRANSFO', status: 'committee', link: '/applications/00000000-0000-4000-8000-000000000020' }],
        nextSession: { id: '00000000-0000-4000-8000-000000000030', title: 'Plan de trésorerie', startsAt: '2026-12-01T14:00:00.000Z', coachName: 'Fatou Diop', link: '/my-coaching' },
        openActionItems: { count: 2, overdue: 1, link: '/my-coaching' },
        nextInstalments: [
          { loanId: '00000000-0000-4000-8000-000000000040', loanNumber: 7, seq: 3, dueOn: '2026-11-15', amountMinor: 12_345, currency: 'CAD', overdue: true, link: '/funds/loans/00000000-0000-4000-8000-000000000040' },
        ],
        applyLink: '/applications/new',
      },
    };
    renderWithProviders(<HomePage />);
    const application = await screen.findByRole('link', { name: 'Épicerie solidaire' });
    expect(application.getAttribute('href')).toBe('/applications/00000000-0000-4000-8000-000000000020');
    expect(screen.getByText('Comité')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Plan de trésorerie' }).getAttribute('href')).toBe('/my-coaching');
    expect(screen.getByRole('link', { name: '2 actions ouvertes' })).toBeTruthy();
    expect(screen.getByText('dont 1 en retard')).toBeTruthy();
    const loan = screen.getByRole('link', { name: 'Prêt n° 7, échéance 3' });
    expect(loan.getAttribute('href')).toBe('/funds/loans/00000000-0000-4000-8000-000000000040');
    const row = loan.closest('div')!.parentElement!;
    expect(within(row).getByText('En retard')).toBeTruthy();
    expect(within(row).getByText(/123,45/)).toBeTruthy();
    expect(screen.queryByText('Rien ne vous attend')).toBeNull();
  });

  it('welcomes an investor and says offerings are not open yet, without a link to them', async () => {
    me = session(['investor'], []);
    answer = { items: [], figures: noFigures, holder: null, welcome: { kind: 'investor', bondOfferingsOpen: false } };
    renderWithProviders(<HomePage />);
    expect(await screen.findByText(/ne sont pas encore ouvertes/)).toBeTruthy();
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });

  it('points an investor to the offerings and to their bonds once an offering is open', async () => {
    me = session(['investor'], []);
    answer = { items: [], figures: noFigures, holder: null, welcome: { kind: 'investor', bondOfferingsOpen: true } };
    renderWithProviders(<HomePage />);
    expect((await screen.findByRole('link', { name: 'Voir les offres' })).getAttribute('href')).toBe('/invest');
    expect(screen.getByRole('link', { name: 'Mes obligations' }).getAttribute('href')).toBe('/my/bonds');
    expect(screen.queryByText(/ne sont pas encore ouvertes/)).toBeNull();
  });
});
