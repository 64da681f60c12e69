import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Before/after of one audited change, field by field, changed fields first. */
export function ChangeView({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation('audit');
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (!keys.length) return <Text size="sm" c="dimmed">{t('noDetail')}</Text>;
  const changed = (key: string) => show(b[key]) !== show(a[key]);
  keys.sort((x, y) => Number(changed(y)) - Number(changed(x)));
  return (
    <Table withTableBorder withColumnBorders fz="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('field')}</Table.Th>
          <Table.Th>{t('before')}</Table.Th>
          <Table.Th>{t('after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => (
          <Table.Tr key={key} bg={changed(key) && before ? 'yellow.0' : undefined}>
            <Table.Td fw={600}>{key}</Table.Td>
            <Table.Td><Code>{show(b[key])}</Code></Table.Td>
            <Table.Td><Code>{show(a[key])}</Code></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
