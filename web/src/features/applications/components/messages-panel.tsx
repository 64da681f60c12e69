import { Badge, Button, Card, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';
import { useMessages, usePostMessage } from '../api';

export function MessagesPanel({ applicationId, staffView }: { applicationId: string; staffView: boolean }) {
  const { t } = useTranslation('applications');
  const format = useFormat();
  const messages = useMessages(applicationId);
  const post = usePostMessage(applicationId);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);

  const send = (event: FormEvent) => {
    event.preventDefault();
    post.mutate({ body, audience: internal ? 'internal' : 'holder' }, { onSuccess: () => setBody(''), onError: (e) => notifyError(e, t('common:errors.saveFailed')) });
  };

  return (
    <Stack>
      {messages.data?.items.length === 0 && <Text c="dimmed">{t('messages.empty')}</Text>}
      {messages.data?.items.map((m) => (
        <Card key={m.id} withBorder radius="md" p="sm" bg={m.audience === 'internal' ? 'yellow.0' : undefined}>
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>{m.authorName ?? '—'}</Text>
            <Group gap="xs">
              {m.audience === 'internal' && <Badge size="xs" color="yellow">{t('messages.internalBadge')}</Badge>}
              <Text size="xs" c="dimmed">{format.dateTime(m.at)}</Text>
            </Group>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
        </Card>
      ))}
      <Stack component="form" onSubmit={send} gap="xs">
        <Textarea aria-label={t('messages.placeholder')} placeholder={t('messages.placeholder')} autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
        <Group justify="space-between">
          {staffView ? <Checkbox label={t('messages.internal')} checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} /> : <span />}
          <Button type="submit" disabled={!body.trim()} loading={post.isPending}>{t('messages.send')}</Button>
        </Group>
      </Stack>
    </Stack>
  );
}
