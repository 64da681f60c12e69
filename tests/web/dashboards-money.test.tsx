// @vitest-environment jsdom
import type { DashboardOptions, MoneyFlow } from '@essor/shared/impact-dashboard';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MoneyFlowPage } from '../../web/src/features/dashboards/pages/money-flow-page';
import { renderWithProviders } from './render';

const STRUCTURE = '00000000-0000-4000-8000-000000000100';
const FUND = '00000000-0000-4000-8000-000000000400';
const P1 = '00000000-0000-4000-8000-000000000601';
const P2 = '00000000-0000-4000-8000-000000000602';
const VILLE = '00000000-0000-4000-8000-000000000701';
const FONDATION = '00000000-0000-4000-8000-000000000702';

const options: DashboardOptions = {
  structures: [{ id: STRUCTURE, name: 'Ville de Montréal', parentId: null }],
  programmes: [],
  funds: [{ id: FUND, code: 'FCO-MTL', name: 'Cofinancement', type: 'co_financing', structureId: STRUCTURE, currency: 'CAD' }],
};

const flow: MoneyFlow = {
  currency: 'CAD',
  fundId: FUND,
  programmeId: null,
  rule: "L'argent d'un fonds est fongible : …",
  nodes: [
    { id: `funder:${FONDATION}`, kind: 'funder', label: 'Fondation Z', refId: FONDATION, count: null },
    { id: `funder:${VILLE}`, kind: 'funder', label: 'Ville A', refId: VILLE, count: null },
    { id: `fund:${FUND}`, kind: 'fund', label: 'FCO-MTL · Cofinancement', refId: FUND, count: null },
    { id: 'programme:none', kind: 'programme', label: 'Hors programme', refId: null, count: null },
    { id: `project:${P2}`, kind: 'project', label: 'Atelier Sud', refId: P2, count: null },
    { id: `project:${P1}`, kind: 'project', label: 'Épicerie Nord', refId: P1, count: null },
    { id: 'available', kind: 'available', label: 'Encore disponible', refId: null, count: null },
  ],
  links: [
    { source: `funder:${FONDATION}`, target: `fund:${FUND}`, amountMinor: 2_000_000 },
    { source: `funder:${VILLE}`, target: `fund:${FUND}`, amountMinor: 1_000_000 },
    { source: `fund:${FUND}`, target: 'programme:none', amountMinor: 350_001 },
    { source: 'programme:none', target: `project:${P2}`, amountMinor: 200_000 },
    { source: 'programme:none', target: `project:${P1}`, amountMinor: 150_001 },
    { source: `fund:${FUND}`, target: 'available', amountMinor: 2_649_999 },
  ],
  funders: [
    { funderId: FONDATION, name: 'Fondation Z', kind: 'foundation', contributedMinor: 2_000_000, disbursedMinor: 200_000, committedMinor: 33_333 },
    { funderId: VILLE, name: 'Ville A', kind: 'city', contributedMinor: 1_000_000, disbursedMinor: 100_001, committedMinor: 16_667 },
  ],
  projects: [
    { projectId: P2, title: 'Atelier Sud', programmeId: null, district: 'Sud', disbursedMinor: 200_000, committedMinor: 0, jobsCreatedFte: '1.50', costPerJobMinor: 133_333, byFunder: [{ funderId: FONDATION, disbursedMinor: 133_333, committedMinor: 0 }, { funderId: VILLE, disbursedMinor: 66_667, committedMinor: 0 }] },
    { projectId: P1, title: 'Épicerie Nord', programmeId: null, district: 'Nord', disbursedMinor: 100_001, committedMinor: 50_000, jobsCreatedFte: null, costPerJobMinor: null, byFunder: [] },
  ],
  totals: { contributedMinor: 3_000_000, disbursedMinor: 300_001, committedMinor: 50_000, availableMinor: 2_649_999, jobsCreatedFte: '1.50', costPerJobMinor: 200_001 },
};

const asked: string[] = [];
const server = setupServer(
  http.get('*/api/dashboards/options', () => HttpResponse.json(options)),
  http.get('*/api/dashboards/money-flow', ({ request }) => {
    asked.push(new URL(request.url).search);
    return HttpResponse.json(flow);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  asked.length = 0;
});
afterAll(() => server.close());

describe('follow the money page', () => {
  it('asks nothing until a fund is picked, then shows its projects with their cost per job, linked to their impact', async () => {
    renderWithProviders(<MoneyFlowPage />);
    expect(await screen.findByText('Choisissez un fonds ou un programme')).toBeTruthy();
    expect(asked).toEqual([]);
    const picker = screen.getByRole('combobox', { name: 'Fonds' });
    picker.focus();
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole('option', { name: /FCO-MTL/, hidden: true }));
    const row = await screen.findByTestId(`flow-project-${P2}`);
    expect(asked).toEqual([`?fundId=${FUND}`]);
    expect(within(row).getByText((_, el) => el?.getAttribute('data-role') === 'cost-per-job').textContent).toMatch(/^1\s333,33\s\$/);
    expect(within(row).getByText(/Fondation Z 1\s333,33/)).toBeTruthy();
    expect(within(screen.getByTestId(`flow-project-${P1}`)).getByText((_, el) => el?.getAttribute('data-role') === 'cost-per-job').textContent).toBe('—');
    const link = screen.getByRole('link', { name: "Voir l'impact du projet Atelier Sud" });
    expect(link.getAttribute('href')).toBe(`/projects/${P2}/impact`);
    expect(screen.getByRole('img', { name: 'Diagramme de Sankey : des bailleurs aux projets' })).toBeTruthy();
    expect(screen.getByText(/fongible/)).toBeTruthy();
    expect(within(screen.getByTestId('flow-cost-per-job')).getByText(/2\s000,01\s\$/)).toBeTruthy();
  });
});
