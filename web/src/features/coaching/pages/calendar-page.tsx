import type { CoachingSession } from '@essor/shared/coaching';
import { Badge, Box, Button, Group, NativeSelect, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { localeTag } from '../../../lib/format';
import { useCalendar, useCoaches, useRoster } from '../api';
import { addDays, SESSION_STATUS_COLORS, SUPPORT_TYPE_COLORS, sameDay, startOfWeek } from '../components/coaching-format';
import { SessionFormModal } from '../components/session-form-modal';

type View = 'week' | 'month';

function rangeOf(view: View, anchor: Date): { start: Date; days: number } {
  if (view === 'week') return { start: startOfWeek(anchor), days: 7 };
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
  return { start: startOfWeek(first), days: 42 };
}

function SessionChip({ session, compact }: { session: CoachingSession; compact?: boolean }) {
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const time = new Intl.DateTimeFormat(localeTag(i18n.language), { timeStyle: 'short' }).format(new Date(session.startsAt));
  const cancelled = session.status === 'cancelled';
  return (
    <UnstyledButton onClick={() => navigate(`/coaching/sessions/${session.id}`)} w="100%">
      <Paper
        withBorder
        p={compact ? 2 : 'xs'}
        radius="sm"
        style={{ borderLeft: `4px solid var(--mantine-color-${SUPPORT_TYPE_COLORS[session.supportType]}-6)`, opacity: cancelled ? 0.55 : 1 }}
      >
        <Text size="xs" fw={600} td={cancelled ? 'line-through' : undefined} lineClamp={compact ? 1 : 2}>
          {time} · {session.title}
        </Text>
        {!compact && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {session.coachName} · {session.format === 'group' ? session.cohortName : session.attendees[0]?.organisationName}
          </Text>
        )}
      </Paper>
    </UnstyledButton>
  );
}

export function CalendarPage() {
  const { t, i18n } = useTranslation('coaching');
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(() => new Date());
  const [coachId, setCoachId] = useState('');
  const [cohortId, setCohortId] = useState('');
  const [creating, setCreating] = useState(false);
  const { start, days } = rangeOf(view, anchor);
  const end = addDays(start, days);
  const calendar = useCalendar({ from: start.toISOString(), to: end.toISOString(), coachId: coachId || undefined, cohortId: cohortId || undefined });
  const coaches = useCoaches();
  const roster = useRoster();
  const tag = localeTag(i18n.language);

  const byDay = useMemo(() => {
    const list = Array.from({ length: days }, (_, i) => ({ day: addDays(start, i), sessions: [] as CoachingSession[] }));
    for (const s of calendar.data ?? []) {
      const cell = list.find((c) => sameDay(c.day, new Date(s.startsAt)));
      cell?.sessions.push(s);
    }
    return list;
  }, [calendar.data, start.getTime(), days]);

  const heading =
    view === 'week'
      ? `${new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long' }).format(start)} – ${new Intl.DateTimeFormat(tag, { dateStyle: 'long' }).format(addDays(start, 6))}`
      : new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric' }).format(anchor);
  const move = (direction: number) =>
    setAnchor((a) => (view === 'week' ? addDays(a, 7 * direction) : new Date(a.getFullYear(), a.getMonth() + direction, 1)));
  const weekdayNames = Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(tag, { weekday: 'short' }).format(addDays(startOfWeek(new Date()), i)));
  const today = new Date();

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.description')}
        actions={<Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('calendar.new')}</Button>}
      />
      <Group justify="space-between" mb="md" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => move(-1)} aria-label={t('calendar.previous')}><IconChevronLeft size={16} /></Button>
          <Button variant="default" size="xs" onClick={() => setAnchor(new Date())}>{t('calendar.today')}</Button>
          <Button variant="default" size="xs" onClick={() => move(1)} aria-label={t('calendar.next')}><IconChevronRight size={16} /></Button>
          <Text fw={600} ml="sm" tt={view === 'month' ? 'capitalize' : undefined}>{heading}</Text>
        </Group>
        <Group gap="xs">
          <NativeSelect size="xs" aria-label={t('fields.coach')} value={coachId} onChange={(e) => setCoachId(e.currentTarget.value)} data={[{ value: '', label: t('calendar.allCoaches') }, ...(coaches.data ?? []).map((c) => ({ value: c.id, label: c.name }))]} />
          <NativeSelect size="xs" aria-label={t('fields.cohort')} value={cohortId} onChange={(e) => setCohortId(e.currentTarget.value)} data={[{ value: '', label: t('calendar.allCohorts') }, ...(roster.data ?? []).map((c) => ({ value: c.id, label: `${c.programmeName} · ${c.name}` }))]} />
          <SegmentedControl size="xs" value={view} onChange={(v) => setView(v as View)} data={[{ value: 'week', label: t('calendar.week') }, { value: 'month', label: t('calendar.month') }]} />
        </Group>
      </Group>
      {calendar.isError && <ErrorState error={calendar.error} onRetry={() => calendar.refetch()} />}
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {weekdayNames.map((name) => (
          <Text key={name} size="xs" c="dimmed" ta="center" tt="uppercase" fw={600}>{name}</Text>
        ))}
        {byDay.map(({ day, sessions }) => {
          const outside = view === 'month' && day.getMonth() !== anchor.getMonth();
          return (
            <Paper key={day.toISOString()} withBorder p={4} radius="sm" mih={view === 'week' ? 320 : 110} bg={sameDay(day, today) ? 'var(--mantine-color-blue-light)' : undefined} style={{ opacity: outside ? 0.5 : 1 }} data-testid="calendar-day">
              <Text size="xs" fw={700} mb={4}>{day.getDate()}</Text>
              <Stack gap={4}>
                {calendar.isLoading && <Skeleton h={24} />}
                {(view === 'month' ? sessions.slice(0, 3) : sessions).map((s) => <SessionChip key={s.id} session={s} compact={view === 'month'} />)}
                {view === 'month' && sessions.length > 3 && <Text size="xs" c="dimmed">{t('calendar.more', { count: sessions.length - 3 })}</Text>}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        {(['scheduled', 'held', 'cancelled'] as const).map((status) => (
          <Badge key={status} color={SESSION_STATUS_COLORS[status]} variant="dot">{t(`statuses.${status}`)}</Badge>
        ))}
        <Box />
      </Group>
      <SessionFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
