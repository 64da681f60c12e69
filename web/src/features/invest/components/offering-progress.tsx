import { Group, Progress, Stack, Text } from '@mantine/core';
import type { PublicOffering } from '@essor/shared/bonds';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/** Paid and reserved units against the maximum raise, as two parts of one bar, with the figures in words. */
export function OfferingProgress({ offering }: { offering: Pick<PublicOffering, 'paidUnits' | 'reservedUnits' | 'maxUnits' | 'minUnits' | 'unitPriceMinor' | 'currency' | 'matchedSoFarMinor' | 'matchPledgedCapMinor'> }) {
  const { t } = useTranslation('invest');
  const f = useFormat();
  const share = (units: number) => (offering.maxUnits > 0 ? Math.min(100, (units / offering.maxUnits) * 100) : 0);
  const money = (units: number) => f.money(units * offering.unitPriceMinor, offering.currency);
  return (
    <Stack gap={6}>
      <Progress.Root size="lg" radius="xl" aria-label={t('progress.label', { paid: offering.paidUnits, reserved: offering.reservedUnits, max: offering.maxUnits })}>
        <Progress.Section value={share(offering.paidUnits)} color="essor.7" aria-label={t('progress.paid')} />
        <Progress.Section value={share(offering.reservedUnits)} color="essor.3" aria-label={t('progress.reserved')} />
      </Progress.Root>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">
          <Text span fw={700}>{money(offering.paidUnits)}</Text> {t('progress.paid')} · {money(offering.reservedUnits)} {t('progress.reserved')}
        </Text>
        <Text size="sm" c="dimmed">{t('progress.target', { amount: money(offering.maxUnits) })}</Text>
      </Group>
      <Text size="xs" c="dimmed">{t('progress.minimum', { amount: money(offering.minUnits) })}</Text>
      {(offering.matchPledgedCapMinor ?? 0) > 0 && (
        <Text size="sm" c="teal.8" fw={600}>
          {t('progress.matched', { amount: f.money(offering.matchedSoFarMinor ?? 0, offering.currency), cap: f.money(offering.matchPledgedCapMinor ?? 0, offering.currency) })}
        </Text>
      )}
    </Stack>
  );
}
