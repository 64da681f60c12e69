import type { CoachingPlan } from '@essor/shared/coaching';
import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMinutes } from './coaching-format';

type Line = CoachingPlan['lines'][number];

/** Consumed (solid) and scheduled (light) hours against the budget of one type of support. */
export function HoursProgress({ line }: { line: Line }) {
  const { t } = useTranslation('coaching');
  const budget = Math.max(line.budgetMinutes, 1);
  const consumed = Math.min(100, (line.consumedMinutes / budget) * 100);
  const scheduled = Math.min(100 - consumed, (line.scheduledMinutes / budget) * 100);
  const over = line.consumedMinutes > line.budgetMinutes;
  return (
    <Stack gap={2}>
      <Group justify="space-between" gap="xs">
        <Text size="sm">{t(`supportTypes.${line.supportType}`)}</Text>
        <Text size="sm" c={over ? 'red' : undefined} data-testid={`hours-${line.supportType}`}>
          {t('plans.consumedOf', { consumed: formatMinutes(line.consumedMinutes), budget: formatMinutes(line.budgetMinutes) })}
        </Text>
      </Group>
      <Tooltip label={t('plans.scheduledHint', { scheduled: formatMinutes(line.scheduledMinutes) })}>
        <Progress.Root size="lg" aria-label={t(`supportTypes.${line.supportType}`)}>
          <Progress.Section value={consumed} color={over ? 'red' : 'teal'} />
          <Progress.Section value={scheduled} color="teal.2" />
        </Progress.Root>
      </Tooltip>
    </Stack>
  );
}
