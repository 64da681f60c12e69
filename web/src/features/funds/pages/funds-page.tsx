import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconInbox, IconPlus, IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useHasRole } from '../../../lib/session';
import { useFunds } from '../api';
import { FiguresGrid } from '../components/figures-grid';
import { NewFundModal, NewFunderModal } from '../components/fund-setup-modals';
import { QueryView } from '../components/query-view';

export function FundsPage() {
  const { t } = useTranslation('funds');
  const funds = useFunds();
  const decides = useHasRole('fund_manager', 'committee_member');
  const manages = useHasRole('fund_manager');
  const [creating, setCreating] = useState<'fund' | 'funder' | null>(null);
  return (
    <>
      <PageHeader
        title={t('funds.title')}
        description={t('funds.description')}
        actions={
          <>
            {decides && <Button component={Link} to="/funds/inbox" variant="light" leftSection={<IconInbox size={18} />}>{t('inbox.title')}</Button>}
            <Button component={Link} to="/funds/ledger" variant="default" leftSection={<IconScale size={18} />}>{t('ledger.title')}</Button>
            <ExportCsvButton endpoint="/api/funds/export.csv" />
            {manages && <Button variant="default" onClick={() => setCreating('funder')}>{t('setup.newFunder')}</Button>}
            {manages && <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating('fund')}>{t('setup.newFund')}</Button>}
          </>
        }
      />
      <QueryView query={funds}>
        {(list) => (
          <Stack>
            {list.map((fund) => (
              <Card key={fund.id} withBorder padding="md">
                <Group justify="space-between" mb="sm">
                  <div>
                    <Anchor component={Link} to={`/funds/${fund.id}`} fw={700}>{fund.name}</Anchor>
                    <Text size="xs" c="dimmed">{fund.code} · {fund.currency}</Text>
                  </div>
                  <Badge variant="light">{t(`fundTypes.${fund.type}`)}</Badge>
                </Group>
                <FiguresGrid figures={fund.figures} currency={fund.currency} compact />
              </Card>
            ))}
          </Stack>
        )}
      </QueryView>
      {creating === 'fund' && <NewFundModal onClose={() => setCreating(null)} />}
      {creating === 'funder' && <NewFunderModal onClose={() => setCreating(null)} />}
    </>
  );
}
