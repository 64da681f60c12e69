import { Alert, Button, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { isPublicRole, type Role } from '@essor/shared/roles';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { trailLabel, useStructureTree } from '../../../lib/structures';
import { useInviteUser, type Invitation } from '../api';
import { RolePicker } from './role-picker';

const EMPTY = { name: '', email: '', roles: [] as Role[], locale: 'fr' as 'fr' | 'en', structureId: null as string | null };

export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('users');
  const invite = useInviteUser();
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<Invitation | null>(null);
  const [missingStructure, setMissingStructure] = useState(false);
  const fields = invite.error instanceof ApiError ? invite.error.fields : {};
  const manageable = (useStructureTree().data ?? []).filter((s) => s.canManage);
  // Holder and investor are account roles; every other role is held in a structure.
  const needsStructure = form.roles.some((role) => !isPublicRole(role));
  // The top-most structure the admin manages until they pick another: it stands in the select, in view.
  const structureId = form.structureId ?? manageable[0]?.id ?? null;

  const close = () => {
    setForm(EMPTY);
    setDone(null);
    setMissingStructure(false);
    invite.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsStructure && !structureId) return setMissingStructure(true);
    const { name, email, roles, locale } = form;
    invite.mutate({ name, email, roles, locale, ...(needsStructure && structureId ? { structureId } : {}) }, {
      onSuccess: (invitation) => {
        setDone(invitation);
        notifySuccess(t('invite.success', { name: invitation.user.name }));
      },
      onError: (error) => notifyError(error, t('common:errors.saveFailed')),
    });
  };

  const link = done ? `${window.location.origin}/invitation?token=${done.invitationToken}` : '';

  return (
    <Modal opened={opened} onClose={close} title={t('invite.title')} size="lg">
      {done ? (
        <Stack>
          <Alert color="teal" variant="light">{t('invite.linkHint', { email: done.user.email })}</Alert>
          <Group gap="xs" wrap="nowrap">
            <TextInput value={link} readOnly style={{ flex: 1 }} aria-label={t('invite.link')} />
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                  {copied ? t('common:actions.copied') : t('common:actions.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end"><Button onClick={close}>{t('common:actions.close')}</Button></Group>
        </Stack>
      ) : (
        <Stack component="form" onSubmit={submit}>
          <Text size="sm" c="dimmed">{t('invite.description')}</Text>
          <TextInput label={t('fields.name')} required value={form.name} error={fields.name?.join(' ')} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          <TextInput label={t('fields.email')} type="email" required value={form.email} error={fields.email?.join(' ')} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} />
          <RolePicker value={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={fields.roles?.join(' ')} />
          {needsStructure && (
            <Select
              label={t('fields.structure')}
              description={t('fields.structureHint')}
              required
              searchable
              data={manageable.map((s) => ({ value: s.id, label: trailLabel(s) }))}
              value={structureId}
              onChange={(value) => {
                setMissingStructure(false);
                setForm({ ...form, structureId: value });
              }}
              error={(missingStructure ? t('invite.structureRequired') : undefined) ?? fields.structureId?.join(' ')}
            />
          )}
          <Select
            label={t('fields.locale')}
            value={form.locale}
            onChange={(value) => setForm({ ...form, locale: value === 'en' ? 'en' : 'fr' })}
            data={[{ value: 'fr', label: 'Français' }, { value: 'en', label: 'English' }]}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common:actions.cancel')}</Button>
            <Button type="submit" loading={invite.isPending}>{t('invite.submit')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
