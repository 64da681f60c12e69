import { Button, Group } from '@mantine/core';
import { MOVES_NEEDING_A_REASON, type ApplicationDetail, type ApplicationStatus } from '@essor/shared/applications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useMoveApplication } from '../api';
import { ReasonModal } from './reason-modal';

const MOVE_COLORS: Partial<Record<ApplicationStatus, string>> = { rejected: 'red', withdrawn: 'gray', waitlisted: 'yellow', accepted: 'teal' };

/** One button per move the API says the caller may make now. */
export function MoveButtons({ application }: { application: ApplicationDetail }) {
  const { t } = useTranslation('applications');
  const move = useMoveApplication();
  const [asking, setAsking] = useState<ApplicationStatus | null>(null);

  const run = (to: ApplicationStatus, reason?: string) =>
    move.mutate(
      { id: application.id, to, from: application.status, reason },
      {
        onSuccess: () => {
          setAsking(null);
          notifySuccess(t('detail.moved', { status: t(`statuses.${to}`) }));
        },
        onError: (error) => notifyError(error, t('common:errors.saveFailed')),
      },
    );

  if (!application.allowedMoves.length) return null;
  return (
    <Group gap="xs">
      {application.allowedMoves.map((to) => (
        <Button
          key={to}
          color={MOVE_COLORS[to]}
          variant={to === 'withdrawn' || to === 'rejected' ? 'light' : 'filled'}
          loading={move.isPending && move.variables?.to === to}
          onClick={() => (MOVES_NEEDING_A_REASON.includes(to) ? setAsking(to) : run(to))}
        >
          {t(`moves.${to}`)}
        </Button>
      ))}
      <ReasonModal
        key={asking ?? 'none'}
        title={asking ? t(`moves.${asking}`) : ''}
        opened={asking !== null}
        loading={move.isPending}
        onClose={() => setAsking(null)}
        onConfirm={(reason) => asking && run(asking, reason)}
      />
    </Group>
  );
}
