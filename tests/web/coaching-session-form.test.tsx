// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionFormModal } from '../../web/src/features/coaching/components/session-form-modal';
import { renderWithProviders } from './render';

const COHORT = '11111111-1111-4111-8111-111111111111';
const PROJECT = '22222222-2222-4222-8222-222222222222';
const OWN_COACH = '33333333-3333-4333-8333-333333333333';
const USER = '44444444-4444-4444-8444-444444444444';

const posted: unknown[] = [];
const created = () => HttpResponse.json({}, { status: 201 });
let answer: () => Response = created;

const server = setupServer(
  http.get('*/api/auth/session', () =>
    HttpResponse.json({ session: { user: { id: USER, email: 'coach@essor.demo', name: 'Fatou Diop', roles: ['coach'], locale: 'fr' }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00Z' } }),
  ),
  http.get('*/api/coaching/roster', () =>
    HttpResponse.json([{ id: COHORT, name: 'Cohorte automne 2026', programmeCode: 'MTL-TRANSFO', programmeName: 'Transformation', currency: 'CAD', projects: [{ id: PROJECT, title: 'Serre communautaire', organisationName: 'Les Jardins du Sud' }] }]),
  ),
  http.get('*/api/coaching/coaches', () =>
    HttpResponse.json([
      { id: OWN_COACH, userId: USER, kind: 'staff', name: 'Fatou Diop', email: null, profession: 'mentor', firm: null, specialties: ['mentoring'], languages: ['fr'], hourlyRateMinor: null, currency: null, weeklyAvailability: [], active: true, hasCalendarFeed: false },
      { id: '55555555-5555-4555-8555-555555555555', userId: null, kind: 'external', name: 'Me Sophie Lavoie', email: null, profession: 'lawyer', firm: null, specialties: ['legal'], languages: ['fr'], hourlyRateMinor: 12000, currency: 'CAD', weeklyAvailability: [], active: true, hasCalendarFeed: false },
    ]),
  ),
  http.post('*/api/coaching/sessions', async ({ request }) => {
    posted.push(await request.json());
    return answer();
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // jsdom has no FontFaceSet; Mantine's autosizing textareas listen to it.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener() {}, removeEventListener() {} } });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  posted.length = 0;
  answer = created;
});
afterAll(() => server.close());

async function fillForm() {
  const cohort = await screen.findByRole('combobox', { name: /Cohorte/ });
  await screen.findByRole('option', { name: 'Transformation · Cohorte automne 2026' });
  fireEvent.change(cohort, { target: { value: COHORT } });
  fireEvent.change(await screen.findByRole('combobox', { name: /Projet/ }), { target: { value: PROJECT } });
  fireEvent.change(screen.getByRole('textbox', { name: /Objet de la séance/ }), { target: { value: 'Point mensuel' } });
  fireEvent.change(screen.getByLabelText(/Début/), { target: { value: '2026-11-20T10:00' } });
  fireEvent.change(screen.getByRole('textbox', { name: /Durée/ }), { target: { value: '90' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Lieu' }), { target: { value: 'Maison de l’économie sociale' } });
  fireEvent.click(screen.getByRole('checkbox', { name: 'La séance a eu lieu' }));
  fireEvent.change(screen.getByRole('textbox', { name: /Notes confidentielles/ }), { target: { value: 'Note' } });
  fireEvent.click(screen.getByRole('button', { name: 'Ajouter une action' }));
  fireEvent.click(screen.getByRole('button', { name: 'Ajouter une action' }));
  const descriptions = screen.getAllByRole('textbox', { name: 'Action' });
  const owners = screen.getAllByRole('textbox', { name: 'Responsable' });
  fireEvent.change(descriptions[0], { target: { value: 'Lister cinq restaurants' } });
  fireEvent.change(owners[0], { target: { value: 'Coordonnatrice' } });
  fireEvent.change(descriptions[1], { target: { value: 'Chiffrer la livraison' } });
  fireEvent.change(owners[1], { target: { value: 'Trésorier' } });
}

describe('the session form', () => {
  it("books a coach's own held session with two action items, in minutes and ISO time", async () => {
    const onClose = vi.fn();
    renderWithProviders(<SessionFormModal opened onClose={onClose} />);
    // A coach can only pick themselves.
    await waitFor(() => expect((screen.getByRole('combobox', { name: /Accompagnateur/ }) as HTMLSelectElement).value).toBe(OWN_COACH));
    expect(screen.queryByRole('option', { name: 'Me Sophie Lavoie' })).toBeNull();
    await fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la séance' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      cohortId: COHORT,
      format: 'individual',
      projectId: PROJECT,
      coachId: OWN_COACH,
      durationMinutes: 90,
      status: 'held',
      notes: 'Note',
      startsAt: new Date('2026-11-20T10:00').toISOString(),
      actionItems: [
        { description: 'Lister cinq restaurants', owner: 'Coordonnatrice', dueOn: null },
        { description: 'Chiffrer la livraison', owner: 'Trésorier', dueOn: null },
      ],
    });
  });

  it("shows the API's refusal (the coach is busy) and stays open", async () => {
    answer = () => HttpResponse.json({ error: { code: 'conflict', message: 'The coach is already booked at that time', fields: { startsAt: ['The coach has another session at that time'] } } }, { status: 409 });
    const onClose = vi.fn();
    renderWithProviders(<SessionFormModal opened onClose={onClose} />);
    await waitFor(() => expect((screen.getByRole('combobox', { name: /Accompagnateur/ }) as HTMLSelectElement).value).toBe(OWN_COACH));
    await fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la séance' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'The coach is already booked at that time');
    expect(screen.getByText('The coach has another session at that time')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });
});
