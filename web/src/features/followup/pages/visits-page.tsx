import { RISK_RATINGS, type RiskRating } from '@essor/shared/followup';
import { Alert, Button, Card, Group, Modal, NativeSelect, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { useAtRisk, useCreateVisit, useProjectChoices, useVisits } from '../api';
import { RiskBadge } from '../components/risk-badge';

function VisitModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('followup');
  const projects = useProjectChoices();
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
  const [riskRating, setRiskRating] = useState('');
  const visits = useVisits(riskRating ? { riskRating } : {});
  const atRisk = useAtRisk(seesRedList);
  const [recording, setRecording] = useState(false);

  return (
    <>
      <PageHeader
        title={t('visits.title')}
        description={t('visits.description')}
        actions={canRecord ? <Button leftSection={<IconPlus size={18} />} onClick={() => setRecording(true)}>{t('visits.new')}</Button> : undefined}
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
      <NativeSelect mb="md" maw={240} aria-label={t('visits.risk')} value={riskRating} onChange={(e) => setRiskRating(e.currentTarget.value)} data={[{ value: '', label: t('visits.allRisks') }, ...RISK_RATINGS.map((r) => ({ value: r, label: t(`risk.${r}`) }))]} />
      {visits.isError && <ErrorState error={visits.error} onRetry={() => visits.refetch()} />}
      {visits.isLoading && <Skeleton h={200} />}
      {visits.data?.length === 0 && <EmptyState title={t('visits.none')} />}
      {visits.data && visits.data.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('visits.visitedOn')}</Table.Th>
              <Table.Th>{t('fields.project')}</Table.Th>
              <Table.Th>{t('visits.risk')}</Table.Th>
              <Table.Th>{t('visits.findings')}</Table.Th>
              <Table.Th>{t('visits.nextVisitOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visits.data.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>
                  <Text size="sm">{format.date(v.visitedOn)}</Text>
                  <Text size="xs" c="dimmed">{v.visitorName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>{v.organisationName}</Text>
                  <Text size="xs" c="dimmed">{v.projectTitle}</Text>
                </Table.Td>
                <Table.Td miw={100}><RiskBadge rating={v.riskRating} /></Table.Td>
                <Table.Td maw={420}>
                  <Text size="sm">{v.findings}</Text>
                  {v.recommendations && <Text size="xs" c="dimmed">{v.recommendations}</Text>}
                </Table.Td>
                <Table.Td>{format.date(v.nextVisitOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <VisitModal opened={recording} onClose={() => setRecording(false)} />
    </>
  );
}
