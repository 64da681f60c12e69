// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChangePasswordModal } from '../../web/src/features/auth/components/change-password-modal';
import { renderWithProviders } from './render';

const sent: unknown[] = [];
const server = setupServer(
  http.post('*/api/auth/password', async ({ request }) => {
    const body = (await request.json()) as { currentPassword: string; newPassword: string };
    sent.push(body);
    if (body.newPassword === 'aaaaaaaaaa') {
      return HttpResponse.json({ error: { code: 'invalid', message: 'Choose a password that is harder to guess', fields: { newPassword: ['Use more different characters'] } } }, { status: 400 });
    }
    return new HttpResponse(null, { status: 204 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  sent.length = 0;
});
afterAll(() => server.close());

describe('change-password form', () => {
  it('sends the current and new passwords, shows the field error, then confirms (FR)', async () => {
    renderWithProviders(<ChangePasswordModal opened onClose={() => {}} />);
    fireEvent.change(screen.getByLabelText(/Mot de passe actuel/), { target: { value: 'essor-demo' } });
    fireEvent.change(screen.getByLabelText(/Nouveau mot de passe/), { target: { value: 'aaaaaaaaaa' } });
    fireEvent.click(screen.getByRole('button', { name: 'Changer le mot de passe' }));
    expect(await screen.findByText('Use more different characters')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Nouveau mot de passe/), { target: { value: 'Lanterne-bleue-42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Changer le mot de passe' }));
    expect(await screen.findByText('Mot de passe changé.')).toBeTruthy();
    await waitFor(() => expect(sent).toEqual([{ currentPassword: 'essor-demo', newPassword: 'aaaaaaaaaa' }, { currentPassword: 'essor-demo', newPassword: 'Lanterne-bleue-42' }]));
  });

  it('speaks English too', () => {
    renderWithProviders(<ChangePasswordModal opened onClose={() => {}} />, 'en');
    expect(screen.getByRole('button', { name: 'Change the password' })).toBeTruthy();
  });
});
