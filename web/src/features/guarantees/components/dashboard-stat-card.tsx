import { Card, Text } from '@mantine/core';

/** One figure of the dashboard, with its label and an optional line under it; `testId` lets browser tests read it. */
export function DashboardStatCard({ label, value, hint, testId, color }: { label: string; value: string; hint?: string; testId: string; color?: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="xl" fw={700} c={color} data-role="value">{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Card>
  );
}
