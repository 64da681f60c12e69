// @vitest-environment jsdom
import type { OfferingInvestor, Payout, PayoutSchedule, Transfer } from '@essor/shared/bond-payouts';
import type { Holding, Offering } from '@essor/shared/bonds';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TransferModal } from '../../web/src/features/bonds/components/transfer-modal';
import { OfferingPage } from '../../web/src/features/bonds/pages/offering-page';
import { renderWithProviders } from './render';

const OFFERING = '00000000-0000-4000-8000-0000000000b1';
const AWA = '00000000-0000-4000-8000-000000000401';
const BRUNO = '00000000-0000-4000-8000-000000000402';
const CLARA = '00000000-0000-4000-8000-000000000403';
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
  useOfFunds: '',
  impactAim: '',
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
  opensOn: daysFrom(-400),
  closesOn: daysFrom(-370),
  issuedOn: daysFrom(-365),
  maturesOn: daysFrom(1460),
  paymentDays: 10,
  withholdingBps: 0,
  earlyRedemptionFrom: daysFrom(-1),
  status: 'active',
  reservedUnits: 0,
  paidUnits: 100,
  createdBy: '00000000-0000-4000-8000-000000000011',
  approvedBy: '00000000-0000-4000-8000-000000000012',
  createdAt: '2025-11-01T09:00:00.000Z',
  updatedAt: '2025-11-01T09:00:00.000Z',
  ...over,
} as Offering);

const investors: OfferingInvestor[] = [
  { id: AWA, fullName: 'Awa Ndiaye', unitsHeld: 6 },
  { id: BRUNO, fullName: 'Bruno Lefebvre', unitsHeld: 4 },
  { id: CLARA, fullName: 'Clara Roy', unitsHeld: 0 },
];

const earlyPayout: Payout = {
  id: '00000000-0000-4000-8000-0000000000d9',
  offeringId: OFFERING,
  number: 2,
  kind: 'early_redemption',
  periodStart: daysFrom(-365),
  periodEnd: today,
  paysOn: today,
  status: 'scheduled',
  currency: 'CAD',
  interestMinor: 30_000,
  withheldMinor: 0,
  netInterestMinor: 30_000,
  principalMinor: 1_000_000,
  paidOutMinor: 1_030_000,
  holdersTotal: 2,
  holdersDone: 0,
  journalEntryId: null,
  startedAt: null,
  finishedAt: null,
  actions: [],
};
let schedule: PayoutSchedule;

const holding: Holding = {
  id: '00000000-0000-4000-8000-0000000000e1',
  offeringId: OFFERING,
  investorId: AWA,
  holderName: 'Awa Ndiaye',
  holderAddress: '1 rue du Test',
  firstNumber: 1,
  lastNumber: 6,
  units: 6,
  heldFrom: daysFrom(-365),
  heldUntil: null,
  origin: 'allotment',
  subscriptionId: SUBSCRIPTION,
};

const transfer: Transfer = {
  id: '00000000-0000-4000-8000-0000000000f1',
  offeringId: OFFERING,
  fromInvestorId: BRUNO,
  fromName: 'Bruno Lefebvre',
  toInvestorId: CLARA,
  toName: 'Clara Roy',
  units: 2,
  transferredOn: daysFrom(-30),
  reason: 'Succession',
  recordedBy: '00000000-0000-4000-8000-000000000011',
  createdAt: '2026-10-25T10:00:00.000Z',
};

let current = offering();
const me = { session: { user: { id: '00000000-0000-4000-8000-000000000011', email: 'p@essor.test', name: 'Personne', roles: ['staff'], locale: 'fr', memberships: [] }, csrfToken: 'csrf', expiresAt: '2099-01-01T00:00:00.000Z' } };
const posted: { path: string; body: unknown; key: string | null }[] = [];
/** What the next transfer POST answers: the transfer, or the API's refusal with its per-field messages. */
let transferReply: () => Response;
const investorQueries: URLSearchParams[] = [];

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/bonds/offerings/:id/uptake', () => HttpResponse.json({ offeringId: OFFERING, currency: 'CAD', unitPriceMinor: 10_000, maxUnits: 100, minUnits: 40, points: [] })),
  http.get('*/api/bonds/offerings/:id/subscriptions', () => HttpResponse.json({ items: [], nextCursor: null })),
  http.get('*/api/bonds/offerings/:id/holders', () => HttpResponse.json({ items: [holding], nextCursor: null })),
  http.get('*/api/bonds/offerings/:id/payouts', () => HttpResponse.json(schedule)),
  http.get('*/api/bonds/offerings/:id/transfers', () => HttpResponse.json({ items: [transfer], nextCursor: null })),
  http.get('*/api/bonds/offerings/:id/investors', ({ request }) => {
    const params = new URL(request.url).searchParams;
    investorQueries.push(params);
    const q = (params.get('q') ?? '').toLowerCase();
    return HttpResponse.json(investors.filter((i) => (params.get('holding') !== 'true' || i.unitsHeld > 0) && i.fullName.toLowerCase().includes(q)));
  }),
  http.get('*/api/bonds/offerings/:id', () => HttpResponse.json(current)),
  http.post('*/api/bonds/offerings/:id/early-redemption', async ({ request }) => {
    posted.push({ path: '/early-redemption', body: await request.json(), key: request.headers.get('idempotency-key') });
    schedule = { ...schedule, items: [...schedule.items, earlyPayout] };
    return HttpResponse.json(earlyPayout, { status: 201 });
  }),
  http.post('*/api/bonds/offerings/:id/transfers', async ({ request }) => {
    posted.push({ path: '/transfers', body: await request.json(), key: request.headers.get('idempotency-key') });
    return transferReply();
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  posted.length = 0;
  investorQueries.length = 0;
});
afterAll(() => server.close());

function resetSchedule() {
  schedule = {
    offeringId: OFFERING,
    currency: 'CAD',
    couponFrequency: 'annual',
    dayCount: 'act_365_fixed',
    rateBps: 300,
    withholdingBps: 0,
    issuedOn: current.issuedOn,
    maturesOn: current.maturesOn,
    earlyRedemptionFrom: current.earlyRedemptionFrom,
    items: [{ ...earlyPayout, id: '00000000-0000-4000-8000-0000000000d1', number: 1, kind: 'coupon', paysOn: daysFrom(200), interestMinor: 30_000, principalMinor: 0, paidOutMinor: 30_000 }],
  };
}

function renderDetail() {
  return renderWithProviders(
    <Routes location={`/bonds/offerings/${OFFERING}`}>
      <Route path="/bonds/offerings/:id" element={<OfferingPage />} />
    </Routes>,
  );
}

async function pick(label: RegExp, option: RegExp) {
  const input = screen.getByRole('combobox', { name: label });
  input.focus();
  fireEvent.click(input);
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }, WAIT));
}

describe('early redemption', () => {
  it('is offered once the terms allow it, sends the day with an idempotency key, and the payout joins the schedule', async () => {
    current = offering();
    resetSchedule();
    renderDetail();
    fireEvent.click(await screen.findByRole('tab', { name: 'Coupons' }, WAIT));
    fireEvent.click(await screen.findByRole('button', { name: 'Rembourser par anticipation' }, WAIT));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Date du remboursement/), { target: { value: today } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirmer le remboursement anticipé' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].body).toEqual({ on: today });
    expect(posted[0].key).toMatch(/.{8,}/);
    expect(await screen.findByRole('cell', { name: 'Remboursement anticipé' }, WAIT)).toBeTruthy();
  });

  it('is not offered before the early redemption day, nor without one', async () => {
    for (const earlyRedemptionFrom of [daysFrom(30), null]) {
      current = offering({ earlyRedemptionFrom });
      resetSchedule();
      renderDetail();
      fireEvent.click(await screen.findByRole('tab', { name: 'Coupons' }, WAIT));
      await screen.findByRole('cell', { name: 'Coupon' }, WAIT);
      expect(screen.queryByRole('button', { name: 'Rembourser par anticipation' })).toBeNull();
      cleanup();
    }
  });
});

describe('transfers', () => {
  it('lists the transfers with their CSV, and links each allotted holder line to its certificate', async () => {
    current = offering();
    resetSchedule();
    renderDetail();
    fireEvent.click(await screen.findByRole('tab', { name: 'Registre des porteurs' }, WAIT));
    const line = await screen.findByRole('row', { name: /Awa Ndiaye/ }, WAIT);
    expect(within(line).getByRole('link', { name: 'Certificat (PDF)' }).getAttribute('href')).toBe(`/api/bonds/subscriptions/${SUBSCRIPTION}/certificate.pdf`);
    fireEvent.click(screen.getByRole('tab', { name: 'Cessions' }));
    const row = await screen.findByRole('row', { name: /Clara Roy/ }, WAIT);
    expect(row.textContent).toContain('Bruno Lefebvre');
    expect(row.textContent).toContain('Succession');
    expect(screen.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe(`/api/bonds/offerings/${OFFERING}/transfers.csv`);
    expect(screen.getByRole('button', { name: 'Enregistrer une cession' })).toBeTruthy();
  });

  it('sends the chosen giver, receiver, units, day and reason with one idempotency key, and shows the refusal on its field', async () => {
    transferReply = () =>
      HttpResponse.json({ error: { code: 'invalid', message: 'Plus que ce que le cédant détient', fields: { units: ['4 au plus'] } } }, { status: 422 });
    renderWithProviders(<TransferModal offering={offering()} onClose={() => {}} />);
    await pick(/^Cédant/, /Bruno Lefebvre \(4 obligations\)/);
    // The giver is picked among those holding bonds; the receiver among every investor of the structure.
    expect(investorQueries[0].get('holding')).toBe('true');
    expect(screen.queryByRole('option', { name: /Clara Roy \(/, hidden: true })).toBeNull();
    await pick(/^Bénéficiaire/, /^Clara Roy$/);
    fireEvent.change(screen.getByRole('textbox', { name: /^Obligations/ }), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText(/^Date de la cession/), { target: { value: daysFrom(-2) } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Motif/ }), { target: { value: '  Vente entre membres ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la cession' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].body).toEqual({ fromInvestorId: BRUNO, toInvestorId: CLARA, units: 5, on: daysFrom(-2), reason: 'Vente entre membres' });
    expect(posted[0].key).toMatch(/.{8,}/);
    // The API's message sits under the units; the retry after fixing them carries the same key.
    expect(await screen.findByText('4 au plus')).toBeTruthy();
    transferReply = () => HttpResponse.json(transfer, { status: 201 });
    fireEvent.change(screen.getByRole('textbox', { name: /^Obligations/ }), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la cession' }));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1].body).toMatchObject({ units: 4 });
    expect(posted[1].key).toBe(posted[0].key);
  });
});
