// @vitest-environment jsdom
import type { DashboardOptions, ImpactDashboard } from '@essor/shared/impact-dashboard';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImpactDashboardPage } from '../../web/src/features/dashboards/pages/impact-dashboard-page';
import { renderWithProviders } from './render';

const STRUCTURE = '00000000-0000-4000-8000-000000000100';
const square = (lon: number) => ({ type: 'Polygon', coordinates: [[[lon, 45.5], [lon + 0.01, 45.5], [lon + 0.01, 45.51], [lon, 45.51], [lon, 45.5]]] });

const options: DashboardOptions = {
  structures: [{ id: STRUCTURE, name: 'Ville de Montréal', parentId: null }],
  programmes: [{ id: '00000000-0000-4000-8000-000000000200', code: 'MTL-TRANSFO', name: 'Transformation', structureId: STRUCTURE, currency: 'CAD' }],
  funds: [],
};

const empty = Array.from({ length: 17 }, (_, i) => ({ goal: i + 1, indicators: 0, projects: 0, codes: [] as string[] }));

function dashboardFor(district: string | null): ImpactDashboard {
  const nord = district === 'Nord' || district === null;
  return {
    filters: {},
    funnel: [
      { stage: 'submitted', count: nord && district ? 5 : 8 },
      { stage: 'screening', count: 7 },
      { stage: 'committee', count: 6 },
      { stage: 'accepted', count: 3 },
      { stage: 'waitlisted', count: 1 },
      { stage: 'rejected', count: 2 },
      { stage: 'withdrawn', count: 1 },
    ],
    cohorts: [{ cohortId: '00000000-0000-4000-8000-000000000300', name: 'Cohorte 2025', programmeCode: 'MTL-TRANSFO', startsOn: '2025-01-15', endsOn: '2025-12-15', members: 2, stages: { incubated: 1, financed: 1 } }],
    coaching: [{ month: '2025-04', supportType: 'legal', sessions: 1, minutes: 90 }],
    funds: [{ fundId: '00000000-0000-4000-8000-000000000400', code: 'FCO-MTL', name: 'Cofinancement', type: 'co_financing', currency: 'CAD', capitalMinor: 3_000_000, committedMinor: 50_000, disbursedMinor: 300_001, repaidMinor: 0, availableMinor: 2_649_999 }],
    impact: [
      { indicatorId: '00000000-0000-4000-8000-000000000500', code: 'jobs_created_fte', nameFr: 'Emplois créés (ETP)', nameEn: 'Jobs created (FTE)', unit: 'fte', category: 'jobs', aggregation: 'latest', currency: null, sdgTargets: ['8.5'], baseline: null, target: '5.00', actual: district ? '3.50' : '5.00', projects: 3 },
    ],
    sdg: empty.map((g) => (g.goal === 8 ? { ...g, indicators: 4, projects: 3, codes: ['jobs_created_fte'] } : g)),
    jobs: { createdFte: district ? '3.50' : '5.00', createdTargetFte: '5.00', women: '3.00', youth: '1.00', disability: null, projects: 3 },
    costPerJob: [{ currency: 'CAD', disbursedMinor: district ? 100_001 : 640_002, jobsCreatedFte: '4.00', costPerJobMinor: district ? 40_000 : 160_001, projects: 2 }],
    guarantees: [{ currency: 'CAD', live: 2, exposureMinor: 130_000, guaranteedMinor: 160_000 }],
    bonds: [],
    districts: ([
      { name: 'Nord', code: 'N', structureId: STRUCTURE, population: null, geometry: square(-73.6), actors: 2, projects: 5, jobsCreatedFte: '3.50', disbursed: [{ currency: 'CAD' as const, amountMinor: 100_001 }] },
      { name: 'Sud', code: 'S', structureId: STRUCTURE, population: null, geometry: square(-73.59), actors: 1, projects: 4, jobsCreatedFte: '1.50', disbursed: [{ currency: 'CAD' as const, amountMinor: 540_001 }] },
    ] satisfies ImpactDashboard['districts']).filter((x) => !district || x.name === district),
  };
}

const asked: string[] = [];
const server = setupServer(
  http.get('*/api/dashboards/options', () => HttpResponse.json(options)),
  http.get('*/api/dashboards/impact', ({ request }) => {
    const url = new URL(request.url);
    asked.push(url.search);
    return HttpResponse.json(dashboardFor(url.searchParams.get('district')));
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  asked.length = 0;
});
afterAll(() => server.close());

const stat = (id: string) => within(screen.getByTestId(id)).getByText((_, el) => el?.getAttribute('data-role') === 'value').textContent;

describe('impact dashboard page', () => {
  it('shows the figures the API computed, in French, with CSV links and the council report', async () => {
    renderWithProviders(<ImpactDashboardPage />);
    await screen.findByTestId('stat-submitted');
    expect(stat('stat-submitted')).toBe('8');
    expect(stat('stat-jobs')).toBe('5,0');
    expect(stat('stat-coaching')).toBe('1,5');
    expect(stat('stat-cost-per-job')).toMatch(/^1\s600,01\s\$/);
    expect(within(screen.getByTestId('fund-row-FCO-MTL')).getByText(/26\s499,99/)).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'ODD 8 : 4 indicateur(s), 3 projet(s)' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Exporter en CSV : Parcours des candidatures' }).getAttribute('href')).toBe('/api/dashboards/impact/funnel.csv');
    const year = new Date().getUTCFullYear();
    expect(screen.getByRole('link', { name: 'Télécharger le rapport au conseil (PDF)' }).getAttribute('href')).toBe(`/api/dashboards/council-report.pdf?year=${year}`);
    expect(screen.getByRole('link', { name: 'Télécharger le rapport au conseil (XLSX)' }).getAttribute('href')).toBe(`/api/dashboards/council-report.xlsx?year=${year}`);
  });

  it('filters one district by a click on the map: the figures change, the map keeps every district', async () => {
    renderWithProviders(<ImpactDashboardPage />);
    await screen.findByTestId('stat-submitted');
    // Coloured by jobs by default.
    fireEvent.click(screen.getByRole('button', { name: /^Nord/ }));
    await waitFor(() => expect(stat('stat-submitted')).toBe('5'));
    expect(asked).toContain('?district=Nord');
    expect(stat('stat-jobs')).toBe('3,5');
    expect(stat('stat-cost-per-job')).toMatch(/^400,00\s\$/);
    expect(screen.getByRole('button', { name: /^Sud/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Nord/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('district-row-Sud')).toBeNull();
    expect(screen.getByRole('link', { name: 'Exporter en CSV : Parcours des candidatures' }).getAttribute('href')).toBe('/api/dashboards/impact/funnel.csv?district=Nord');
    // The switch colours the map by actors instead.
    fireEvent.click(screen.getByRole('radio', { name: "Acteurs de l'ESS" }));
    expect(screen.getByRole('button', { name: /^Sud : 1/ })).toBeTruthy();
    // A second click on the same district lifts the filter.
    fireEvent.click(screen.getByRole('button', { name: /^Nord/ }));
    await waitFor(() => expect(stat('stat-submitted')).toBe('8'));
  });

  it('speaks English', async () => {
    renderWithProviders(<ImpactDashboardPage />, 'en');
    await screen.findByTestId('stat-submitted');
    expect(screen.getByText('Impact dashboard')).toBeTruthy();
    expect(stat('stat-cost-per-job')).toBe('$1,600.01');
    expect(screen.getByRole('link', { name: 'Download the council report (PDF)' })).toBeTruthy();
  });
});
