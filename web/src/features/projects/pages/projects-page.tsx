import { Badge, Group, Text } from '@mantine/core';
import { LEGAL_FORMS, type Project } from '@essor/shared/projects';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';

const STAGES = ['applicant', 'selected', 'incubated', 'financed', 'alumni', 'stopped'] as const;

export function ProjectsPage() {
  const { t } = useTranslation('projects');
  const format = useFormat();
  const navigate = useNavigate();
  const columns: Column<Project>[] = [
    {
      key: 'project',
      header: t('projects.columns.project'),
      render: (p) => (
        <div>
          <Text size="sm" fw={600}>{p.title}</Text>
          <Text size="xs" c="dimmed">{p.organisationName}</Text>
        </div>
      ),
    },
    { key: 'legalForm', header: t('projects.columns.legalForm'), render: (p) => <Text size="sm">{t(`legalForms.${p.legalForm}`)}</Text> },
    { key: 'programme', header: t('projects.columns.programme'), render: (p) => <Text size="sm" title={p.programmeCode ?? undefined}>{p.programmeName ?? '—'}</Text> },
    { key: 'district', header: t('projects.columns.district'), render: (p) => <Text size="sm">{p.district}</Text> },
    { key: 'budget', header: t('projects.columns.budget'), render: (p) => <Text size="sm">{format.money(p.totalBudgetMinor, p.currency)}</Text> },
    { key: 'needs', header: t('projects.columns.needs'), render: (p) => <Group gap={4}>{p.needs.map((n) => <Badge key={n} size="xs" variant="light">{t(`needs.${n}`)}</Badge>)}</Group> },
    { key: 'stage', header: t('projects.columns.stage'), render: (p) => <Badge variant="dot">{t(`stages.${p.stage}`, { defaultValue: p.stage })}</Badge> },
  ];
  return (
    <>
      <PageHeader title={t('projects.title')} description={t('projects.description')} />
      <DataList<Project>
        queryKey={['projects']}
        endpoint="/api/projects"
        exportEndpoint="/api/projects/export.csv"
        columns={columns}
        rowKey={(p) => p.id}
        onRowClick={(p) => navigate(`/projects/${p.id}`)}
        searchPlaceholder={t('projects.search')}
        filters={[
          { name: 'stage', label: t('projects.columns.stage'), options: STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) })) },
          { name: 'legalForm', label: t('projects.columns.legalForm'), options: LEGAL_FORMS.map((f) => ({ value: f, label: t(`legalForms.${f}`) })) },
        ]}
        emptyTitle={t('projects.empty')}
      />
    </>
  );
}
