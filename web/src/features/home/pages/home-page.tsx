import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Health } from '@essor/shared/health';
import { IconDatabase, IconUserCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../lib/api-client';
import { useMe } from '../../../lib/session';

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const health = useQuery({ queryKey: ['health'], queryFn: () => apiRequest<Health>('/api/health') });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">{t('home.greeting', { name: me?.user.name ?? '' })}</Title>
        <Text c="dimmed">{t('home.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md">
          <Group mb="sm">
            <ThemeIcon variant="light" size="lg"><IconUserCircle size={20} /></ThemeIcon>
            <Text fw={600}>{t('home.yourRoles')}</Text>
          </Group>
          <Group gap="xs">{me?.user.roles.map((role) => <Badge key={role} size="lg" variant="light">{t(`roles.${role}`)}</Badge>)}</Group>
        </Card>
        <Card withBorder radius="md">
          <Group mb="sm">
            <ThemeIcon variant="light" size="lg" color="sand"><IconDatabase size={20} /></ThemeIcon>
            <Text fw={600}>{t('home.platform')}</Text>
          </Group>
          {health.data && (
            <Stack gap={4}>
              <Text size="sm">{t('home.database')} : {t(`home.databaseKind_${health.data.database.kind}`)} <Badge color={health.data.database.ok ? 'teal' : 'red'} variant="dot">{health.data.status}</Badge></Text>
              <Text size="sm">{t('home.migration')} : {health.data.database.migration ?? '—'}</Text>
              <Anchor href="/api/docs" size="sm" target="_blank">{t('home.apiDocs')}</Anchor>
            </Stack>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
