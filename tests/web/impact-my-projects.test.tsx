// @vitest-environment jsdom
import type { MyProject } from '@essor/shared/impact';
import { cleanup, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MyProjectsPage } from '../../web/src/features/impact/pages/my-projects-page';
import { renderWithProviders } from './render';

const PROJECT = '00000000-0000-4000-8000-000000000201';
const WAIT = { timeout: 5000 };

const mine: MyProject[] = [
  {
    id: PROJECT,
    title: 'Serre communautaire',
    organisationName: 'Jardins du Sud',
    structureName: 'Incubateur central',
    currency: 'CAD',
    stage: 'incubated',
    lastEnteredAt: '2026-07-02T10:00:00.000Z',
    figures: [
      { indicatorId: '00000000-0000-4000-8000-000000000301', code: 'jobs_created_fte', nameFr: 'Emplois créés (ETP)', nameEn: 'Jobs created (FTE)', unit: 'fte', currency: null, target: '4.00', actual: '3.00', percentOfTarget: 75 },
      { indicatorId: '00000000-0000-4000-8000-000000000302', code: 'revenue', nameFr: 'Chiffre d’affaires', nameEn: 'Revenue', unit: 'money', currency: 'CAD', target: null, actual: '296000.00', percentOfTarget: null },
    ],
  },
];

const server = setupServer(
  http.get('*/api/auth/session', () =>
    HttpResponse.json({ session: { user: { id: '00000000-0000-4000-8000-000000000011', email: 'h@essor.test', name: 'Porteur', roles: ['project_holder'], locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' } }),
  ),
  http.get('*/api/impact/my-projects', () => HttpResponse.json(mine)),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

describe("the holder's impact page", () => {
  it('lists their projects with targets, actuals and progress, each opening the entry page', async () => {
    renderWithProviders(<MyProjectsPage />);
    const card = await screen.findByRole('region', { name: 'Serre communautaire' }, WAIT);
    const rows = within(card).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toMatch(/Emplois créés \(ETP\)4 ETP3 ETP/);
    expect(within(rows[0]).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('75');
    expect(rows[1].textContent).toMatch(/Chiffre d’affaires—2\s960,00\s\$/);
    expect(within(rows[1]).queryByRole('progressbar')).toBeNull();
    expect(within(card).getByRole('link', { name: 'Voir et saisir' }).getAttribute('href')).toBe(`/projects/${PROJECT}/impact`);
  });
});
