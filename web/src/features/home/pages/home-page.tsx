import { Alert, Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Health } from '@essor/shared/health';
import type { Home } from '@essor/shared/home';
import { IconCoin } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { apiRequest } from '../../../lib/api-client';
import { useHasRole, useMe } from '../../../lib/session';
import { useHome } from '../api';
import { HolderPanel } from '../components/holder-panel';
import { KeyFigures } from '../components/key-figures';
import { WaitingItems } from '../components/waiting-items';

/** Admins keep one small line on the platform; nobody else needs the database's name. */
function SystemLine() {
  const { t } = useTranslation('home');
  const health = useQuery({ queryKey: ['health'], queryFn: () => apiRequest<Health>('/api/health') });
  if (!health.data) return null;
  return (
    <Text size="xs" c="dimmed">
      {t('system', { kind: t(`databaseKind_${health.data.database.kind}`), migration: health.data.database.migration ?? '—' })} ·{' '}
      <Anchor href="/api/docs" size="xs" target="_blank">{t('apiDocs')}</Anchor>
    </Text>
  );
}

function Welcome({ welcome }: { welcome: NonNullable<Home['welcome']> }) {
  const { t } = useTranslation('home');
  if (welcome.kind === 'newcomer') {
    return (
      <Card withBorder radius="md">
        <Text fw={600}>{t('welcome.newcomerTitle')}</Text>
        <Text size="sm" c="dimmed">{t('welcome.newcomerText')}</Text>
      </Card>
    );
  }
  return (
    <Card withBorder radius="md">
      <Stack gap="xs">
        <Text fw={600}>{t('welcome.investorTitle')}</Text>
        <Text size="sm">{t(welcome.bondOfferingsOpen ? 'welcome.investorOpenText' : 'welcome.investorText')}</Text>
        {welcome.bondOfferingsOpen ? (
          <Group gap="xs">
            <Button component={Link} to="/invest" leftSection={<IconCoin size={16} />}>{t('welcome.seeOfferings')}</Button>
            <Button component={Link} to="/my/bonds" variant="light">{t('welcome.myBonds')}</Button>
          </Group>
        ) : (
          <Alert variant="light" color="teal" icon={<IconCoin size={18} />}>
            {t('welcome.bondsSoon')}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation('home');
  const { data: me } = useMe();
  const isAdmin = useHasRole('admin');
  const home = useHome();

  const waiting = home.data?.items.filter((item) => item.count > 0) ?? [];
  const staffSide = (me?.user.memberships.length ?? 0) > 0;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">{t('greeting', { name: me?.user.name ?? '' })}</Title>
        <Text c="dimmed">{t(staffSide ? 'intro' : 'introPublic')}</Text>
      </div>
      {home.isPending && <Skeleton height={160} radius="md" />}
      {home.isError && <ErrorState error={home.error} onRetry={() => void home.refetch()} />}
      {home.data && (
        <>
          {home.data.welcome && <Welcome welcome={home.data.welcome} />}
          {home.data.holder && <HolderPanel holder={home.data.holder} />}
          {(home.data.items.length > 0 || staffSide) && (
            <section aria-label={t('waiting')}>
              <Title order={2} size="h4" mb="sm">{t('waiting')}</Title>
              {waiting.length > 0 ? (
                <WaitingItems items={waiting} />
              ) : (
                <Card withBorder radius="md" p={0}>
                  <EmptyState title={t('nothingWaits')} hint={t('nothingWaitsHint')} />
                </Card>
              )}
            </section>
          )}
          <KeyFigures figures={home.data.figures} />
        </>
      )}
      {isAdmin && <SystemLine />}
    </Stack>
  );
}
