import { Badge, Button, Card, Checkbox, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';
import { useHolderActionItems, useHolderActionItemStatus, useHolderPlans, useHolderSessions } from '../api';
import { PlanCard } from '../components/plan-card';
import { SessionList } from '../components/session-list';

/** What a project holder sees of their coaching: sessions, their action items and hours; never the coach's notes. */
export function HolderPage() {
  const { t } = useTranslation('coaching');
  const format = useFormat();
  const sessions = useHolderSessions();
  const items = useHolderActionItems();
  const plans = useHolderPlans();
  const setStatus = useHolderActionItemStatus();
  const now = Date.now();
  const upcoming = (sessions.data ?? []).filter((s) => new Date(s.endsAt).getTime() >= now && s.status !== 'cancelled');
  const past = (sessions.data ?? []).filter((s) => new Date(s.endsAt).getTime() < now).reverse();

  return (
    <>
      <PageHeader title={t('holder.title')} description={t('holder.description')} />
      {(sessions.isError || items.isError) && <ErrorState error={sessions.error ?? items.error} />}
      <Stack gap="lg">
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">{t('actionItems.title')}</Title>
          {items.isLoading && <Skeleton h={80} />}
          {items.data?.length === 0 && <Text c="dimmed" size="sm">{t('holder.noActions')}</Text>}
          {items.data && items.data.length > 0 && (
            // One block per action, wrapping on a phone: the due date and "overdue" stay whole.
            <Stack gap={0}>
              {items.data.map((item) => (
                <Group key={item.id} gap="sm" align="flex-start" wrap="nowrap" py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
                  <Checkbox
                    mt={2}
                    aria-label={item.description}
                    checked={item.status === 'done'}
                    disabled={item.status === 'dropped'}
                    onChange={async () => {
                      try {
                        await setStatus.mutateAsync({ id: item.id, status: item.status === 'done' ? 'open' : 'done' });
                      } catch (e) {
                        notifyError(e, t('common:errors.saveFailed'));
                      }
                    }}
                  />
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" td={item.status === 'dropped' ? 'line-through' : undefined}>{item.description}</Text>
                    <Group gap="xs" wrap="wrap">
                      <Text size="xs" c="dimmed">{t('actionItems.owner')} : {item.owner}</Text>
                      {item.dueOn && <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{t('actionItems.dueOn')} : {format.date(item.dueOn)}</Text>}
                      {item.overdue && <Badge color="red" size="xs">{t('actionItems.overdue')}</Badge>}
                    </Group>
                  </Stack>
                </Group>
              ))}
            </Stack>
          )}
        </Card>
        <div>
          <Title order={2} size="h4" mb="sm">{t('holder.upcoming')}</Title>
          {sessions.isLoading ? <Skeleton h={60} /> : upcoming.length ? (
            <SessionList sessions={upcoming} />
          ) : (
            <EmptyState
              title={t('mine.none')}
              hint={t('holder.noSessionsHint')}
              action={
                <Group gap="xs" justify="center">
                  <Button component={Link} to="/applications" variant="light">{t('holder.seeApplications')}</Button>
                  <Button component={Link} to="/applications/new" variant="subtle">{t('holder.apply')}</Button>
                </Group>
              }
            />
          )}
        </div>
        <div>
          <Title order={2} size="h4" mb="sm">{t('holder.past')}</Title>
          {past.length ? <SessionList sessions={past} /> : <Text c="dimmed" size="sm">{t('mine.none')}</Text>}
        </div>
        {plans.data && plans.data.length > 0 && (
          <div>
            <Title order={2} size="h4" mb="sm">{t('plans.title')}</Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {plans.data.map((plan) => <PlanCard key={plan.id} plan={plan} />)}
            </SimpleGrid>
          </div>
        )}
      </Stack>
    </>
  );
}
