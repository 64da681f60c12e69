// @vitest-environment jsdom
import type { Settlement } from '@essor/shared/bond-settlement';
import type { Offering } from '@essor/shared/bonds';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettlementCard } from '../../web/src/features/bonds/components/settlement-card';
import { renderWithProviders } from './render';

const OFFERING = '00000000-0000-4000-8000-0000000000b7';
const WAIT = { timeout: 5000 };
const daysFrom = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const offering = (over: Partial<Offering> = {}): Offering => ({
  id: OFFERING,
  structureId: '00000000-0000-4000-8000-000000000001',
  code: 'OBL-FOUR-2026',
  issuerProjectId: '00000000-0000-4000-8000-000000000200',
  issuerName: 'Fournil coopératif',
  trustFundId: '00000000-0000-4000-8000-000000000300',
  trustFundCode: 'FID-MTL',
  title: 'Obligations du Fournil',
  summaryFr: '',
  summaryEn: '',
  noticeFr: '',
  noticeEn: '',
  useOfFunds: '',
  impactAim: '',
  currency: 'CAD',
  unitPriceMinor: 2_500,
  maxUnits: 50,
  minUnits: 5,
  minUnitsPerPerson: 1,
  maxUnitsPerPerson: 20,
  rateBps: 300,
  termMonths: 60,
  couponFrequency: 'annual',
  dayCount: 'act_365_fixed',
  opensOn: daysFrom(-40),
  closesOn: daysFrom(-2),
  issuedOn: daysFrom(-1),
  maturesOn: daysFrom(1800),
  paymentDays: 10,
  withholdingBps: 0,
  earlyRedemptionFrom: null,
  status: 'active',
  reservedUnits: 0,
  paidUnits: 13,
  createdBy: '00000000-0000-4000-8000-000000000011',
  approvedBy: '00000000-0000-4000-8000-000000000012',
  cancelledReason: null,
  cancelledAt: null,
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-10-01T09:00:00.000Z',
  ...over,
} as Offering);

const unpaid: Settlement = {
  offeringId: OFFERING,
  offeringCode: 'OBL-FOUR-2026',
  issuerName: 'Fournil coopératif',
  currency: 'CAD',
  payableMinor: 32_500,
  paidOverMinor: 0,
  remainingMinor: 32_500,
  entries: [],
  actions: ['pay_over'],
};
const paid: Settlement = { ...unpaid, paidOverMinor: 32_500, remainingMinor: 0, actions: [], entries: [{ journalEntryId: 812, occurredOn: daysFrom(0), amountMinor: 32_500, description: 'Offre OBL-FOUR-2026' }] };

let current = unpaid;
const posted: { body: unknown; key: string | null }[] = [];
let payOverReply: () => Response;

const server = setupServer(
  http.get('*/api/bonds/offerings/:id/settlement', () => HttpResponse.json(current)),
  http.post('*/api/bonds/offerings/:id/pay-over', async ({ request }) => {
    posted.push({ body: await request.json(), key: request.headers.get('idempotency-key') });
    return payOverReply();
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  posted.length = 0;
  current = unpaid;
});
afterAll(() => server.close());

describe('the transfer to the issuer', () => {
  it('shows what is owed, paid over and left, the transfer order, and sends the day and bank reference with one idempotency key', async () => {
    payOverReply = () => HttpResponse.json({ error: { code: 'invalid', message: 'La date comptable est postérieure à aujourd’hui', fields: { paidOn: ['Après aujourd’hui'] } } }, { status: 422 });
    renderWithProviders(<SettlementCard offering={offering()} person={{ roles: ['fund_manager'] }} />);
    expect(await screen.findByText('Versement à l\'émetteur', undefined, WAIT)).toBeTruthy();
    expect(await screen.findByText('Reste à verser', undefined, WAIT)).toBeTruthy();
    expect(screen.getAllByText(/325,00/)).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Ordre de virement pour la banque (CSV)' }).getAttribute('href')).toBe(`/api/bonds/offerings/${OFFERING}/issuer-transfer.csv`);
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le virement à l\'émetteur' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Date du virement/), { target: { value: daysFrom(3) } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Référence bancaire/ }), { target: { value: '  VIR-2026-118 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer le virement' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].body).toEqual({ paidOn: daysFrom(3), bankReference: 'VIR-2026-118' });
    expect(posted[0].key).toMatch(/.{8,}/);
    // The refusal sits under the date; the retry after fixing it carries the same key.
    expect(await screen.findByText('Après aujourd’hui')).toBeTruthy();
    current = paid;
    payOverReply = () => HttpResponse.json(paid, { status: 201 });
    fireEvent.change(within(dialog).getByLabelText(/^Date du virement/), { target: { value: daysFrom(0) } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer le virement' }));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1].body).toEqual({ paidOn: daysFrom(0), bankReference: 'VIR-2026-118' });
    expect(posted[1].key).toBe(posted[0].key);
    expect(await screen.findByText('La levée est entièrement versée à l\'émetteur', undefined, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enregistrer le virement à l\'émetteur' })).toBeNull();
  });

  it('lets staff download the transfer order but not record the transfer', async () => {
    renderWithProviders(<SettlementCard offering={offering()} person={{ roles: ['staff'] }} />);
    expect(await screen.findByRole('link', { name: 'Ordre de virement pour la banque (CSV)' }, WAIT)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Enregistrer le virement à l\'émetteur' })).toBeNull();
  });

  it('offers the refund file for a failed or cancelled offering, without asking the API', async () => {
    for (const status of ['failed', 'cancelled'] as const) {
      renderWithProviders(<SettlementCard offering={offering({ status, issuedOn: null })} person={{ roles: ['staff'] }} />);
      expect(screen.getByRole('link', { name: 'Fichier des remboursements (CSV)' }).getAttribute('href')).toBe(`/api/bonds/offerings/${OFFERING}/refunds.csv`);
      cleanup();
    }
    expect(posted).toHaveLength(0);
  });
});
