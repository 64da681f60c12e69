import { Button } from '@mantine/core';
import { OFFERING_STATUSES, type Offering } from '@essor/shared/bonds';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataList } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { BONDS_KEY, OFFERINGS_ENDPOINT } from '../api';
import { OfferingFormModal } from '../components/offering-form-modal';
import { BondStatusBadge } from '../components/offering-status-badge';

/** The offerings of the structures the person reaches: filter, search, export, prepare a new one. */
export function OfferingsPage() {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const navigate = useNavigate();
  const prepares = useHasRole('staff', 'fund_manager');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={prepares && <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('list.new')}</Button>}
      />
      <DataList<Offering>
        queryKey={[...BONDS_KEY, 'offerings']}
        endpoint={OFFERINGS_ENDPOINT}
        exportEndpoint={`${OFFERINGS_ENDPOINT}/export.csv`}
        searchPlaceholder={t('list.search')}
        filters={[{ name: 'status', label: t('list.status'), options: OFFERING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) }]}
        rowKey={(o) => o.id}
        onRowClick={(o) => void navigate(`/bonds/offerings/${o.id}`)}
        emptyTitle={t('list.empty')}
        columns={[
          { key: 'code', header: t('list.code'), render: (o) => o.code },
          { key: 'title', header: t('list.offering'), render: (o) => `${o.title} · ${o.issuerName}` },
          { key: 'status', header: t('list.status'), render: (o) => <BondStatusBadge status={o.status} /> },
          { key: 'raise', header: t('list.raise'), render: (o) => format.money(o.maxUnits * o.unitPriceMinor, o.currency) },
          { key: 'paid', header: t('list.paid'), render: (o) => t('list.unitsOf', { paid: format.number(o.paidUnits), max: format.number(o.maxUnits) }) },
          { key: 'rate', header: t('list.rate'), render: (o) => t('list.rateTerm', { rate: format.percent(o.rateBps / 10_000), term: o.termMonths }) },
          { key: 'window', header: t('list.window'), render: (o) => `${format.date(o.opensOn)} → ${format.date(o.closesOn)}` },
        ]}
      />
      {creating && <OfferingFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
