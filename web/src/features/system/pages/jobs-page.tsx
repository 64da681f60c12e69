import { Alert, Badge, Button, Card, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { JobRun, JobSummary } from '@essor/shared/mail';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useJobs, useRunJob } from '../api';

const STATE_COLOR: Record<JobRun['state'], string> = { created: 'blue', retry: 'orange', active: 'cyan', completed: 'green', cancelled: 'gray', failed: 'red' };

function JobCard({ job }: { job: JobSummary }) {
  const { t } = useTranslation('system');
  const format = useFormat();
  const run = useRunJob();
  const failures = job.recent.filter((r) => r.state === 'failed');
  return (
    <Card withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600}><Code>{job.name}</Code></Text>
            <Text size="sm" c="dimmed">{t(`jobs.descriptions.${job.name}`, { defaultValue: job.description })}</Text>
          </div>
          <Button
            size="xs"
            variant="light"
            loading={run.isPending}
            onClick={() => run.mutate(job.name, { onSuccess: () => notifySuccess(t('jobs.queued')), onError: (e) => notifyError(e, t('jobs.runFailed')) })}
          >
            {t('jobs.runNow')}
          </Button>
        </Group>
        <Group gap="lg">
          <Text size="sm">{t('jobs.schedule')} : {job.cron ? <Code>{job.cron}</Code> : t('jobs.onDemand')}</Text>
          <Text size="sm">{t('jobs.retries', { count: job.retryLimit })}</Text>
          <Text size="sm">
            {t('jobs.lastRun')} :{' '}
            {job.lastRun ? (
              <>
                <Badge size="sm" color={STATE_COLOR[job.lastRun.state]} variant="light">{t(`jobs.states.${job.lastRun.state}`)}</Badge>{' '}
                {format.dateTime(job.lastRun.completedOn ?? job.lastRun.createdOn)}
              </>
            ) : (
              t('jobs.never')
            )}
          </Text>
          {job.counts.failed > 0 && <Badge color="red">{t('jobs.failedCount', { count: job.counts.failed })}</Badge>}
          {job.counts.retry > 0 && <Badge color="orange">{t('jobs.retryCount', { count: job.counts.retry })}</Badge>}
        </Group>
        {failures.length > 0 && (
          <Table striped withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.failedAt')}</Table.Th>
                <Table.Th>{t('jobs.attempts')}</Table.Th>
                <Table.Th>{t('jobs.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {failures.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{format.dateTime(f.completedOn ?? f.createdOn)}</Table.Td>
                  <Table.Td>{f.retryCount + 1}</Table.Td>
                  <Table.Td><Code>{f.output}</Code></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

export function JobsPage() {
  const { t } = useTranslation('system');
  const jobs = useJobs();
  return (
    <>
      <PageHeader title={t('jobs.title')} description={t('jobs.description')} />
      {jobs.isLoading && <Loader />}
      {jobs.isError && <ErrorState error={jobs.error} />}
      {jobs.data && (
        <Stack>
          {!jobs.data.running && <Alert color="yellow" variant="light">{t('jobs.notRunning')}</Alert>}
          {jobs.data.jobs.map((job) => (
            <JobCard key={job.name} job={job} />
          ))}
        </Stack>
      )}
    </>
  );
}
