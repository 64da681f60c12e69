import { Card, SimpleGrid, Text } from '@mantine/core';
import type { FundFigures } from '@essor/shared/funds';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

const SHOWN: (keyof FundFigures)[] = ['capitalMinor', 'committedMinor', 'disbursedMinor', 'repaidMinor', 'availableMinor', 'outstandingCommitmentsMinor', 'loansOutstandingMinor', 'equipmentValueMinor'];

/** The fund's figures as the ledger gives them; nothing is computed here. */
export function FiguresGrid({ figures, currency, compact = false }: { figures: FundFigures; currency: string; compact?: boolean }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const keys = compact ? SHOWN.slice(0, 5) : SHOWN;
  return (
    <SimpleGrid cols={{ base: 2, sm: compact ? 5 : 4 }} spacing="sm">
      {keys.map((key) => (
        <Card key={key} withBorder padding="sm" data-figure={key}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t(`figures.${key}`)}</Text>
          <Text fw={700} size={compact ? 'sm' : 'lg'} c={key === 'availableMinor' ? 'teal.8' : undefined} aria-label={t(`figures.${key}`)}>
            {format.money(figures[key], currency)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
