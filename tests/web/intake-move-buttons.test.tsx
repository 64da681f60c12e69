// @vitest-environment jsdom
import type { ApplicationDetail } from '@essor/shared/applications';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MoveButtons } from '../../web/src/features/applications/components/move-buttons';
import { renderWithProviders } from './render';

const moves: unknown[] = [];
const server = setupServer(
  http.post('*/api/applications/:id/moves', async ({ request }) => {
    const body = (await request.json()) as { to: string };
    moves.push(body);
    if (body.to === 'committee') return HttpResponse.json({ error: { code: 'conflict', message: 'Fill in every line of the eligibility checklist first' } }, { status: 409 });
    return HttpResponse.json({});
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // jsdom has no font loading API; Mantine's autosize textarea listens to it.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {}, ready: Promise.resolve() } });
});
afterEach(() => {
  cleanup();
  moves.length = 0;
});
afterAll(() => server.close());

function application(allowedMoves: ApplicationDetail['allowedMoves']): ApplicationDetail {
  return { id: '7f1b6a52-4a59-4d6c-9a55-0f2a3c7f8d11', status: 'screening', allowedMoves } as ApplicationDetail;
}

describe('the move buttons of an application', () => {
  it('offer only the moves the API lists', () => {
    renderWithProviders(<MoveButtons application={application(['committee', 'rejected'])} />);
    expect(screen.getByRole('button', { name: 'Transmettre au comité' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refuser' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accepter' })).toBeNull();
  });

  it('show nothing when the caller may not move the application', () => {
    const { container } = renderWithProviders(<MoveButtons application={application([])} />);
    expect(container.querySelectorAll('button')).toHaveLength(0);
  });

  it('ask why before a rejection, and send the reason with the status the caller saw', async () => {
    renderWithProviders(<MoveButtons application={application(['committee', 'rejected'])} />);
    fireEvent.click(screen.getByRole('button', { name: 'Refuser' }));
    const reason = await screen.findByLabelText(/Expliquez le motif/);
    expect(moves).toHaveLength(0);
    fireEvent.change(reason, { target: { value: 'Siège hors du territoire' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    await waitFor(() => expect(moves).toEqual([{ to: 'rejected', from: 'screening', reason: 'Siège hors du territoire' }]));
  });

  it('send a move that needs no reason at once, and leave the verdict to the API', async () => {
    renderWithProviders(<MoveButtons application={application(['committee', 'rejected'])} />);
    fireEvent.click(screen.getByRole('button', { name: 'Transmettre au comité' }));
    await waitFor(() => expect(moves).toEqual([{ to: 'committee', from: 'screening' }]));
  });
});
