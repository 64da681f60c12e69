import { Badge, Button, Text } from '@mantine/core';
import { PROGRAMME_STATUSES, type Programme } from '@essor/shared/programmes';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { PROGRAMMES_KEY } from '../api';

const STATUS_COLORS = { draft: 'gray', open: 'teal', closed: 'orange', archived: 'dark' } as const;

export function ProgrammesPage() {
  const { t } = useTranslation('programmes');
  const format = useFormat();
  const navigate = useNavigate();
  const staff = useHasRole('admin', 'staff');
  const columns: Column<Programme>[] = [
    {
      key: 'programme',
      header: t('list.columns.programme'),
      render: (p) => (
        <div>
          <Text size="sm" fw={600}>{p.name}</Text>
          <Text size="xs" c="dimmed">{p.code}</Text>
        </div>
      ),
    },
    { key: 'territory', header: t('list.columns.territory'), render: (p) => <Text size="sm">{p.territory}</Text> },
    { key: 'call', header: t('list.columns.call'), render: (p) => <Text size="sm">{format.date(p.callOpensOn)} – {format.date(p.callClosesOn)}</Text> },
    { key: 'budget', header: t('list.columns.budget'), render: (p) => <Text size="sm">{format.money(p.budgetEnvelopeMinor, p.currency)}</Text> },
    { key: 'status', header: t('list.columns.status'), render: (p) => <Badge variant="light" color={STATUS_COLORS[p.status]}>{t(`statuses.${p.status}`)}</Badge> },
  ];
  return (
    <>
      <PageHeader title={t('list.title')} description={t('list.description')} actions={staff && <Button component={Link} to="/programmes/new" leftSection={<IconPlus size={18} />}>{t('list.new')}</Button>} />
      <DataList<Programme>
        queryKey={[...PROGRAMMES_KEY, 'list']}
        endpoint="/api/programmes"
        exportEndpoint="/api/programmes/export.csv"
        columns={columns}
        rowKey={(p) => p.id}
        searchPlaceholder={t('list.search')}
        filters={[{ name: 'status', label: t('list.columns.status'), options: PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })) }]}
        onRowClick={(p) => navigate(`/programmes/${p.id}`)}
        emptyTitle={t('list.empty')}
      />
    </>
  );
}
