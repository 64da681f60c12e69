import { Text } from '@mantine/core';
import { LEGAL_FORMS, type Organisation } from '@essor/shared/projects';
import { useTranslation } from 'react-i18next';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';

export function OrganisationsPage() {
  const { t } = useTranslation('projects');
  const columns: Column<Organisation>[] = [
    { key: 'name', header: t('organisations.columns.name'), render: (o) => <Text size="sm" fw={600}>{o.name}</Text> },
    {
      key: 'legalForm',
      header: t('organisations.columns.legalForm'),
      render: (o) => (
        <Text size="sm">
          {t(`legalForms.${o.legalForm}`)}
          {o.targetLegalForm ? ` (${t('onItsWay', { form: t(`legalForms.${o.targetLegalForm}`) })})` : ''}
        </Text>
      ),
    },
    { key: 'sector', header: t('organisations.columns.sector'), render: (o) => <Text size="sm">{o.sector}</Text> },
    { key: 'place', header: t('organisations.columns.place'), render: (o) => <Text size="sm">{o.district}, {o.territory}</Text> },
    { key: 'founders', header: t('organisations.columns.founders'), render: (o) => <Text size="sm">{o.foundersCount} ({o.womenCount} / {o.youthCount})</Text> },
  ];
  return (
    <>
      <PageHeader title={t('organisations.title')} description={t('organisations.description')} />
      <DataList<Organisation>
        queryKey={['organisations']}
        endpoint="/api/organisations"
        exportEndpoint="/api/organisations/export.csv"
        columns={columns}
        rowKey={(o) => o.id}
        searchPlaceholder={t('organisations.search')}
        filters={[{ name: 'legalForm', label: t('organisations.columns.legalForm'), options: LEGAL_FORMS.map((f) => ({ value: f, label: t(`legalForms.${f}`) })) }]}
        emptyTitle={t('organisations.empty')}
      />
    </>
  );
}
