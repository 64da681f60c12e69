import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useCommitteeStageApplications, useCreateSession, useDirectory, useProgrammes } from '../api';

export function NewSessionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('committee');
  const navigate = useNavigate();
  const programmes = useProgrammes(opened);
  const directory = useDirectory(opened);
  const create = useCreateSession();
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [quorum, setQuorum] = useState<number>(2);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [applicationIds, setApplicationIds] = useState<string[]>([]);
  const candidates = useCommitteeStageApplications(programmeId);
  const error = create.error instanceof ApiError ? create.error : null;
  const field = (name: string) => error?.fields[name]?.join(' ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!programmeId) return;
    create.mutate(
      { programmeId, title, heldOn, quorum, memberIds, applicationIds },
      {
        onSuccess: (session) => {
          notifySuccess(t('create.created'));
          onClose();
          navigate(`/committee/${session.id}`);
        },
        onError: (e) => notifyError(e, t('common:errors.saveFailed')),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('create.title')} size="lg">
      <Stack component="form" onSubmit={submit}>
        {error && !Object.keys(error.fields).length && <Alert color="red" variant="light">{error.message}</Alert>}
        <Select
          label={t('create.programme')}
          required
          data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))}
          value={programmeId}
          onChange={(v) => {
            setProgrammeId(v);
            setApplicationIds([]);
          }}
        />
        <TextInput label={t('create.sessionTitle')} required value={title} error={field('title')} onChange={(e) => setTitle(e.currentTarget.value)} />
        <Group grow>
          <TextInput label={t('create.heldOn')} type="date" required value={heldOn} error={field('heldOn')} onChange={(e) => setHeldOn(e.currentTarget.value)} />
          <NumberInput label={t('create.quorum')} min={1} allowDecimal={false} value={quorum} error={field('quorum')} onChange={(v) => setQuorum(Number(v) || 1)} />
        </Group>
        <MultiSelect
          label={t('create.members')}
          required
          searchable
          data={(directory.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.email})` }))}
          value={memberIds}
          error={field('memberIds')}
          onChange={setMemberIds}
        />
        <MultiSelect
          label={t('create.agenda')}
          description={t('create.agendaHint')}
          searchable
          disabled={!programmeId}
          data={(candidates.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.projectTitle} — ${a.organisationName}` }))}
          value={applicationIds}
          onChange={setApplicationIds}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={create.isPending} disabled={!programmeId || !memberIds.length}>{t('create.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
