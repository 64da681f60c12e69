import { Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { PublicOffering } from '@essor/shared/bonds';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { useFormat } from '../../../lib/format';
import { usePublicOfferings } from '../api';
import { InvestFrame } from '../components/invest-frame';
import { OfferingProgress } from '../components/offering-progress';

function OfferingCard({ offering }: { offering: PublicOffering }) {
  const { t, i18n } = useTranslation('invest');
  const f = useFormat();
  const summary = i18n.language === 'en' ? offering.summaryEn || offering.summaryFr : offering.summaryFr || offering.summaryEn;
  return (
    <Card withBorder radius="md" padding="md" component="article">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">{offering.title}</Title>
          <Text size="sm" c="dimmed">{offering.issuerName}</Text>
        </div>
        {summary && <Text size="sm" lineClamp={3}>{summary}</Text>}
        <Group gap="xs">
          <Badge variant="light">{t('terms.rateValue', { rate: f.decimal(offering.rateBps / 100, 2) })}</Badge>
          <Badge variant="light" color="gray">{t('terms.termValue', { count: offering.termMonths })}</Badge>
          <Badge variant="light" color="gray">{t('list.unit', { price: f.money(offering.unitPriceMinor, offering.currency) })}</Badge>
        </Group>
        <OfferingProgress offering={offering} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" c="dimmed">{t('list.closesOn', { date: f.date(offering.closesOn) })}</Text>
          <Button component={Link} to={`/invest/${offering.id}`}>{t('list.see')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The open offerings anyone may browse, without signing in. */
export function OfferingsPage() {
  const { t } = useTranslation('invest');
  const offerings = usePublicOfferings();
  return (
    <InvestFrame>
      <Stack gap="md" pt="md">
        <div>
          <Title order={1} size="h2">{t('list.title')}</Title>
          <Text c="dimmed" size="sm">{t('list.intro')}</Text>
        </div>
        {offerings.isPending && <Skeleton height={220} radius="md" />}
        {offerings.isError && <ErrorState error={offerings.error} onRetry={() => void offerings.refetch()} />}
        {offerings.data && offerings.data.items.length === 0 && <EmptyState title={t('list.empty')} hint={t('list.emptyHint')} />}
        {offerings.data?.items.map((offering) => <OfferingCard key={offering.id} offering={offering} />)}
        <Text size="xs" c="dimmed">{t('list.riskReminder')}</Text>
      </Stack>
    </InvestFrame>
  );
}
