import { Alert, Anchor, Button, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { AuthFrame } from '../components/auth-frame';
import { useRegister } from '../api';
import { useNextPage } from '../next-page';

export function RegisterPage() {
  const { t, i18n } = useTranslation('auth');
  const register = useRegister();
  const navigate = useNavigate();
  const { next, carry } = useNextPage();
  // Coming from a bond offering: the account is an investor's.
  const investing = Boolean(next?.startsWith('/invest') || next?.startsWith('/my/bonds'));
  const [form, setForm] = useState({ name: '', email: '', password: '', role: (investing ? 'investor' : 'project_holder') as 'project_holder' | 'investor' });
  const applying = Boolean(next?.startsWith('/applications/new'));
  const error = register.error instanceof ApiError ? register.error : null;
  const fieldError = (name: string) => error?.fields[name]?.join(' ');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ ...form, locale: i18n.language === 'en' ? 'en' : 'fr' }, { onSuccess: () => navigate(next ?? '/', { replace: true }) });
  };

  return (
    <AuthFrame>
      <Paper component="form" onSubmit={submit} p={{ base: 'md', xs: 'xl' }} radius="md" withBorder shadow="sm" w="100%">
        <Stack>
          <div>
            <Title order={2}>{t('register.title')}</Title>
            <Text c="dimmed" size="sm">{t('register.subtitle')}</Text>
          </div>
          {error && error.status === 401 && <Alert color="yellow" variant="light" role="alert">{t('register.maybeKnown')}</Alert>}
          {error && error.status !== 401 && !Object.keys(error.fields).length && <Alert color="red" variant="light" role="alert">{error.message}</Alert>}
          {applying && <Alert variant="light" color="essor">{t('register.toApply')}</Alert>}
          {!applying && <SegmentedControl
            value={form.role}
            onChange={(role) => setForm({ ...form, role: role as typeof form.role })}
            data={[
              { value: 'project_holder', label: t('register.asHolder') },
              { value: 'investor', label: t('register.asInvestor') },
            ]}
          />}
          <TextInput label={t('fields.name')} required value={form.name} error={fieldError('name')} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          <TextInput label={t('fields.email')} type="email" required value={form.email} error={fieldError('email')} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} />
          <PasswordInput label={t('fields.password')} description={t('register.passwordHint')} required value={form.password} error={fieldError('password')} onChange={(e) => setForm({ ...form, password: e.currentTarget.value })} />
          <Button type="submit" loading={register.isPending}>{t('register.submit')}</Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to={carry('/login')}>{t('register.haveAccount')}</Anchor>
          </Text>
        </Stack>
      </Paper>
    </AuthFrame>
  );
}
