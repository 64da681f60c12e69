// @vitest-environment jsdom
import type { Notification } from '@essor/shared/notifications';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotificationBell } from '../../web/src/features/notifications/components/notification-bell';
import { renderWithProviders } from './render';

const item = (id: string, title: string, readAt: string | null): Notification => ({
  id,
  kind: 'application.moved',
  title,
  body: 'Le dossier avance.',
  link: '/applications/1',
  channel: 'in_app',
  createdAt: new Date().toISOString(),
  readAt,
});

let unread = 2;
const marked: string[] = [];
let markedAll = 0;

const server = setupServer(
  http.get('*/api/notifications/unread-count', () => HttpResponse.json({ unread })),
  http.get('*/api/notifications', () =>
    HttpResponse.json({ items: [item('00000000-0000-4000-8000-000000000001', 'Votre candidature passe en vérification', null), item('00000000-0000-4000-8000-000000000002', 'Candidature reçue', '2026-01-01T00:00:00.000Z')], nextCursor: null }),
  ),
  http.post('*/api/notifications/read-all', () => {
    markedAll++;
    unread = 0;
    return HttpResponse.json({ marked: 1 });
  }),
  http.post('*/api/notifications/:id/read', ({ params }) => {
    marked.push(String(params.id));
    unread = Math.max(0, unread - 1);
    return HttpResponse.json(item(String(params.id), 'x', new Date().toISOString()));
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => cleanup());
afterAll(() => server.close());

describe('the notification bell', () => {
  it('shows the unread count, lists the latest, marks one read on opening it and all read on request', async () => {
    renderWithProviders(<NotificationBell />);
    const bell = await screen.findByRole('button', { name: 'Notifications : 2 non lues' });
    fireEvent.click(bell);
    const first = await screen.findByRole('button', { name: 'Non lue : Votre candidature passe en vérification', hidden: true });
    expect(screen.getByRole('button', { name: 'Candidature reçue', hidden: true })).toBeTruthy();
    fireEvent.click(first);
    await waitFor(() => expect(marked).toEqual(['00000000-0000-4000-8000-000000000001']));
    await screen.findByRole('button', { name: 'Notifications : 1 non lue' });
    fireEvent.click(screen.getByRole('button', { name: 'Notifications : 1 non lue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Tout marquer comme lu', hidden: true }));
    await waitFor(() => expect(markedAll).toBe(1));
    await screen.findByRole('button', { name: 'Notifications : 0 non lue' });
  });
});
