import type { HolderSession } from '@essor/shared/coaching';
import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../../lib/format';
import { formatMinutes, SESSION_STATUS_COLORS } from './coaching-format';
import { SupportTypeBadge } from './support-type-badge';

/** Sessions as cards, most useful first; a link to the session page when `linked`. */
export function SessionList({ sessions, linked }: { sessions: HolderSession[]; linked?: boolean }) {
  const { t } = useTranslation('coaching');
  const format = useFormat();
  const navigate = useNavigate();
  return (
    <Stack gap="xs">
      {sessions.map((s) => {
        const card = (
          <Paper withBorder p="sm" radius="md" data-testid="session-card">
            <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
              <div style={{ flex: '1 1 220px', minWidth: 0 }}>
                <Text fw={600} td={s.status === 'cancelled' ? 'line-through' : undefined}>{s.title}</Text>
                <Text size="sm" c="dimmed">
                  {format.dateTime(s.startsAt)} · {formatMinutes(s.durationMinutes)} · {s.coachName} · {s.mode === 'remote' ? t('modes.remote') : s.place}
                </Text>
              </div>
              <Group gap={4} wrap="wrap">
                <SupportTypeBadge type={s.supportType} />
                <Badge color={SESSION_STATUS_COLORS[s.status]} variant="light">{t(`statuses.${s.status}`)}</Badge>
              </Group>
            </Group>
            {s.decisions && <Text size="sm" mt={4}><b>{t('fields.decisions')} :</b> {s.decisions}</Text>}
          </Paper>
        );
        return linked ? (
          <UnstyledButton key={s.id} onClick={() => navigate(`/coaching/sessions/${s.id}`)}>{card}</UnstyledButton>
        ) : (
          <div key={s.id}>{card}</div>
        );
      })}
    </Stack>
  );
}
