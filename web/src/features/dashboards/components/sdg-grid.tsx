import { Box, SimpleGrid, Text, Tooltip } from '@mantine/core';
import type { ImpactDashboard } from '@essor/shared/impact-dashboard';
import { useTranslation } from 'react-i18next';

/** The official colours of the 17 Sustainable Development Goals. */
const SDG_COLOURS = ['#E5243B', '#DDA63A', '#4C9F38', '#C5192D', '#FF3A21', '#26BDE2', '#FCC30B', '#A21942', '#FD6925', '#DD1367', '#FD9D24', '#BF8B2E', '#3F7E44', '#0A97D9', '#56C02B', '#00689D', '#19486A'];

/** The 17 goals, each in its colour, faded by how many projects contribute to it (grey: none). */
export function SdgGrid({ sdg }: { sdg: ImpactDashboard['sdg'] }) {
  const { t } = useTranslation('dashboards');
  const most = Math.max(1, ...sdg.map((g) => g.projects));
  return (
    <SimpleGrid cols={{ base: 3, sm: 6, lg: 9 }} spacing={6} role="list" aria-label={t('sdg.title')}>
      {sdg.map((g) => {
        const label = t('sdg.goal', { goal: g.goal, indicators: g.indicators, projects: g.projects });
        return (
          <Tooltip key={g.goal} label={g.codes.join(', ') || t('sdg.none')}>
            <Box
              role="listitem"
              aria-label={label}
              data-testid={`sdg-${g.goal}`}
              p={6}
              style={{
                borderRadius: 4,
                color: 'white',
                background: g.projects > 0 ? SDG_COLOURS[g.goal - 1] : '#adb5bd',
                opacity: g.projects > 0 ? 0.45 + (0.55 * g.projects) / most : 0.6,
                minHeight: 64,
              }}
            >
              <Text fw={700} size="lg">{g.goal}</Text>
              <Text size="xs">{t('sdg.projects', { count: g.projects })}</Text>
            </Box>
          </Tooltip>
        );
      })}
    </SimpleGrid>
  );
}
