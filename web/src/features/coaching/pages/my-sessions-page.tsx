import { Button, Skeleton, Stack, Tabs } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useMySessions } from '../api';
import { SessionFormModal } from '../components/session-form-modal';
import { SessionList } from '../components/session-list';

export function MySessionsPage() {
  const { t } = useTranslation('coaching');
  const [from] = useState(() => new Date(Date.now() - 120 * 86_400_000).toISOString());
  const query = useMySessions(from);
  const [logging, setLogging] = useState(false);
  const now = Date.now();
  const upcoming = (query.data ?? []).filter((s) => new Date(s.endsAt).getTime() >= now);
  const past = (query.data ?? []).filter((s) => new Date(s.endsAt).getTime() < now).reverse();

  return (
    <>
      <PageHeader
        title={t('mine.title')}
        description={t('mine.description')}
        actions={<Button leftSection={<IconPlus size={18} />} onClick={() => setLogging(true)}>{t('mine.log')}</Button>}
      />
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.isLoading ? (
        <Stack><Skeleton h={60} /><Skeleton h={60} /></Stack>
      ) : (
        <Tabs defaultValue="upcoming">
          <Tabs.List mb="md">
            <Tabs.Tab value="upcoming">{t('mine.upcoming', { count: upcoming.length })}</Tabs.Tab>
            <Tabs.Tab value="past">{t('mine.past', { count: past.length })}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="upcoming">{upcoming.length ? <SessionList sessions={upcoming} linked /> : <EmptyState title={t('mine.none')} />}</Tabs.Panel>
          <Tabs.Panel value="past">{past.length ? <SessionList sessions={past} linked /> : <EmptyState title={t('mine.none')} />}</Tabs.Panel>
        </Tabs>
      )}
      <SessionFormModal opened={logging} onClose={() => setLogging(false)} />
    </>
  );
}
