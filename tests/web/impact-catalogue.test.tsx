// @vitest-environment jsdom
import type { Indicator } from '@essor/shared/impact';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IndicatorsPage } from '../../web/src/features/impact/pages/indicators-page';
import { renderWithProviders } from './render';

const ROOT = '00000000-0000-4000-8000-000000000001';
const MTL = '00000000-0000-4000-8000-000000000010';
const OWN = '00000000-0000-4000-8000-000000000402';
const WAIT = { timeout: 5000 };

const session = (roles: string[]) => ({
  session: { user: { id: '00000000-0000-4000-8000-000000000011', email: 'p@essor.test', name: 'Personne', roles, locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' },
});

const base: Indicator = {
  id: '00000000-0000-4000-8000-000000000401',
  structureId: ROOT,
  structureName: 'Réseau',
  code: 'jobs_created_fte',
  nameFr: 'Emplois créés (ETP)',
  nameEn: 'Jobs created (FTE)',
  definitionFr: 'Postes en équivalent temps plein créés.',
  definitionEn: 'Full-time-equivalent positions created.',
  unit: 'fte',
  category: 'jobs',
  aggregation: 'latest',
  sdgTargets: ['8.5', '8.3'],
  irisCode: 'PI3687',
  standard: true,
  active: true,
  editable: false,
  hasFigures: true,
};
const own: Indicator = {
  ...base,
  id: OWN,
  structureId: MTL,
  structureName: 'Ville de Montréal',
  code: 'childcare_places',
  nameFr: 'Places en garderie',
  nameEn: 'Childcare places',
  definitionFr: '',
  unit: 'count',
  category: 'social',
  sdgTargets: ['4.2'],
  irisCode: null,
  standard: false,
  editable: true,
  hasFigures: true,
};

let me = session(['staff']);
const queries: string[] = [];
const created: unknown[] = [];
const patched: unknown[] = [];

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/structures', () => HttpResponse.json([])),
  http.get('*/api/impact/indicators', ({ request }) => {
    const url = new URL(request.url);
    queries.push(url.search);
    const category = url.searchParams.get('category');
    return HttpResponse.json([base, own].filter((i) => !category || i.category === category));
  }),
  http.post('*/api/impact/indicators', async ({ request }) => {
    const body = (await request.json()) as { code: string };
    created.push(body);
    if (body.code === 'childcare_places') {
      return HttpResponse.json({ error: { code: 'conflict', message: 'Cette structure a déjà un indicateur avec ce code', fields: { code: ['Déjà utilisé dans cette structure'] } } }, { status: 409 });
    }
    return HttpResponse.json({ ...own, ...body }, { status: 201 });
  }),
  http.patch('*/api/impact/indicators/:id', async ({ request }) => {
    patched.push(await request.json());
    return HttpResponse.json(own);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  queries.length = 0;
  created.length = 0;
  patched.length = 0;
  me = session(['staff']);
});
afterAll(() => server.close());

describe('the indicator catalogue page', () => {
  it('lists standard and own indicators with their unit, SDG badges, IRIS+ code and owner, and filters by category', async () => {
    renderWithProviders(<IndicatorsPage />);
    const jobs = await screen.findByRole('row', { name: /Emplois créés/ }, WAIT);
    expect(jobs.textContent).toMatch(/jobs_created_fte.*Emplois.*ETP.*Stock.*8\.58\.3.*PI3687.*Standard/);
    expect(within(jobs).getAllByLabelText(/^ODD /).map((b) => b.textContent)).toEqual(['8.5', '8.3']);
    expect(within(jobs).queryByRole('button', { name: /Modifier/ })).toBeNull();
    const places = screen.getByRole('row', { name: /Places en garderie/ });
    expect(places.textContent).toMatch(/Propre.*Ville de Montréal/);
    expect(queries.at(-1)).toBe('?active=true');
    const category = screen.getByRole('combobox', { name: 'Catégorie' });
    category.focus();
    fireEvent.click(category);
    fireEvent.click(await screen.findByRole('option', { name: 'Social', hidden: true }, WAIT));
    await waitFor(() => expect(queries.at(-1)).toBe('?category=social&active=true'), WAIT);
    await waitFor(() => expect(screen.queryByRole('row', { name: /Emplois créés/ })).toBeNull(), WAIT);
    expect(screen.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe('/api/impact/indicators.csv?category=social&active=true');
  });

  it('adds an own indicator and shows a taken code on its field', async () => {
    renderWithProviders(<IndicatorsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter un indicateur' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Code\s*\*?$/ }), { target: { value: 'childcare_places' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Nom \(français\)/ }), { target: { value: 'Places en garderie' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Nom \(anglais\)/ }), { target: { value: 'Childcare places' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(dialog).findByText('Déjà utilisé dans cette structure', {}, WAIT)).toBeTruthy();
    expect(created).toEqual([
      { nameFr: 'Places en garderie', nameEn: 'Childcare places', definitionFr: '', definitionEn: '', sdgTargets: [], irisCode: null, code: 'childcare_places', unit: 'count', category: 'social', aggregation: 'sum' },
    ]);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Code\s*\*?$/ }), { target: { value: 'daycare_places' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
    expect(created.at(-1)).toMatchObject({ code: 'daycare_places' });
  });

  it('edits an own indicator without touching a unit that figures fix', async () => {
    renderWithProviders(<IndicatorsPage />);
    const places = await screen.findByRole('row', { name: /Places en garderie/ }, WAIT);
    fireEvent.click(within(places).getByRole('button', { name: /Modifier/ }));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    expect(within(dialog).getByText("L'unité est figée : des valeurs ont déjà été saisies.")).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Nom \(anglais\)/ }), { target: { value: 'Daycare places' } });
    fireEvent.click(within(dialog).getByRole('switch', { name: /Actif/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(patched).toHaveLength(1), WAIT);
    expect(patched[0]).toEqual({ nameFr: 'Places en garderie', nameEn: 'Daycare places', definitionFr: '', definitionEn: 'Full-time-equivalent positions created.', sdgTargets: ['4.2'], irisCode: null, active: false });
  });

  it('offers no form to an elected official', async () => {
    me = session(['elected_official']);
    renderWithProviders(<IndicatorsPage />);
    await screen.findByRole('row', { name: /Emplois créés/ }, WAIT);
    expect(screen.queryByRole('button', { name: 'Ajouter un indicateur' })).toBeNull();
  });
});
