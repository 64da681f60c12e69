import { Card, Text } from '@mantine/core';

/** One key figure, with its label; `testId` lets browser tests read it. */
export function StatCard({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId} aria-label={`${label} : ${value}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="xl" fw={700} data-role="value">{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Card>
  );
}
