import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface EditableCriterion {
  key: string;
  label: string;
  weight?: number;
  max?: number;
}

/** Rows of criteria; with `weighted` it edits the scoring grid (weight and maximum score too). */
export function CriteriaEditor({ title, hint, rows, weighted, disabled, errors, onChange }: { title: string; hint: string; rows: EditableCriterion[]; weighted?: boolean; disabled?: boolean; errors: Record<string, string[]>; onChange: (rows: EditableCriterion[]) => void }) {
  const { t } = useTranslation('programmes');
  const set = (index: number, patch: Partial<EditableCriterion>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const prefix = weighted ? 'scoringGrid' : 'eligibilityCriteria';
  return (
    <Stack gap="xs">
      <div>
        <Text fw={600}>{title}</Text>
        <Text size="xs" c="dimmed">{hint}</Text>
      </div>
      {errors[prefix] && <Text size="xs" c="red">{errors[prefix].join(' ')}</Text>}
      {rows.map((row, index) => (
        <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
          <TextInput aria-label={t('settings.key')} placeholder={t('settings.key')} w={170} disabled={disabled} value={row.key} error={errors[`${prefix}.${index}.key`]?.join(' ')} onChange={(e) => set(index, { key: e.currentTarget.value })} />
          <TextInput aria-label={t('settings.label')} placeholder={t('settings.label')} style={{ flex: 1 }} disabled={disabled} value={row.label} error={errors[`${prefix}.${index}.label`]?.join(' ')} onChange={(e) => set(index, { label: e.currentTarget.value })} />
          {weighted && (
            <>
              <NumberInput aria-label={t('settings.weight')} placeholder={t('settings.weight')} w={110} min={1} max={100} allowDecimal={false} disabled={disabled} value={row.weight} error={errors[`${prefix}.${index}.weight`]?.join(' ')} onChange={(v) => set(index, { weight: Number(v) || 0 })} />
              <NumberInput aria-label={t('settings.max')} placeholder={t('settings.max')} w={110} min={1} max={20} allowDecimal={false} disabled={disabled} value={row.max} error={errors[`${prefix}.${index}.max`]?.join(' ')} onChange={(v) => set(index, { max: Number(v) || 0 })} />
            </>
          )}
          {!disabled && (
            <ActionIcon variant="subtle" color="red" aria-label={t('settings.remove')} onClick={() => onChange(rows.filter((_, i) => i !== index))} mt={6}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!disabled && (
        <Group>
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, weighted ? { key: '', label: '', weight: 10, max: 5 } : { key: '', label: '' }])}>
            {t('settings.addCriterion')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
