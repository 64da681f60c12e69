// @vitest-environment jsdom
import type { MatchPledge } from '@essor/shared/bond-matchfunding';
import type { Offering } from '@essor/shared/bonds';
import type { Fund } from '@essor/shared/funds';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MatchPledgesPanel } from '../../web/src/features/bonds/components/match-pledges-panel';
import { OfferingProgress } from '../../web/src/features/invest/components/offering-progress';
import { renderWithProviders } from './render';

const OFFERING = '00000000-0000-4000-8000-0000000000b1';
const STRUCTURE = '00000000-0000-4000-8000-000000000001';
const FUND_A = '00000000-0000-4000-8000-0000000000f1';
const FUND_B = '00000000-0000-4000-8000-0000000000f2';
const WAIT = { timeout: 5000 };

const offering = { id: OFFERING, structureId: STRUCTURE, code: 'OBL-CAFE-2026', currency: 'CAD', status: 'open', paidUnits: 45, unitPriceMinor: 2_501 } as Offering;

const pledge = (over: Partial<MatchPledge>): MatchPledge => ({
  id: '00000000-0000-4000-8000-0000000000e1',
  offeringId: OFFERING,
  fundId: FUND_A,
  fundCode: 'FCO-A',
  fundName: 'Fonds A',
  ratioBps: 10_000,
  capMinor: 100_000,
  currency: 'CAD',
  status: 'pledged',
  matchedMinor: 0,
  matchedSoFarMinor: 100_000,
  note: '',
  createdAt: '2026-11-20T10:00:00.000Z',
  settledAt: null,
  ...over,
});

const pledges = [pledge({}), pledge({ id: '00000000-0000-4000-8000-0000000000e2', fundId: FUND_B, fundCode: 'FCO-B', ratioBps: 5_000, capMinor: 80_000, matchedSoFarMinor: 56_273 })];
const fund = (id: string, code: string, over: Partial<Fund> = {}) => ({ id, code, name: `Fonds ${code}`, type: 'co_financing', status: 'active', currency: 'CAD', structureId: STRUCTURE, ...over }) as Fund;
const posted: { path: string; body: unknown; key: string | null }[] = [];

const server = setupServer(
  http.get('*/api/bonds/offerings/:id/match-pledges', () => HttpResponse.json(pledges)),
  http.get('*/api/funds', () =>
    HttpResponse.json([fund(FUND_A, 'FCO-A'), fund('00000000-0000-4000-8000-0000000000f3', 'FID-MTL', { type: 'bond_trust' }), fund('00000000-0000-4000-8000-0000000000f4', 'FCO-XOF', { currency: 'XOF' })]),
  ),
  http.post('*/api/bonds/offerings/:id/match-pledges', async ({ request }) => {
    posted.push({ path: '/match-pledges', body: await request.json(), key: request.headers.get('idempotency-key') });
    return HttpResponse.json(pledge({}), { status: 201 });
  }),
  http.post('*/api/bonds/match-pledges/:id/withdraw', async ({ request, params }) => {
    posted.push({ path: `/withdraw/${params.id as string}`, body: await request.json(), key: request.headers.get('idempotency-key') });
    return HttpResponse.json(pledge({ status: 'released' }));
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  posted.length = 0;
});
afterAll(() => server.close());

const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

describe('the matchfunding panel', () => {
  it('lists the pledges with what each gives on what is paid now, and their total', async () => {
    renderWithProviders(<MatchPledgesPanel offering={offering} person={{ roles: ['staff'] }} />);
    const total = await screen.findByText(/Abondement acquis/, undefined, WAIT);
    expect(digits(total.textContent)).toBe('156273');
    expect(screen.getByText('0,5 pour 1')).toBeTruthy();
    expect(screen.getByText('1 pour 1')).toBeTruthy();
    // Staff read; only a fund manager pledges or withdraws.
    expect(screen.queryByRole('button', { name: 'Promettre un abondement' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retirer' })).toBeNull();
  });

  it("lets a fund manager pledge from a fund of the offering's structure and currency, with an idempotency key", async () => {
    renderWithProviders(<MatchPledgesPanel offering={offering} person={{ roles: ['fund_manager'] }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Promettre un abondement' }, WAIT));
    const dialog = await screen.findByRole('dialog');
    const select = within(dialog).getByRole('combobox', { name: /^Fonds/ });
    select.focus();
    fireEvent.click(select);
    // Trust books and another currency are not offered.
    expect(await screen.findByRole('option', { name: /FCO-A/, hidden: true }, WAIT)).toBeTruthy();
    expect(screen.queryByRole('option', { name: /FID-MTL/, hidden: true })).toBeNull();
    expect(screen.queryByRole('option', { name: /FCO-XOF/, hidden: true })).toBeNull();
    fireEvent.click(screen.getByRole('option', { name: /FCO-A/, hidden: true }));
    fireEvent.change(within(dialog).getByLabelText(/^Ratio/), { target: { value: '0,5' } });
    fireEvent.change(within(dialog).getByLabelText(/^Plafond/), { target: { value: '750,50' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Engager le plafond' }));
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0].body).toEqual({ fundId: FUND_A, ratioBps: 5_000, capMinor: 75_050, note: '' });
    expect(posted[0].key).toBeTruthy();
  });

  it('withdraws a pledge with its own idempotency key', async () => {
    renderWithProviders(<MatchPledgesPanel offering={offering} person={{ roles: ['fund_manager'] }} />);
    const buttons = await screen.findAllByRole('button', { name: 'Retirer' }, WAIT);
    fireEvent.click(buttons[0]);
    await waitFor(() => expect(posted).toHaveLength(1), WAIT);
    expect(posted[0]).toMatchObject({ path: `/withdraw/${pledges[0].id}`, body: {} });
    expect(posted[0].key).toBeTruthy();
  });
});

describe('the public progress', () => {
  it('shows the match earned so far and the pledged caps, only when a fund matches', () => {
    const base = { paidUnits: 45, reservedUnits: 0, maxUnits: 100, minUnits: 40, unitPriceMinor: 2_501, currency: 'CAD' as const };
    renderWithProviders(<OfferingProgress offering={{ ...base, matchedSoFarMinor: 156_273, matchPledgedCapMinor: 180_000 }} />);
    const line = screen.getByText(/^Abondement/);
    expect(digits(line.textContent)).toBe('156273' + '180000');
    cleanup();
    renderWithProviders(<OfferingProgress offering={{ ...base, matchedSoFarMinor: 0, matchPledgedCapMinor: 0 }} />);
    expect(screen.queryByText(/^Abondement/)).toBeNull();
  });
});
