import { Button } from '@mantine/core';
import type { Transfer } from '@essor/shared/bond-payouts';
import type { Offering } from '@essor/shared/bonds';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList } from '../../../components/data-list';
import { useFormat } from '../../../lib/format';
import { BONDS_KEY, OFFERINGS_ENDPOINT } from '../api';
import { TransferModal } from './transfer-modal';

/** The offering's recorded transfers, newest first, with their CSV; staff record one from here while the bonds run. */
export function TransfersPanel({ offering, mayRecord }: { offering: Offering; mayRecord: boolean }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const [recording, setRecording] = useState(false);
  const endpoint = `${OFFERINGS_ENDPOINT}/${offering.id}/transfers`;
  return (
    <>
      <DataList<Transfer>
        queryKey={[...BONDS_KEY, 'transfers', offering.id]}
        endpoint={endpoint}
        exportEndpoint={`${endpoint}.csv`}
        rowKey={(tr) => tr.id}
        emptyTitle={t('transfers.empty')}
        toolbar={mayRecord && offering.status === 'active' ? <Button size="xs" onClick={() => setRecording(true)}>{t('transfers.record')}</Button> : undefined}
        columns={[
          { key: 'on', header: t('transfers.on'), render: (tr) => format.date(tr.transferredOn) },
          { key: 'from', header: t('transfers.from'), render: (tr) => tr.fromName },
          { key: 'to', header: t('transfers.to'), render: (tr) => tr.toName },
          { key: 'units', header: t('transfers.units'), render: (tr) => format.number(tr.units) },
          { key: 'reason', header: t('transfers.reason'), render: (tr) => tr.reason },
        ]}
      />
      {recording && <TransferModal offering={offering} onClose={() => setRecording(false)} />}
    </>
  );
}
