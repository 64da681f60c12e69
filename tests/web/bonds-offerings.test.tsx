// @vitest-environment jsdom
import type { Payout, PayoutSchedule } from '@essor/shared/bond-payouts';
import type { Offering, OfferingUptake, Subscription } from '@essor/shared/bonds';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OfferingPage } from '../../web/src/features/bonds/pages/offering-page';
import { OfferingsPage } from '../../web/src/features/bonds/pages/offerings-page';
import { renderWithProviders } from './render';

const OFFERING = '00000000-0000-4000-8000-0000000000b1';
const PREPARER = '00000000-0000-4000-8000-000000000011';
const CHECKER = '00000000-0000-4000-8000-000000000012';
const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000c1';
/** The page waits for the session and the offering: slow on a busy machine. */
const WAIT = { timeout: 5000 };
const today = new Date().toISOString().slice(0, 10);
const daysFrom = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const offering = (over: Partial<Offering> = {}): Offering => ({
  id: OFFERING,
  structureId: '00000000-0000-4000-8000-000000000001',
  code: 'OBL-CAFE-2026',
  issuerProjectId: '00000000-0000-4000-8000-000000000200',
  issuerName: 'Café solidaire',
  trustFundId: '00000000-0000-4000-8000-000000000300',
  trustFundCode: 'FID-MTL',
  title: 'Obligations du Café solidaire',
  summaryFr: '',
  summaryEn: '',
  noticeFr: 'Notice',
  noticeEn: 'Notice',
  useOfFunds: 'Torréfacteur',
  impactAim: 'Emplois',
  currency: 'CAD',
  unitPriceMinor: 10_000,
  maxUnits: 100,
  minUnits: 40,
  minUnitsPerPerson: 1,
  maxUnitsPerPerson: 20,
  rateBps: 300,
  termMonths: 60,
  couponFrequency: 'annual',
  dayCount: 'act_365_fixed',
  opensOn: daysFrom(-10),
  closesOn: daysFrom(20),
  issuedOn: null,
  maturesOn: null,
  paymentDays: 10,
  withholdingBps: 0,
  earlyRedemptionFrom: null,
  status: 'draft',
  reservedUnits: 0,
  paidUnits: 0,
  createdBy: PREPARER,
  approvedBy: null,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  ...over,
} as Offering);

const subscription: Subscription = {
  id: SUBSCRIPTION,
  seq: 7,
  structureId: '00000000-0000-4000-8000-000000000001',
  offeringId: OFFERING,
  offeringCode: 'OBL-CAFE-2026',
  offeringTitle: 'Obligations du Café solidaire',
  investorId: '00000000-0000-4000-8000-000000000400',
  investorName: 'Awa Ndiaye',
  units: 5,
  amountMinor: 50_000,
  paidMinor: 20_000,
  currency: 'CAD',
  reference: 'RF18539007547034',
  status: 'reserved',
  reservedAt: '2026-11-20T10:00:00.000Z',
  expiresAt: '2026-11-30T10:00:00.000Z',
  paidAt: null,
  closedAt: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  paymentInstructions: null,
};

const uptake: OfferingUptake = { offeringId: OFFERING, currency: 'CAD', unitPriceMinor: 10_000, maxUnits: 100, minUnits: 40, points: [] };

const PAYOUT = '00000000-0000-4000-8000-0000000000d1';
const payout: Payout = {
  id: PAYOUT,
  offeringId: OFFERING,
  number: 1,
  kind: 'coupon',
  periodStart: '2025-11-24',
  periodEnd: '2026-11-24',
  paysOn: today,
  status: 'scheduled',
  currency: 'CAD',
  interestMinor: 150_000,
  withheldMinor: 0,
  netInterestMinor: 150_000,
  principalMinor: 0,
  paidOutMinor: 150_000,
  holdersTotal: 3,
  holdersDone: 0,
  journalEntryId: null,
  startedAt: null,
  finishedAt: null,
  actions: ['run'],
};
let schedule: PayoutSchedule = {
  offeringId: OFFERING,
  currency: 'CAD',
  couponFrequency: 'annual',
  dayCount: 'act_365_fixed',
  rateBps: 300,
  withholdingBps: 0,
  issuedOn: '2025-11-24',
  maturesOn: '2030-11-24',
  earlyRedemptionFrom: null,
  items: [payout],
};

const session = (id: string, roles: string[]) => ({
  session: { user: { id, email: 'p@essor.test', name: 'Personne', roles, locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' },
});

let me = session(CHECKER, ['fund_manager']);
let sessionsServed = 0;
let current = offering();
const posted: { path: string; body: unknown; key: string | null }[] = [];

const server = setupServer(
  http.get('*/api/auth/session', () => {
    sessionsServed++;
    return HttpResponse.json(me);
  }),
  http.get('*/api/bonds/offerings', ({ request }) => {
    const status = new URL(request.url).searchParams.get('status');
    const items = [offering({ status: 'open', paidUnits: 12 }), offering({ id: '00000000-0000-4000-8000-0000000000b2', code: 'OBL-FERME-2026', title: 'Ferme urbaine', status: 'draft' })];
    return HttpResponse.json({ items: items.filter((o) => !status || o.status === status), nextCursor: null });
  }),
  http.get('*/api/bonds/offerings/:id/uptake', () => HttpResponse.json(uptake)),
  http.get('*/api/bonds/offerings/:id/subscriptions', () => HttpResponse.json({ items: [subscription], nextCursor: null })),
  http.get('*/api/bonds/offerings/:id/payouts', () => HttpResponse.json(schedule)),
  http.post('*/api/bonds/offerings/:id/payouts/:payoutId/run', async ({ request, params }) => {
    posted.push({ path: `/payouts/${params.payoutId as string}/run`, body: await request.json(), key: request.headers.get('idempotency-key') });
    schedule = { ...schedule, items: [{ ...schedule.items[0], status: 'running', holdersDone: 1, actions: [] }] };
    return HttpResponse.json(schedule.items[0], { status: 202 });
  }),
  http.get('*/api/bonds/offerings/:id', () => HttpResponse.json(current)),
  http.post('*/api/bonds/offerings/:id/:step', async ({ request, params }) => {
    posted.push({ path: `/${params.step as string}`, body: await request.json().catch(() => null), key: request.headers.get('idempotency-key') });
    return HttpResponse.json(current);
  }),
  http.post('*/api/bonds/subscriptions/:id/payments', async ({ request, params }) => {
    posted.push({ path: `/subscriptions/${params.id as string}/payments`, body: await request.json(), key: request.headers.get('idempotency-key') });
    return HttpResponse.json({ ...subscription, paidMinor: 50_000, status: 'paid' }, { status: 201 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  posted.length = 0;
});
afterAll(() => server.close());

function renderDetail() {
  return renderWithProviders(
    <Routes location={`/bonds/offerings/${OFFERING}`}>
      <Route path="/bonds/offerings/:id" element={<OfferingPage />} />
    </Routes>,
  );
}

describe('bond offerings admin', () => {
  it('lists the offerings with their status and progress, and exports the same list as CSV', async () => {
    renderWithProviders(<OfferingsPage />);
    const open = await screen.findByRole('row', { name: /OBL-CAFE-2026/ }, WAIT);
    expect(open.textContent).toContain('Ouverte');
    expect(open.textContent).toContain('12 sur 100');
    expect(open.textContent).toMatch(/10\s000,00\s\$CA/);
    expect(screen.getByRole('row', { name: /OBL-FERME-2026/ }).textContent).toContain('Brouillon');
    expect(screen.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe('/api/bonds/offerings/export.csv');
  });

  it('offers the approval to a fund manager who did not prepare the draft', async () => {
    me = session(CHECKER, ['fund_manager']);
    current = offering({ status: 'draft' });
    renderDetail();
    fireEvent.click(await screen.findByRole('button', { name: 'Approuver' }, WAIT));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ path: '/approve', body: { note: '' } });
  });

  it('does not offer the approval to the person who prepared it, only to ask for it', async () => {
    me = session(PREPARER, ['staff', 'fund_manager']);
    current = offering({ status: 'draft' });
    renderDetail();
    expect(await screen.findByRole('button', { name: "Demander l'approbation" }, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approuver' })).toBeNull();
  });

  it('shows an administrator no action at all', async () => {
    me = session(CHECKER, ['admin']);
    current = offering({ status: 'draft' });
    sessionsServed = 0;
    renderDetail();
    // The register's row is there and the session answered: the actions were worked out with the admin's roles.
    await screen.findByRole('row', { name: /RF18539007547034/ }, WAIT);
    await waitFor(() => expect(sessionsServed).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByRole('button', { name: 'Approuver' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Modifier' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Confirmer un paiement' })).toBeNull();
  });

  it('closes an offering past its closing day only after a confirmation, with an idempotency key', async () => {
    me = session(PREPARER, ['staff']);
    current = offering({ status: 'open', closesOn: daysFrom(-1), paidUnits: 45, reservedUnits: 5 });
    renderDetail();
    fireEvent.click(await screen.findByRole('button', { name: 'Clôturer' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    expect(dialog.textContent).toContain('45 unités payées');
    expect(posted).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clôturer maintenant' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].path).toBe('/close');
    expect(posted[0].key).toBeTruthy();
  });

  it('confirms a payment with the amount still owed, the day and the bank reference, under an idempotency key', async () => {
    me = session(PREPARER, ['staff']);
    current = offering({ status: 'open', reservedUnits: 5 });
    renderDetail();
    fireEvent.click(await screen.findByRole('button', { name: 'Confirmer un paiement' }, WAIT));
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    expect(dialog.textContent).toMatch(/Awa Ndiaye doit encore 300,00\s\$CA sur 500,00\s\$CA/);
    fireEvent.change(within(dialog).getByLabelText('Référence bancaire'), { target: { value: 'VIR-2026-118' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirmer le paiement' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ path: `/subscriptions/${SUBSCRIPTION}/payments`, body: { amountMinor: 30_000, receivedOn: today, bankReference: 'VIR-2026-118' } });
    expect(posted[0].key).toBeTruthy();
  });

  it('runs a due coupon under an idempotency key and then shows how many holders are paid', async () => {
    me = session(PREPARER, ['staff']);
    current = offering({ status: 'active', paidUnits: 50, issuedOn: '2025-11-24', maturesOn: '2030-11-24' });
    renderDetail();
    fireEvent.click(await screen.findByRole('tab', { name: 'Coupons' }, WAIT));
    fireEvent.click(await screen.findByRole('button', { name: 'Lancer le versement' }, WAIT));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ path: `/payouts/${PAYOUT}/run`, body: {} });
    expect(posted[0].key).toBeTruthy();
    expect(await screen.findByText('1 porteurs payés sur 3', {}, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Lancer le versement' })).toBeNull();
  });
});
