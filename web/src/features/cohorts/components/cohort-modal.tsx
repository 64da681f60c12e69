import { Alert, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { CohortDetail } from '@essor/shared/cohorts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useCreateCohort, useProgrammeChoices, useUpdateCohort } from '../api';

/** Opens a cohort, or edits one when given (capacity never below its members: the API says so). */
export function CohortModal({ cohort, onClose, onCreated }: { cohort?: CohortDetail; onClose: () => void; onCreated?: (id: string) => void }) {
  const { t } = useTranslation('cohorts');
  const programmes = useProgrammeChoices(!cohort);
  const create = useCreateCohort();
  const update = useUpdateCohort(cohort?.id ?? '');
  const [form, setForm] = useState({
    programmeId: cohort?.programmeId ?? null as string | null,
    name: cohort?.name ?? '',
    startsOn: cohort?.startsOn ?? '',
    endsOn: cohort?.endsOn ?? '',
    capacity: cohort?.capacity ?? 10,
  });
  const mutation = cohort ? update : create;
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const field = (name: string) => error?.fields[name]?.join(' ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = { onError: (e: unknown) => notifyError(e, t('common:errors.saveFailed')) };
    if (cohort) {
      update.mutate({ name: form.name, startsOn: form.startsOn, endsOn: form.endsOn, capacity: form.capacity }, { ...done, onSuccess: () => { notifySuccess(t('form.updated')); onClose(); } });
    } else if (form.programmeId) {
      create.mutate({ programmeId: form.programmeId, name: form.name, startsOn: form.startsOn, endsOn: form.endsOn, capacity: form.capacity }, { ...done, onSuccess: (c) => { notifySuccess(t('form.created')); onCreated?.(c.id); onClose(); } });
    }
  };

  return (
    <Modal opened onClose={onClose} title={cohort ? t('form.editTitle') : t('form.title')}>
      <Stack component="form" onSubmit={submit}>
        {error && !Object.keys(error.fields).length && <Alert color="red" variant="light">{error.message}</Alert>}
        {!cohort && (
          <Select label={t('form.programme')} required data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))} value={form.programmeId} onChange={(v) => setForm({ ...form, programmeId: v })} />
        )}
        <TextInput label={t('form.name')} required value={form.name} error={field('name')} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        <Group grow>
          <TextInput label={t('form.startsOn')} type="date" required value={form.startsOn} error={field('startsOn')} onChange={(e) => setForm({ ...form, startsOn: e.currentTarget.value })} />
          <TextInput label={t('form.endsOn')} type="date" required value={form.endsOn} error={field('endsOn')} onChange={(e) => setForm({ ...form, endsOn: e.currentTarget.value })} />
        </Group>
        <NumberInput label={t('form.capacity')} min={1} allowDecimal={false} value={form.capacity} error={field('capacity')} onChange={(v) => setForm({ ...form, capacity: Number(v) || 1 })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={mutation.isPending}>{t('common:actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
