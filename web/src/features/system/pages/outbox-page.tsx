import { Alert, Badge, Button, Code, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { MAIL_KINDS, type OutboxStatus, type OutboxSummary } from '@essor/shared/mail';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useMailSettings, useOutboxMessage, useRequeueMessage } from '../api';

const STATUS_COLOR: Record<OutboxStatus, string> = { queued: 'blue', sent: 'green', failed: 'red' };

function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('system');
  const format = useFormat();
  const { data: message } = useOutboxMessage(id);
  const requeue = useRequeueMessage();
  return (
    <Drawer opened={Boolean(id)} onClose={onClose} position="right" size="xl" title={message?.subject}>
      {message && (
        <Stack>
          <Group gap="xl">
            <div><Text size="xs" c="dimmed">{t('outbox.columns.to')}</Text><Text size="sm">{message.to}</Text></div>
            <div><Text size="xs" c="dimmed">{t('outbox.columns.status')}</Text><Badge color={STATUS_COLOR[message.status]}>{t(`outbox.status.${message.status}`)}</Badge></div>
            <div><Text size="xs" c="dimmed">{t('outbox.columns.attempts')}</Text><Text size="sm">{message.attempts}</Text></div>
            <div><Text size="xs" c="dimmed">{t('outbox.columns.createdAt')}</Text><Text size="sm">{format.dateTime(message.createdAt)}</Text></div>
          </Group>
          {message.lastError && <Alert color="red" variant="light" title={t('outbox.lastError')}><Code block>{message.lastError}</Code></Alert>}
          {message.status === 'failed' && (
            <Button
              w="fit-content"
              loading={requeue.isPending}
              onClick={() => requeue.mutate(message.id, { onSuccess: () => notifySuccess(t('outbox.requeued')), onError: (e) => notifyError(e, t('outbox.requeueFailed')) })}
            >
              {t('outbox.requeue')}
            </Button>
          )}
          {message.attachments.length > 0 && (
            <Text size="sm">{t('outbox.attachments')} : {message.attachments.map((a) => a.filename).join(', ')}</Text>
          )}
          <Title order={5}>{t('outbox.asSent')}</Title>
          {/* The HTML part as the recipient's mail program shows it, sandboxed: no script, no navigation. */}
          <iframe title={t('outbox.asSent')} sandbox="" srcDoc={message.html} style={{ width: '100%', minHeight: 320, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }} />
          <Title order={5}>{t('outbox.textPart')}</Title>
          <Code block>{message.text}</Code>
        </Stack>
      )}
    </Drawer>
  );
}

export function OutboxPage() {
  const { t } = useTranslation('system');
  const format = useFormat();
  const settings = useMailSettings();
  const [selected, setSelected] = useState<string | null>(null);

  const columns: Column<OutboxSummary>[] = [
    { key: 'createdAt', header: t('outbox.columns.createdAt'), render: (m) => <Text size="sm">{format.dateTime(m.createdAt)}</Text>, width: 180 },
    { key: 'to', header: t('outbox.columns.to'), render: (m) => <Text size="sm">{m.to}</Text> },
    { key: 'subject', header: t('outbox.columns.subject'), render: (m) => <Text size="sm" fw={500}>{m.subject}</Text> },
    { key: 'kind', header: t('outbox.columns.kind'), render: (m) => <Text size="sm">{t(`outbox.kinds.${m.kind}`, { defaultValue: m.kind })}</Text> },
    {
      key: 'status',
      header: t('outbox.columns.status'),
      render: (m) => (
        <Group gap={6}>
          <Badge color={STATUS_COLOR[m.status]} variant="light">{t(`outbox.status.${m.status}`)}</Badge>
          {m.attempts > 0 && m.status !== 'sent' && <Text size="xs" c="dimmed">{t('outbox.attemptsShort', { count: m.attempts })}</Text>}
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      {settings.data && !settings.data.smtpConfigured && (
        <Alert color="yellow" variant="light" mb="md" title={t('outbox.noSmtpTitle')}>{t('outbox.noSmtp')}</Alert>
      )}
      <DataList<OutboxSummary>
        queryKey={['outbox']}
        endpoint="/api/mail/outbox"
        columns={columns}
        rowKey={(m) => m.id}
        onRowClick={(m) => setSelected(m.id)}
        filters={[
          { name: 'status', label: t('outbox.columns.status'), options: (['queued', 'sent', 'failed'] as const).map((s) => ({ value: s, label: t(`outbox.status.${s}`) })) },
          { name: 'kind', label: t('outbox.columns.kind'), options: MAIL_KINDS.map((k) => ({ value: k, label: t(`outbox.kinds.${k}`) })) },
        ]}
        emptyTitle={t('outbox.empty')}
      />
      <MessageDrawer id={selected} onClose={() => setSelected(null)} />
    </>
  );
}
