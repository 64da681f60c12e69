import { AGGREGATIONS, INDICATOR_CATEGORIES, INDICATOR_UNITS, type Indicator, type IndicatorUnit } from '@essor/shared/impact';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { trailLabel, useStructureTree } from '../../../lib/structures';
import { useCreateIndicator, useUpdateIndicator } from '../api';

/** The API's messages for one field, joined. */
export function fieldErrors(error: unknown): (name: string) => string | undefined {
  const fields = error instanceof ApiError ? error.fields : {};
  return (name) => {
    const own = Object.entries(fields).filter(([key]) => key === name || key.startsWith(`${name}.`));
    return own.length ? own.flatMap(([, texts]) => texts).join(' ') : undefined;
  };
}

export function MutationError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {error instanceof ApiError ? error.message : t('errors.network')}
    </Alert>
  );
}

/** A structure's own indicator: created here, or edited (code, aggregation and category stay; the unit while no figure uses it). */
export function IndicatorModal({ indicator, onClose }: { indicator?: Indicator; onClose: () => void }) {
  const { t } = useTranslation('impact');
  const create = useCreateIndicator();
  const update = useUpdateIndicator(indicator?.id ?? '');
  const mutation = indicator ? update : create;
  const { data: structures = [] } = useStructureTree();
  const [structureId, setStructureId] = useState<string | null>(null);
  const [code, setCode] = useState(indicator?.code ?? '');
  const [nameFr, setNameFr] = useState(indicator?.nameFr ?? '');
  const [nameEn, setNameEn] = useState(indicator?.nameEn ?? '');
  const [definitionFr, setDefinitionFr] = useState(indicator?.definitionFr ?? '');
  const [definitionEn, setDefinitionEn] = useState(indicator?.definitionEn ?? '');
  const [unit, setUnit] = useState<IndicatorUnit>(indicator?.unit ?? 'count');
  const [category, setCategory] = useState<string>(indicator?.category ?? 'social');
  const [aggregation, setAggregation] = useState<string>(indicator?.aggregation ?? 'sum');
  const [sdgTargets, setSdgTargets] = useState<string[]>(indicator?.sdgTargets ?? []);
  const [irisCode, setIrisCode] = useState(indicator?.irisCode ?? '');
  const [active, setActive] = useState(indicator?.active ?? true);
  const err = fieldErrors(mutation.error);
  const options = <T extends string>(values: readonly T[], prefix: string) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const texts = { nameFr, nameEn, definitionFr, definitionEn, sdgTargets, irisCode: irisCode.trim() || null };
    if (indicator) {
      update.mutate({ ...texts, active, ...(indicator.hasFigures ? {} : { unit }) }, { onSuccess: () => { notifySuccess(t('form.saved')); onClose(); } });
    } else {
      create.mutate(
        { ...texts, ...(structureId ? { structureId } : {}), code, unit, category: category as Indicator['category'], aggregation: aggregation as Indicator['aggregation'] },
        { onSuccess: () => { notifySuccess(t('form.created')); onClose(); } },
      );
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={indicator ? t('form.editTitle', { code: indicator.code }) : t('form.createTitle')}>
      <Stack component="form" onSubmit={submit}>
        {!indicator && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('form.structure')} data={structures.map((s) => ({ value: s.id, label: trailLabel(s) }))} value={structureId} onChange={setStructureId} clearable error={err('structureId')} />
            <TextInput label={t('form.code')} description={t('form.codeHint')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} error={err('code')} />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('form.nameFr')} required value={nameFr} onChange={(e) => setNameFr(e.currentTarget.value)} error={err('nameFr')} />
          <TextInput label={t('form.nameEn')} required value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} error={err('nameEn')} />
          <Textarea label={t('form.definitionFr')} rows={2} value={definitionFr} onChange={(e) => setDefinitionFr(e.currentTarget.value)} error={err('definitionFr')} />
          <Textarea label={t('form.definitionEn')} rows={2} value={definitionEn} onChange={(e) => setDefinitionEn(e.currentTarget.value)} error={err('definitionEn')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('form.unit')}
            data={options(INDICATOR_UNITS, 'units')}
            value={unit}
            onChange={(v) => v && setUnit(v as IndicatorUnit)}
            disabled={indicator?.hasFigures}
            description={indicator?.hasFigures ? t('form.unitFixed') : undefined}
            error={err('unit')}
            allowDeselect={false}
          />
          <Select label={t('form.category')} data={options(INDICATOR_CATEGORIES, 'categories')} value={category} onChange={(v) => v && setCategory(v)} disabled={Boolean(indicator)} error={err('category')} allowDeselect={false} />
          <Select label={t('form.aggregation')} data={options(AGGREGATIONS, 'aggregations')} value={aggregation} onChange={(v) => v && setAggregation(v)} disabled={Boolean(indicator)} error={err('aggregation')} allowDeselect={false} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TagsInput label={t('form.sdgTargets')} description={t('form.sdgHint')} value={sdgTargets} onChange={setSdgTargets} error={err('sdgTargets')} />
          <TextInput label={t('form.irisCode')} value={irisCode} onChange={(e) => setIrisCode(e.currentTarget.value)} error={err('irisCode')} />
        </SimpleGrid>
        {indicator && <Switch label={t('form.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
        <MutationError error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('form.cancel')}</Button>
          <Button type="submit" loading={mutation.isPending}>{t('form.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
