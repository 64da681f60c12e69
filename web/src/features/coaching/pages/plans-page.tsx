import type { CoachingPlan } from '@essor/shared/coaching';
import { Button, Group, NativeSelect, SimpleGrid, Skeleton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useHasRole } from '../../../lib/session';
import { usePlans, useRoster } from '../api';
import { PlanCard } from '../components/plan-card';
import { PlanModal } from '../components/plan-modal';

export function PlansPage() {
  const { t } = useTranslation('coaching');
  const [cohortId, setCohortId] = useState('');
  const plans = usePlans(cohortId ? { cohortId } : {});
  const rows = plans.data?.pages.flatMap((page) => page.items);
  const roster = useRoster();
  const manages = useHasRole('admin', 'staff');
  const [editing, setEditing] = useState<CoachingPlan | null | 'new'>(null);

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        description={t('plans.description')}
        actions={manages ? <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>{t('plans.new')}</Button> : undefined}
      />
      <NativeSelect mb="md" maw={360} aria-label={t('fields.cohort')} value={cohortId} onChange={(e) => setCohortId(e.currentTarget.value)} data={[{ value: '', label: t('calendar.allCohorts') }, ...(roster.data ?? []).map((c) => ({ value: c.id, label: `${c.programmeName} · ${c.name}` }))]} />
      {plans.isError && <ErrorState error={plans.error} onRetry={() => plans.refetch()} />}
      {plans.isLoading && <Skeleton h={200} />}
      {rows?.length === 0 && <EmptyState title={t('plans.none')} />}
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        {rows?.map((plan) => <PlanCard key={plan.id} plan={plan} onEdit={manages ? () => setEditing(plan) : undefined} />)}
      </SimpleGrid>
      {plans.hasNextPage && (
        <Group justify="center" mt="md">
          <Button variant="subtle" loading={plans.isFetchingNextPage} onClick={() => void plans.fetchNextPage()}>{t('common:list.loadMore')}</Button>
        </Group>
      )}
      <PlanModal opened={editing !== null} plan={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
