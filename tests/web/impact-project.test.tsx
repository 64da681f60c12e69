// @vitest-environment jsdom
import type { EnterFigureInput, Indicator, IndicatorFigures, ProjectFigures } from '@essor/shared/impact';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProjectImpactPage } from '../../web/src/features/impact/pages/project-impact-page';
import { renderWithProviders } from './render';

const PROJECT = '00000000-0000-4000-8000-000000000201';
const STRUCTURE = '00000000-0000-4000-8000-000000000001';
const JOBS = '00000000-0000-4000-8000-000000000301';
const REVENUE = '00000000-0000-4000-8000-000000000302';
const WAIT = { timeout: 5000 };

const session = (roles: string[]) => ({
  session: { user: { id: '00000000-0000-4000-8000-000000000011', email: 'p@essor.test', name: 'Personne', roles, locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' },
});

const indicator = (id: string, code: string, nameFr: string, unit: Indicator['unit'], aggregation: Indicator['aggregation']): Indicator => ({
  id,
  structureId: STRUCTURE,
  structureName: 'Réseau',
  code,
  nameFr,
  nameEn: code,
  definitionFr: '',
  definitionEn: '',
  unit,
  category: 'jobs',
  aggregation,
  sdgTargets: ['8.5'],
  irisCode: null,
  standard: true,
  active: true,
  editable: false,
  hasFigures: true,
});

const row = (over: Partial<IndicatorFigures['history'][number]>): IndicatorFigures['history'][number] => ({
  id: crypto.randomUUID(),
  indicatorId: JOBS,
  kind: 'actual',
  periodStart: '2025-07-01',
  periodEnd: '2025-12-31',
  value: '2.50',
  currency: null,
  source: 'staff',
  note: '',
  enteredById: '00000000-0000-4000-8000-000000000012',
  enteredByName: 'Isabelle Gagné',
  enteredAt: '2026-01-10T14:00:00.000Z',
  supersededAt: null,
  supersededBy: null,
  ...over,
});

/** Jobs: 3 FTE held against a target of 4 (75 %); revenue: 18 500,00 $ of 40 000,00 $. */
const figures = (canEnter: boolean): ProjectFigures => ({
  project: { id: PROJECT, title: 'Serre communautaire', organisationName: 'Jardins du Sud', structureId: STRUCTURE, currency: 'CAD', stage: 'incubated' },
  canEnter,
  source: canEnter ? 'staff' : null,
  today: '2026-11-24',
  indicators: [
    {
      indicator: { id: JOBS, code: 'jobs_created_fte', nameFr: 'Emplois créés (ETP)', nameEn: 'Jobs created (FTE)', unit: 'fte', category: 'jobs', aggregation: 'latest', sdgTargets: ['8.5', '8.3'], standard: true },
      currency: null,
      baseline: '0.00',
      target: '4.00',
      actual: '3.00',
      percentOfTarget: 75,
      periods: [
        { periodStart: '2025-01-01', periodEnd: '2025-12-31', target: '2.00', actual: '2.50' },
        { periodStart: '2026-01-01', periodEnd: '2026-06-30', target: null, actual: '3.00' },
      ],
      history: [
        row({ periodStart: '2026-01-01', periodEnd: '2026-06-30', value: '3.00', enteredByName: 'Émilie Roy', source: 'holder', note: 'Déclaré par le porteur' }),
        row({ value: '2.50' }),
        row({ value: '1.50', supersededAt: '2026-01-10T14:00:00.000Z', enteredAt: '2026-01-05T09:00:00.000Z', enteredByName: 'Sophie Lavoie' }),
      ],
    },
    {
      indicator: { id: REVENUE, code: 'revenue', nameFr: 'Chiffre d’affaires', nameEn: 'Revenue', unit: 'money', category: 'economy', aggregation: 'sum', sdgTargets: ['8.3'], standard: true },
      currency: 'CAD',
      baseline: null,
      target: '4000000.00',
      actual: '1850000.00',
      percentOfTarget: 46.3,
      periods: [],
      history: [row({ indicatorId: REVENUE, value: '1850000.00', currency: 'CAD' })],
    },
  ],
  available: [indicator(JOBS, 'jobs_created_fte', 'Emplois créés (ETP)', 'fte', 'latest'), indicator(REVENUE, 'revenue', 'Chiffre d’affaires', 'money', 'sum')],
});

let me = session(['staff']);
let canEnter = true;
const posted: EnterFigureInput[] = [];

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/impact/projects/:id/figures', () => HttpResponse.json(figures(canEnter))),
  http.post('*/api/impact/projects/:id/figures', async ({ request }) => {
    const body = (await request.json()) as EnterFigureInput;
    posted.push(body);
    if (body.periodEnd > '2026-11-24') {
      return HttpResponse.json({ error: { code: 'invalid', message: 'Une valeur réalisée ne peut porter sur une période dans le futur', fields: { periodEnd: ['Période dans le futur'] } } }, { status: 422 });
    }
    return HttpResponse.json(row({ value: String(body.value) }), { status: 201 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  posted.length = 0;
  me = session(['staff']);
  canEnter = true;
});
afterAll(() => server.close());

function renderPage() {
  return renderWithProviders(
    <Routes location={`/projects/${PROJECT}/impact`}>
      <Route path="/projects/:id/impact" element={<ProjectImpactPage />} />
    </Routes>,
  );
}

describe("a project's impact page", () => {
  it('shows baseline, target and actual per indicator with the progress towards the target and the periods', async () => {
    renderPage();
    const jobs = await screen.findByRole('region', { name: 'Emplois créés (ETP)' }, WAIT);
    expect(jobs.textContent).toMatch(/Référence0 ETP.*Cible4 ETP.*Réalisé3 ETP/);
    expect(within(jobs).getByText(/75\s%\sde la cible/)).toBeTruthy();
    expect(within(jobs).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('75');
    const periods = within(jobs).getAllByRole('row');
    expect(periods.map((r) => r.textContent)).toEqual(['PériodeCibleRéalisé', expect.stringMatching(/2025.*2,5 ETP$/), expect.stringMatching(/2026.*—3 ETP$/)]);
    expect(within(jobs).getAllByLabelText(/^ODD /).map((b) => b.textContent)).toEqual(['8.5', '8.3']);
    const revenue = screen.getByRole('region', { name: 'Chiffre d’affaires' });
    expect(revenue.textContent).toMatch(/Cible40\s000,00\s\$.*Réalisé18\s500,00\s\$/);
    expect(within(revenue).getByText(/46,3\s%\sde la cible/)).toBeTruthy();
  });

  it("opens the history with every row, who entered it, from where, and the superseded ones", async () => {
    renderPage();
    const jobs = await screen.findByRole('region', { name: 'Emplois créés (ETP)' }, WAIT);
    fireEvent.click(within(jobs).getByRole('button', { name: 'Historique' }));
    const drawer = await screen.findByRole('dialog', {}, WAIT);
    const rows = within(drawer).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toMatch(/Réalisé\s?En vigueur.*3 ETP.*Porteur.*Émilie Roy.*Déclaré par le porteur/);
    expect(rows[2].textContent).toMatch(/Remplacée.*1,5 ETP.*Équipe.*Sophie Lavoie/);
  });

  it('enters a figure with its unit and shows the API’s refusal on the field', async () => {
    renderPage();
    const jobs = await screen.findByRole('region', { name: 'Emplois créés (ETP)' }, WAIT);
    fireEvent.click(within(jobs).getByRole('button', { name: 'Saisir une valeur' }));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    expect(within(dialog).getByText("Unité de l'indicateur : ETP")).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Début de période/), { target: { value: '2026-07-01' } });
    fireEvent.change(within(dialog).getByLabelText(/Fin de période/), { target: { value: '2026-12-31' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Valeur \(en ETP\)/ }), { target: { value: '3,5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer la valeur' }));
    expect(await within(dialog).findByText('Période dans le futur', {}, WAIT)).toBeTruthy();
    expect(posted).toEqual([{ indicatorId: JOBS, kind: 'actual', periodStart: '2026-07-01', periodEnd: '2026-12-31', value: '3.5', unit: 'fte', currency: null, note: '' }]);
    // Corrected to a past period, it goes through and the form closes.
    fireEvent.change(within(dialog).getByLabelText(/Fin de période/), { target: { value: '2026-09-30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer la valeur' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
    expect(posted.at(-1)).toMatchObject({ periodEnd: '2026-09-30', value: '3.5' });
  });

  it('sends money in minor units of the project’s currency and warns when it supersedes a figure', async () => {
    renderPage();
    await screen.findByRole('region', { name: 'Chiffre d’affaires' }, WAIT);
    // The page's own button (first), not a card's: the form starts with no indicator.
    fireEvent.click(screen.getAllByRole('button', { name: 'Saisir une valeur' })[0]);
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    const input = within(dialog).getByRole('combobox', { name: /Indicateur/ });
    input.focus();
    fireEvent.click(input);
    fireEvent.click(await screen.findByRole('option', { name: /Chiffre d’affaires/, hidden: true }, WAIT));
    fireEvent.change(within(dialog).getByLabelText(/Début de période/), { target: { value: '2025-07-01' } });
    fireEvent.change(within(dialog).getByLabelText(/Fin de période/), { target: { value: '2025-12-31' } });
    expect(await within(dialog).findByText(/sera remplacée et gardée dans l'historique/, {}, WAIT)).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Montant \(CAD\)/ }), { target: { value: '24 200,50' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer la valeur' }));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ indicatorId: REVENUE, value: '2420050', unit: 'money', currency: 'CAD' });
  });

  it('is read-only for an elected official', async () => {
    me = session(['elected_official']);
    canEnter = false;
    renderPage();
    expect(await screen.findByText(/Lecture seule/, {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Saisir une valeur' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe(`/api/impact/projects/${PROJECT}/figures.csv`);
  });
});
