import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useNextPage } from '../next-page';
import { ApiError } from '../../../lib/api-client';
import { AuthFrame } from '../components/auth-frame';
import { useLogin } from '../api';

export function LoginPage() {
  const { t } = useTranslation('auth');
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { next, carry } = useNextPage();
  const from = next ?? (location.state as { from?: string } | null)?.from ?? '/';
  const applying = from.startsWith('/applications/new');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(from, { replace: true }) });
  };
  const error = login.error instanceof ApiError ? login.error : null;

  return (
    <AuthFrame>
      <Paper component="form" onSubmit={submit} p={{ base: 'md', xs: 'xl' }} radius="md" withBorder shadow="sm" w="100%">
        <Stack>
          <div>
            <Title order={2}>{t('login.title')}</Title>
            <Text c="dimmed" size="sm">{t('login.subtitle')}</Text>
          </div>
          {applying && <Alert variant="light" color="essor">{t('login.toApply')}</Alert>}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error.status === 429 ? t('login.rateLimited') : error.status === 401 ? t('login.wrong') : error.message}
            </Alert>
          )}
          <TextInput label={t('fields.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t('fields.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={login.isPending}>{t('login.submit')}</Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/forgot-password">{t('login.forgot')}</Anchor>
          </Text>
          <Text size="sm" ta="center">
            {t('login.noAccount')} <Anchor component={Link} to={carry('/register')}>{t('login.register')}</Anchor>
          </Text>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/apply">{t('login.openCalls')}</Anchor>
          </Text>
        </Stack>
      </Paper>
    </AuthFrame>
  );
}
