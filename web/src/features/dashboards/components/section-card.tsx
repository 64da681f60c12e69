import { Anchor, Card, Group, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A dashboard section: its title, its CSV export (with the dashboard's filters) and its content. */
export function SectionCard({ title, csvHref, testId, children }: { title: string; csvHref?: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation('dashboards');
  return (
    <Card withBorder data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={3} size="h5">{title}</Title>
        {csvHref && (
          <Anchor href={csvHref} download size="sm" aria-label={t('exportSection', { section: title })}>
            <Group gap={4} wrap="nowrap"><IconDownload size={14} />CSV</Group>
          </Anchor>
        )}
      </Group>
      {children}
    </Card>
  );
}
