import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { OpenCatalogue, OpenDataset, OpenTerritory } from '@essor/shared/open-data';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { downloadUrl, useOpenCatalogue, useOpenTerritories } from '../api';
import { OpenDataFrame } from '../components/open-data-frame';

const FILES = ['inventory.csv', 'inventory.json', 'impact.csv', 'impact.json', 'districts.geojson'] as const;

function TerritoryCard({ territory }: { territory: OpenTerritory }) {
  const { t } = useTranslation('openData');
  return (
    <Card withBorder radius="md" padding="md" component="article">
      <Stack gap="xs">
        <div>
          <Title order={3} size="h4">{territory.territory || territory.name}</Title>
          <Text size="sm" c="dimmed">{territory.name}</Text>
        </div>
        <Text size="sm">{t('home.districts', { count: territory.districts })}</Text>
        <Group gap="xs" wrap="wrap">
          {FILES.map((file) => (
            <Anchor key={file} href={downloadUrl(territory.id, file)} size="xs" download><code>{file}</code></Anchor>
          ))}
        </Group>
        <Group justify="flex-end">
          <Button component={Link} to={`/open-data/${territory.id}`} size="sm">{t('home.see')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DatasetCard({ dataset }: { dataset: OpenDataset }) {
  const { t, i18n } = useTranslation('openData');
  const en = i18n.language === 'en';
  return (
    <Card withBorder radius="md" padding="md" component="article">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5">{en ? dataset.titleEn : dataset.titleFr}</Title>
          <Group gap={4}>
            {dataset.formats.map((format) => <Badge key={format} variant="light" size="sm">{format.toUpperCase()}</Badge>)}
          </Group>
        </Group>
        <Text size="sm">{en ? dataset.descriptionEn : dataset.descriptionFr}</Text>
        <Text size="xs" c="dimmed">{t(`home.frequency.${dataset.updateFrequency}`)}</Text>
        <details>
          <Text component="summary" size="sm" style={{ cursor: 'pointer' }}>{t('home.fields', { count: dataset.fields.length })}</Text>
          <Stack component="dl" gap={4} mt="xs">
            {dataset.fields.map((field) => (
              <div key={field.name}>
                <Text component="dt" size="xs" ff="monospace" fw={600}>{field.name}</Text>
                <Text component="dd" size="xs" ml="md">{en ? field.definitionEn : field.definitionFr}</Text>
              </div>
            ))}
          </Stack>
        </details>
      </Stack>
    </Card>
  );
}

function Licence({ catalogue }: { catalogue: OpenCatalogue }) {
  const { t, i18n } = useTranslation('openData');
  return (
    <Card withBorder radius="md" padding="md" bg="gray.0">
      <Stack gap={6}>
        <Text size="sm">
          {t('home.licence')}{' '}
          <Anchor href={catalogue.licence.url} target="_blank" rel="noreferrer">{catalogue.licence.name}</Anchor>
        </Text>
        <Text size="sm">{t('home.publisher', { name: catalogue.publisher.name })}</Text>
        <Text size="sm" c="dimmed">{i18n.language === 'en' ? catalogue.suppression.ruleEn : catalogue.suppression.ruleFr}</Text>
      </Stack>
    </Card>
  );
}

/** The territories that publish, the datasets and the licence: anyone, without signing in. */
export function OpenDataPage() {
  const { t } = useTranslation('openData');
  const catalogue = useOpenCatalogue();
  const territories = useOpenTerritories();
  return (
    <OpenDataFrame>
      <Stack gap="md" pt="md">
        <div>
          <Title order={1} size="h2">{t('home.title')}</Title>
          <Text c="dimmed" size="sm">{t('home.intro')}</Text>
        </div>
        <Title order={2} size="h3">{t('home.territories')}</Title>
        {territories.isPending && <Skeleton height={140} radius="md" />}
        {territories.isError && <ErrorState error={territories.error} onRetry={() => void territories.refetch()} />}
        {territories.data && territories.data.length === 0 && <EmptyState title={t('home.empty')} />}
        {territories.data?.map((territory) => <TerritoryCard key={territory.id} territory={territory} />)}
        <Title order={2} size="h3">{t('home.datasets')}</Title>
        {catalogue.isPending && <Skeleton height={140} radius="md" />}
        {catalogue.isError && <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
        {catalogue.data?.datasets.map((dataset) => <DatasetCard key={dataset.id} dataset={dataset} />)}
        {catalogue.data && <Licence catalogue={catalogue.data} />}
      </Stack>
    </OpenDataFrame>
  );
}
