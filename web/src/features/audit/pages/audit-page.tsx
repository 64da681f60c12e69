import { Badge, Code, Drawer, Group, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { AuditEntry } from '@essor/shared/audit';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { ChangeView } from '../components/change-view';

function isoDay(date: Date | string | null): string | undefined {
  if (!date) return undefined;
  return typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
}

export function AuditPage() {
  const { t } = useTranslation('audit');
  const format = useFormat();
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [debouncedActor] = useDebouncedValue(actor, 300);
  const [debouncedAction] = useDebouncedValue(action, 300);

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('columns.at'), render: (e) => <Text size="sm" title={e.at}>{format.dateTime(e.at)}</Text>, width: 190 },
    { key: 'actor', header: t('columns.actor'), render: (e) => <Text size="sm">{e.actorEmail ?? t('anonymous')}</Text> },
    { key: 'action', header: t('columns.action'), render: (e) => <Badge variant="light" color="essor" tt="none">{e.action}</Badge> },
    { key: 'entity', header: t('columns.entity'), render: (e) => <Text size="sm">{e.entity} <Text span c="dimmed" size="xs">{e.entityId.slice(0, 8)}</Text></Text> },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <DataList<AuditEntry>
        queryKey={['audit']}
        endpoint="/api/audit"
        exportEndpoint="/api/audit/export.csv"
        columns={columns}
        rowKey={(e) => e.id}
        onRowClick={setSelected}
        extraParams={{ actor: debouncedActor.trim() || undefined, action: debouncedAction.trim() || undefined, from: isoDay(range[0]), to: isoDay(range[1]) }}
        toolbar={
          <>
            <TextInput aria-label={t('filters.actor')} placeholder={t('filters.actor')} value={actor} onChange={(e) => setActor(e.currentTarget.value)} w={220} />
            <TextInput aria-label={t('filters.action')} placeholder={t('filters.action')} value={action} onChange={(e) => setAction(e.currentTarget.value)} w={200} />
            <DatePickerInput type="range" aria-label={t('filters.period')} placeholder={t('filters.period')} value={range} onChange={(value) => setRange(value as [string | null, string | null])} clearable w={240} />
          </>
        }
        emptyTitle={t('empty')}
      />
      <Drawer opened={Boolean(selected)} onClose={() => setSelected(null)} position="right" size="lg" title={selected?.action}>
        {selected && (
          <Stack>
            <Group gap="xl">
              <div><Text size="xs" c="dimmed">{t('columns.at')}</Text><Text size="sm">{format.dateTime(selected.at)}</Text></div>
              <div><Text size="xs" c="dimmed">{t('columns.actor')}</Text><Text size="sm">{selected.actorEmail ?? t('anonymous')}</Text></div>
            </Group>
            <div><Text size="xs" c="dimmed">{t('columns.entity')}</Text><Text size="sm">{selected.entity} · <Code>{selected.entityId}</Code></Text></div>
            {selected.requestId && <div><Text size="xs" c="dimmed">{t('requestId')}</Text><Code>{selected.requestId}</Code></div>}
            <ChangeView before={selected.before} after={selected.after} />
          </Stack>
        )}
      </Drawer>
    </>
  );
}
