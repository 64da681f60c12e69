import { Grid, Select, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import type { FundDashboard } from '@essor/shared/guarantee-dashboard';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { DashboardBreakdownChart } from '../components/dashboard-breakdown-chart';
import { DashboardLeverageGauge, leverageColour } from '../components/dashboard-leverage-gauge';
import { DashboardStatCard } from '../components/dashboard-stat-card';
import { DashboardTrendChart } from '../components/dashboard-trend-chart';
import { useGuaranteeDashboard } from '../dashboard-api';

/** The guarantee fund's dashboard: one fund at a time, in its own currency, as the API computed it. */
export function DashboardPage() {
  const { t } = useTranslation('guaranteeDashboard');
  const dashboard = useGuaranteeDashboard();
  const [picked, setPicked] = useState<string | null>(null);
  const funds = dashboard.data?.funds ?? [];
  const fund = funds.find((f) => f.fundId === picked) ?? funds[0];

  return (
    <Stack>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          funds.length > 0 && (
            <Select
              label={t('fund')}
              data={funds.map((f) => ({ value: f.fundId, label: `${f.fundCode} · ${f.fundName}` }))}
              value={fund?.fundId ?? null}
              onChange={setPicked}
              allowDeselect={false}
              w={320}
            />
          )
        }
      />
      {dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : dashboard.isLoading ? (
        <Skeleton h={320} />
      ) : !fund ? (
        <EmptyState title={t('noFund')} hint={t('noFundHint')} />
      ) : fund.issuedGuaranteedMinor === 0 && fund.liveCount === 0 ? (
        <EmptyState title={t('empty')} hint={t('emptyHint')} />
      ) : (
        <FundView fund={fund} />
      )}
    </Stack>
  );
}

function FundView({ fund }: { fund: FundDashboard }) {
  const { t } = useTranslation('guaranteeDashboard');
  const format = useFormat();
  const money = (minor: number) => format.money(minor, fund.currency);
  const times = (hundredths: number | null) => (hundredths === null ? '—' : t('times', { value: format.decimal(hundredths / 100, 2) }));
  const rate = (bps: number | null) => (bps === null ? '—' : format.percent(bps / 10_000));
  const colour = leverageColour(fund.leverageHundredths, fund.leverageCapPct);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <DashboardStatCard testId="stat-exposure" label={t('stats.exposure')} value={money(fund.exposureMinor)} hint={t('stats.exposureHint', { count: fund.liveCount, amount: money(fund.guaranteedLiveMinor) })} />
        <DashboardStatCard
          testId="stat-leverage"
          label={t('stats.leverage')}
          value={times(fund.leverageHundredths)}
          color={colour === 'gray' || colour === 'teal' ? undefined : colour}
          hint={fund.leverageCapPct === null ? t('gauge.noPolicy') : t('gauge.cap', { value: format.decimal(fund.leverageCapPct / 100, 2) })}
        />
        <DashboardStatCard testId="stat-multiplier" label={t('stats.multiplier')} value={times(fund.multiplierHundredths)} hint={t('stats.multiplierHint', { amount: money(fund.issuedLoansMinor) })} />
        <DashboardStatCard testId="stat-provisions" label={t('stats.provisions')} value={money(fund.provisionsMinor)} hint={t('stats.netAssets', { amount: money(fund.netAssetsMinor) })} />
        <DashboardStatCard testId="stat-loss-rate" label={t('stats.lossRate')} value={rate(fund.lossRateBps)} />
        <DashboardStatCard testId="stat-recovery-rate" label={t('stats.recoveryRate')} value={rate(fund.recoveryRateBps)} />
        <DashboardStatCard testId="stat-paid" label={t('stats.paid')} value={money(fund.paidMinor)} />
        <DashboardStatCard testId="stat-recovered" label={t('stats.recovered')} value={money(fund.recoveredMinor)} hint={t('stats.fees', { amount: money(fund.feesMinor) })} />
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 4 }}><DashboardLeverageGauge fund={fund} /></Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}><DashboardTrendChart fund={fund} /></Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <DashboardBreakdownChart breakdown="bank" slices={fund.byBank} currency={fund.currency} fundId={fund.fundId} />
        <DashboardBreakdownChart breakdown="sector" slices={fund.bySector} currency={fund.currency} fundId={fund.fundId} />
        <DashboardBreakdownChart breakdown="district" slices={fund.byDistrict} currency={fund.currency} fundId={fund.fundId} />
        <DashboardBreakdownChart
          breakdown="risk-class"
          slices={fund.byRiskClass}
          currency={fund.currency}
          fundId={fund.fundId}
          labelOf={(slice) => t(`riskClass.${slice.key}`)}
        />
      </SimpleGrid>
    </Stack>
  );
}
