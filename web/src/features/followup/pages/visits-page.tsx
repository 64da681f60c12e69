import { RISK_RATINGS, type FollowupVisit, type RiskRating } from '@essor/shared/followup';
import { Alert, Button, Card, Group, Modal, NativeSelect, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { FOLLOWUP_KEY, useAtRisk, useCreateVisit, useProjectChoices } from '../api';
import { RiskBadge } from '../components/risk-badge';

function VisitModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('followup');
  const projects = useProjectChoices(opened);
  const create = useCreateVisit();
  const [form, setForm] = useState({ projectId: '', visitedOn: new Date().toISOString().slice(0, 10), findings: '', recommendations: '', nextVisitOn: '' });
  const [riskRating, setRisk] = useState<RiskRating>('green');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={t('visits.new')} size="lg">
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <NativeSelect label={t('fields.project')} value={form.projectId} onChange={(e) => setForm({ ...form, projectId: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...(projects.data ?? [])]} />
        <Group grow>
          <TextInput type="date" label={t('visits.visitedOn')} value={form.visitedOn} onChange={(e) => setForm({ ...form, visitedOn: e.currentTarget.value })} />
          <TextInput type="date" label={t('visits.nextVisitOn')} value={form.nextVisitOn} onChange={(e) => setForm({ ...form, nextVisitOn: e.currentTarget.value })} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('visits.risk')}</Text>
          <SegmentedControl value={riskRating} onChange={(v) => setRisk(v as RiskRating)} data={RISK_RATINGS.map((r) => ({ value: r, label: t(`risk.${r}`) }))} />
        </Stack>
        <Textarea label={t('visits.findings')} value={form.findings} onChange={(e) => setForm({ ...form, findings: e.currentTarget.value })} autosize minRows={3} />
        <Textarea label={t('visits.recommendations')} value={form.recommendations} onChange={(e) => setForm({ ...form, recommendations: e.currentTarget.value })} autosize minRows={2} />
        <Group justify="flex-end">
          <Button
            loading={create.isPending}
            onClick={async () => {
              try {
                await create.mutateAsync({ ...form, riskRating, nextVisitOn: form.nextVisitOn || null });
                notifySuccess(t('visits.saved'));
                onClose();
              } catch (e) {
                setError(e instanceof ApiError ? e.message : t('common:errors.network'));
              }
            }}
          >
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function VisitsPage() {
  const { t } = useTranslation('followup');
  const format = useFormat();
  const canRecord = useHasRole('admin', 'staff', 'coach');
  const seesRedList = useHasRole('admin', 'staff', 'fund_manager');
  const atRisk = useAtRisk(seesRedList);
  const [recording, setRecording] = useState(false);

  const columns: Column<FollowupVisit>[] = [
    {
      key: 'visitedOn',
      header: t('visits.visitedOn'),
      render: (v) => (
        <>
          <Text size="sm">{format.date(v.visitedOn)}</Text>
          <Text size="xs" c="dimmed">{v.visitorName}</Text>
        </>
      ),
    },
    {
      key: 'project',
      header: t('fields.project'),
      render: (v) => (
        <>
          <Text size="sm" fw={600}>{v.organisationName}</Text>
          <Text size="xs" c="dimmed">{v.projectTitle}</Text>
        </>
      ),
    },
    { key: 'risk', header: t('visits.risk'), render: (v) => <RiskBadge rating={v.riskRating} />, width: 100 },
    {
      key: 'findings',
      header: t('visits.findings'),
      render: (v) => (
        <>
          <Text size="sm">{v.findings}</Text>
          {v.recommendations && <Text size="xs" c="dimmed">{v.recommendations}</Text>}
        </>
      ),
    },
    { key: 'nextVisitOn', header: t('visits.nextVisitOn'), render: (v) => format.date(v.nextVisitOn) },
  ];

  return (
    <>
      <PageHeader
        title={t('visits.title')}
        description={t('visits.description')}
        actions={canRecord && <Button leftSection={<IconPlus size={18} />} onClick={() => setRecording(true)}>{t('visits.new')}</Button>}
      />
      {seesRedList && (
        <Card withBorder mb="lg" style={{ borderColor: atRisk.data?.length ? 'var(--mantine-color-red-6)' : undefined }}>
          <Group gap="xs" mb="sm">
            <IconAlertTriangle color="var(--mantine-color-red-6)" />
            <Title order={2} size="h4">{t('visits.redList')}</Title>
          </Group>
          {atRisk.isLoading && <Skeleton h={60} />}
          {atRisk.data?.length === 0 && <Text c="dimmed" size="sm">{t('visits.noneRed')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {atRisk.data?.map((p) => (
              <Alert key={p.projectId} color="red" variant="light" title={`${p.organisationName} · ${p.projectTitle}`} data-testid="at-risk">
                <Text size="sm">{p.latestVisit.findings}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {t('visits.lastVisit', { date: format.date(p.latestVisit.visitedOn), visitor: p.latestVisit.visitorName })}
                  {p.latestVisit.nextVisitOn ? ` · ${t('visits.nextOn', { date: format.date(p.latestVisit.nextVisitOn) })}` : ''}
                </Text>
              </Alert>
            ))}
          </SimpleGrid>
        </Card>
      )}
      <DataList<FollowupVisit>
        queryKey={[...FOLLOWUP_KEY, 'visits']}
        endpoint="/api/followup/visits"
        exportEndpoint="/api/followup/visits/export.csv"
        columns={columns}
        rowKey={(v) => v.id}
        filters={[{ name: 'riskRating', label: t('visits.risk'), options: RISK_RATINGS.map((r) => ({ value: r, label: t(`risk.${r}`) })) }]}
        emptyTitle={t('visits.none')}
      />
      {canRecord && <VisitModal opened={recording} onClose={() => setRecording(false)} />}
    </>
  );
}
