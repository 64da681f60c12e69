// @vitest-environment jsdom
import { OPEN_DATA_LICENCE, type OpenCatalogue, type OpenDistricts, type OpenImpact, type OpenInventory, type OpenTerritory } from '@essor/shared/open-data';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES } from '../../web/src/app/i18n-resources';
import { theme } from '../../web/src/app/theme';
import { OpenDataPage } from '../../web/src/features/opendata/pages/open-data-page';
import { OpenTerritoryPage } from '../../web/src/features/opendata/pages/open-territory-page';
import { initI18n, type Language } from '../../web/src/lib/i18n';
import { polyfillDom } from './render';

const TERRITORY_ID = '00000000-0000-4000-8000-0000000000d1';
const territory: OpenTerritory = { id: TERRITORY_ID, name: 'Ville de Testville', territory: 'Testville', kind: 'city', currency: 'CAD', districts: 2 };

const catalogue: OpenCatalogue = {
  publisher: { name: 'Réseau témoin', url: '/open-data' },
  licence: OPEN_DATA_LICENCE,
  suppression: { minOrganisations: 3, minPeople: 5, ruleFr: 'Règle du secret en français.', ruleEn: 'Suppression rule in English.' },
  datasets: [
    {
      id: 'inventory',
      titleFr: 'Inventaire des acteurs de l’ESS',
      titleEn: 'Inventory of SSE actors',
      descriptionFr: 'Description FR',
      descriptionEn: 'Description EN',
      formats: ['csv', 'json'],
      path: '/api/open-data/{territoryId}/inventory.{format}',
      updateFrequency: 'continuous',
      fields: [{ name: 'organisations', type: 'integer', nullable: true, definitionFr: 'Organisations actives.', definitionEn: 'Active organisations.' }],
    },
  ],
};

const square = (x: number) => ({ type: 'Polygon' as const, coordinates: [[[x, 0], [x + 0.01, 0], [x + 0.01, 0.01], [x, 0.01], [x, 0]]] });
const districts: OpenDistricts = {
  type: 'FeatureCollection',
  licence: OPEN_DATA_LICENCE,
  territory,
  features: [
    { type: 'Feature', id: 'd1', geometry: square(0), properties: { name: 'Nord', code: 'N', population: 1000, year: 2025, organisations: 8, employees: 41, jobs: 17.5, jobsWomen: null, jobsYouth: null, suppressed: true, suppressedFields: ['jobsWomen'] } },
    { type: 'Feature', id: 'd2', geometry: square(1), properties: { name: 'Sud', code: 'S', population: null, year: 2025, organisations: null, employees: null, jobs: 6, jobsWomen: 9, jobsYouth: null, suppressed: true, suppressedFields: ['organisations', 'employees'] } },
  ],
};

const inventory: OpenInventory = { territory, licence: OPEN_DATA_LICENCE, rows: [], districts: [], total: { district: null, organisations: 1234, employees: 5678, suppressed: false } };

const impactOf = (year: number): OpenImpact => ({
  territory,
  licence: OPEN_DATA_LICENCE,
  year,
  indicators: [],
  rows: [],
  totals: [
    { year, district: null, measure: 'jobs_created_fte', unit: 'fte', currency: null, projects: 8, baseline: null, target: null, actual: year === 2025 ? 29.5 : 11, suppressed: false },
    { year, district: null, measure: 'jobs_women', unit: 'people', currency: null, projects: null, baseline: null, target: null, actual: null, suppressed: true },
    { year, district: null, measure: 'money_disbursed', unit: 'money', currency: 'CAD', projects: 4, baseline: null, target: null, actual: 205_000, suppressed: false },
  ],
});

let asked: string[] = [];
const unknown = (id: unknown) => (id === TERRITORY_ID ? null : HttpResponse.json({ error: { code: 'not_found', message: 'Territoire publiant des données ouvertes introuvable' } }, { status: 404 }));
const server = setupServer(
  http.get('*/api/open-data', () => HttpResponse.json(catalogue)),
  http.get('*/api/open-data/territories', () => HttpResponse.json([territory])),
  http.get('*/api/open-data/:id/inventory.json', ({ params }) => unknown(params.id) ?? HttpResponse.json(inventory)),
  http.get('*/api/open-data/:id/impact.json', ({ request, params }) => {
    if (params.id !== TERRITORY_ID) return unknown(params.id)!;
    asked.push(new URL(request.url).search);
    const year = Number(new URL(request.url).searchParams.get('year') ?? 2025);
    return HttpResponse.json(impactOf(year));
  }),
  http.get('*/api/open-data/:id/districts.geojson', ({ request, params }) => {
    if (params.id !== TERRITORY_ID) return unknown(params.id)!;
    asked.push(`geo${new URL(request.url).search}`);
    return HttpResponse.json(districts);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  asked = [];
});
afterEach(() => cleanup());
afterAll(() => server.close());

function renderAt(path: string, routes: ReactNode, language: Language = 'fr') {
  polyfillDom();
  initI18n(RESOURCES, language);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>{routes}</Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('open data home', () => {
  it('lists the territories with their files, the datasets with field definitions, and the licence', async () => {
    renderAt('/open-data', <Route path="/open-data" element={<OpenDataPage />} />);
    expect(await screen.findByRole('heading', { name: 'Testville' })).toBeTruthy();
    expect(screen.getByText('2 quartiers cartographiés')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir le territoire' }).getAttribute('href')).toBe(`/open-data/${TERRITORY_ID}`);
    expect(screen.getByRole('link', { name: 'inventory.csv' }).getAttribute('href')).toBe(`/api/open-data/${TERRITORY_ID}/inventory.csv`);
    expect(screen.getByRole('link', { name: 'districts.geojson' }).getAttribute('href')).toBe(`/api/open-data/${TERRITORY_ID}/districts.geojson`);
    expect(await screen.findByRole('heading', { name: 'Inventaire des acteurs de l’ESS' })).toBeTruthy();
    expect(screen.getByText('Organisations actives.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Licence Ouverte / Open Licence 2.0' }).getAttribute('href')).toBe(OPEN_DATA_LICENCE.url);
    expect(screen.getByText('Règle du secret en français.')).toBeTruthy();
  });

  it('speaks English when asked', async () => {
    renderAt('/open-data', <Route path="/open-data" element={<OpenDataPage />} />, 'en');
    expect(await screen.findByRole('heading', { name: 'Inventory of SSE actors' })).toBeTruthy();
    expect(screen.getByText('Suppression rule in English.')).toBeTruthy();
    expect(screen.getByText('Active organisations.')).toBeTruthy();
  });
});

describe('a territory’s page', () => {
  it('shows the key figures, withheld ones as such, the map and the table by district', async () => {
    renderAt(`/open-data/${TERRITORY_ID}`, <Route path="/open-data/:territoryId" element={<OpenTerritoryPage />} />);
    expect(await screen.findByRole('heading', { name: 'Testville', level: 1 })).toBeTruthy();
    expect(await screen.findByText(/1\s234/)).toBeTruthy();
    expect(screen.getByText(/5\s678/)).toBeTruthy();
    expect(screen.getByText('29,5')).toBeTruthy();
    expect(screen.getByText(/2\s050,00/)).toBeTruthy();
    // Women's jobs withheld in the totals: said so, not shown as zero.
    const women = screen.getByText('Emplois occupés par des femmes').parentElement!;
    expect(within(women).getByText('masqué')).toBeTruthy();
    // The map, coloured by actors: Sud's count is withheld, so it has no figure.
    const map = await screen.findByTestId('district-map');
    expect(within(map).getByRole('button', { name: 'Nord : 8' })).toBeTruthy();
    expect(within(map).getByRole('button', { name: 'Sud : Pas de chiffre ou masqué' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Emplois créés (ETP)' }));
    await waitFor(() => expect(within(map).getByRole('button', { name: 'Sud : 6' })).toBeTruthy());
    // The table: withheld cells say so; a figure nobody entered is a dash.
    const table = screen.getByRole('table');
    const sud = within(table).getByText('Sud').closest('tr')!;
    expect(within(sud).getAllByText('masqué')).toHaveLength(2);
    const nord = within(table).getByText('Nord').closest('tr')!;
    expect(within(nord).getByText('masqué')).toBeTruthy();
    expect(within(nord).getByText('—')).toBeTruthy();
  });

  it('links the files of the year shown, and asks for another year when chosen', async () => {
    renderAt(`/open-data/${TERRITORY_ID}`, <Route path="/open-data/:territoryId" element={<OpenTerritoryPage />} />);
    const link = await screen.findByRole('link', { name: 'Impact de l’année (CSV)' });
    await waitFor(() => expect(link.getAttribute('href')).toBe(`/api/open-data/${TERRITORY_ID}/impact.csv?year=2025`));
    expect(screen.getByRole('link', { name: 'Inventaire des acteurs (CSV)' }).getAttribute('href')).toBe(`/api/open-data/${TERRITORY_ID}/inventory.csv`);
    fireEvent.change(screen.getByLabelText('Année'), { target: { value: '2023' } });
    await waitFor(() => expect(asked).toContain('?year=2023'));
    expect(asked).toContain('geo?year=2023');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Impact de l’année (CSV)' }).getAttribute('href')).toBe(`/api/open-data/${TERRITORY_ID}/impact.csv?year=2023`));
    expect(await screen.findByText('11')).toBeTruthy();
  });

  it('says so when the territory does not publish', async () => {
    renderAt('/open-data/00000000-0000-4000-8000-0000000000ee', <Route path="/open-data/:territoryId" element={<OpenTerritoryPage />} />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByText('Territoire publiant des données ouvertes introuvable')).toBeTruthy();
  });
});
