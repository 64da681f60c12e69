import { Alert, Anchor, Button, Card, Checkbox, Group, Loader, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { PROGRAMME_STATUSES, type Programme } from '@essor/shared/programmes';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { MoneyInput } from '../../../components/money-input';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { useCreateProgramme, useProgramme, useUpdateProgramme } from '../api';
import { CriteriaEditor, type EditableCriterion } from '../components/criteria-editor';

interface FormState {
  code: string;
  name: string;
  description: string;
  territory: string;
  status: Programme['status'];
  callOpensOn: string;
  callClosesOn: string;
  budget: string;
  currency: CurrencyCode;
  languages: ('fr' | 'en')[];
  criteria: EditableCriterion[];
  grid: EditableCriterion[];
}

function toState(p?: Programme): FormState {
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    description: p?.description ?? '',
    territory: p?.territory ?? '',
    status: p?.status ?? 'draft',
    callOpensOn: p?.callOpensOn ?? '',
    callClosesOn: p?.callClosesOn ?? '',
    budget: p ? (p.budgetEnvelopeMinor / 10 ** CURRENCY_EXPONENTS[p.currency]).toFixed(CURRENCY_EXPONENTS[p.currency]) : '0',
    currency: p?.currency ?? 'EUR',
    languages: p?.languages ?? ['fr'],
    criteria: p?.eligibilityCriteria ?? [],
    grid: p?.scoringGrid ?? [],
  };
}

function ProgrammeForm({ programme }: { programme?: Programme }) {
  const { t } = useTranslation('programmes');
  const navigate = useNavigate();
  const staff = useHasRole('admin', 'staff');
  const create = useCreateProgramme();
  const update = useUpdateProgramme(programme?.id ?? '');
  const [form, setForm] = useState<FormState>(() => toState(programme));
  const [budgetError, setBudgetError] = useState<string | null>(null);
  const mutation = programme ? update : create;
  const errors = mutation.error instanceof ApiError ? mutation.error.fields : {};
  const apiError = mutation.error instanceof ApiError && !Object.keys(mutation.error.fields).length ? mutation.error.message : null;
  const field = (name: string) => errors[name]?.join(' ');

  const save = () => {
    const budget = parseMoneyInput(form.budget || '0', form.currency);
    if (budget === null || budget < 0) {
      setBudgetError(t('settings.budgetInvalid'));
      return;
    }
    setBudgetError(null);
    const common = {
      name: form.name,
      description: form.description,
      territory: form.territory,
      status: form.status,
      callOpensOn: form.callOpensOn || null,
      callClosesOn: form.callClosesOn || null,
      budgetEnvelopeMinor: budget,
      languages: form.languages,
      eligibilityCriteria: form.criteria.map((c) => ({ key: c.key, label: c.label })),
      scoringGrid: form.grid.map((c) => ({ key: c.key, label: c.label, weight: c.weight ?? 0, max: c.max ?? 0 })),
    };
    const onError = (e: unknown) => notifyError(e, t('common:errors.saveFailed'));
    if (programme) update.mutate(common, { onSuccess: () => notifySuccess(t('settings.saved')), onError });
    else create.mutate({ ...common, code: form.code, currency: form.currency }, { onSuccess: (p) => { notifySuccess(t('settings.created')); navigate(`/programmes/${p.id}`); }, onError });
  };

  return (
    <Stack gap="lg">
      {apiError && <Alert color="red" variant="light">{apiError}</Alert>}
      <Card withBorder radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settings.code')} required disabled={Boolean(programme) || !staff} value={form.code} error={field('code')} onChange={(e) => setForm({ ...form, code: e.currentTarget.value.toUpperCase() })} />
          <TextInput label={t('settings.name')} required disabled={!staff} value={form.name} error={field('name')} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          <TextInput label={t('settings.territory')} required disabled={!staff} value={form.territory} error={field('territory')} onChange={(e) => setForm({ ...form, territory: e.currentTarget.value })} />
          <Select label={t('settings.status')} disabled={!staff} allowDeselect={false} data={PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} value={form.status} onChange={(v) => setForm({ ...form, status: (v ?? 'draft') as Programme['status'] })} />
        </SimpleGrid>
        <Textarea mt="sm" label={t('settings.description')} disabled={!staff} autosize minRows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.currentTarget.value })} />
      </Card>
      <Card withBorder radius="md">
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <TextInput label={t('settings.opensOn')} type="date" disabled={!staff} value={form.callOpensOn} error={field('callOpensOn')} onChange={(e) => setForm({ ...form, callOpensOn: e.currentTarget.value })} />
          <TextInput label={t('settings.closesOn')} type="date" disabled={!staff} value={form.callClosesOn} error={field('callClosesOn')} onChange={(e) => setForm({ ...form, callClosesOn: e.currentTarget.value })} />
          <Select label={t('settings.currency')} disabled={Boolean(programme) || !staff} allowDeselect={false} data={Object.keys(CURRENCY_EXPONENTS)} value={form.currency} onChange={(v) => setForm({ ...form, currency: (v ?? 'EUR') as CurrencyCode })} />
          <MoneyInput label={t('settings.budget', { currency: form.currency })} required={false} disabled={!staff} currency={form.currency} value={form.budget} error={budgetError ?? field('budgetEnvelopeMinor')} onChange={(budget) => setForm({ ...form, budget })} />
        </SimpleGrid>
        <Checkbox.Group mt="sm" label={t('settings.languages')} value={form.languages} onChange={(v) => setForm({ ...form, languages: v as ('fr' | 'en')[] })} error={field('languages')}>
          <Group mt={4}>
            <Checkbox value="fr" label="Français" disabled={!staff} />
            <Checkbox value="en" label="English" disabled={!staff} />
          </Group>
        </Checkbox.Group>
      </Card>
      <Card withBorder radius="md">
        <CriteriaEditor title={t('settings.criteria')} hint={t('settings.criteriaHint')} rows={form.criteria} disabled={!staff} errors={errors} onChange={(criteria) => setForm({ ...form, criteria })} />
      </Card>
      <Card withBorder radius="md">
        <CriteriaEditor title={t('settings.grid')} hint={t('settings.gridHint')} rows={form.grid} weighted disabled={!staff} errors={errors} onChange={(grid) => setForm({ ...form, grid })} />
      </Card>
      {staff && (
        <Group justify="flex-end">
          <Button onClick={save} loading={mutation.isPending}>{t('common:actions.save')}</Button>
        </Group>
      )}
    </Stack>
  );
}

export function ProgrammeSettingsPage() {
  const { t } = useTranslation('programmes');
  const { id } = useParams();
  const programme = useProgramme(id);
  if (programme.isError) return <ErrorState error={programme.error} onRetry={() => void programme.refetch()} />;
  if (!programme.data) return <Loader />;
  return (
    <>
      <Anchor component={Link} to="/programmes" size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('settings.back')}</Group></Anchor>
      <PageHeader title={programme.data.name} description={programme.data.code} />
      <ProgrammeForm key={programme.data.updatedAt} programme={programme.data} />
    </>
  );
}

export function NewProgrammePage() {
  const { t } = useTranslation('programmes');
  return (
    <>
      <PageHeader title={t('settings.titleNew')} />
      <ProgrammeForm />
    </>
  );
}
