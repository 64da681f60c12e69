import { ATTENDANCES, type ActionItem, type CoachingSession } from '@essor/shared/coaching';
import { Alert, Badge, Button, Card, Checkbox, Group, Modal, NativeSelect, NumberInput, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { ApiError } from '../../../lib/api-client';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useMe } from '../../../lib/session';
import { useAddActionItem, useCancelSession, useRecordAttendance, useSession, useUpdateActionItem, useUpdateSession } from '../api';
import { formatMinutes, SESSION_STATUS_COLORS, toLocalInput } from '../components/coaching-format';
import { SupportTypeBadge } from '../components/support-type-badge';

function ActionItemsTable({ session, editable }: { session: CoachingSession; editable: boolean }) {
  const { t } = useTranslation('coaching');
  const format = useFormat();
  const update = useUpdateActionItem();
  const add = useAddActionItem();
  const [draft, setDraft] = useState({ description: '', owner: '', dueOn: '', projectId: '' });

  async function toggle(item: ActionItem) {
    try {
      await update.mutateAsync({ id: item.id, status: item.status === 'done' ? 'open' : 'done' });
    } catch (e) {
      notifyError(e, t('common:errors.saveFailed'));
    }
  }
  async function addItem() {
    try {
      await add.mutateAsync({ sessionId: session.id, description: draft.description, owner: draft.owner, dueOn: draft.dueOn || null, ...(draft.projectId ? { projectId: draft.projectId } : {}) });
      setDraft({ description: '', owner: '', dueOn: '', projectId: '' });
    } catch (e) {
      notifyError(e, t('common:errors.saveFailed'));
    }
  }

  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">{t('actionItems.title')}</Title>
      {session.actionItems.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('actionItems.done')}</Table.Th>
              <Table.Th>{t('actionItems.description')}</Table.Th>
              <Table.Th>{t('actionItems.owner')}</Table.Th>
              <Table.Th>{t('actionItems.dueOn')}</Table.Th>
              {session.format === 'group' && <Table.Th>{t('fields.project')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {session.actionItems.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Checkbox aria-label={item.description} checked={item.status === 'done'} disabled={!editable || item.status === 'dropped'} onChange={() => toggle(item)} />
                </Table.Td>
                <Table.Td td={item.status === 'dropped' ? 'line-through' : undefined}>{item.description}</Table.Td>
                <Table.Td>{item.owner}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {format.date(item.dueOn)}
                    {item.overdue && <Badge color="red" size="xs">{t('actionItems.overdue')}</Badge>}
                  </Group>
                </Table.Td>
                {session.format === 'group' && <Table.Td>{item.projectTitle}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {session.actionItems.length === 0 && <Text c="dimmed" size="sm" mt="xs">{t('actionItems.none')}</Text>}
      {editable && session.status !== 'cancelled' && (
        <Group align="flex-end" mt="md" gap="xs">
          <TextInput style={{ flex: 3 }} label={t('actionItems.description')} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} />
          <TextInput style={{ flex: 2 }} label={t('actionItems.owner')} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.currentTarget.value })} />
          <TextInput type="date" label={t('actionItems.dueOn')} value={draft.dueOn} onChange={(e) => setDraft({ ...draft, dueOn: e.currentTarget.value })} />
          {session.format === 'group' && (
            <NativeSelect label={t('fields.project')} value={draft.projectId} onChange={(e) => setDraft({ ...draft, projectId: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...session.attendees.map((a) => ({ value: a.projectId, label: a.projectTitle }))]} />
          )}
          <Button onClick={addItem} loading={add.isPending}>{t('actionItems.add')}</Button>
        </Group>
      )}
    </Card>
  );
}

function CancelModal({ session, opened, onClose }: { session: CoachingSession; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('coaching');
  const cancel = useCancelSession();
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={t('session.cancelTitle')}>
      <Stack>
        <Textarea label={t('session.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.close')}</Button>
          <Button
            color="red"
            loading={cancel.isPending}
            onClick={async () => {
              try {
                await cancel.mutateAsync({ id: session.id, reason });
                notifySuccess(t('session.cancelled'));
                onClose();
              } catch (e) {
                notifyError(e, t('common:errors.saveFailed'));
              }
            }}
          >
            {t('session.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Moves a session or changes its length; the API answers 409 when the coach is busy then. */
function RescheduleModal({ session, opened, onClose }: { session: CoachingSession; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('coaching');
  const update = useUpdateSession();
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState<number | string>(60);
  const [mode, setMode] = useState<'on_site' | 'remote'>('on_site');
  const [place, setPlace] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!opened) return;
    setStartsAt(toLocalInput(session.startsAt));
    setDuration(session.durationMinutes);
    setMode(session.mode);
    setPlace(session.place);
    setError(null);
  }, [opened, session]);
  return (
    <Modal opened={opened} onClose={onClose} title={t('session.reschedule')}>
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <TextInput type="datetime-local" label={t('fields.startsAt')} value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} />
        <NumberInput label={t('fields.durationMinutes')} value={duration} onChange={setDuration} min={15} max={720} step={15} allowDecimal={false} />
        <SegmentedControl value={mode} onChange={(v) => setMode(v as 'on_site' | 'remote')} data={[{ value: 'on_site', label: t('modes.on_site') }, { value: 'remote', label: t('modes.remote') }]} />
        <TextInput label={t('fields.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button
            loading={update.isPending}
            onClick={async () => {
              try {
                await update.mutateAsync({ id: session.id, startsAt: new Date(startsAt).toISOString(), durationMinutes: Number(duration), mode, place });
                notifySuccess(t('session.saved'));
                onClose();
              } catch (e) {
                setError(e instanceof ApiError ? e.message : t('common:errors.network'));
              }
            }}
          >
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function SessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('coaching');
  const format = useFormat();
  const { data: me } = useMe();
  const query = useSession(id);
  const update = useUpdateSession();
  const attendance = useRecordAttendance();
  const [notes, setNotes] = useState('');
  const [decisions, setDecisions] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const session = query.data;

  useEffect(() => {
    if (session) {
      setNotes(session.notes ?? '');
      setDecisions(session.decisions);
    }
  }, [session?.id, session?.notes, session?.decisions]);

  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!session) return <Skeleton h={300} />;

  // The API decides; this only hides controls a coach could not use on another coach's session.
  const editable = session.notes !== null && Boolean(me);
  const open = session.status !== 'cancelled';
  // The API refuses attendance before the start (409): until then each project is only expected.
  const started = new Date(session.startsAt).getTime() <= Date.now();

  async function save(patch: Parameters<typeof update.mutateAsync>[0]) {
    try {
      await update.mutateAsync(patch);
      notifySuccess(t('session.saved'));
    } catch (e) {
      notifyError(e, t('common:errors.saveFailed'));
    }
  }

  return (
    <>
      <PageHeader
        title={session.title}
        description={`${format.dateTime(session.startsAt)} · ${formatMinutes(session.durationMinutes)} · ${session.coachName}`}
        actions={
          editable && open ? (
            <>
              {session.status === 'scheduled' && new Date(session.startsAt).getTime() <= Date.now() && (
                <Button onClick={() => save({ id: session.id, status: 'held' })}>{t('session.markHeld')}</Button>
              )}
              {session.status === 'scheduled' && <Button variant="default" onClick={() => setRescheduling(true)}>{t('session.reschedule')}</Button>}
              {session.status === 'scheduled' && <Button variant="light" color="red" onClick={() => setCancelling(true)}>{t('session.cancel')}</Button>}
            </>
          ) : undefined
        }
      />
      <Stack>
        <Group gap="xs">
          <Badge color={SESSION_STATUS_COLORS[session.status]}>{t(`statuses.${session.status}`)}</Badge>
          <SupportTypeBadge type={session.supportType} />
          <Badge variant="outline">{t(`formats.${session.format}`)}</Badge>
          <Badge variant="outline">{t(`modes.${session.mode}`)}</Badge>
          <Text size="sm" c="dimmed">{session.place} · {session.cohortName}</Text>
        </Group>
        {session.status === 'cancelled' && (
          <Alert color="gray" title={t('session.cancelledOn', { date: format.dateTime(session.cancelledAt) })}>{session.cancellationReason}</Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Group gap="xs" mb="xs">
              <IconLock size={16} />
              <Title order={3} size="h4">{t('fields.notes')}</Title>
            </Group>
            {session.notes === null ? (
              <Text c="dimmed" size="sm">{t('session.notesHidden')}</Text>
            ) : (
              <Stack gap="xs">
                <Textarea aria-label={t('fields.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={4} disabled={!open} />
                <Textarea label={t('fields.decisions')} value={decisions} onChange={(e) => setDecisions(e.currentTarget.value)} autosize minRows={2} disabled={!open} />
                {open && (
                  <Group justify="flex-end">
                    <Button size="xs" onClick={() => save({ id: session.id, notes, decisions })} loading={update.isPending}>{t('common:actions.save')}</Button>
                  </Group>
                )}
              </Stack>
            )}
            {session.notes === null && session.decisions && (
              <Text size="sm" mt="sm"><b>{t('fields.decisions')} :</b> {session.decisions}</Text>
            )}
          </Card>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">{t('session.attendees')}</Title>
            {open && !started && <Text size="sm" c="dimmed" mb="xs">{t('session.attendanceWaits', { date: format.dateTime(session.startsAt) })}</Text>}
            <Stack gap="xs">
              {session.attendees.map((a) => (
                <Group key={a.projectId} justify="space-between" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>{a.organisationName}</Text>
                    <Text size="xs" c="dimmed">{a.projectTitle}</Text>
                  </div>
                  {!started ? (
                    <Badge variant="light" color="gray">{t(`attendance.${a.attendance}`)}</Badge>
                  ) : (
                  <NativeSelect
                    size="xs"
                    aria-label={t('session.attendanceOf', { name: a.organisationName })}
                    value={a.attendance}
                    disabled={!editable || !open}
                    onChange={async (e) => {
                      try {
                        await attendance.mutateAsync({ id: session.id, attendees: [{ projectId: a.projectId, attendance: e.currentTarget.value }] });
                      } catch (error) {
                        notifyError(error, t('common:errors.saveFailed'));
                      }
                    }}
                    data={ATTENDANCES.map((value) => ({ value, label: t(`attendance.${value}`) }))}
                  />
                  )}
                </Group>
              ))}
            </Stack>
          </Card>
        </SimpleGrid>
        <ActionItemsTable session={session} editable={editable} />
      </Stack>
      <CancelModal session={session} opened={cancelling} onClose={() => setCancelling(false)} />
      <RescheduleModal session={session} opened={rescheduling} onClose={() => setRescheduling(false)} />
    </>
  );
}
