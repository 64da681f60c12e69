import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconPlant2 } from '@tabler/icons-react';

export function BrandMark({ subtitle }: { subtitle?: string }) {
  return (
    <Group gap={10} wrap="nowrap">
      <ThemeIcon size={34} radius="md" variant="gradient" gradient={{ from: 'essor.7', to: 'essor.4', deg: 135 }}>
        <IconPlant2 size={20} />
      </ThemeIcon>
      <div>
        <Text fw={800} size="lg" lh={1.1} style={{ letterSpacing: '-0.02em' }}>Essor</Text>
        {subtitle && <Text size="xs" c="dimmed" lh={1.1} visibleFrom="sm">{subtitle}</Text>}
      </div>
    </Group>
  );
}
