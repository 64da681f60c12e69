import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { AuthFrame } from '../components/auth-frame';
import { useAcceptInvitation } from '../api';

export function AcceptInvitationPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const error = accept.error instanceof ApiError ? accept.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ token: params.get('token') ?? '', password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

  return (
    <AuthFrame>
      <Paper component="form" onSubmit={submit} p="xl" radius="md" withBorder shadow="sm" w={420} maw="100%">
        <Stack>
          <Title order={2}>{t('invitation.title')}</Title>
          <Text c="dimmed" size="sm">{t('invitation.subtitle')}</Text>
          {error && <Alert color="red" variant="light" role="alert">{error.fields.password?.join(' ') ?? error.message}</Alert>}
          <PasswordInput label={t('fields.password')} description={t('register.passwordHint')} required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={accept.isPending}>{t('invitation.submit')}</Button>
        </Stack>
      </Paper>
    </AuthFrame>
  );
}
