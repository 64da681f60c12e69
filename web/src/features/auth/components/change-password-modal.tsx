import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { useChangePassword } from '../api';

/** The signed-in person changes their password; the API checks the current one and the new one's strength. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('auth');
  const change = useChangePassword();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const error = change.error instanceof ApiError ? change.error : null;
  const fieldError = (name: string) => error?.fields[name]?.join(' ');

  const close = () => {
    setForm({ currentPassword: '', newPassword: '' });
    change.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(form, { onSuccess: () => setForm({ currentPassword: '', newPassword: '' }) });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('password.title')}>
      <form onSubmit={submit}>
        <Stack>
          {change.isSuccess && <Alert color="green" variant="light" role="status">{t('password.done')}</Alert>}
          {error && !Object.keys(error.fields).length && <Alert color="red" variant="light" role="alert">{error.message}</Alert>}
          <PasswordInput
            label={t('password.current')}
            required
            autoComplete="current-password"
            value={form.currentPassword}
            error={fieldError('currentPassword')}
            onChange={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })}
          />
          <PasswordInput
            label={t('password.new')}
            required
            autoComplete="new-password"
            value={form.newPassword}
            error={fieldError('newPassword')}
            onChange={(e) => setForm({ ...form, newPassword: e.currentTarget.value })}
          />
          <Text size="xs" c="dimmed">{t('password.hint')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('password.cancel')}</Button>
            <Button type="submit" loading={change.isPending}>{t('password.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
