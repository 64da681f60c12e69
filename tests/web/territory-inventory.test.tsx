// @vitest-environment jsdom
import type { District, InventoryEntry, InventoryImportInput, InventoryImportPreview, InventorySummary } from '@essor/shared/territory';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { DistrictsPage } from '../../web/src/features/territory/pages/districts-page';
import { EntryPage } from '../../web/src/features/territory/pages/entry-page';
import { ImportPage } from '../../web/src/features/territory/pages/import-page';
import { InventoryPage } from '../../web/src/features/territory/pages/inventory-page';
import { RESOURCES } from '../../web/src/app/i18n-resources';
import { theme } from '../../web/src/app/theme';
import { initI18n } from '../../web/src/lib/i18n';
import { polyfillDom, renderWithProviders } from './render';

const WAIT = { timeout: 5000 };
const STRUCTURE = '00000000-0000-4000-8000-000000000010';
const square = (lon: number): District['geometry'] => ({ type: 'Polygon', coordinates: [[[lon, 45.5], [lon + 0.01, 45.5], [lon + 0.01, 45.51], [lon, 45.51], [lon, 45.5]]] });
const district = (name: string, lon: number, i: number): District => ({
  id: `00000000-0000-4000-8000-00000000d00${i}`,
  structureId: STRUCTURE,
  structureName: 'Ville de Montréal',
  name,
  code: name.slice(0, 2).toUpperCase(),
  territory: 'Montréal',
  population: 1000 * (i + 1),
  geometry: square(lon),
});
const DISTRICTS = [district('Verdun', -73.6, 1), district('Ville-Marie', -73.59, 2), district('Anjou', -73.58, 3)];
const entry = (name: string, districtName: string, i: number, over: Partial<InventoryEntry> = {}): InventoryEntry => ({
  id: `00000000-0000-4000-8000-00000000e00${i}`,
  structureId: STRUCTURE,
  structureName: 'Ville de Montréal',
  organisationId: `00000000-0000-4000-8000-00000000f00${i}`,
  name,
  legalForm: 'cooperative',
  sector: 'alimentation',
  district: districtName,
  territory: 'Montréal',
  registrationNumber: null,
  employees: 4,
  members: 20,
  sizeBand: 'micro',
  annualRevenueMinor: null,
  currency: null,
  contactName: null,
  contactEmail: null,
  contactPhone: null,
  address: '',
  website: null,
  latitude: null,
  longitude: null,
  status: 'active',
  source: 'manual',
  inPipeline: false,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const ENTRIES = [entry('Coopérative du Canal', 'Verdun', 1, { inPipeline: true, source: 'pipeline' }), entry('Mutuelle du centre', 'Ville-Marie', 2, { legalForm: 'mutual', employees: 60, sizeBand: 'medium' })];
const SUMMARY: InventorySummary = {
  total: { actors: 2, employees: 64, members: 40 },
  byDistrict: [
    { key: 'Verdun', actors: 1, employees: 4, members: 20 },
    { key: 'Ville-Marie', actors: 1, employees: 60, members: 20 },
  ],
  bySector: [{ key: 'alimentation', actors: 2, employees: 64, members: 40 }],
  byLegalForm: [],
  bySizeBand: [],
};

const listQueries: URLSearchParams[] = [];
const previews: InventoryImportInput[] = [];
const patches: unknown[] = [];
const commits: InventoryImportInput[] = [];
let previewRows: InventoryImportPreview['rows'] = [];
const preview = (importId: string | null): InventoryImportPreview => ({
  structureId: STRUCTURE,
  filename: 'inventaire.csv',
  sha256: 'abc',
  rowCount: previewRows.length,
  errorCount: previewRows.filter((r) => r.errors.length).length,
  created: previewRows.filter((r) => r.action === 'create').length,
  updated: 0,
  unchanged: 0,
  importId,
  rows: previewRows,
});

const server = setupServer(
  http.get('*/api/auth/session', () =>
    HttpResponse.json({ session: { user: { id: 'u1', email: 'p@essor.test', name: 'Personne', roles: ['staff'], locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' } }),
  ),
  http.get('*/api/structures', () => HttpResponse.json([{ id: STRUCTURE, name: 'Ville de Montréal', trail: ['Réseau', 'Ville de Montréal'] }])),
  http.get('*/api/territory/districts', () => HttpResponse.json(DISTRICTS)),
  http.get('*/api/territory/inventory/summary', () => HttpResponse.json(SUMMARY)),
  http.get('*/api/territory/inventory', ({ request }) => {
    const params = new URL(request.url).searchParams;
    listQueries.push(params);
    const d = params.get('district');
    return HttpResponse.json({ items: ENTRIES.filter((e) => !d || e.district === d), nextCursor: null });
  }),
  http.get('*/api/territory/inventory/:id', ({ params }) => HttpResponse.json(ENTRIES.find((e) => e.id === params.id))),
  http.patch('*/api/territory/inventory/:id', async ({ request, params }) => {
    const body = (await request.json()) as Partial<InventoryEntry>;
    patches.push(body);
    return HttpResponse.json({ ...ENTRIES.find((e) => e.id === params.id)!, ...body });
  }),
  http.post('*/api/territory/inventory/import/preview', async ({ request }) => {
    previews.push((await request.json()) as InventoryImportInput);
    return HttpResponse.json(preview(null));
  }),
  http.post('*/api/territory/inventory/import/commit', async ({ request }) => {
    commits.push((await request.json()) as InventoryImportInput);
    return HttpResponse.json(preview('00000000-0000-4000-8000-0000000001a1'));
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  listQueries.length = 0;
  previews.length = 0;
  commits.length = 0;
  patches.length = 0;
});
afterAll(() => server.close());

describe('inventory page', () => {
  it('colours the map by actors, switches to employees, and filters the table by the district clicked', async () => {
    renderWithProviders(<InventoryPage />);
    expect(await screen.findByText('Coopérative du Canal', {}, WAIT)).toBeTruthy();
    expect(screen.getByText('Mutuelle du centre')).toBeTruthy();
    expect(screen.getByText('Dans le parcours')).toBeTruthy();
    const map = await screen.findByRole('group', { name: /Carte des quartiers/ }, WAIT);
    expect(within(map).getByRole('button', { name: 'Verdun : 1' })).toBeTruthy();
    expect(within(map).getByRole('button', { name: 'Anjou : Aucun acteur' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Salariés' }));
    expect(await within(map).findByRole('button', { name: 'Ville-Marie : 60' }, WAIT)).toBeTruthy();

    fireEvent.click(within(map).getByRole('button', { name: /^Verdun/ }));
    await waitFor(() => expect(listQueries.some((q) => q.get('district') === 'Verdun')).toBe(true), WAIT);
    await waitFor(() => expect(screen.queryByText('Mutuelle du centre')).toBeNull(), WAIT);
    expect(screen.getByText('Quartier choisi : Verdun')).toBeTruthy();
    expect(within(map).getByRole('button', { name: /^Verdun/ }).getAttribute('aria-pressed')).toBe('true');
    const csv = screen.getByRole('link', { name: /CSV/ });
    expect(csv.getAttribute('href')).toContain('/api/territory/inventory.csv?');
    expect(csv.getAttribute('href')).toContain('district=Verdun');

    fireEvent.click(screen.getByRole('button', { name: 'Tous les quartiers' }));
    expect(await screen.findByText('Mutuelle du centre', {}, WAIT)).toBeTruthy();
  });
});

describe('inventory import page', () => {
  it('sends the file in base64, shows each row with its errors, and imports only a clean file', async () => {
    previewRows = [
      { lineNo: 2, name: 'Coop A', district: 'Verdun', legalForm: 'cooperative', registrationNumber: null, employees: 3, members: 10, action: 'create', entryId: null, errors: [] },
      { lineNo: 3, name: 'Coop B', district: 'Atlantide', legalForm: 'cooperative', registrationNumber: null, employees: null, members: null, action: null, entryId: null, errors: ['territory.row_unknown_district'] },
    ];
    const csv = 'Nom;Forme juridique;Secteur;Arrondissement\nCoop A;Coopérative;alimentation;Verdun\n';
    renderWithProviders(<ImportPage />);
    fireEvent.click(await screen.findByRole('combobox', { name: /Inventaire de la structure/ }, WAIT));
    fireEvent.click(await screen.findByRole('option', { name: /Ville de Montréal/, hidden: true }, WAIT));
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([csv], 'inventaire.csv', { type: 'text/csv' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Lire le fichier' }));
    await waitFor(() => expect(previews).toHaveLength(1), WAIT);
    expect(previews[0]).toEqual({ structureId: STRUCTURE, filename: 'inventaire.csv', contentBase64: btoa(unescape(encodeURIComponent(csv))) });
    expect(await screen.findByText('Quartier hors du territoire', {}, WAIT)).toBeTruthy();
    expect(screen.getByText('Créer')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Importer' }) as HTMLButtonElement).disabled).toBe(true);

    previewRows = [previewRows[0]];
    fireEvent.click(screen.getByRole('button', { name: 'Lire le fichier' }));
    await waitFor(() => expect(previews).toHaveLength(2), WAIT);
    await waitFor(() => expect((screen.getByRole('button', { name: 'Importer' }) as HTMLButtonElement).disabled).toBe(false), WAIT);
    fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
    await waitFor(() => expect(commits).toHaveLength(1), WAIT);
    expect(commits[0]).toEqual(previews[1]);
    expect(await screen.findByText('Fichier importé', {}, WAIT)).toBeTruthy();
  });
});

describe('districts page', () => {
  it('draws each territory with its districts coloured by population, and lists them', async () => {
    renderWithProviders(<DistrictsPage />);
    const map = await screen.findByRole('group', { name: 'Montréal' }, WAIT);
    expect(within(map).getAllByRole('button')).toHaveLength(3);
    expect(within(map).getByRole('button', { name: /^Anjou : 4\s000$/ })).toBeTruthy();
    expect(screen.getByRole('row', { name: /Verdun.*VE.*2\s000/ })).toBeTruthy();
  });
});

describe('entry page', () => {
  it("shows an actor and sends only the form's values when staff edit it", async () => {
    polyfillDom();
    initI18n(RESOURCES, 'fr');
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={[`/territory/inventory/${ENTRIES[1].id}`]}>
            <Routes><Route path="/territory/inventory/:id" element={<EntryPage />} /></Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Mutuelle du centre' }, WAIT)).toBeTruthy();
    expect(screen.getByText('Moyenne (50 à 249)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Modifier' }));
    const employees = await screen.findByRole('textbox', { name: 'Salariés' }, WAIT);
    fireEvent.change(employees, { target: { value: '75' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(patches).toHaveLength(1), WAIT);
    expect(patches[0]).toMatchObject({ employees: 75, legalForm: 'mutual', district: 'Ville-Marie', latitude: null, longitude: null, website: null });
  });
});
