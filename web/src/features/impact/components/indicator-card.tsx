import type { IndicatorFigures } from '@essor/shared/impact';
import { Button, Card, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { useFigureText } from './figure-text';
import { SdgBadges } from './sdg-badges';

/** One indicator at a glance: baseline, target and actual with a progress bar, then the periods. */
export function IndicatorCard({ figures, onHistory, onEnter }: { figures: IndicatorFigures; onHistory: () => void; onEnter?: () => void }) {
  const { t, i18n } = useTranslation('impact');
  const format = useFormat();
  const text = useFigureText();
  const { indicator } = figures;
  const name = i18n.language.startsWith('en') ? indicator.nameEn : indicator.nameFr;
  const show = (value: string | null) => text(value, indicator.unit, figures.currency);
  const percent = figures.percentOfTarget;
  return (
    <Card withBorder component="section" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600}>{name}</Text>
            <Text size="xs" c="dimmed">{t(`aggregations.${indicator.aggregation}`)}</Text>
          </div>
          <SdgBadges targets={indicator.sdgTargets} />
        </Group>
        <Group gap="xl">
          <div><Text size="xs" c="dimmed">{t('project.baseline')}</Text><Text fw={500}>{show(figures.baseline)}</Text></div>
          <div><Text size="xs" c="dimmed">{t('project.target')}</Text><Text fw={500}>{show(figures.target)}</Text></div>
          <div><Text size="xs" c="dimmed">{t('project.actual')}</Text><Text fw={700}>{show(figures.actual)}</Text></div>
        </Group>
        {percent === null ? (
          <Text size="xs" c="dimmed">{t('project.noTarget')}</Text>
        ) : (
          <>
            <Progress value={Math.min(percent, 100)} color={percent >= 100 ? 'teal' : percent >= 50 ? 'blue' : 'orange'} aria-label={t('project.progress', { percent: format.percent(percent / 100) })} />
            <Text size="xs">{t('project.progress', { percent: format.percent(percent / 100) })}</Text>
          </>
        )}
        {figures.periods.length > 0 && (
          <Table verticalSpacing={4} fz="sm" aria-label={`${t('project.byPeriod')} — ${name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('project.period')}</Table.Th>
                <Table.Th>{t('project.target')}</Table.Th>
                <Table.Th>{t('project.actual')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {figures.periods.map((p) => (
                <Table.Tr key={p.periodEnd}>
                  <Table.Td>{format.date(p.periodStart)} – {format.date(p.periodEnd)}</Table.Td>
                  <Table.Td>{show(p.target)}</Table.Td>
                  <Table.Td>{show(p.actual)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group gap="xs">
          <Button size="xs" variant="subtle" onClick={onHistory}>{t('project.history')}</Button>
          {onEnter && <Button size="xs" variant="light" onClick={onEnter}>{t('project.enter')}</Button>}
        </Group>
      </Stack>
    </Card>
  );
}
