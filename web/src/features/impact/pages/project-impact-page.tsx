import type { IndicatorFigures } from '@essor/shared/impact';
import { Alert, Anchor, Button, Group, Loader, SimpleGrid, Stack } from '@mantine/core';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { PageHeader } from '../../../components/page-header';
import { useHasRole } from '../../../lib/session';
import { IMPACT_ENDPOINT, useProjectFigures } from '../api';
import { FigureModal } from '../components/figure-modal';
import { HistoryDrawer } from '../components/history-drawer';
import { IndicatorCard } from '../components/indicator-card';

/** A project's targets against its actuals, indicator by indicator, with the history of every figure and the entry form. */
export function ProjectImpactPage() {
  const { t } = useTranslation('impact');
  const { id = '' } = useParams();
  const { data, isLoading, error, refetch } = useProjectFigures(id);
  const staffSide = useHasRole('admin', 'staff', 'coach', 'fund_manager', 'elected_official');
  const [history, setHistory] = useState<IndicatorFigures | null>(null);
  const [entry, setEntry] = useState<{ indicatorId?: string } | null>(null);

  if (isLoading) return <Loader />;
  if (error || !data) return <ErrorState error={error} onRetry={() => void refetch()} />;

  return (
    <Stack>
      <Anchor component={Link} to={staffSide ? `/projects/${id}` : '/impact/my-projects'} size="sm">
        <Group gap={4}><IconArrowLeft size={14} />{staffSide ? t('project.back') : t('mine.title')}</Group>
      </Anchor>
      <PageHeader
        title={t('project.title', { title: data.project.title })}
        description={t('project.description')}
        actions={
          <>
            <ExportCsvButton endpoint={`${IMPACT_ENDPOINT}/projects/${id}/figures.csv`} />
            {data.canEnter && <Button leftSection={<IconPlus size={16} />} onClick={() => setEntry({})}>{t('project.enter')}</Button>}
          </>
        }
      />
      {!data.canEnter && <Alert variant="light" color="gray">{t('project.readOnly')}</Alert>}
      {data.indicators.length === 0 ? (
        <EmptyState title={t('project.empty')} hint={data.canEnter ? t('project.emptyHint') : undefined} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {data.indicators.map((figures) => (
            <IndicatorCard
              key={figures.indicator.id}
              figures={figures}
              onHistory={() => setHistory(figures)}
              onEnter={data.canEnter ? () => setEntry({ indicatorId: figures.indicator.id }) : undefined}
            />
          ))}
        </SimpleGrid>
      )}
      {history && <HistoryDrawer figures={history} onClose={() => setHistory(null)} />}
      {entry && (
        <FigureModal
          projectId={id}
          currency={data.project.currency}
          available={data.available}
          entered={data.indicators}
          initialIndicatorId={entry.indicatorId}
          onClose={() => setEntry(null)}
        />
      )}
    </Stack>
  );
}
