import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { COMMITTEE_DECISIONS, type CommitteeDecisionKind } from '@essor/shared/committee';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useDecide, useProgrammeCohorts, useScores } from '../api';

export function DecisionModal({ sessionId, programmeId, applicationId, title, onClose }: { sessionId: string; programmeId: string; applicationId: string; title: string; onClose: () => void }) {
  const { t } = useTranslation('committee');
  const format = useFormat();
  const decide = useDecide(sessionId);
  const scores = useScores(sessionId, applicationId);
  const [decision, setDecision] = useState<CommitteeDecisionKind>('accepted');
  const [reasons, setReasons] = useState('');
  const [cohortId, setCohortId] = useState<string | null>(null);
  const cohorts = useProgrammeCohorts(programmeId, decision === 'accepted');
  const error = decide.error instanceof ApiError ? decide.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate(
      { applicationId, decision, reasons, cohortId: decision === 'accepted' && cohortId ? cohortId : undefined },
      {
        onSuccess: () => {
          notifySuccess(t('decision.recorded'));
          onClose();
        },
        onError: (e) => notifyError(e, t('common:errors.saveFailed')),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`${t('decision.title')} — ${title}`} size="lg">
      <Stack component="form" onSubmit={submit}>
        {error && <Alert color="red" variant="light">{error.message}</Alert>}
        {scores.data?.averageScore != null && <Text size="sm">{t('decision.average', { score: format.number(scores.data.averageScore) })}</Text>}
        {scores.data && <Text size="sm" c="dimmed">{t('scoring.count', { count: scores.data.scorecardCount, quorum: scores.data.quorum })}</Text>}
        <SegmentedControl
          aria-label={t('decision.kind')}
          value={decision}
          onChange={(v) => setDecision(v as CommitteeDecisionKind)}
          data={COMMITTEE_DECISIONS.map((d) => ({ value: d, label: t(`decision.kinds.${d}`) }))}
        />
        <Textarea label={t('decision.reasons')} required autosize minRows={3} value={reasons} error={error?.fields.reasons?.join(' ')} onChange={(e) => setReasons(e.currentTarget.value)} />
        {decision === 'accepted' && (
          <Select
            label={t('decision.cohort')}
            description={t('decision.cohortHint')}
            clearable
            data={(cohorts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.memberCount}/${c.capacity})` }))}
            value={cohortId}
            onChange={setCohortId}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={decide.isPending}>{t('decision.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
