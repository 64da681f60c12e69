import { Text, Timeline } from '@mantine/core';
import type { TimelineEvent } from '@essor/shared/cofinancing';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

/** The guarantee's history, read from the audit trail the services write. */
export function GuaranteeTimeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation('guarantees');
  const format = useFormat();
  if (events.length === 0) return <Text size="sm" c="dimmed">{t('detail.noEvent')}</Text>;
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
      {events.map((event, i) => (
        <Timeline.Item key={`${event.at}-${i}`} title={t(`events.${event.action}`, { defaultValue: event.action })}>
          <Text size="xs" c="dimmed">{format.dateTime(event.at)} · {event.actorName ?? event.actorEmail ?? t('detail.system')}</Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
