import { Badge, Card, Checkbox, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
          {items.data?.length === 0 && <Text c="dimmed" size="sm">{t('actionItems.none')}</Text>}
          {items.data && items.data.length > 0 && (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('actionItems.done')}</Table.Th>
                  <Table.Th>{t('actionItems.description')}</Table.Th>
                  <Table.Th>{t('actionItems.owner')}</Table.Th>
                  <Table.Th>{t('actionItems.dueOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.data.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Checkbox
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
                    </Table.Td>
                    <Table.Td>{item.description}</Table.Td>
                    <Table.Td>{item.owner}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {format.date(item.dueOn)}
                        {item.overdue && <Badge color="red" size="xs">{t('actionItems.overdue')}</Badge>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <div>
          <Title order={2} size="h4" mb="sm">{t('holder.upcoming')}</Title>
          {sessions.isLoading ? <Skeleton h={60} /> : upcoming.length ? <SessionList sessions={upcoming} /> : <EmptyState title={t('mine.none')} />}
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
