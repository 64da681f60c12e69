import { Alert, Box, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { ApplicationDetail, CreateApplicationInput } from '@essor/shared/applications';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { LEGAL_FORMS, PROJECT_NEEDS, type LegalForm, type ProjectNeed, type TargetLegalForm } from '@essor/shared/projects';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';

export type ApplicationFormValues = Omit<CreateApplicationInput, 'programmeId'>;

interface FormState {
  motivation: string;
  locale: 'fr' | 'en';
  org: {
    name: string;
    legalForm: LegalForm;
    targetLegalForm: TargetLegalForm | null;
    sector: string;
    district: string;
    territory: string;
    foundersCount: number;
    womenCount: number;
    youthCount: number;
    description: string;
    contactName: string;
    contactEmail: string;
    contactPhone: string;
  };
  project: { title: string; description: string; needs: ProjectNeed[]; district: string; budget: string };
}

function initialState(existing: ApplicationDetail | undefined, locale: 'fr' | 'en', territory: string): FormState {
  const o = existing?.organisation;
  const p = existing?.project;
  const exponent = p ? CURRENCY_EXPONENTS[p.currency] : 0;
  return {
    motivation: existing?.motivation ?? '',
    locale: existing?.locale ?? locale,
    org: {
      name: o?.name ?? '',
      legalForm: o?.legalForm ?? 'cooperative',
      targetLegalForm: o?.targetLegalForm ?? null,
      sector: o?.sector ?? '',
      district: o?.district ?? '',
      territory: o?.territory ?? territory,
      foundersCount: o?.foundersCount ?? 1,
      womenCount: o?.womenCount ?? 0,
      youthCount: o?.youthCount ?? 0,
      description: o?.description ?? '',
      contactName: o?.contactName ?? '',
      contactEmail: o?.contactEmail ?? '',
      contactPhone: o?.contactPhone ?? '',
    },
    project: {
      title: p?.title ?? '',
      description: p?.description ?? '',
      needs: p?.needs ?? [],
      district: p?.district ?? '',
      budget: p ? (p.totalBudgetMinor / 10 ** exponent).toString() : '',
    },
  };
}

/** The application form (organisation, project, motivation); the API validates, the form shows its field errors. */
export function ApplicationForm(props: {
  programmeName: string;
  territory: string;
  currency: CurrencyCode;
  existing?: ApplicationDetail;
  error: unknown;
  saving: boolean;
  onSave: (values: ApplicationFormValues, submit: boolean) => void;
}) {
  const { t, i18n } = useTranslation('applications');
  const [state, setState] = useState<FormState>(() => initialState(props.existing, i18n.language === 'en' ? 'en' : 'fr', props.territory));
  const [budgetError, setBudgetError] = useState<string | null>(null);
  const apiError = props.error instanceof ApiError ? props.error : null;
  const err = (key: string) => apiError?.fields[key]?.join(' ');
  const setOrg = (patch: Partial<FormState['org']>) => setState((s) => ({ ...s, org: { ...s.org, ...patch } }));
  const setProject = (patch: Partial<FormState['project']>) => setState((s) => ({ ...s, project: { ...s.project, ...patch } }));
  const optional = (v: string) => (v.trim() ? v.trim() : null);

  const save = (submit: boolean) => {
    const budget = parseMoneyInput(state.project.budget || '0', props.currency);
    if (budget === null || budget < 0) {
      setBudgetError(t('form.budgetInvalid'));
      return;
    }
    setBudgetError(null);
    props.onSave(
      {
        motivation: state.motivation,
        locale: state.locale,
        organisation: {
          ...state.org,
          targetLegalForm: state.org.legalForm === 'informal_group' ? state.org.targetLegalForm : null,
          contactName: optional(state.org.contactName),
          contactEmail: optional(state.org.contactEmail),
          contactPhone: optional(state.org.contactPhone),
        },
        project: { title: state.project.title, description: state.project.description, needs: state.project.needs, district: state.project.district, totalBudgetMinor: budget, currency: props.currency },
      },
      submit,
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save(false);
  };

  const legalForms = LEGAL_FORMS.map((f) => ({ value: f, label: t(`legalForms.${f}`) }));
  return (
    <Stack component="form" onSubmit={onSubmit} gap="lg">
      <Text c="dimmed">{t('form.programme')} : <b>{props.programmeName}</b></Text>
      {apiError && !Object.keys(apiError.fields).length && <Alert color="red" variant="light" role="alert">{apiError.message}</Alert>}
      <Card withBorder radius="md">
        <Title order={3} size="h4" mb="sm">{t('form.organisation')}</Title>
        <FieldGrid min={240}>
          <TextInput label={t('form.orgName')} required value={state.org.name} error={err('organisation.name')} onChange={(e) => setOrg({ name: e.currentTarget.value })} />
          <NativeSelect label={t('form.legalForm')} required data={legalForms} value={state.org.legalForm} onChange={(e) => setOrg({ legalForm: e.currentTarget.value as LegalForm })} />
          {state.org.legalForm === 'informal_group' && (
            <NativeSelect
              label={t('form.targetLegalForm')}
              description={t('form.targetLegalFormHint')}
              data={[{ value: '', label: '—' }, ...legalForms.filter((f) => f.value !== 'informal_group')]}
              value={state.org.targetLegalForm ?? ''}
              error={err('organisation.targetLegalForm')}
              onChange={(e) => setOrg({ targetLegalForm: (e.currentTarget.value || null) as TargetLegalForm | null })}
            />
          )}
          <TextInput label={t('form.sector')} required value={state.org.sector} error={err('organisation.sector')} onChange={(e) => setOrg({ sector: e.currentTarget.value })} />
          <TextInput label={t('form.district')} required value={state.org.district} error={err('organisation.district')} onChange={(e) => setOrg({ district: e.currentTarget.value })} />
          <TextInput label={t('form.territory')} required value={state.org.territory} error={err('organisation.territory')} onChange={(e) => setOrg({ territory: e.currentTarget.value })} />
        </FieldGrid>
        <FieldGrid min={120} mt="sm">
          <CountInput label={t('form.founders')} value={state.org.foundersCount} error={err('organisation.foundersCount')} onChange={(foundersCount) => setOrg({ foundersCount })} />
          <CountInput label={t('form.women')} value={state.org.womenCount} error={err('organisation.womenCount')} onChange={(womenCount) => setOrg({ womenCount })} />
          <CountInput label={t('form.youth')} value={state.org.youthCount} error={err('organisation.youthCount')} onChange={(youthCount) => setOrg({ youthCount })} />
        </FieldGrid>
        <Textarea mt="sm" label={t('form.orgDescription')} autosize minRows={2} value={state.org.description} onChange={(e) => setOrg({ description: e.currentTarget.value })} />
        <FieldGrid min={200} mt="sm">
          <TextInput label={t('form.contactName')} value={state.org.contactName} error={err('organisation.contactName')} onChange={(e) => setOrg({ contactName: e.currentTarget.value })} />
          <TextInput label={t('form.contactEmail')} type="email" value={state.org.contactEmail} error={err('organisation.contactEmail')} onChange={(e) => setOrg({ contactEmail: e.currentTarget.value })} />
          <TextInput label={t('form.contactPhone')} value={state.org.contactPhone} error={err('organisation.contactPhone')} onChange={(e) => setOrg({ contactPhone: e.currentTarget.value })} />
        </FieldGrid>
      </Card>
      <Card withBorder radius="md">
        <Title order={3} size="h4" mb="sm">{t('form.project')}</Title>
        <FieldGrid min={240}>
          <TextInput label={t('form.projectTitle')} required value={state.project.title} error={err('project.title')} onChange={(e) => setProject({ title: e.currentTarget.value })} />
          <TextInput label={t('form.projectDistrict')} required value={state.project.district} error={err('project.district')} onChange={(e) => setProject({ district: e.currentTarget.value })} />
          <TextInput
            label={t('form.budget', { currency: props.currency })}
            inputMode="decimal"
            value={state.project.budget}
            error={budgetError ?? err('project.totalBudgetMinor')}
            onChange={(e) => setProject({ budget: e.currentTarget.value })}
          />
        </FieldGrid>
        <Textarea mt="sm" label={t('form.projectDescription')} autosize minRows={3} value={state.project.description} onChange={(e) => setProject({ description: e.currentTarget.value })} />
        <Checkbox.Group mt="sm" label={t('form.needs')} value={state.project.needs} onChange={(v) => setProject({ needs: v as ProjectNeed[] })}>
          <Group mt={6}>{PROJECT_NEEDS.map((n) => <Checkbox key={n} value={n} label={t(`needs.${n}`)} />)}</Group>
        </Checkbox.Group>
      </Card>
      <Card withBorder radius="md">
        <Textarea label={t('form.motivation')} autosize minRows={3} value={state.motivation} error={err('motivation')} onChange={(e) => {
            // Read the value now: the updater runs later, after React has let go of the event's target.
            const motivation = e.currentTarget.value;
            setState((s) => ({ ...s, motivation }));
          }} />
        <NativeSelect
          mt="sm"
          w={200}
          label={t('form.language')}
          value={state.locale}
          onChange={(e) => setState((s) => ({ ...s, locale: e.currentTarget.value as 'fr' | 'en' }))}
          data={[
            { value: 'fr', label: 'Français' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Card>
      <Group justify="flex-end">
        <Button type="submit" variant="default" loading={props.saving}>{t('form.saveDraft')}</Button>
        <Button onClick={() => save(true)} loading={props.saving}>{t('form.saveAndSubmit')}</Button>
      </Group>
    </Stack>
  );
}

/**
 * A count of people: the phone's own number field (numeric keypad, no extra code to download), whole and not negative.
 */
function CountInput({ label, value, error, onChange }: { label: string; value: number; error?: string; onChange: (value: number) => void }) {
  return (
    <TextInput
      label={label}
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={String(value)}
      error={error}
      onChange={(e) => onChange(Math.max(0, Math.trunc(Number(e.currentTarget.value)) || 0))}
    />
  );
}

/** Fields side by side as the width allows (one column on a phone), by CSS grid alone: no layout code to download. */
function FieldGrid({ min, mt, children }: { min: number; mt?: 'sm'; children: ReactNode }) {
  return (
    <Box mt={mt} style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fit, minmax(min(${min}px, 100%), 1fr))`, gap: 'var(--mantine-spacing-md)' }}>
      {children}
    </Box>
  );
}
