import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { AuthFrame } from '../components/auth-frame';
import { useResetPassword } from '../api';

export function ResetPasswordPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const error = reset.error instanceof ApiError ? reset.error : null;
  const linkProblem = error?.fields.token?.join(' ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token: params.get('token') ?? '', password });
  };

  return (
    <AuthFrame>
      <Paper component="form" onSubmit={submit} p={{ base: 'md', xs: 'xl' }} radius="md" withBorder shadow="sm" w="100%">
        <Stack>
          <div>
            <Title order={2}>{t('reset.title')}</Title>
            <Text c="dimmed" size="sm">{t('reset.subtitle')}</Text>
          </div>
          {reset.isSuccess ? (
            <>
              <Alert color="essor" variant="light" role="status">{t('reset.done')}</Alert>
              <Button component={Link} to="/login">{t('reset.signIn')}</Button>
            </>
          ) : (
            <>
              {error && (
                <Alert color="red" variant="light" role="alert">
                  {linkProblem ? (
                    <>
                      {t('reset.badLink')} <Anchor component={Link} to="/forgot-password">{t('reset.askAgain')}</Anchor>
                    </>
                  ) : (error.fields.password?.join(' ') ?? error.message)}
                </Alert>
              )}
              <PasswordInput label={t('reset.new')} description={t('register.passwordHint')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
              <Button type="submit" loading={reset.isPending}>{t('reset.submit')}</Button>
            </>
          )}
        </Stack>
      </Paper>
    </AuthFrame>
  );
}
