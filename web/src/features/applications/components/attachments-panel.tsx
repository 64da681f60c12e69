import { Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { ATTACHMENT_TYPES, type ApplicationDetail } from '@essor/shared/applications';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { fileToBase64, useDeleteAttachment, useUploadAttachment } from '../api';

export function AttachmentsPanel({ application, canUpload, canRemove }: { application: ApplicationDetail; canUpload: boolean; canRemove: boolean }) {
  const { t } = useTranslation('applications');
  const format = useFormat();
  const upload = useUploadAttachment(application.id);
  const remove = useDeleteAttachment(application.id);
  const [file, setFile] = useState<File | null>(null);

  const send = async () => {
    if (!file) return;
    const contentBase64 = await fileToBase64(file);
    upload.mutate(
      { filename: file.name, contentType: file.type || 'application/octet-stream', contentBase64 },
      {
        onSuccess: () => {
          setFile(null);
          notifySuccess(t('attachments.uploaded'));
        },
        onError: (error) => notifyError(error, t('common:errors.saveFailed')),
      },
    );
  };

  return (
    <Stack>
      {application.attachments.length === 0 ? (
        <Text c="dimmed">{t('attachments.empty')}</Text>
      ) : (
        <Table>
          <Table.Tbody>
            {application.attachments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><Anchor href={`/api/applications/${application.id}/attachments/${a.id}`} download={a.filename}>{a.filename}</Anchor></Table.Td>
                <Table.Td><Text size="sm" c="dimmed">{format.number(Math.ceil(a.sizeBytes / 1024))} Ko</Text></Table.Td>
                <Table.Td><Text size="sm" c="dimmed">{format.dateTime(a.createdAt)}</Text></Table.Td>
                {canRemove && (
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate(a.id, { onError: (e) => notifyError(e, t('common:errors.saveFailed')) })}>
                      {t('attachments.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canUpload && (
        <Group align="flex-end">
          <FileInput
            label={t('attachments.add')}
            description={t('attachments.hint')}
            accept={ATTACHMENT_TYPES.join(',')}
            value={file}
            onChange={setFile}
            leftSection={<IconPaperclip size={16} />}
            clearable
            w={340}
          />
          <Button onClick={() => void send()} disabled={!file} loading={upload.isPending}>{t('attachments.add')}</Button>
        </Group>
      )}
    </Stack>
  );
}
