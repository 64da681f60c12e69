import { DndContext, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { Badge, Card, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { ApplicationStatus, ApplicationSummary, Board } from '@essor/shared/applications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STATUS_COLORS } from './status-badge';

function BoardCard({ item }: { item: ApplicationSummary }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: item.id, data: { item } });
  return (
    <Card
      ref={setNodeRef}
      withBorder
      radius="sm"
      p="xs"
      shadow={isDragging ? 'md' : undefined}
      style={{ transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, cursor: 'grab', zIndex: isDragging ? 10 : undefined, touchAction: 'none' }}
      data-testid={`card-${item.id}`}
      {...listeners}
      {...attributes}
    >
      <Text size="sm" fw={600} lineClamp={2} component={Link} to={`/applications/${item.id}`} onPointerDown={(e) => e.stopPropagation()}>
        {item.projectTitle}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>{item.organisationName}</Text>
      <Text size="xs" c="dimmed" mt={4} title={item.programmeCode}>{item.programmeName}</Text>
    </Card>
  );
}

function BoardColumn({ status, total, items }: { status: ApplicationStatus; total: number; items: ApplicationSummary[] }) {
  const { t } = useTranslation('applications');
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <Card ref={setNodeRef} withBorder radius="md" p="xs" w={230} miw={230} bg={isOver ? `${STATUS_COLORS[status]}.0` : 'gray.0'} data-testid={`column-${status}`} data-over={isOver || undefined}>
      <Group justify="space-between" mb="xs" px={4}>
        <Text size="sm" fw={700} c={`${STATUS_COLORS[status]}.8`}>{t(`statuses.${status}`)}</Text>
        <Badge size="sm" color={STATUS_COLORS[status]} variant="light">{total}</Badge>
      </Group>
      <Stack gap={6} mih={120}>
        {items.map((item) => <BoardCard key={item.id} item={item} />)}
        {!items.length && <Text size="xs" c="dimmed" ta="center" py="md">{t('board.empty')}</Text>}
        {total > items.length && (
          <Text size="xs" c="dimmed" ta="center" py={4} component={Link} to="/applications" data-testid={`more-${status}`}>
            {t('board.more', { count: total - items.length })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Columns by stage; dropping a card asks the API for that move (it alone decides). */
export function KanbanBoard({ board, onMove }: { board: Board; onMove: (item: ApplicationSummary, to: ApplicationStatus) => void }) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const onDragEnd = (event: DragEndEvent) => {
    const item = event.active.data.current?.item as ApplicationSummary | undefined;
    const to = event.over?.id as ApplicationStatus | undefined;
    if (item && to && to !== item.status) onMove(item, to);
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
          {board.columns.map((column) => <BoardColumn key={column.status} status={column.status} total={column.total} items={column.items} />)}
        </Group>
      </ScrollArea>
    </DndContext>
  );
}
