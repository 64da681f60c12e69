import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toQuery } from '../lib/api-client';

/** The CSV export of a list that is not a DataList: same label and look, same filters as what is shown. */
export function ExportCsvButton({ endpoint, params }: { endpoint: string; params?: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={`${endpoint}${toQuery({ ...params })}`} download variant="default" leftSection={<IconDownload size={16} />}>
      {t('list.exportCsv')}
    </Button>
  );
}
