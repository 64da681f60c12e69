import { SUPPORT_TYPES, type CoachingPlan, type SupportType } from '@essor/shared/coaching';
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { useRoster, useSavePlan } from '../api';

/** Budgets are typed in hours (half hours allowed) and sent in whole minutes. */
export function PlanModal({ opened, plan, onClose }: { opened: boolean; plan: CoachingPlan | null; onClose: () => void }) {
  const { t } = useTranslation('coaching');
  const roster = useRoster();
  const save = useSavePlan();
  const [cohortId, setCohortId] = useState('');
  const [projectId, setProjectId] = useState('');
  const [objectives, setObjectives] = useState('');
  const [hours, setHours] = useState<Record<SupportType, number | string>>({ legal: 0, managerial_accounting: 0, marketing: 0, mentoring: 0, digital: 0 });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setError(null);
    setCohortId(plan?.cohortId ?? '');
    setProjectId(plan?.projectId ?? '');
    setObjectives(plan?.objectives ?? '');
    const next = { legal: 0, managerial_accounting: 0, marketing: 0, mentoring: 0, digital: 0 } as Record<SupportType, number | string>;
    for (const line of plan?.lines ?? []) next[line.supportType] = line.budgetMinutes / 60;
    setHours(next);
  }, [opened, plan]);

  const cohort = roster.data?.find((c) => c.id === cohortId);

  async function submit() {
    try {
      await save.mutateAsync({
        cohortId,
        projectId,
        objectives,
        budgets: SUPPORT_TYPES.map((supportType) => ({ supportType, budgetMinutes: Math.round(Number(hours[supportType] || 0) * 60) })),
      });
      notifySuccess(t('plans.saved'));
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common:errors.network'));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('plans.edit')} size="lg">
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <SimpleGrid cols={2}>
          <NativeSelect label={t('fields.cohort')} value={cohortId} disabled={Boolean(plan)} onChange={(e) => setCohortId(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...(roster.data ?? []).map((c) => ({ value: c.id, label: `${c.programmeName} · ${c.name}` }))]} />
          <NativeSelect label={t('fields.project')} value={projectId} disabled={Boolean(plan)} onChange={(e) => setProjectId(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...(cohort?.projects ?? []).map((p) => ({ value: p.id, label: p.title }))]} />
        </SimpleGrid>
        <Textarea label={t('plans.objectives')} value={objectives} onChange={(e) => setObjectives(e.currentTarget.value)} autosize minRows={2} />
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {SUPPORT_TYPES.map((type) => (
            <NumberInput key={type} label={t('plans.hoursOf', { type: t(`supportTypes.${type}`) })} value={hours[type]} onChange={(v) => setHours({ ...hours, [type]: v })} min={0} max={500} step={0.5} decimalScale={1} />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button onClick={submit} loading={save.isPending}>{t('common:actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
