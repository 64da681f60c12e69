import { Badge, Button, Text } from '@mantine/core';
import type { CommitteeSession } from '@essor/shared/committee';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataList, type Column } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { COMMITTEE_KEY } from '../api';
import { NewSessionModal } from '../components/new-session-modal';

export function SessionsPage() {
  const { t } = useTranslation('committee');
  const format = useFormat();
  const navigate = useNavigate();
  const staff = useHasRole('admin', 'staff');
  const [creating, setCreating] = useState(false);
  const columns: Column<CommitteeSession>[] = [
    { key: 'title', header: t('sessions.columns.title'), render: (s) => <Text size="sm" fw={600}>{s.title}</Text> },
    { key: 'programme', header: t('sessions.columns.programme'), render: (s) => <Text size="sm" title={s.programmeCode}>{s.programmeName}</Text> },
    { key: 'heldOn', header: t('sessions.columns.heldOn'), render: (s) => <Text size="sm">{format.date(s.heldOn)}</Text> },
    { key: 'status', header: t('sessions.columns.status'), render: (s) => <Badge variant="dot" color={s.status === 'open' ? 'teal' : 'gray'}>{t(`sessions.status.${s.status}`)}</Badge> },
    { key: 'members', header: t('sessions.columns.members'), render: (s) => <Text size="sm">{s.memberCount}</Text> },
    { key: 'agenda', header: t('sessions.columns.agenda'), render: (s) => <Text size="sm">{s.agendaCount}</Text> },
  ];
  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.description')}
        actions={staff && <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('sessions.new')}</Button>}
      />
      <DataList<CommitteeSession>
        queryKey={[...COMMITTEE_KEY, 'sessions']}
        endpoint="/api/committee/sessions"
        exportEndpoint="/api/committee/sessions/export.csv"
        columns={columns}
        rowKey={(s) => s.id}
        onRowClick={(s) => navigate(`/committee/${s.id}`)}
        emptyTitle={t('sessions.empty')}
      />
      {creating && <NewSessionModal opened onClose={() => setCreating(false)} />}
    </>
  );
}
