// @vitest-environment jsdom
import type { FundDashboard } from '@essor/shared/guarantee-dashboard';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DashboardPage } from '../../web/src/features/guarantees/pages/dashboard-page';
import { renderWithProviders } from './render';

const slice = (key: string, label: string, count: number, exposureMinor: number, provisionMinor: number) => ({ key, label, count, exposureMinor, provisionMinor });

const busy: FundDashboard = {
  fundId: '00000000-0000-4000-8000-000000000001',
  fundCode: 'FG-MTL',
  fundName: 'Fonds de garantie Montréal',
  structureId: '00000000-0000-4000-8000-000000000100',
  currency: 'CAD',
  openedOn: '2025-01-01',
  liveCount: 3,
  exposureMinor: 8_100_000,
  guaranteedLiveMinor: 9_300_000,
  netAssetsMinor: 3_258_500,
  leverageHundredths: 450,
  leverageCapPct: 500,
  roomMinor: 8_192_500,
  issuedLoansMinor: 25_000_000,
  issuedGuaranteedMinor: 13_900_000,
  multiplierHundredths: 767,
  provisionsMinor: 1_050_000,
  paidMinor: 1_200_000,
  recoveredMinor: 300_000,
  feesMinor: 208_500,
  lossRateBps: 863,
  recoveryRateBps: 2500,
  byBank: [slice('b1', 'Caisse Desjardins', 2, 6_600_000, 1_050_000), slice('b2', 'Banque B', 1, 1_500_000, 0)],
  bySector: [slice('alimentation', 'alimentation', 1, 4_500_000, 0)],
  byDistrict: [slice('Verdun', 'Verdun', 1, 2_100_000, 1_050_000)],
  byRiskClass: [slice('performing', 'performing', 2, 6_000_000, 0), slice('watch', 'watch', 0, 0, 0), slice('doubtful', 'doubtful', 1, 2_100_000, 1_050_000), slice('loss', 'loss', 0, 0, 0)] as FundDashboard['byRiskClass'],
  months: [{ month: '2026-10', endOn: '2026-10-31', exposureMinor: 8_100_000, provisionMinor: 1_050_000, paidMinor: 1_200_000, recoveredMinor: 300_000 }],
};

const fresh: FundDashboard = {
  ...busy,
  fundId: '00000000-0000-4000-8000-000000000002',
  fundCode: 'FG-DKR',
  fundName: 'Fonds de garantie Dakar',
  currency: 'XOF',
  liveCount: 0,
  exposureMinor: 0,
  guaranteedLiveMinor: 0,
  issuedLoansMinor: 0,
  issuedGuaranteedMinor: 0,
  leverageHundredths: 0,
  lossRateBps: null,
  recoveryRateBps: null,
  byBank: [],
  bySector: [],
  byDistrict: [],
  months: [],
};

let funds: FundDashboard[] = [busy, fresh];
const server = setupServer(http.get('*/api/guarantees/dashboard', () => HttpResponse.json({ funds })));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  funds = [busy, fresh];
});
afterAll(() => server.close());

const stat = (id: string) => within(screen.getByTestId(id)).getByText((_, el) => el?.getAttribute('data-role') === 'value').textContent;

describe('guarantee fund dashboard page', () => {
  it('shows the first fund as the API computed it, money and ratios in French', async () => {
    renderWithProviders(<DashboardPage />);
    await screen.findByTestId('stat-exposure');
    expect(stat('stat-exposure')).toMatch(/^81\s000,00\s\$CA$/);
    expect(stat('stat-provisions')).toMatch(/^10\s500,00\s\$CA$/);
    expect(stat('stat-paid')).toMatch(/^12\s000,00\s\$CA$/);
    expect(stat('stat-recovered')).toMatch(/^3\s000,00\s\$CA$/);
    expect(stat('stat-leverage')).toBe('4,50 x');
    expect(stat('stat-multiplier')).toBe('7,67 x');
    expect(stat('stat-loss-rate')).toMatch(/^8,6\s%$/);
    expect(stat('stat-recovery-rate')).toMatch(/^25\s%$/);
    // 4.5x of a 5x cap is past 80 % of it: the gauge warns.
    expect(screen.getByTestId('leverage-gauge').getAttribute('data-colour')).toBe('orange');
    expect(screen.getByTestId('leverage-gauge').textContent).toMatch(/Marge sous le plafond : 81\s925,00\s\$CA/);
    expect(screen.getByText('Par classe de risque')).toBeTruthy();
    const exportLink = within(screen.getByTestId('breakdown-bank')).getByRole('link');
    expect(exportLink.getAttribute('href')).toBe(`/api/guarantees/dashboard/bank.csv?fundId=${busy.fundId}`);
  });

  it('says so when the picked fund has issued nothing yet', async () => {
    renderWithProviders(<DashboardPage />);
    await screen.findByTestId('stat-exposure');
    const picker = screen.getByRole('combobox', { name: 'Fonds de garantie' });
    picker.focus();
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole('option', { name: /FG-DKR/, hidden: true }));
    expect(await screen.findByText('Ce fonds n\'a encore émis aucune garantie')).toBeTruthy();
    expect(screen.queryByTestId('stat-exposure')).toBeNull();
  });

  it('turns the gauge red over the cap, and speaks English', async () => {
    funds = [{ ...busy, leverageHundredths: 520, roomMinor: 0 }];
    renderWithProviders(<DashboardPage />, 'en');
    await screen.findByTestId('stat-exposure');
    expect(screen.getByTestId('leverage-gauge').getAttribute('data-colour')).toBe('red');
    expect(stat('stat-leverage')).toBe('5.20x');
    expect(stat('stat-exposure')).toBe('$81,000.00');
    expect(screen.getByText('Guarantee fund dashboard')).toBeTruthy();
  });

  it('tells a caller without any guarantee fund', async () => {
    funds = [];
    renderWithProviders(<DashboardPage />);
    expect(await screen.findByText('Aucun fonds de garantie')).toBeTruthy();
  });
});
