import { Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { InventoryEntry } from '@essor/shared/territory';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { useInventoryEntry } from '../api';
import { EntryFormModal } from '../components/entry-form-modal';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

/** One actor of the inventory: what is known of it, and an edit form for staff. */
export function EntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('territory');
  const entry = useInventoryEntry(id);
  const writes = useHasRole('admin', 'staff');
  const [editing, setEditing] = useState(false);
  if (entry.isError) return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
  if (entry.isPending) return <Stack aria-busy="true">{Array.from({ length: 4 }, (_, i) => <Skeleton key={i} height={32} />)}</Stack>;
  return (
    <>
      <Anchor component={Link} to="/territory/inventory" size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('entry.back')}</Group></Anchor>
      <PageHeader
        title={entry.data.name}
        description={`${t(`legalForms.${entry.data.legalForm}`)} · ${entry.data.sector} · ${entry.data.district}`}
        actions={writes && <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>{t('entry.edit')}</Button>}
      />
      <EntryDetails entry={entry.data} />
      {editing && <EntryFormModal entry={entry.data} onClose={() => setEditing(false)} />}
    </>
  );
}

function EntryDetails({ entry }: { entry: InventoryEntry }) {
  const { t } = useTranslation('territory');
  const f = useFormat();
  const none = t('entry.none');
  return (
    <Stack gap="lg">
      <Group gap="xs">
        <Badge variant="light" color={entry.status === 'active' ? 'teal' : 'gray'}>{t(`statuses.${entry.status}`)}</Badge>
        <Badge variant="light" color="blue">{t(`sources.${entry.source}`)}</Badge>
        {entry.inPipeline && <Badge variant="light" color="grape">{t('inventory.pipelineYes')}</Badge>}
        <Text size="xs" c="dimmed">{t('entry.updatedAt', { date: f.date(entry.updatedAt) })}</Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder radius="md">
          <Title order={2} size="h5" mb="sm">{t('entry.identity')}</Title>
          <Stack gap="xs">
            <Field label={t('inventory.structure')}>{entry.structureName}</Field>
            <Field label={t('entry.registrationNumber')}>{entry.registrationNumber ?? none}</Field>
            <Field label={t('inventory.sizeBand')}>{t(`sizeBands.${entry.sizeBand}`)}</Field>
          </Stack>
        </Card>
        <Card withBorder radius="md">
          <Title order={2} size="h5" mb="sm">{t('entry.figures')}</Title>
          <Stack gap="xs">
            <Field label={t('inventory.employees')}>{f.number(entry.employees)}</Field>
            <Field label={t('inventory.members')}>{f.number(entry.members)}</Field>
          </Stack>
        </Card>
        <Card withBorder radius="md">
          <Title order={2} size="h5" mb="sm">{t('entry.contact')}</Title>
          <Stack gap="xs">
            <Field label={t('entry.contactName')}>{entry.contactName ?? none}</Field>
            <Field label={t('entry.contactEmail')}>{entry.contactEmail ?? none}</Field>
            <Field label={t('entry.contactPhone')}>{entry.contactPhone ?? none}</Field>
            <Field label={t('entry.website')}>{entry.website ? <Anchor href={entry.website} target="_blank" rel="noreferrer">{entry.website}</Anchor> : none}</Field>
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder radius="md">
        <Title order={2} size="h5" mb="sm">{t('entry.place')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('entry.address')}>{entry.address || none}</Field>
          <Field label={t('inventory.district')}>{entry.district}</Field>
          <Field label={`${t('entry.latitude')} / ${t('entry.longitude')}`}>{entry.latitude !== null && entry.longitude !== null ? `${entry.latitude}, ${entry.longitude}` : none}</Field>
        </SimpleGrid>
      </Card>
    </Stack>
  );
}
