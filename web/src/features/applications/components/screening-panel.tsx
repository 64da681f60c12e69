import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ApplicationDetail } from '@essor/shared/applications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useRecordScreening, useScreening } from '../api';

type Line = { key: string; passed: boolean | null; reason: string };

/** Staff fill the programme's eligibility checklist; each unmet criterion carries its reason. */
export function ScreeningPanel({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation('applications');
  const screening = useScreening(application.id, true);
  const record = useRecordScreening(application.id);
  const [lines, setLines] = useState<Line[]>([]);
  const editable = application.status === 'screening';

  useEffect(() => {
    if (screening.data) setLines(screening.data.lines.map((l) => ({ key: l.key, passed: l.passed, reason: l.reason ?? '' })));
  }, [screening.data]);

  if (screening.isError) return <ErrorState error={screening.error} onRetry={() => void screening.refetch()} />;
  if (!screening.data) return null;
  const fields = record.error instanceof ApiError ? record.error.fields : {};

  const save = () =>
    record.mutate(
      { results: lines.filter((l) => l.passed !== null).map((l) => ({ key: l.key, passed: l.passed!, reason: l.reason.trim() || null })) },
      { onSuccess: () => notifySuccess(t('screening.saved')), onError: (error) => notifyError(error, t('common:errors.saveFailed')) },
    );

  return (
    <Card withBorder radius="md">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>{t('screening.title')}</Text>
        {screening.data.complete && (
          <Badge color={screening.data.eligible ? 'teal' : 'red'} variant="light">{screening.data.eligible ? t('screening.eligible') : t('screening.ineligible')}</Badge>
        )}
      </Group>
      {!editable && <Alert variant="light" mb="sm">{t('screening.notYet')}</Alert>}
      <Stack gap="sm">
        {screening.data.lines.map((line, index) => {
          const current = lines[index];
          if (!current) return null;
          return (
            <Group key={line.key} align="flex-start" wrap="wrap" gap="sm">
              <Text size="sm" style={{ flex: '1 1 260px' }}>{line.label}</Text>
              <SegmentedControl
                aria-label={line.label}
                disabled={!editable}
                value={current.passed === null ? '' : current.passed ? 'yes' : 'no'}
                onChange={(value) => setLines(lines.map((l, i) => (i === index ? { ...l, passed: value === 'yes' } : l)))}
                data={[
                  { value: 'yes', label: t('screening.passed') },
                  { value: 'no', label: t('screening.failed') },
                ]}
              />
              {current.passed === false && (
                <TextInput
                  aria-label={`${t('screening.reason')} — ${line.label}`}
                  placeholder={t('screening.reason')}
                  disabled={!editable}
                  value={current.reason}
                  error={fields[`results.${lines.filter((l) => l.passed !== null).indexOf(current)}.reason`]?.join(' ')}
                  onChange={(e) => setLines(lines.map((l, i) => (i === index ? { ...l, reason: e.currentTarget.value } : l)))}
                  style={{ flex: '1 1 240px' }}
                />
              )}
            </Group>
          );
        })}
        {editable && (
          <Group justify="flex-end">
            <Button onClick={save} loading={record.isPending} disabled={!lines.some((l) => l.passed !== null)}>{t('screening.save')}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
