import { Button, Group, Progress, Text } from '@mantine/core';
import type { Cohort } from '@essor/shared/cohorts';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { COHORTS_KEY } from '../api';
import { CohortModal } from '../components/cohort-modal';

export function CohortsPage() {
  const { t } = useTranslation('cohorts');
  const format = useFormat();
  const navigate = useNavigate();
  const staff = useHasRole('admin', 'staff');
  const [creating, setCreating] = useState(false);
  const columns: Column<Cohort>[] = [
    { key: 'name', header: t('list.columns.name'), render: (c) => <Text size="sm" fw={600}>{c.name}</Text> },
    { key: 'programme', header: t('list.columns.programme'), render: (c) => <Text size="sm" title={c.programmeCode}>{c.programmeName}</Text> },
    { key: 'dates', header: t('list.columns.dates'), render: (c) => <Text size="sm">{format.date(c.startsOn)} – {format.date(c.endsOn)}</Text> },
    {
      key: 'filling',
      header: t('list.columns.filling'),
      render: (c) => (
        <Group gap="xs" wrap="nowrap">
          <Progress value={(c.memberCount / c.capacity) * 100} w={100} color={c.memberCount >= c.capacity ? 'orange' : 'teal'} />
          <Text size="sm">{c.memberCount} / {c.capacity}</Text>
        </Group>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('list.title')} description={t('list.description')} actions={staff && <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('list.new')}</Button>} />
      <DataList<Cohort>
        queryKey={[...COHORTS_KEY, 'list']}
        endpoint="/api/cohorts"
        exportEndpoint="/api/cohorts/export.csv"
        columns={columns}
        rowKey={(c) => c.id}
        onRowClick={(c) => navigate(`/cohorts/${c.id}`)}
        emptyTitle={t('list.empty')}
      />
      {creating && <CohortModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/cohorts/${id}`)} />}
    </>
  );
}
