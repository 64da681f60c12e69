import { Button, Text } from '@mantine/core';
import { APPLICATION_STATUSES, type ApplicationSummary } from '@essor/shared/applications';
import { IconChartFunnel, IconLayoutKanban, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { APPLICATIONS_KEY, useProgrammeOptions } from '../api';
import { StatusBadge } from '../components/status-badge';

export function ApplicationsPage() {
  const { t } = useTranslation('applications');
  const format = useFormat();
  const navigate = useNavigate();
  const staff = useHasRole('admin', 'staff');
  const holder = useHasRole('project_holder');
  const programmes = useProgrammeOptions(staff);

  const columns: Column<ApplicationSummary>[] = [
    {
      key: 'project',
      header: t('list.columns.project'),
      render: (a) => (
        <div>
          <Text size="sm" fw={600}>{a.projectTitle}</Text>
          <Text size="xs" c="dimmed">{a.organisationName}</Text>
        </div>
      ),
    },
    { key: 'programme', header: t('list.columns.programme'), render: (a) => <Text size="sm" title={a.programmeCode}>{a.programmeName}</Text> },
    { key: 'status', header: t('list.columns.status'), render: (a) => <StatusBadge status={a.status} size="sm" /> },
    ...(staff ? [{ key: 'holder', header: t('list.columns.holder'), render: (a: ApplicationSummary) => <Text size="sm">{a.holderName}</Text> }] : []),
    { key: 'submitted', header: t('list.columns.submitted'), render: (a) => <Text size="sm">{format.date(a.submittedAt)}</Text> },
    { key: 'updated', header: t('list.columns.updated'), render: (a) => <Text size="sm">{format.dateTime(a.updatedAt)}</Text> },
  ];

  return (
    <>
      <PageHeader
        title={staff ? t('list.title') : t('list.titleMine')}
        description={staff ? t('list.description') : t('list.descriptionMine')}
        actions={
          <>
            {staff && <Button component={Link} to="/applications/board" variant="default" leftSection={<IconLayoutKanban size={18} />}>{t('list.board')}</Button>}
            {staff && <Button component={Link} to="/applications/funnel" variant="default" leftSection={<IconChartFunnel size={18} />}>{t('list.funnel')}</Button>}
            {holder && <Button component={Link} to="/applications/new" leftSection={<IconPlus size={18} />}>{t('list.new')}</Button>}
          </>
        }
      />
      <DataList<ApplicationSummary>
        queryKey={APPLICATIONS_KEY}
        endpoint="/api/applications"
        exportEndpoint="/api/applications/export.csv"
        columns={columns}
        rowKey={(a) => a.id}
        searchPlaceholder={t('list.search')}
        filters={[
          { name: 'status', label: t('list.filters.status'), options: APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })) },
          ...(staff ? [{ name: 'programmeId', label: t('list.filters.programme'), options: (programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })) }] : []),
        ]}
        onRowClick={(a) => navigate(`/applications/${a.id}`)}
        emptyTitle={t('list.empty')}
        emptyHint={holder && !staff ? t('list.emptyMine') : undefined}
        emptyAction={holder && !staff ? <Button component={Link} to="/applications/new" leftSection={<IconPlus size={18} />}>{t('list.new')}</Button> : undefined}
      />
    </>
  );
}
