import { Center, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Center py={48}>
      <Stack align="center" gap="xs">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray"><IconInbox size={26} /></ThemeIcon>
        <Text fw={600}>{title}</Text>
        {hint && <Text size="sm" c="dimmed" ta="center" maw={380}>{hint}</Text>}
        {action}
      </Stack>
    </Center>
  );
}
