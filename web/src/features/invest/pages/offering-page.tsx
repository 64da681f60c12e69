import { Anchor, Badge, Button, Card, Group, Skeleton, Spoiler, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { usePublicOffering } from '../api';
import { InvestFrame } from '../components/invest-frame';
import { OfferingProgress } from '../components/offering-progress';
import { OfferingTerms } from '../components/offering-terms';
import { RiskStatement } from '../components/risk-statement';

// Subscribing (its form, number input and payment instructions) is fetched while the offering is read: the page's
// first download stays within the public pages' budget.
const SubscribePanel = lazy(async () => ({ default: (await import('../components/subscribe-panel')).SubscribePanel }));

/** A text for both languages: the reader's, else the other one. */
function inLanguage(language: string, fr: string, en: string): string {
  return language === 'en' ? en || fr : fr || en;
}

/** One offering: its terms, the issuer and what the money does, the notice, the risks, and subscribing. */
export function OfferingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('invest');
  const offering = usePublicOffering(id);
  const o = offering.data;
  const notice = o ? inLanguage(i18n.language, o.noticeFr, o.noticeEn) : '';
  // The PDF is asked in the language the notice is shown in (the other one when the reader's is missing).
  const noticeLanguage = o && (i18n.language === 'en' ? o.noticeEn : !o.noticeFr) ? 'en' : 'fr';
  return (
    <InvestFrame>
      <Stack gap="md" pt="md">
        <Anchor component={Link} to="/invest" size="sm">{t('detail.back')}</Anchor>
        {offering.isPending && <Skeleton height={300} radius="md" />}
        {offering.isError && <ErrorState error={offering.error} onRetry={() => void offering.refetch()} />}
        {o && (
          <>
            <div>
              <Group gap="xs" mb={4}>
                <Badge variant="light" color={o.status === 'open' ? 'essor' : 'gray'}>{t(`offeringStatus.${o.status}`)}</Badge>
              </Group>
              <Title order={1} size="h2">{o.title}</Title>
              <Text c="dimmed">{t('detail.issuedBy', { issuer: o.issuerName })}</Text>
            </div>
            {inLanguage(i18n.language, o.summaryFr, o.summaryEn) && <Text>{inLanguage(i18n.language, o.summaryFr, o.summaryEn)}</Text>}
            <Card withBorder radius="md" padding="md">
              <OfferingProgress offering={o} />
            </Card>
            <RiskStatement />
            {o.status === 'open' && (
              <Button component="a" href="#subscribe" size="md">{t('detail.subscribeNow')}</Button>
            )}
            <Card withBorder radius="md" padding="md">
              <Stack gap="sm">
                <Title order={2} size="h3">{t('detail.terms')}</Title>
                <OfferingTerms offering={o} />
              </Stack>
            </Card>
            {(o.useOfFunds || o.impactAim) && (
              <Card withBorder radius="md" padding="md">
                <Stack gap="sm">
                  <Title order={2} size="h3">{t('detail.issuerAndImpact')}</Title>
                  <Text size="sm" fw={600}>{o.issuerName}</Text>
                  {o.useOfFunds && (
                    <div>
                      <Text size="xs" c="dimmed">{t('detail.useOfFunds')}</Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{o.useOfFunds}</Text>
                    </div>
                  )}
                  {o.impactAim && (
                    <div>
                      <Text size="xs" c="dimmed">{t('detail.impact')}</Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{o.impactAim}</Text>
                    </div>
                  )}
                </Stack>
              </Card>
            )}
            <Card withBorder radius="md" padding="md">
              <Stack gap="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Title order={2} size="h3">{t('detail.notice')}</Title>
                  {notice && (
                    <Button
                      component="a"
                      variant="default"
                      size="xs"
                      leftSection={<IconDownload size={14} />}
                      href={`/api/bonds/public/offerings/${o.id}/notice.pdf?lang=${noticeLanguage}`}
                      download={`${o.code}-notice-${noticeLanguage}.pdf`}
                    >
                      {t('detail.downloadNotice')}
                    </Button>
                  )}
                </Group>
                {notice ? (
                  <Spoiler maxHeight={160} showLabel={t('detail.readMore')} hideLabel={t('detail.readLess')}>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{notice}</Text>
                  </Spoiler>
                ) : (
                  <Text size="sm" c="dimmed">{t('detail.noNotice')}</Text>
                )}
              </Stack>
            </Card>
            <Suspense fallback={<Skeleton height={160} radius="md" />}>
              <SubscribePanel offering={o} />
            </Suspense>
          </>
        )}
      </Stack>
    </InvestFrame>
  );
}
