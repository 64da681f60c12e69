import type { IndicatorFigures } from '@essor/shared/impact';
import { Badge, Drawer, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { useFigureText } from './figure-text';

/** Every row entered for one indicator, superseded ones included: who, when, from where. */
export function HistoryDrawer({ figures, onClose }: { figures: IndicatorFigures; onClose: () => void }) {
  const { t, i18n } = useTranslation('impact');
  const format = useFormat();
  const text = useFigureText();
  const name = i18n.language.startsWith('en') ? figures.indicator.nameEn : figures.indicator.nameFr;
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={t('project.historyTitle', { name })}>
      <Table.ScrollContainer minWidth={700}>
        <Table verticalSpacing="xs" aria-label={t('project.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('project.kind')}</Table.Th>
              <Table.Th>{t('project.period')}</Table.Th>
              <Table.Th>{t('project.value')}</Table.Th>
              <Table.Th>{t('project.source')}</Table.Th>
              <Table.Th>{t('project.enteredBy')}</Table.Th>
              <Table.Th>{t('project.enteredAt')}</Table.Th>
              <Table.Th>{t('project.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {figures.history.map((h) => (
              <Table.Tr key={h.id} style={h.supersededAt ? { opacity: 0.6 } : undefined}>
                <Table.Td>
                  {t(`kinds.${h.kind}`)}{' '}
                  <Badge size="xs" variant="light" color={h.supersededAt ? 'gray' : 'teal'}>{h.supersededAt ? t('project.superseded') : t('project.current')}</Badge>
                </Table.Td>
                <Table.Td>{format.date(h.periodStart)} – {format.date(h.periodEnd)}</Table.Td>
                <Table.Td style={h.supersededAt ? { textDecoration: 'line-through' } : undefined}>{text(h.value, figures.indicator.unit, h.currency)}</Table.Td>
                <Table.Td>{t(`sources.${h.source}`)}</Table.Td>
                <Table.Td>{h.enteredByName}</Table.Td>
                <Table.Td>{format.dateTime(h.enteredAt)}</Table.Td>
                <Table.Td><Text size="xs">{h.note || '—'}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Drawer>
  );
}
