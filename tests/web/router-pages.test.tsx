// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PUBLIC_SHELL_PATHS, isPublicShellPath } from '@essor/shared/public-shell';
import { createMemoryRouter, MemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RESOURCES } from '../../web/src/app/i18n-resources';
import { PublicShell } from '../../web/src/app/public-shell';
import { PUBLIC_SHELL_ROUTES } from '../../web/src/app/public-shell-routes';
import { routeTree } from '../../web/src/app/router';
import { theme } from '../../web/src/app/theme';
import { initI18n } from '../../web/src/lib/i18n';
import { polyfillDom } from './render';

let me: Record<string, unknown> = { session: null };

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/bonds/public/offerings', () => HttpResponse.json({ items: [], nextCursor: null })),
  http.get('*/api/home', () => HttpResponse.json({ items: [], figures: { applicationsPerMonth: null, pipelineThisMonth: null, money: null }, holder: null, welcome: { kind: 'investor', bondOfferingsOpen: true } })),
  http.get('*/api/notifications/unread-count', () => HttpResponse.json({ count: 0 })),
  http.get('*/api/notifications', () => HttpResponse.json({ items: [], nextCursor: null })),
  http.get('*/api/structures', () => HttpResponse.json([])),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'warn' }));
afterEach(() => cleanup());
afterAll(() => server.close());

function open(path: string) {
  polyfillDom();
  initI18n(RESOURCES, 'fr');
  const router = createMemoryRouter(routeTree(), { initialEntries: [path] });
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

/** The real route tree, its pages fetched on demand: each one still arrives where the table says. */
describe('pages fetched on demand', () => {
  it('opens the public offerings for a visitor, outside the admin', async () => {
    me = { session: null };
    open('/invest');
    expect(await screen.findByRole('heading', { name: 'Obligations communautaires', level: 1 })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it("sends a visitor from the investor's space to sign in, and back afterwards", async () => {
    me = { session: null };
    const router = open('/my/bonds');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/my/bonds')}`);
    expect(await screen.findByLabelText(/Courriel/)).toBeTruthy();
  });

  it('opens the admin layout and the home page for a signed-in person', async () => {
    me = { session: { user: { id: '00000000-0000-4000-8000-000000000010', email: 'l@essor.test', name: 'Louise', roles: ['investor'], locale: 'fr', memberships: [] }, csrfToken: 'c', expiresAt: '2099-01-01T00:00:00.000Z' } };
    open('/');
    expect((await screen.findByRole('link', { name: 'Voir les offres' }, { timeout: 10_000 })).getAttribute('href')).toBe('/invest');
    expect(screen.getAllByRole('link', { name: 'Mes obligations' }).length).toBeGreaterThan(0);
  });
});

/** The public document (web/public.html): the visitor's pages only, and a full page load for anything else. */
describe('the public shell', () => {
  function openShell(path: string) {
    polyfillDom();
    initI18n(RESOURCES, 'fr');
    render(
      <MantineProvider theme={theme}>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={[path]}>
            <PublicShell />
          </MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>,
    );
  }

  it('serves exactly the paths the server answers with the public document', () => {
    const paths = (routes: RouteObject[]): string[] => routes.flatMap((route) => [...(route.path ? [route.path] : []), ...paths(route.children ?? [])]);
    expect(paths(PUBLIC_SHELL_ROUTES).sort()).toEqual([...PUBLIC_SHELL_PATHS].sort());
    for (const path of paths(PUBLIC_SHELL_ROUTES)) expect(isPublicShellPath(path.replace(/:[a-zA-Z]+/, 'x1')), path).toBe(true);
  });

  it('asks a visitor who opens the application form to sign in first, leaving for the admin document', async () => {
    me = { session: null };
    const replace = vi.fn();
    const original = window.location;
    Object.defineProperty(window, 'location', { configurable: true, value: { ...original, replace } });
    try {
      openShell('/applications/new/00000000-0000-4000-8000-000000000900');
      await waitFor(() => expect(replace).toHaveBeenCalledWith(`/login?next=${encodeURIComponent('/applications/new/00000000-0000-4000-8000-000000000900')}`));
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: original });
    }
  });

  it('opens the offerings in the public document', async () => {
    me = { session: null };
    openShell('/invest');
    expect(await screen.findByRole('heading', { name: 'Obligations communautaires', level: 1 })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.dataset.route).toBe('/invest'));
  });

  it("loads any other path as a full page (the admin's document), replacing the pushed entry", async () => {
    const replace = vi.fn();
    const original = window.location;
    Object.defineProperty(window, 'location', { configurable: true, value: { ...original, replace } });
    try {
      openShell('/register?next=%2Finvest%2Fabc#form');
      await waitFor(() => expect(replace).toHaveBeenCalledWith('/register?next=%2Finvest%2Fabc#form'));
      expect(replace).toHaveBeenCalledTimes(1);
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: original });
    }
  });
});
