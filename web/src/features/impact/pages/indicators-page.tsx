import { INDICATOR_CATEGORIES, type Indicator, type IndicatorListQuery } from '@essor/shared/impact';
import { Badge, Button, Card, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { PageHeader } from '../../../components/page-header';
import { useHasRole } from '../../../lib/session';
import { IMPACT_ENDPOINT, useIndicators } from '../api';
import { IndicatorModal } from '../components/indicator-modal';
import { SdgBadges } from '../components/sdg-badges';

/** The indicator catalogue: the standard one and the structures' own, with their SDG targets; admins and staff add and edit their own. */
export function IndicatorsPage() {
  const { t, i18n } = useTranslation('impact');
  const [category, setCategory] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>('true');
  const params: IndicatorListQuery = { ...(category ? { category: category as IndicatorListQuery['category'] } : {}), ...(active ? { active: active as 'true' | 'false' } : {}) };
  const { data, isLoading, error, refetch } = useIndicators(params);
  const canAdd = useHasRole('admin', 'staff');
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const english = i18n.language.startsWith('en');

  return (
    <>
      <PageHeader
        title={t('catalogue.title')}
        description={t('catalogue.description')}
        actions={
          <>
            <ExportCsvButton endpoint={`${IMPACT_ENDPOINT}/indicators.csv`} params={{ category: category ?? undefined, active: active ?? undefined }} />
            {canAdd && <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>{t('catalogue.add')}</Button>}
          </>
        }
      />
      <Card withBorder>
        <Stack>
          <Group>
            <Select
              label={t('catalogue.category')}
              placeholder={t('catalogue.allCategories')}
              data={INDICATOR_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
              value={category}
              onChange={setCategory}
              clearable
            />
            <Select
              label={t('catalogue.status')}
              placeholder={t('catalogue.allStatuses')}
              data={[{ value: 'true', label: t('catalogue.activeOnly') }, { value: 'false', label: t('catalogue.inactiveOnly') }]}
              value={active}
              onChange={setActive}
              clearable
            />
            {data && <Text size="sm" c="dimmed" mt="lg">{t('catalogue.count', { count: data.length })}</Text>}
          </Group>
          {isLoading && <Loader size="sm" />}
          {error && <ErrorState error={error} onRetry={() => void refetch()} />}
          {data && data.length === 0 && <EmptyState title={t('catalogue.empty')} />}
          {data && data.length > 0 && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('catalogue.name')}</Table.Th>
                    <Table.Th>{t('catalogue.code')}</Table.Th>
                    <Table.Th>{t('catalogue.category')}</Table.Th>
                    <Table.Th>{t('catalogue.unit')}</Table.Th>
                    <Table.Th>{t('catalogue.aggregation')}</Table.Th>
                    <Table.Th>{t('catalogue.sdg')}</Table.Th>
                    <Table.Th>{t('catalogue.iris')}</Table.Th>
                    <Table.Th>{t('catalogue.owner')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>{english ? i.nameEn : i.nameFr}</Text>
                        <Text size="xs" c="dimmed" lineClamp={2}>{english ? i.definitionEn : i.definitionFr}</Text>
                      </Table.Td>
                      <Table.Td><Text component="code" size="xs" ff="monospace">{i.code}</Text></Table.Td>
                      <Table.Td>{t(`categories.${i.category}`)}</Table.Td>
                      <Table.Td>{t(`units.${i.unit}`)}</Table.Td>
                      <Table.Td><Text size="xs">{t(`aggregations.${i.aggregation}`)}</Text></Table.Td>
                      <Table.Td><SdgBadges targets={i.sdgTargets} /></Table.Td>
                      <Table.Td>{i.irisCode ?? '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="sm" variant="light" color={i.standard ? 'blue' : 'grape'}>{i.standard ? t('catalogue.standard') : t('catalogue.own')}</Badge>
                          {!i.active && <Badge size="sm" variant="light" color="gray">{t('catalogue.inactive')}</Badge>}
                        </Group>
                        {!i.standard && <Text size="xs" c="dimmed">{i.structureName}</Text>}
                      </Table.Td>
                      <Table.Td>
                        {i.editable && (
                          <Button size="xs" variant="subtle" onClick={() => setEditing(i)} aria-label={`${t('catalogue.edit')} ${i.code}`}>
                            {t('catalogue.edit')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      {editing && <IndicatorModal indicator={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
