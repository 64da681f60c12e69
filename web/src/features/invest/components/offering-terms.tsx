import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { PublicOffering } from '@essor/shared/bonds';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/** The terms a person weighs before subscribing, as label and value pairs that wrap on a phone. */
export function OfferingTerms({ offering }: { offering: PublicOffering }) {
  const { t } = useTranslation('invest');
  const f = useFormat();
  const terms: [string, string][] = [
    [t('terms.unitPrice'), f.money(offering.unitPriceMinor, offering.currency)],
    [t('terms.rate'), t('terms.rateValue', { rate: f.decimal(offering.rateBps / 100, 2) })],
    [t('terms.term'), t('terms.termValue', { count: offering.termMonths })],
    [t('terms.frequency'), t(`frequency.${offering.couponFrequency}`)],
    [t('terms.opensOn'), f.date(offering.opensOn)],
    [t('terms.closesOn'), f.date(offering.closesOn)],
    [t('terms.perPerson'), t('terms.perPersonValue', { min: offering.minUnitsPerPerson, max: offering.maxUnitsPerPerson })],
    [t('terms.maxRaise'), f.money(offering.maxUnits * offering.unitPriceMinor, offering.currency)],
    [t('terms.remaining'), f.number(offering.remainingUnits)],
    [t('terms.withholding'), t('terms.withholdingValue', { rate: f.decimal(offering.withholdingBps / 100, 2) })],
    [t('terms.earlyRedemption'), offering.earlyRedemptionFrom ? t('terms.earlyRedemptionFrom', { date: f.date(offering.earlyRedemptionFrom) }) : t('terms.atMaturityOnly')],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md" verticalSpacing="sm">
      {terms.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed">{label}</Text>
          <Text fw={600}>{value}</Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
