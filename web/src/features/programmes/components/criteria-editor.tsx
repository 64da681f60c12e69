import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface EditableCriterion {
  key: string;
  label: string;
  weight?: number;
  max?: number;
  /** A row added on this page: its key follows its label. A saved row keeps its key (scorecards refer to it). */
  fresh?: boolean;
}

/** The key the contract wants ("utilite_sociale"), made from a label ("Utilité sociale"), unique among `taken`. */
export function keyFromLabel(label: string, taken: string[]): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 36) || 'critere';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

/** Rows of criteria; with `weighted` it edits the scoring grid (weight and maximum score too). Keys are never typed. */
export function CriteriaEditor({ title, hint, rows, weighted, disabled, errors, onChange }: { title: string; hint: string; rows: EditableCriterion[]; weighted?: boolean; disabled?: boolean; errors: Record<string, string[]>; onChange: (rows: EditableCriterion[]) => void }) {
  const { t } = useTranslation('programmes');
  const set = (index: number, patch: Partial<EditableCriterion>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const relabel = (index: number, label: string) => {
    const row = rows[index];
    const taken = rows.filter((_, i) => i !== index).map((r) => r.key);
    set(index, row.fresh ? { label, key: keyFromLabel(label, taken) } : { label });
  };
  const prefix = weighted ? 'scoringGrid' : 'eligibilityCriteria';
  return (
    <Stack gap="xs">
      <div>
        <Text fw={600}>{title}</Text>
        <Text size="xs" c="dimmed">{hint}</Text>
      </div>
      {errors[prefix] && <Text size="xs" c="red">{errors[prefix].join(' ')}</Text>}
      {rows.map((row, index) => {
        const keyError = errors[`${prefix}.${index}.key`]?.join(' ');
        return (
          <Group key={index} align="flex-start" gap="xs" wrap="wrap">
            <TextInput
              label={t('settings.labelOf', { n: index + 1 })}
              style={{ flex: '1 1 220px' }}
              disabled={disabled}
              value={row.label}
              error={[errors[`${prefix}.${index}.label`]?.join(' '), keyError && t('settings.labelKeyError')].filter(Boolean).join(' ') || undefined}
              onChange={(e) => relabel(index, e.currentTarget.value)}
            />
            {weighted && (
              <>
                <NumberInput label={t('settings.weight')} description={t('settings.weightHint')} w={130} min={1} max={100} allowDecimal={false} disabled={disabled} value={row.weight} error={errors[`${prefix}.${index}.weight`]?.join(' ')} onChange={(v) => set(index, { weight: Number(v) || 0 })} />
                <NumberInput label={t('settings.max')} description={t('settings.maxHint')} w={130} min={1} max={20} allowDecimal={false} disabled={disabled} value={row.max} error={errors[`${prefix}.${index}.max`]?.join(' ')} onChange={(v) => set(index, { max: Number(v) || 0 })} />
              </>
            )}
            {!disabled && (
              <ActionIcon variant="subtle" color="red" aria-label={t('settings.removeOf', { label: row.label || index + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== index))} mt={28}>
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        );
      })}
      {!disabled && (
        <Group>
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, weighted ? { key: '', label: '', weight: 10, max: 5, fresh: true } : { key: '', label: '', fresh: true }])}>
            {t('settings.addCriterion')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
