import { Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { useFormat } from '../../../lib/format';
import { useHasRole, useMe } from '../../../lib/session';
import { useApplication } from '../api';
import { ApplicationTimeline } from '../components/application-timeline';
import { AttachmentsPanel } from '../components/attachments-panel';
import { MessagesPanel } from '../components/messages-panel';
import { MoveButtons } from '../components/move-buttons';
import { ScreeningPanel } from '../components/screening-panel';
import { StatusBadge } from '../components/status-badge';

const HOLDER_ATTACHES_WHILE = ['draft', 'submitted', 'screening'];

export function ApplicationDetailPage() {
  const { t } = useTranslation('applications');
  const format = useFormat();
  const { id } = useParams();
  const { data: me } = useMe();
  const staff = useHasRole('admin', 'staff');
  const application = useApplication(id);

  if (application.isError) return <ErrorState error={application.error} onRetry={() => void application.refetch()} />;
  if (!application.data) return <Loader />;
  const app = application.data;
  const isHolder = me?.user.id === app.holderUserId;
  const o = app.organisation;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/applications" size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('detail.back')}</Group></Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">{app.projectTitle}</Title>
            <StatusBadge status={app.status} size="lg" />
          </Group>
          <Text c="dimmed">{app.organisationName} · {app.programmeName}</Text>
          {app.cohort && <Badge variant="outline" color="teal">{t('detail.cohort', { name: app.cohort.name })}</Badge>}
        </Stack>
        <Group gap="xs">
          {isHolder && app.status === 'draft' && <Button component={Link} to={`/applications/${app.id}/edit`} variant="default">{t('detail.edit')}</Button>}
          <MoveButtons application={app} />
        </Group>
      </Group>
      <Tabs defaultValue="file" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="file">{t('detail.tabs.file')}</Tabs.Tab>
          {staff && <Tabs.Tab value="screening">{t('detail.tabs.screening')}</Tabs.Tab>}
          <Tabs.Tab value="timeline">{t('detail.tabs.timeline')}</Tabs.Tab>
          <Tabs.Tab value="attachments">{t('detail.tabs.attachments')} ({app.attachments.length})</Tabs.Tab>
          {(staff || isHolder) && <Tabs.Tab value="messages">{t('detail.tabs.messages')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="file" pt="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder radius="md">
              <Text fw={600} mb="xs">{o.name}</Text>
              <Text size="sm">
                {t(`legalForms.${o.legalForm}`)}
                {o.targetLegalForm ? ` (${t('detail.onItsWay', { form: t(`legalForms.${o.targetLegalForm}`) })})` : ''}
              </Text>
              <Text size="sm">{o.sector} · {o.district}, {o.territory}</Text>
              <Text size="sm">{t('detail.founders', { count: o.foundersCount, women: o.womenCount, youth: o.youthCount })}</Text>
              {o.description && <Text size="sm" mt="xs" c="dimmed">{o.description}</Text>}
              {(o.contactName || o.contactEmail || o.contactPhone) && (
                <Text size="sm" mt="xs">{t('detail.contact')} : {[o.contactName, o.contactEmail, o.contactPhone].filter(Boolean).join(' · ')}</Text>
              )}
            </Card>
            <Card withBorder radius="md">
              <Text fw={600} mb="xs">{app.project.title}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{app.project.description}</Text>
              <Text size="sm" mt="xs">{t('detail.budget')} : {format.money(app.project.totalBudgetMinor, app.project.currency)}</Text>
              <Group gap={4} mt="xs">
                <Text size="sm">{t('detail.needs')} :</Text>
                {app.project.needs.map((n) => <Badge key={n} size="sm" variant="light">{t(`needs.${n}`)}</Badge>)}
              </Group>
              {app.motivation && (
                <>
                  <Text size="sm" fw={600} mt="sm">{t('detail.motivation')}</Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{app.motivation}</Text>
                </>
              )}
            </Card>
          </SimpleGrid>
        </Tabs.Panel>
        {staff && (
          <Tabs.Panel value="screening" pt="md">
            <ScreeningPanel application={app} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="timeline" pt="md">
          <ApplicationTimeline events={app.events} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="md">
          <AttachmentsPanel application={app} canUpload={staff || (isHolder && HOLDER_ATTACHES_WHILE.includes(app.status))} canRemove={isHolder && app.status === 'draft'} />
        </Tabs.Panel>
        {(staff || isHolder) && (
          <Tabs.Panel value="messages" pt="md">
            <MessagesPanel applicationId={app.id} staffView={staff} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
