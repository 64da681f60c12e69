import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { ReportPreview } from '@essor/shared/guarantees';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';

/** Each row of the bank's file as the API read it, with what is wrong with it. */
export function ReportPreviewTable({ preview, currency }: { preview: ReportPreview; currency: string }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  const money = (minor: number | null) => (minor === null ? '—' : f.money(minor, currency));
  if (preview.rows.length === 0) return <Text size="sm" c="dimmed">{t('import.noRow')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {['line', 'loanRef', 'guarantee', 'asOf', 'outstanding', 'arrears', 'days', 'status'].map((k) => <Table.Th key={k}>{t(`import.columns.${k}`)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((row) => (
            <Table.Tr key={row.lineNo} data-row-status={row.errors.length ? 'error' : 'ok'}>
              <Table.Td>{row.lineNo}</Table.Td>
              <Table.Td>{row.bankLoanRef}</Table.Td>
              <Table.Td>{row.guaranteeId ? <Anchor component={Link} to={`/guarantees/${row.guaranteeId}`}>#{row.guaranteeNumber}</Anchor> : '—'}</Table.Td>
              <Table.Td>{f.date(row.asOf)}</Table.Td>
              <Table.Td>{money(row.outstandingMinor)}</Table.Td>
              <Table.Td>{money(row.arrearsMinor)}</Table.Td>
              <Table.Td>{row.daysInArrears === null ? '—' : f.number(row.daysInArrears)}</Table.Td>
              <Table.Td>
                {row.errors.length === 0 ? (
                  <Badge color="teal" variant="light">{t('import.rowOk')}</Badge>
                ) : (
                  row.errors.map((key) => <Text key={key} size="xs" c="red">{t(`rowErrors.${key.replace(/^guarantees\./, '')}`, { defaultValue: key })}</Text>)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
