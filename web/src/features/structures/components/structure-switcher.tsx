import { Select, Stack, Text } from '@mantine/core';
import type { Structure } from '@essor/shared/structures';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { trailLabel, useStructureTree } from '../../../lib/structures';
import { useStructureFocus } from '../api';

const ALL = 'all';
export const INDENT_PX = 14;

/** Narrows every list and dashboard to one structure and the ones under it, or widens back to all of mine. */
export function StructureSwitcher({ onSwitched }: { onSwitched?: () => void }) {
  const { t } = useTranslation('structures');
  const tree = useStructureTree();
  const { focus, switchTo } = useStructureFocus();
  const structures = tree.data ?? [];
  const byId = new Map<string, Structure>(structures.map((s) => [s.id, s]));
  const value = focus && byId.has(focus) ? focus : ALL;

  const choose = (next: string | null) => {
    void switchTo(next && next !== ALL ? next : null);
    onSwitched?.();
  };

  return (
    <Select
      aria-label={t('switcher.label')}
      data-testid="structure-switcher"
      data={[{ value: ALL, label: t('switcher.all') }, ...structures.map((s) => ({ value: s.id, label: s.name }))]}
      value={value}
      onChange={choose}
      allowDeselect={false}
      disabled={tree.isLoading}
      leftSection={<IconBuildingCommunity size={16} />}
      w={{ base: '100%', sm: 200, md: 260 }}
      comboboxProps={{ width: 320, position: 'bottom-start' }}
      maxDropdownHeight={400}
      renderOption={({ option }) => {
        const structure = byId.get(option.value);
        const depth = structure?.depth ?? 0;
        return (
          <Stack gap={0} data-depth={depth} style={{ paddingInlineStart: depth * INDENT_PX }} title={structure ? trailLabel(structure) : undefined}>
            <Text size="sm" fw={structure ? undefined : 600}>{option.label}</Text>
            {structure && depth > 0 && <Text size="xs" c="dimmed">{structure.trail.slice(0, -1).join(' › ')}</Text>}
          </Stack>
        );
      }}
    />
  );
}
