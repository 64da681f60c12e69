import type { CoachingPlan } from '@essor/shared/coaching';
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMinutes } from './coaching-format';
import { HoursProgress } from './hours-progress';

export function PlanCard({ plan, onEdit }: { plan: CoachingPlan; onEdit?: () => void }) {
  const { t } = useTranslation('coaching');
  return (
    <Card withBorder data-testid="plan-card">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Text fw={700}>{plan.organisationName}</Text>
          <Text size="sm" c="dimmed">{plan.projectTitle} · {plan.cohortName}</Text>
        </div>
        {onEdit && <Button size="xs" variant="subtle" onClick={onEdit}>{t('common:actions.edit')}</Button>}
      </Group>
      {plan.objectives && <Text size="sm" mb="sm">{plan.objectives}</Text>}
      <Stack gap="sm">
        {plan.lines.map((line) => <HoursProgress key={line.supportType} line={line} />)}
      </Stack>
      <Text size="sm" mt="sm" fw={600} data-testid="plan-total">
        {t('plans.total', { consumed: formatMinutes(plan.consumedMinutes), budget: formatMinutes(plan.budgetMinutes), scheduled: formatMinutes(plan.scheduledMinutes) })}
      </Text>
    </Card>
  );
}
