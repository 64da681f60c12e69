import { Badge, Group } from '@mantine/core';

/** The 17 goals' official colours, for the targets' badges. */
const SDG_COLOURS = ['#E5243B', '#DDA63A', '#4C9F38', '#C5192D', '#FF3A21', '#26BDE2', '#FCC30B', '#A21942', '#FD6925', '#DD1367', '#FD9D24', '#BF8B2E', '#3F7E44', '#0A97D9', '#56C02B', '#00689D', '#19486A'];

export function SdgBadges({ targets }: { targets: readonly string[] }) {
  if (!targets.length) return <>—</>;
  return (
    <Group gap={4} wrap="wrap">
      {targets.map((target) => (
        <Badge key={target} size="sm" radius="sm" color={SDG_COLOURS[Number(target.split('.')[0]) - 1] ?? 'gray'} autoContrast aria-label={`ODD ${target}`}>
          {target}
        </Badge>
      ))}
    </Group>
  );
}
