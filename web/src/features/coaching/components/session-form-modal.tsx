import { SUPPORT_TYPES, type CreateSessionInput, type SupportType } from '@essor/shared/coaching';
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, NativeSelect, NumberInput, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { useMe } from '../../../lib/session';
import { useCoaches, useCreateSession, useRoster } from '../api';

interface ItemDraft {
  description: string;
  owner: string;
  dueOn: string;
  projectId: string;
}

const emptyItem = (): ItemDraft => ({ description: '', owner: '', dueOn: '', projectId: '' });

/** Books a session ahead or logs one that took place, with its action items, in one request. */
export function SessionFormModal({ opened, onClose, defaultStart }: { opened: boolean; onClose: () => void; defaultStart?: string }) {
  const { t } = useTranslation('coaching');
  const { data: me } = useMe();
  const roster = useRoster();
  const coaches = useCoaches({ active: 'true' });
  const create = useCreateSession();
  const isManager = Boolean(me?.user.roles.some((r) => r === 'admin' || r === 'staff'));
  const ownCoach = coaches.data?.find((c) => c.userId === me?.user.id);

  const [cohortId, setCohortId] = useState('');
  const [format, setFormat] = useState<'individual' | 'group'>('individual');
  const [projectId, setProjectId] = useState('');
  const [supportType, setSupportType] = useState<SupportType>('mentoring');
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState(defaultStart ?? '');
  const [durationMinutes, setDuration] = useState<number | string>(60);
  const [mode, setMode] = useState<'on_site' | 'remote'>('on_site');
  const [place, setPlace] = useState('');
  const [coachId, setCoachId] = useState('');
  const [held, setHeld] = useState(false);
  const [notes, setNotes] = useState('');
  const [decisions, setDecisions] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setError(null);
    if (defaultStart) setStartsAt(defaultStart);
  }, [opened, defaultStart]);
  useEffect(() => {
    if (!coachId && ownCoach) setCoachId(ownCoach.id);
  }, [coachId, ownCoach]);

  const cohort = roster.data?.find((c) => c.id === cohortId);
  const projectOptions = useMemo(() => (cohort?.projects ?? []).map((p) => ({ value: p.id, label: `${p.title} · ${p.organisationName}` })), [cohort]);
  const coachOptions = (isManager ? (coaches.data ?? []) : ownCoach ? [ownCoach] : []).map((c) => ({ value: c.id, label: c.name }));

  const fieldError = (name: string) => error?.fields[name]?.join(' ');

  function reset() {
    setTitle('');
    setNotes('');
    setDecisions('');
    setItems([]);
    setHeld(false);
    setError(null);
  }

  async function submit() {
    setError(null);
    const input: CreateSessionInput = {
      cohortId,
      format,
      projectId: format === 'individual' ? projectId || null : null,
      supportType,
      title,
      startsAt: startsAt ? new Date(startsAt).toISOString() : '',
      durationMinutes: Number(durationMinutes),
      mode,
      place,
      coachId,
      status: held ? 'held' : 'scheduled',
      notes,
      decisions,
      actionItems: items.map((item) => ({
        description: item.description,
        owner: item.owner,
        dueOn: item.dueOn || null,
        ...(format === 'group' && item.projectId ? { projectId: item.projectId } : {}),
      })),
    };
    try {
      await create.mutateAsync(input);
      notifySuccess(t('form.saved'));
      reset();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', t('common:errors.network')));
    }
  }

  const setItem = (index: number, patch: Partial<ItemDraft>) => setItems((list) => list.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  return (
    <Modal opened={opened} onClose={onClose} title={t('form.title')} size="xl">
      <Stack gap="sm">
        {error && <Alert color="red" variant="light" role="alert">{error.message}</Alert>}
        <Group grow align="flex-start">
          <NativeSelect
            label={t('fields.cohort')}
            value={cohortId}
            onChange={(e) => {
              setCohortId(e.currentTarget.value);
              setProjectId('');
            }}
            data={[{ value: '', label: '—' }, ...(roster.data ?? []).map((c) => ({ value: c.id, label: `${c.programmeName} · ${c.name}` }))]}
            error={fieldError('cohortId')}
            required
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('fields.format')}</Text>
            <SegmentedControl
              value={format}
              onChange={(v) => setFormat(v as 'individual' | 'group')}
              data={[
                { value: 'individual', label: t('formats.individual') },
                { value: 'group', label: t('formats.group') },
              ]}
            />
          </Stack>
        </Group>
        {format === 'individual' && (
          <NativeSelect
            label={t('fields.project')}
            value={projectId}
            onChange={(e) => setProjectId(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...projectOptions]}
            error={fieldError('projectId')}
            required
          />
        )}
        <Group grow align="flex-start">
          <NativeSelect
            label={t('fields.supportType')}
            value={supportType}
            onChange={(e) => setSupportType(e.currentTarget.value as SupportType)}
            data={SUPPORT_TYPES.map((type) => ({ value: type, label: t(`supportTypes.${type}`) }))}
          />
          <NativeSelect
            label={t('fields.coach')}
            value={coachId}
            onChange={(e) => setCoachId(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...coachOptions]}
            error={fieldError('coachId')}
            required
          />
        </Group>
        <TextInput label={t('fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError('title')} required />
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label={t('fields.startsAt')} value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} error={fieldError('startsAt')} required />
          <NumberInput label={t('fields.durationMinutes')} value={durationMinutes} onChange={setDuration} min={15} max={720} step={15} allowDecimal={false} error={fieldError('durationMinutes')} required />
        </Group>
        <Group grow align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('fields.mode')}</Text>
            <SegmentedControl
              value={mode}
              onChange={(v) => setMode(v as 'on_site' | 'remote')}
              data={[
                { value: 'on_site', label: t('modes.on_site') },
                { value: 'remote', label: t('modes.remote') },
              ]}
            />
          </Stack>
          <TextInput label={t('fields.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={fieldError('place')} />
        </Group>
        <Checkbox label={t('fields.held')} checked={held} onChange={(e) => setHeld(e.currentTarget.checked)} />
        <Textarea label={t('fields.notes')} description={t('fields.notesHint')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        <Textarea label={t('fields.decisions')} value={decisions} onChange={(e) => setDecisions(e.currentTarget.value)} autosize minRows={1} />
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>{t('actionItems.title')}</Text>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setItems((list) => [...list, emptyItem()])}>
              {t('actionItems.add')}
            </Button>
          </Group>
          {items.map((item, index) => (
            <Group key={index} align="flex-end" gap="xs" wrap="nowrap" data-testid="action-item-row">
              <TextInput style={{ flex: 3 }} label={t('actionItems.description')} value={item.description} onChange={(e) => setItem(index, { description: e.currentTarget.value })} error={fieldError(`actionItems.${index}.description`)} />
              <TextInput style={{ flex: 2 }} label={t('actionItems.owner')} value={item.owner} onChange={(e) => setItem(index, { owner: e.currentTarget.value })} error={fieldError(`actionItems.${index}.owner`)} />
              <TextInput style={{ flex: 1.4 }} type="date" label={t('actionItems.dueOn')} value={item.dueOn} onChange={(e) => setItem(index, { dueOn: e.currentTarget.value })} />
              {format === 'group' && (
                <NativeSelect style={{ flex: 2 }} label={t('fields.project')} value={item.projectId} onChange={(e) => setItem(index, { projectId: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...projectOptions]} />
              )}
              <ActionIcon variant="subtle" color="red" aria-label={t('actionItems.remove')} onClick={() => setItems((list) => list.filter((_, i) => i !== index))} mb={4}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button onClick={submit} loading={create.isPending}>{t('form.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
