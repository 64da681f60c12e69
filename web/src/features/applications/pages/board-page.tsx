import { Loader, Select } from '@mantine/core';
import { MOVES_NEEDING_A_REASON, type ApplicationStatus, type ApplicationSummary } from '@essor/shared/applications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useBoard, useMoveApplication, useProgrammeOptions } from '../api';
import { KanbanBoard } from '../components/kanban-board';
import { ReasonModal } from '../components/reason-modal';

export function BoardPage() {
  const { t } = useTranslation('applications');
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const programmes = useProgrammeOptions(true);
  const board = useBoard(programmeId);
  const move = useMoveApplication();
  const [pending, setPending] = useState<{ item: ApplicationSummary; to: ApplicationStatus } | null>(null);

  const run = (item: ApplicationSummary, to: ApplicationStatus, reason?: string) =>
    move.mutate(
      { id: item.id, to, from: item.status, reason },
      {
        onSuccess: () => {
          setPending(null);
          notifySuccess(t('board.moved', { status: t(`statuses.${to}`) }));
        },
        onError: (error) => {
          setPending(null);
          notifyError(error, t('board.refused'));
        },
      },
    );

  return (
    <>
      <PageHeader
        title={t('board.title')}
        description={t('board.description')}
        actions={
          <Select
            aria-label={t('list.filters.programme')}
            placeholder={t('board.allProgrammes')}
            clearable
            value={programmeId}
            onChange={setProgrammeId}
            data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))}
            w={360}
          />
        }
      />
      {board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data ? (
        <KanbanBoard board={board.data} onMove={(item, to) => (MOVES_NEEDING_A_REASON.includes(to) ? setPending({ item, to }) : run(item, to))} />
      ) : (
        <Loader />
      )}
      <ReasonModal
        key={pending ? `${pending.item.id}-${pending.to}` : 'none'}
        title={pending ? t(`moves.${pending.to}`) : ''}
        opened={pending !== null}
        loading={move.isPending}
        onClose={() => setPending(null)}
        onConfirm={(reason) => pending && run(pending.item, pending.to, reason)}
      />
    </>
  );
}
