import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useMe } from '../../../lib/session';
import { useCalls } from '../api';
import { ApplyFrame } from '../components/apply-frame';

/** The open calls; "apply" leads to the form, which needs a project-holder account. */
export function CallsList() {
  const { t } = useTranslation('applications');
  const format = useFormat();
  const calls = useCalls();
  if (calls.isError) return <ErrorState error={calls.error} onRetry={() => void calls.refetch()} />;
  if (calls.data && !calls.data.items.length) return <EmptyState title={t('calls.empty')} />;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {calls.data?.items.map((call) => (
        <Card key={call.id} withBorder radius="md">
          <Stack gap="xs" h="100%">
            <Group justify="space-between" align="flex-start">
              <Title order={3} size="h4">{call.name}</Title>
              <Badge variant="light">{call.territory}</Badge>
            </Group>
            <Text size="sm" c="dimmed">{call.description}</Text>
            {call.callClosesOn && <Text size="sm">{t('calls.closes', { date: format.date(call.callClosesOn) })}</Text>}
            {call.eligibilityCriteria.length > 0 && (
              <>
                <Text size="sm" fw={600}>{t('calls.criteria')}</Text>
                <List size="sm">{call.eligibilityCriteria.map((c) => <List.Item key={c.key}>{c.label}</List.Item>)}</List>
              </>
            )}
            <Group justify="flex-end" mt="auto">
              <Button component={Link} to={`/applications/new/${call.id}`} aria-label={`${t('calls.apply')} — ${call.name}`}>{t('calls.apply')}</Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

export function CallsPage() {
  const { t } = useTranslation('applications');
  return (
    <>
      <PageHeader title={t('calls.title')} description={t('calls.description')} />
      <CallsList />
    </>
  );
}

/** The same calls for visitors, outside the admin, with a way to create an account. */
export function PublicCallsPage() {
  const { t } = useTranslation('applications');
  const { data: me } = useMe();
  return (
    <ApplyFrame>
        <PageHeader title={t('calls.title')} description={t('calls.description')} />
        {!me && (
          <Alert variant="light" mb="lg">
            {t('calls.accountHint')}{' '}
            <Anchor component={Link} to="/register">{t('calls.register')}</Anchor> · <Anchor component={Link} to="/login">{t('calls.signIn')}</Anchor>
          </Alert>
        )}
        <CallsList />
    </ApplyFrame>
  );
}
