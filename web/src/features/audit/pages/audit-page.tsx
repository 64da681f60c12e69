import { Code, Drawer, Group, Stack, Text, TextInput } from '@mantine/core';
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

/**
 * An action in words ("Prêt approuvé"), never its code. One added later without its own words reads as
 * its kind of row and verb ("Équipement : modification"), or "Autre action"; the code stays in the tooltip.
 */
export function useActionLabel() {
  const { t, i18n } = useTranslation('audit');
  return (action: string, entity: string) => {
    if (i18n.exists(`actions.${action}`, { ns: 'audit' })) return t(`actions.${action}`);
    const verb = action.split('.').pop() ?? '';
    if (i18n.exists(`verbs.${verb}`, { ns: 'audit' }) && i18n.exists(`entities.${entity}`, { ns: 'audit' })) return `${t(`entities.${entity}`)} : ${t(`verbs.${verb}`)}`;
    return t('otherAction');
  };
}

function ActorName({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  if (!entry.actorEmail && !entry.actorName) return <Text size="sm">{t('anonymous')}</Text>;
  return <Text size="sm" title={entry.actorEmail ?? undefined}>{entry.actorName ?? entry.actorEmail}</Text>;
}

export function AuditPage() {
  const { t } = useTranslation('audit');
  const actionLabel = useActionLabel();
  const entityKind = (entity: string) => t(`entities.${entity}`, { defaultValue: entity.replace(/_/g, ' ') });
  const format = useFormat();
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [debouncedActor] = useDebouncedValue(actor, 300);
  const [debouncedAction] = useDebouncedValue(action, 300);

  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('columns.at'), render: (e) => <Text size="sm" title={e.at}>{format.dateTime(e.at)}</Text>, width: 190 },
    { key: 'actor', header: t('columns.actor'), render: (e) => <ActorName entry={e} /> },
    { key: 'action', header: t('columns.action'), render: (e) => <Text size="sm" fw={500} c="essor.8" title={e.action}>{actionLabel(e.action, e.entity)}</Text> },
    {
      key: 'entity',
      header: t('columns.entity'),
      render: (e) => (
        <Text size="sm">
          <Text span c="dimmed" size="xs">{entityKind(e.entity)} · </Text>
          {e.entityLabel ?? <Text span c="dimmed" size="sm" fs="italic">{t('unnamed')}</Text>}
        </Text>
      ),
    },
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
      <Drawer opened={Boolean(selected)} onClose={() => setSelected(null)} position="right" size="lg" title={selected ? actionLabel(selected.action, selected.entity) : undefined}>
        {selected && (
          <Stack>
            <Group gap="xl">
              <div><Text size="xs" c="dimmed">{t('columns.at')}</Text><Text size="sm">{format.dateTime(selected.at)}</Text></div>
              <div><Text size="xs" c="dimmed">{t('columns.actor')}</Text><Text size="sm">{selected.actorName ? `${selected.actorName} (${selected.actorEmail})` : (selected.actorEmail ?? t('anonymous'))}</Text></div>
            </Group>
            <div><Text size="xs" c="dimmed">{t('columns.entity')}</Text><Text size="sm">{entityKind(selected.entity)} · {selected.entityLabel ?? t('unnamed')}</Text></div>
            <div><Text size="xs" c="dimmed">{t('identifiers')}</Text><Code>{selected.action}</Code> <Code>{selected.entityId}</Code></div>
            {selected.requestId && <div><Text size="xs" c="dimmed">{t('requestId')}</Text><Code>{selected.requestId}</Code></div>}
            <ChangeView before={selected.before} after={selected.after} />
          </Stack>
        )}
      </Drawer>
    </>
  );
}
