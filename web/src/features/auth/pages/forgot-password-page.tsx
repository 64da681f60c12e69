import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { AuthFrame } from '../components/auth-frame';
import { useForgotPassword } from '../api';

export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation('auth');
  const forgot = useForgotPassword();
  const [email, setEmail] = useState('');
  const error = forgot.error instanceof ApiError ? forgot.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    forgot.mutate({ email, locale: i18n.language.startsWith('en') ? 'en' : 'fr' });
  };

  return (
    <AuthFrame>
      <Paper component="form" onSubmit={submit} p={{ base: 'md', xs: 'xl' }} radius="md" withBorder shadow="sm" w="100%">
        <Stack>
          <div>
            <Title order={2}>{t('forgot.title')}</Title>
            <Text c="dimmed" size="sm">{t('forgot.subtitle')}</Text>
          </div>
          {forgot.isSuccess ? (
            <Alert color="essor" variant="light" role="status">{t('forgot.sent')}</Alert>
          ) : (
            <>
              {error && (
                <Alert color="red" variant="light" role="alert">
                  {error.status === 429 ? t('login.rateLimited') : (error.fields.email?.join(' ') ?? error.message)}
                </Alert>
              )}
              <TextInput label={t('fields.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
              <Button type="submit" loading={forgot.isPending}>{t('forgot.submit')}</Button>
            </>
          )}
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/login">{t('forgot.back')}</Anchor>
          </Text>
        </Stack>
      </Paper>
    </AuthFrame>
  );
}
