import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import { STRUCTURE_KINDS, STRUCTURE_LANGUAGES, type Structure, type StructureKind } from '@essor/shared/structures';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { trailLabel } from '../../../lib/structures';
import { useCreateStructure, useUpdateStructure } from '../api';

type Language = (typeof STRUCTURE_LANGUAGES)[number];

interface Form {
  parentId: string | null;
  name: string;
  kind: StructureKind;
  territory: string;
  languages: Language[];
  currency: CurrencyCode;
  logoUrl: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

function formOf(editing: Structure | null, parent: Structure | undefined): Form {
  if (editing) {
    return {
      parentId: editing.parentId,
      name: editing.name,
      kind: editing.kind,
      territory: editing.territory,
      languages: editing.languages.filter((l): l is Language => (STRUCTURE_LANGUAGES as readonly string[]).includes(l)),
      currency: editing.currency,
      logoUrl: editing.logoUrl ?? '',
      contactName: editing.contactName ?? '',
      contactEmail: editing.contactEmail ?? '',
      contactPhone: editing.contactPhone ?? '',
    };
  }
  return {
    parentId: parent?.id ?? null,
    name: '',
    kind: 'incubator',
    territory: '',
    languages: ['fr'],
    currency: parent?.currency ?? 'EUR',
    logoUrl: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
  };
}

/**
 * Opens a structure (under one I administer) or edits one. `editing` null with `opened` creates.
 * `parents` are the structures the person may place it under.
 */
export function StructureFormModal({ opened, editing, parents, onClose }: { opened: boolean; editing: Structure | null; parents: Structure[]; onClose: () => void }) {
  const { t } = useTranslation('structures');
  const create = useCreateStructure();
  const update = useUpdateStructure();
  const mutation = editing ? update : create;
  const [form, setForm] = useState<Form>(() => formOf(editing, parents[0]));

  useEffect(() => {
    if (opened) {
      setForm(formOf(editing, parents[0]));
      create.reset();
      update.reset();
    }
  }, [opened, editing]);

  const fields = mutation.error instanceof ApiError ? mutation.error.fields : {};
  const error = (name: string) => Object.entries(fields).filter(([key]) => key === name || key.startsWith(`${name}.`)).flatMap(([, messages]) => messages).join(' ') || undefined;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((current) => ({ ...current, [key]: value }));
  // The top node stays on top: it has no parent to choose.
  const withParent = !editing || editing.parentId !== null;
  const parentOptions = parents.filter((p) => p.id !== editing?.id).map((p) => ({ value: p.id, label: trailLabel(p) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { parentId, ...rest } = form;
    const options = {
      onSuccess: () => {
        notifySuccess(t(editing ? 'edit.success' : 'create.success'));
        onClose();
      },
      onError: (err: unknown) => notifyError(err, t('common:errors.saveFailed')),
    };
    if (editing) update.mutate({ id: editing.id, ...rest, ...(withParent && parentId ? { parentId } : {}) }, options);
    else create.mutate({ parentId: parentId ?? '', ...rest }, options);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(editing ? 'edit.title' : 'create.title')} size="lg">
      <Stack component="form" onSubmit={submit}>
        {withParent && (
          <Select
            label={t('fields.parent')}
            required
            searchable
            data={parentOptions}
            value={form.parentId}
            onChange={(value) => set('parentId', value)}
            error={error('parentId')}
            allowDeselect={false}
          />
        )}
        <TextInput label={t('fields.name')} required value={form.name} error={error('name')} onChange={(e) => set('name', e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('fields.kind')}
            required
            data={STRUCTURE_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
            value={form.kind}
            onChange={(value) => value && set('kind', value as StructureKind)}
            error={error('kind')}
            allowDeselect={false}
          />
          <Select
            label={t('fields.currency')}
            required
            data={Object.keys(CURRENCY_EXPONENTS)}
            value={form.currency}
            onChange={(value) => value && set('currency', value as CurrencyCode)}
            error={error('currency')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <TextInput label={t('fields.territory')} value={form.territory} error={error('territory')} onChange={(e) => set('territory', e.currentTarget.value)} />
        <MultiSelect
          label={t('fields.languages')}
          data={STRUCTURE_LANGUAGES.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
          value={form.languages}
          onChange={(value) => set('languages', value as Language[])}
          error={error('languages')}
        />
        <TextInput label={t('fields.logoUrl')} description={t('fields.logoUrlHint')} value={form.logoUrl} error={error('logoUrl')} onChange={(e) => set('logoUrl', e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('fields.contactName')} value={form.contactName} error={error('contactName')} onChange={(e) => set('contactName', e.currentTarget.value)} />
          <TextInput label={t('fields.contactEmail')} type="email" value={form.contactEmail} error={error('contactEmail')} onChange={(e) => set('contactEmail', e.currentTarget.value)} />
          <TextInput label={t('fields.contactPhone')} value={form.contactPhone} error={error('contactPhone')} onChange={(e) => set('contactPhone', e.currentTarget.value)} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={mutation.isPending}>{t('common:actions.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
