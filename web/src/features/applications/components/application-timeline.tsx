import { Text, Timeline } from '@mantine/core';
import type { ApplicationEvent } from '@essor/shared/applications';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

export function ApplicationTimeline({ events }: { events: ApplicationEvent[] }) {
  const { t } = useTranslation('applications');
  const format = useFormat();
  if (!events.length) return <Text c="dimmed">{t('detail.noEvents')}</Text>;
  return (
    <Timeline active={events.length - 1} bulletSize={22} lineWidth={2}>
      {events.map((event) => (
        <Timeline.Item
          key={event.id}
          bullet={<IconArrowRight size={12} />}
          title={event.fromStatus ? `${t(`statuses.${event.fromStatus}`)} → ${t(`statuses.${event.toStatus}`)}` : t('detail.timelineCreated')}
        >
          <Text size="xs" c="dimmed">
            {format.dateTime(event.at)}
            {event.actorName ? ` · ${t('detail.timelineBy', { name: event.actorName })}` : ''}
          </Text>
          {event.reason && <Text size="sm" mt={4}>{event.reason}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
