import { Text } from '@mantine/core';

/** A labelled figure of a card. */
export function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={700} size="sm" aria-label={label}>{value}</Text>
    </div>
  );
}
