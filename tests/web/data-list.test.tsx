// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataList } from '../../web/src/components/data-list';
import { renderWithProviders } from './render';

interface Row {
  id: string;
  name: string;
}

const people: Row[] = Array.from({ length: 5 }, (_, i) => ({ id: String(i + 1), name: `Coopérative ${i + 1}` }));
const requests: URL[] = [];

const server = setupServer(
  http.get('*/api/things', ({ request }) => {
    const url = new URL(request.url);
    requests.push(url);
    const q = url.searchParams.get('q') ?? '';
    const matching = people.filter((p) => p.name.includes(q));
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    const items = matching.slice(start, start + limit);
    return HttpResponse.json({ items, nextCursor: start + limit < matching.length ? String(start + limit) : null });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

function renderList() {
  return renderWithProviders(
    <DataList<Row>
      queryKey={['things']}
      endpoint="/api/things"
      exportEndpoint="/api/things/export.csv"
      columns={[{ key: 'name', header: 'Nom', render: (r) => r.name }]}
      rowKey={(r) => r.id}
      searchPlaceholder="Rechercher"
      filters={[{ name: 'status', label: 'Statut', options: [{ value: 'active', label: 'Actif' }] }]}
      pageSize={2}
    />,
  );
}

describe('DataList', () => {
  it('loads page after page through the cursor the API gives', async () => {
    renderList();
    await screen.findByText('Coopérative 1');
    expect(screen.queryByText('Coopérative 3')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    await screen.findByText('Coopérative 3');
    fireEvent.click(screen.getByRole('button', { name: 'Afficher plus' }));
    await screen.findByText('Coopérative 5');
    expect(screen.queryByRole('button', { name: 'Afficher plus' })).toBeNull();
    expect(screen.getByText('Fin de la liste')).toBeTruthy();
    expect(requests.map((u) => u.searchParams.get('cursor'))).toEqual([null, '2', '4']);
  });

  it('sends the search to the API and keeps the CSV export on the same filters', async () => {
    renderList();
    await screen.findByText('Coopérative 1');
    fireEvent.change(screen.getByPlaceholderText('Rechercher'), { target: { value: '4' } });
    await waitFor(() => expect(screen.queryByText('Coopérative 1')).toBeNull());
    await screen.findByText('Coopérative 4');
    expect(requests.at(-1)?.searchParams.get('q')).toBe('4');
    const link = screen.getByRole('link', { name: /Exporter en CSV/ });
    expect(link.getAttribute('href')).toBe('/api/things/export.csv?q=4');
  });

  it('shows the empty state when nothing matches', async () => {
    server.use(http.get('*/api/things', () => HttpResponse.json({ items: [], nextCursor: null })));
    renderList();
    await screen.findByText('Aucun résultat');
  });

  it("shows the API's error message when the list cannot load", async () => {
    server.use(
      http.get('*/api/things', () =>
        HttpResponse.json({ error: { code: 'forbidden', message: 'Votre rôle ne le permet pas' } }, { status: 403 }),
      ),
    );
    renderList();
    await screen.findByText('Votre rôle ne le permet pas');
  });
});
