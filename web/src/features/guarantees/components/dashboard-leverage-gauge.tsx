import { Card, Center, RingProgress, Stack, Text, Title } from '@mantine/core';
import type { FundDashboard } from '@essor/shared/guarantee-dashboard';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/** Share of the cap the leverage uses at which the gauge turns orange. */
const NEAR_CAP = 0.8;

export function leverageColour(leverageHundredths: number | null, capPct: number | null): string {
  if (leverageHundredths === null || capPct === null) return 'gray';
  if (leverageHundredths > capPct) return 'red';
  return leverageHundredths >= capPct * NEAR_CAP ? 'orange' : 'teal';
}

/** Leverage (exposure over net assets) against the policy's cap, with the room left under it. */
export function DashboardLeverageGauge({ fund }: { fund: FundDashboard }) {
  const { t } = useTranslation('guaranteeDashboard');
  const format = useFormat();
  const { leverageHundredths: leverage, leverageCapPct: cap } = fund;
  const used = leverage === null || cap === null ? 0 : Math.min(100, (leverage / cap) * 100);
  const colour = leverageColour(leverage, cap);
  return (
    <Card withBorder data-testid="leverage-gauge" data-colour={colour}>
      <Title order={3} size="h5" mb="sm">{t('gauge.title')}</Title>
      <Center>
        <RingProgress
          size={180}
          thickness={16}
          roundCaps
          sections={[{ value: used, color: colour }]}
          label={
            <Stack gap={0} align="center">
              <Text fw={700} size="lg">{leverage === null ? '—' : t('times', { value: format.decimal(leverage / 100, 2) })}</Text>
              <Text size="xs" c="dimmed">{cap === null ? t('gauge.noPolicy') : t('gauge.cap', { value: format.decimal(cap / 100, 2) })}</Text>
            </Stack>
          }
        />
      </Center>
      <Text size="sm" ta="center" c={colour === 'red' ? 'red' : 'dimmed'}>
        {fund.roomMinor === null ? t('gauge.noPolicy') : t('gauge.room', { amount: format.money(fund.roomMinor, fund.currency) })}
      </Text>
    </Card>
  );
}
