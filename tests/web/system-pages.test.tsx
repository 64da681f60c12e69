// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { JobList } from '@essor/shared/mail';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ResetPasswordPage } from '../../web/src/features/auth/pages/reset-password-page';
import { JobsPage } from '../../web/src/features/system/pages/jobs-page';
import { renderWithProviders } from './render';

const run = (state: JobList['jobs'][number]['recent'][number]['state'], output: string | null) => ({
  id: `${state}-1`,
  state,
  retryCount: state === 'failed' ? 2 : 0,
  createdOn: '2026-11-23T10:00:00.000Z',
  startedOn: '2026-11-23T10:00:01.000Z',
  completedOn: '2026-11-23T10:00:02.000Z',
  output,
});
const counts = (failed: number) => ({ created: 0, retry: 0, active: 0, completed: 3, cancelled: 0, failed });
const JOBS: JobList = {
  running: true,
  jobs: [
    { name: 'outbox.deliver', description: 'Send', cron: '* * * * *', retryLimit: 2, counts: counts(0), lastRun: run('completed', null), recent: [run('completed', null)] },
    { name: 'auth.expire-links', description: 'Expire', cron: '*/15 * * * *', retryLimit: 3, counts: counts(1), lastRun: run('failed', 'connection refused'), recent: [run('failed', 'connection refused')] },
  ],
};

const ran: string[] = [];
const resets: unknown[] = [];
const server = setupServer(
  http.get('*/api/jobs', () => HttpResponse.json(JOBS)),
  http.post('*/api/jobs/:name/run', ({ params }) => {
    ran.push(String(params.name));
    return HttpResponse.json({ id: 'x' }, { status: 202 });
  }),
  http.post('*/api/auth/reset-password', async ({ request }) => {
    resets.push(await request.json());
    return HttpResponse.json(
      { error: { code: 'invalid', message: 'This password reset link was already used', fields: { token: ['This password reset link was already used'] } } },
      { status: 400 },
    );
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  ran.length = 0;
  resets.length = 0;
});
afterAll(() => server.close());

describe('scheduled jobs page', () => {
  it('shows each job with its schedule and last run, the failed runs with their error, and runs one now (FR)', async () => {
    renderWithProviders(<JobsPage />);
    expect(await screen.findByText('connection refused')).toBeTruthy();
    expect(screen.getByText('1 exécution en échec')).toBeTruthy();
    expect(screen.getByText('*/15 * * * *')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Exécuter maintenant' })[1]);
    await waitFor(() => expect(ran).toEqual(['auth.expire-links']));
  });
});

describe('reset password page', () => {
  it('says a used link is no good and offers a new one (EN)', async () => {
    renderWithProviders(<ResetPasswordPage />, 'en');
    fireEvent.change(screen.getByLabelText(/New password/), { target: { value: 'a long enough passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByText(/This link is used, replaced by a newer one, or expired/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
    expect(resets).toEqual([{ token: '', password: 'a long enough passphrase' }]);
  });
});
