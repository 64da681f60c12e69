// @vitest-environment jsdom
import type { GuaranteeCall, GuaranteeDetail } from '@essor/shared/guarantees';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GuaranteePage } from '../../web/src/features/guarantees/pages/guarantee-page';
import { CHECKER, GUARANTEE, PREPARER, WAIT, detail, session } from './guarantee-fixtures';
import { renderWithProviders } from './render';

const CALL = '00000000-0000-4000-8000-0000000007c1';
const today = new Date().toISOString().slice(0, 10);

const call = (over: Partial<GuaranteeCall> = {}): GuaranteeCall => ({
  id: CALL,
  guaranteeId: GUARANTEE,
  defaultedOn: '2025-09-01',
  calledOn: '2025-09-15',
  declaredLossMinor: 3_500_000,
  claimedMinor: 2_100_000,
  payoutMinor: 2_100_000,
  status: 'pending',
  note: '',
  madeBy: PREPARER,
  decidedBy: null,
  approvedOn: null,
  paidOn: null,
  approvalEntryId: null,
  paymentEntryId: null,
  createdAt: '2025-09-15T10:00:00.000Z',
  ...over,
});

let me = session(CHECKER, ['fund_manager']);
let current: GuaranteeDetail = detail();
/** An API refusal the next POST answers with, if any. */
let refusal: { status: number; message: string; fields?: Record<string, string[]> } | null = null;
const posted: { path: string; body: unknown; key: string | null }[] = [];

async function record(request: Request, path: string) {
  posted.push({ path, body: await request.json().catch(() => null), key: request.headers.get('idempotency-key') });
  if (refusal) return HttpResponse.json({ error: { code: 'unprocessable', message: refusal.message, fields: refusal.fields ?? {} } }, { status: refusal.status });
  return HttpResponse.json(current);
}

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/guarantees/:id', () => HttpResponse.json(current)),
  http.post('*/api/guarantees/calls/:callId/:step', ({ request, params }) => record(request, `/calls/${params.callId as string}/${params.step as string}`)),
  http.post('*/api/guarantees/:id/:step', ({ request, params }) => record(request, `/${params.step as string}`)),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  posted.length = 0;
  refusal = null;
});
afterAll(() => server.close());

function renderPage() {
  return renderWithProviders(
    <Routes location={`/guarantees/${GUARANTEE}`}>
      <Route path="/guarantees/:id" element={<GuaranteePage />} />
    </Routes>,
  );
}

describe('guarantee page', () => {
  it('shows the figures, the badges and the history the API gives, and says when a table is empty', async () => {
    current = detail({
      feesMinor: 30_000,
      outstandings: [
        { asOf: '2025-03-05', source: 'issue', outstandingMinor: 5_000_000, arrearsMinor: 0, daysInArrears: 0, exposureMinor: 3_000_000 },
        { asOf: '2025-10-31', source: 'bank', outstandingMinor: 4_000_000, arrearsMinor: 120_000, daysInArrears: 45, exposureMinor: 2_400_000 },
      ],
      riskChanges: [{ fromClass: 'performing', toClass: 'watch', reason: 'arrears', exposureMinor: 2_400_000, provisionBeforeMinor: 24_000, provisionAfterMinor: 240_000, journalEntryId: 88, occurredOn: '2025-10-31', createdAt: '2025-10-31T10:00:00.000Z' }],
      timeline: [{ at: '2025-03-05T10:00:00.000Z', action: 'guarantee.approve', actorEmail: 'c@essor.test', actorName: 'Claire', details: null }],
    });
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Garantie n° 12 · Atelier vélo' }, WAIT)).toBeTruthy();
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.getByText('Sous surveillance')).toBeTruthy();
    expect(screen.getByLabelText('Garanti').textContent).toMatch(/^30\s000,00\s\$/);
    expect(screen.getByLabelText('Exposition').textContent).toMatch(/^24\s000,00\s\$/);
    expect(screen.getByLabelText('Provision').textContent).toMatch(/^2\s400,00\s\$/);
    expect(screen.getByLabelText('Retards').textContent).toMatch(/1\s200,00\s\$.*45 jours/);
    expect(screen.getByRole('row', { name: /Relevé de la banque/ }).textContent).toMatch(/40\s000,00\s\$/);
    expect(screen.getByText('Approbation de la garantie')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Risque et provisions' }));
    const change = await screen.findByRole('row', { name: /Retards/ }, WAIT);
    expect(change.textContent).toMatch(/240,00\s\$.*2\s400,00\s\$.*#88/);
    fireEvent.click(screen.getByRole('tab', { name: 'Appels' }));
    expect(await screen.findByText('Aucun appel en garantie', {}, WAIT)).toBeTruthy();
  });

  it('lets a fund manager who did not prepare it approve, under an idempotency key', async () => {
    me = session(CHECKER, ['fund_manager']);
    current = detail({ status: 'prepared', allowedActions: ['approve', 'reject'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Approuver' }, WAIT));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: '/approve', body: { note: '' } });
    expect(posted[0].key).toBeTruthy();
  });

  it('rejects with the note written, under an idempotency key', async () => {
    me = session(CHECKER, ['fund_manager']);
    current = detail({ status: 'prepared', allowedActions: ['approve', 'reject'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Refuser' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByLabelText('Note'), { target: { value: 'Quotité trop haute' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Refuser' }));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: '/reject', body: { note: 'Quotité trop haute' } });
    expect(posted[0].key).toBeTruthy();
  });

  it('tells the preparer why they cannot approve and offers only what the API allows', async () => {
    me = session(PREPARER, ['staff', 'fund_manager']);
    current = detail({ status: 'prepared', allowedActions: ['cancel'], waiting: [{ action: 'approve', reason: 'four_eyes', trancheId: null }] });
    renderPage();
    expect(await screen.findByText(/un autre gestionnaire décide/, {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approuver' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Annuler la garantie' }));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByLabelText('Note'), { target: { value: 'Prêt abandonné' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler la garantie' }));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: '/cancel', body: { reason: 'Prêt abandonné' } });
    expect(posted[0].key).toBeTruthy();
  });

  it('shows no action to an administrator', async () => {
    me = session(CHECKER, ['admin']);
    current = detail({ allowedActions: [] });
    renderPage();
    expect(await screen.findByText('Aucune action possible pour vous maintenant.', {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Saisir un rapport' })).toBeNull();
  });

  it('records a bank report with the amounts in minor units', async () => {
    me = session(PREPARER, ['staff']);
    current = detail({ allowedActions: ['report', 'call'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Saisir un rapport' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Capital restant dû/ }), { target: { value: '38 500,50' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Impayés/ }), { target: { value: '1 200' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Jours de retard/ }), { target: { value: '35' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: '/reports', body: { asOf: today, outstandingMinor: 3_850_050, arrearsMinor: 120_000, daysInArrears: 35 } });
    expect(posted[0].key).toBeTruthy();
  });

  it('records a call and shows the API refusal in the form when the claim is above the guaranteed amount', async () => {
    me = session(PREPARER, ['staff']);
    current = detail({ allowedActions: ['report', 'call'] });
    refusal = { status: 422, message: 'Le montant réclamé dépasse le montant garanti', fields: { claimedMinor: ['Au-delà du montant garanti'] } };
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Appel en garantie' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByLabelText(/Défaillance le/), { target: { value: '2025-09-01' } });
    fireEvent.change(within(dialog).getByLabelText(/Appel le/), { target: { value: '2025-09-15' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Perte déclarée/ }), { target: { value: '35 000' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Montant réclamé/ }), { target: { value: '40 000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(dialog).findByText('Au-delà du montant garanti', {}, WAIT)).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toContain('Le montant réclamé dépasse le montant garanti');
    expect(posted[0]).toMatchObject({ path: '/calls', body: { defaultedOn: '2025-09-01', calledOn: '2025-09-15', declaredLossMinor: 3_500_000, claimedMinor: 4_000_000, note: '' } });
  });

  it('lets a second person approve a pending call', async () => {
    me = session(CHECKER, ['fund_manager']);
    current = detail({ status: 'called', riskClass: 'loss', calls: [call()], allowedActions: ['decide_call'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: "Approuver l'appel" }, WAIT));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: `/calls/${CALL}/approve`, body: { note: '' } });
    expect(posted[0].key).toBeTruthy();
  });

  it('pays an approved call on the day chosen', async () => {
    me = session(CHECKER, ['fund_manager']);
    current = detail({ status: 'called', riskClass: 'loss', calls: [call({ status: 'approved', approvedOn: '2025-09-20' })], allowedActions: ['pay_call'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: "Payer l'appel" }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByLabelText(/Payé le/), { target: { value: '2025-09-25' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Payer' }));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: `/calls/${CALL}/pay`, body: { paidOn: '2025-09-25' } });
    expect(posted[0].key).toBeTruthy();
  });

  it('records what the bank recovered after the payout, and closes', async () => {
    me = session(CHECKER, ['fund_manager']);
    current = detail({ status: 'paid', paidMinor: 2_100_000, calls: [call({ status: 'paid', paidOn: '2025-09-25' })], allowedActions: ['record_recovery', 'close'] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Enregistrer une récupération' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Récupéré par la banque/ }), { target: { value: '5 000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: '/recoveries', body: { receivedOn: today, bankRecoveredMinor: 500_000 } });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), WAIT);
    fireEvent.click(screen.getByRole('button', { name: 'Clore la garantie' }));
    await waitFor(() => expect(posted).toHaveLength(2), WAIT);
    expect(posted[1]).toMatchObject({ path: '/close', body: {} });
  });
});
