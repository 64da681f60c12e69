import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconInbox, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useHasRole } from '../../../lib/session';
import { useFunds } from '../api';
import { FiguresGrid } from '../components/figures-grid';
import { QueryView } from '../components/query-view';

export function FundsPage() {
  const { t } = useTranslation('funds');
  const funds = useFunds();
  const decides = useHasRole('fund_manager', 'committee_member');
  return (
    <>
      <PageHeader
        title={t('funds.title')}
        description={t('funds.description')}
        actions={
          <>
            {decides && <Button component={Link} to="/funds/inbox" variant="light" leftSection={<IconInbox size={18} />}>{t('inbox.title')}</Button>}
            <Button component={Link} to="/funds/ledger" variant="default" leftSection={<IconScale size={18} />}>{t('ledger.title')}</Button>
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
    </>
  );
}
