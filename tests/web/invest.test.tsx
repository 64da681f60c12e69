// @vitest-environment jsdom
import type { MyPayouts } from '@essor/shared/bond-investor';
import type { PublicOffering, Subscription } from '@essor/shared/bonds';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES } from '../../web/src/app/i18n-resources';
import { theme } from '../../web/src/app/theme';
import { MyBondsPage } from '../../web/src/features/invest/pages/my-bonds-page';
import { OfferingPage } from '../../web/src/features/invest/pages/offering-page';
import { OfferingsPage } from '../../web/src/features/invest/pages/offerings-page';
import { initI18n, type Language } from '../../web/src/lib/i18n';
import { polyfillDom } from './render';

const OFFERING_ID = '00000000-0000-4000-8000-0000000000a1';
const STRUCTURE = '00000000-0000-4000-8000-000000000001';

const offering: PublicOffering = {
  id: OFFERING_ID,
  code: 'OBL-FOUR-2026',
  title: 'Le Four Solidaire',
  issuerName: 'Coopérative du Four',
  summaryFr: 'Un four à pain coopératif dans Rosemont.',
  summaryEn: 'A cooperative bread oven in Rosemont.',
  noticeFr: 'Notice complète de l’offre.',
  noticeEn: 'Full notice of the offering.',
  useOfFunds: 'Achat du four',
  impactAim: 'Six emplois',
  currency: 'CAD',
  unitPriceMinor: 10_000,
  maxUnits: 500,
  minUnits: 200,
  minUnitsPerPerson: 1,
  maxUnitsPerPerson: 50,
  rateBps: 350,
  termMonths: 60,
  couponFrequency: 'annual',
  dayCount: 'act_365_fixed',
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  status: 'open',
  paidUnits: 120,
  reservedUnits: 30,
  remainingUnits: 350,
  withholdingBps: 1_500,
  earlyRedemptionFrom: null,
};

const instructions = (amountMinor: number) => ({
  reference: 'RF18OBK3M79QX2',
  referenceDisplay: 'RF18 OBK3 M79Q X2',
  amountMinor,
  currency: 'CAD' as const,
  trustAccountName: 'Fiducie obligations Montréal',
  trustAccountCode: 'FID-MTL',
  trustAccountDetails: 'Caisse solidaire, transit 00123, compte 4567890',
  dueBy: '2026-12-05T15:00:00.000Z',
});

function subscription(overrides: Partial<Subscription>): Subscription {
  return {
    id: '00000000-0000-4000-8000-0000000000b1',
    seq: 1,
    structureId: STRUCTURE,
    offeringId: OFFERING_ID,
    offeringCode: offering.code,
    offeringTitle: offering.title,
    investorId: '00000000-0000-4000-8000-0000000000c1',
    investorName: 'Louise Côté',
    units: 3,
    amountMinor: 30_000,
    paidMinor: 0,
    currency: 'CAD',
    reference: 'RF18OBK3M79QX2',
    status: 'reserved',
    reservedAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2026-11-30T10:00:00.000Z',
    paidAt: null,
    closedAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    paymentInstructions: null,
    ...overrides,
  };
}

const investorSession = {
  session: {
    user: { id: '00000000-0000-4000-8000-000000000010', email: 'louise@essor.test', name: 'Louise Côté', roles: ['investor'], locale: 'fr', memberships: [] },
    csrfToken: 'csrf',
    expiresAt: '2099-01-01T00:00:00.000Z',
  },
};

let me: typeof investorSession | { session: null } = { session: null };
let profiles: unknown[] = [];
let sent: { path: string; body: unknown; key: string | null }[] = [];
let mine: Subscription[] = [];
let payouts: MyPayouts;

const server = setupServer(
  http.get('*/api/auth/session', () => HttpResponse.json(me)),
  http.get('*/api/bonds/public/offerings', () => HttpResponse.json({ items: [offering], nextCursor: null })),
  http.get('*/api/bonds/public/offerings/:id', () => HttpResponse.json(offering)),
  http.get('*/api/bonds/me/profiles', () => HttpResponse.json(profiles)),
  http.post('*/api/bonds/me/profiles', async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    sent.push({ path: 'profiles', body, key: null });
    return HttpResponse.json({ id: '00000000-0000-4000-8000-0000000000c1', structureId: STRUCTURE, fullName: body.fullName, address: body.address, bornOn: body.bornOn, termsAcceptedAt: 'x', riskAcceptedAt: 'x' });
  }),
  http.post('*/api/bonds/offerings/:id/subscriptions', async ({ request }) => {
    const body = (await request.json()) as { units: number };
    sent.push({ path: 'subscribe', body, key: request.headers.get('idempotency-key') });
    return HttpResponse.json(subscription({ units: body.units, amountMinor: body.units * 10_000, paymentInstructions: instructions(body.units * 10_000) }), { status: 201 });
  }),
  http.get('*/api/bonds/me/subscriptions', () => HttpResponse.json({ items: mine, nextCursor: null })),
  http.post('*/api/bonds/me/subscriptions/:id/cancel', ({ params }) => {
    sent.push({ path: `cancel ${String(params.id)}`, body: null, key: null });
    return HttpResponse.json(subscription({ id: String(params.id), status: 'cancelled' }));
  }),
  http.get('*/api/bonds/me/payouts', () => HttpResponse.json(payouts)),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  me = { session: null };
  profiles = [];
  sent = [];
  mine = [];
});
afterEach(() => cleanup());
afterAll(() => server.close());

function renderAt(path: string, routes: ReactNode, language: Language = 'fr') {
  polyfillDom();
  initI18n(RESOURCES, language);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>{routes}</Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('public offerings', () => {
  it('lists the open offerings to a visitor, with paid and reserved against the target', async () => {
    renderAt('/invest', <Route path="/invest" element={<OfferingsPage />} />);
    expect(await screen.findByRole('heading', { name: 'Le Four Solidaire' })).toBeTruthy();
    expect(screen.getByText('Coopérative du Four')).toBeTruthy();
    // 120 paid and 30 reserved units of 100 CAD, of 500.
    const bar = screen.getByLabelText('120 titres payés et 30 réservés sur 500');
    expect(bar).toBeTruthy();
    expect(screen.getByText(/12 000,00/)).toBeTruthy();
    expect(screen.getByText(/50 000,00/)).toBeTruthy();
    expect(screen.getByRole('link', { name: "Voir l'offre" }).getAttribute('href')).toBe(`/invest/${OFFERING_ID}`);
  });

  it("shows an offering's terms, notice and risks, and sends a visitor to sign up and back", async () => {
    renderAt(`/invest/${OFFERING_ID}`, <Route path="/invest/:id" element={<OfferingPage />} />);
    expect(await screen.findByRole('heading', { name: 'Le Four Solidaire', level: 1 })).toBeTruthy();
    expect(screen.getByText('3,50 % par an')).toBeTruthy();
    expect(screen.getByText('Une fois par an')).toBeTruthy();
    expect(screen.getByText('1 à 50 titres')).toBeTruthy();
    expect(screen.getByText('15,00 % des intérêts')).toBeTruthy();
    expect(screen.getByText('Investir comporte des risques')).toBeTruthy();
    expect(screen.getByText('Notice complète de l’offre.')).toBeTruthy();
    expect(screen.getByText('Télécharger la notice').closest('a')!.getAttribute('download')).toContain('OBL-FOUR-2026');
    const signUp = await screen.findByRole('link', { name: 'Créer un compte investisseur' });
    expect(signUp.getAttribute('href')).toBe(`/register?next=${encodeURIComponent(`/invest/${OFFERING_ID}`)}`);
    expect(screen.getByRole('link', { name: "J'ai déjà un compte" }).getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/invest/${OFFERING_ID}`)}`);
  });

  it('says it all in English too', async () => {
    renderAt(`/invest/${OFFERING_ID}`, <Route path="/invest/:id" element={<OfferingPage />} />, 'en');
    expect(await screen.findByText('A cooperative bread oven in Rosemont.')).toBeTruthy();
    expect(screen.getByText('Investing carries risks')).toBeTruthy();
    expect(screen.getByText('60 months')).toBeTruthy();
  });
});

describe('subscribing', () => {
  it('registers the investor with their consents, reserves the units once and shows how to pay', async () => {
    me = investorSession;
    renderAt(`/invest/${OFFERING_ID}`, <Route path="/invest/:id" element={<OfferingPage />} />);
    fireEvent.change(await screen.findByLabelText(/Nom complet/), { target: { value: 'Louise Côté' } });
    fireEvent.change(screen.getByLabelText(/Adresse postale/), { target: { value: '4521 rue Fabre, Montréal' } });
    fireEvent.change(screen.getByLabelText(/Date de naissance/), { target: { value: '1968-04-12' } });
    const next = screen.getByRole('button', { name: 'Continuer' });
    expect((next as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/j'accepte les conditions/));
    fireEvent.click(screen.getByLabelText(/je peux perdre l'argent investi/));
    fireEvent.click(next);

    const units = await screen.findByLabelText(/Nombre de titres/);
    fireEvent.change(units, { target: { value: '3' } });
    expect(screen.getByText(/300,00/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer ma souscription' }));

    expect(await screen.findByTestId('payment-reference')).toHaveProperty('textContent', 'RF18 OBK3 M79Q X2');
    expect(screen.getByText('Caisse solidaire, transit 00123, compte 4567890')).toBeTruthy();
    expect(sent.map((s) => s.path)).toEqual(['profiles', 'subscribe']);
    expect(sent[0].body).toEqual({ offeringId: OFFERING_ID, fullName: 'Louise Côté', address: '4521 rue Fabre, Montréal', bornOn: '1968-04-12', acceptTerms: true, acceptRisk: true });
    expect(sent[1].body).toEqual({ units: 3 });
    expect(sent[1].key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tells a signed-in person without an investor account that they need one', async () => {
    me = { session: { ...investorSession.session, user: { ...investorSession.session.user, roles: ['project_holder'] } } };
    renderAt(`/invest/${OFFERING_ID}`, <Route path="/invest/:id" element={<OfferingPage />} />);
    expect(await screen.findByText(/pas un compte investisseur/)).toBeTruthy();
  });
});

describe("the investor's space", () => {
  beforeEach(() => {
    me = investorSession;
    payouts = {
      holdings: [{ offeringId: OFFERING_ID, offeringCode: offering.code, offeringTitle: offering.title, subscriptionId: '00000000-0000-4000-8000-0000000000b2', firstNumber: 11, lastNumber: 20, units: 10, heldFrom: '2025-12-31', maturesOn: '2030-12-31' }],
      upcoming: [{ payoutId: '00000000-0000-4000-8000-0000000000d1', offeringId: OFFERING_ID, offeringCode: offering.code, offeringTitle: offering.title, number: 2, kind: 'coupon', periodStart: '2026-12-31', periodEnd: '2027-12-31', paysOn: '2027-12-31', units: 10, currency: 'CAD', estimatedGrossMinor: 3_500 }],
      paid: [{ id: '00000000-0000-4000-8000-0000000000e1', payoutId: '00000000-0000-4000-8000-0000000000d0', offeringId: OFFERING_ID, offeringCode: offering.code, offeringTitle: offering.title, number: 1, kind: 'coupon', periodStart: '2025-12-31', periodEnd: '2026-12-31', paidOn: '2026-12-31', units: 10, currency: 'CAD', grossMinor: 3_500, withheldMinor: 525, netMinor: 2_975, principalMinor: 0 }],
      statementYears: [2026],
    };
    mine = [
      subscription({ status: 'reserved', paymentInstructions: instructions(30_000) }),
      subscription({ id: '00000000-0000-4000-8000-0000000000b2', seq: 2, units: 10, amountMinor: 100_000, paidMinor: 100_000, status: 'allotted', reference: 'RF47OBZZZZZZZZ' }),
    ];
  });

  it('shows each subscription as it stands: how to pay, or the bonds and their certificate', async () => {
    renderAt('/my/bonds', <Route path="/my/bonds" element={<MyBondsPage />} />);
    const cards = await screen.findAllByRole('article');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByText('Réservée, à payer')).toBeTruthy();
    expect(within(cards[0]).getByTestId('payment-reference').textContent).toBe('RF18 OBK3 M79Q X2');
    expect(within(cards[1]).getByText('Obligations attribuées')).toBeTruthy();
    expect(within(cards[1]).getByText(/Obligations n° 11 à 20/)).toBeTruthy();
    expect(within(cards[1]).getByText('Certificat (PDF)').closest('a')!.getAttribute('href')).toBe('/api/bonds/me/subscriptions/00000000-0000-4000-8000-0000000000b2/certificate.pdf');
    expect(within(cards[1]).queryByRole('button', { name: 'Annuler la souscription' })).toBeNull();
  });

  it('lists coupons to come and paid, and links each yearly statement as PDF and CSV', async () => {
    renderAt('/my/bonds', <Route path="/my/bonds" element={<MyBondsPage />} />);
    expect(await screen.findByText(/environ 35,00/)).toBeTruthy();
    expect(screen.getByText(/29,75/)).toBeTruthy();
    expect(screen.getByText(/impôt retenu 5,25/)).toBeTruthy();
    expect(screen.getByText('Relevé 2026 (PDF)').closest('a')!.getAttribute('href')).toBe('/api/bonds/me/statements/2026/statement.pdf');
    expect(screen.getByText('Relevé 2026 (CSV)').closest('a')!.getAttribute('href')).toBe('/api/bonds/me/statements/2026/statement.csv');
  });

  it('cancels a reservation only once the person confirms', async () => {
    renderAt('/my/bonds', <Route path="/my/bonds" element={<MyBondsPage />} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Annuler la souscription' }));
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Oui, annuler' }));
    await waitFor(() => expect(sent.map((s) => s.path)).toEqual(['cancel 00000000-0000-4000-8000-0000000000b1']));
  });
});
