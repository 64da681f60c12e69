import { Alert, Badge, Button, Card, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { STATEMENT_MATCHES, type Statement, type StatementMatch } from '@essor/shared/bond-statements';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { newIdempotencyKey } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { STATEMENTS_ENDPOINT, useDiscardStatement, usePostStatement } from '../statements-api';

const MATCH_COLORS: Record<StatementMatch, string> = {
  matched: 'teal',
  partial: 'blue',
  overpaid: 'orange',
  unknown: 'red',
  duplicate: 'gray',
  ignored: 'gray',
};

export function MatchBadge({ match }: { match: StatementMatch }) {
  const { t } = useTranslation('bondStatements');
  return (
    <Badge color={MATCH_COLORS[match]} variant="light">
      {t(`match.${match}`)}
    </Badge>
  );
}

/** A statement as the API read it: counts by match, each line, and the actions its status allows. */
export function StatementPreview({ statement, mayPost }: { statement: Statement; mayPost: boolean }) {
  const { t } = useTranslation('bondStatements');
  const format = useFormat();
  const post = usePostStatement();
  const discard = useDiscardStatement();
  // One key per statement shown: a retry of the same click replays, it never posts twice.
  const postKey = useRef<{ id: string; key: string } | null>(null);
  const keyFor = (id: string) => {
    if (postKey.current?.id !== id) postKey.current = { id, key: newIdempotencyKey() };
    return postKey.current.key;
  };
  const previewed = statement.status === 'previewed';
  const waiting = statement.counts.overpaid + statement.counts.unknown;

  return (
    <Card withBorder radius="md" data-statement={statement.id}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={2} size="h4">
              {statement.fileName}
            </Title>
            <Text size="sm" c="dimmed">
              {t('preview.summary', {
                fund: statement.trustFundCode,
                format: t(`format.${statement.format}`),
                lines: format.number(statement.lineCount),
                credits: format.money(statement.creditMinor, statement.currency),
              })}
            </Text>
          </div>
          <Badge size="lg" variant="outline" color={statement.status === 'posted' ? 'teal' : statement.status === 'discarded' ? 'gray' : 'blue'}>
            {t(`status.${statement.status}`)}
          </Badge>
        </Group>

        <Group gap="xs" wrap="wrap" aria-label={t('preview.counts')}>
          {STATEMENT_MATCHES.map((m) => (
            <Badge key={m} color={MATCH_COLORS[m]} variant={statement.counts[m] ? 'filled' : 'light'} data-count={m}>
              {t(`match.${m}`)} : {format.number(statement.counts[m])}
            </Badge>
          ))}
        </Group>

        {statement.status === 'posted' && (
          <Alert color="teal">{t('preview.posted', { count: statement.postedCount, at: format.dateTime(statement.postedAt) })}</Alert>
        )}
        {waiting > 0 && <Alert color="orange">{t('preview.waiting', { count: waiting })}</Alert>}

        <ScrollArea>
          <Table striped highlightOnHover miw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('line.date')}</Table.Th>
                <Table.Th ta="right">{t('line.amount')}</Table.Th>
                <Table.Th>{t('line.counterparty')}</Table.Th>
                <Table.Th>{t('line.reference')}</Table.Th>
                <Table.Th>{t('line.match')}</Table.Th>
                <Table.Th>{t('line.subscription')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.lines.map((line) => (
                <Table.Tr key={line.id} data-line={line.lineNo}>
                  <Table.Td>{format.date(line.bookedOn)}</Table.Td>
                  <Table.Td ta="right" c={line.amountMinor < 0 ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {format.money(line.amountMinor, line.currency)}
                  </Table.Td>
                  <Table.Td>{line.counterparty || '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {line.reference ?? '—'}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1} title={line.remittance}>
                      {line.remittance}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <MatchBadge match={line.match} />
                  </Table.Td>
                  <Table.Td>
                    {line.subscriptionReference ? (
                      <Text size="sm">
                        <Text span ff="monospace">
                          {line.subscriptionReference}
                        </Text>
                        {line.offeringCode && ` · ${line.offeringCode}`}
                        {line.investorName && (
                          <Text span c="dimmed">
                            {' '}
                            · {line.investorName}
                          </Text>
                        )}
                      </Text>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>

        <Group justify="space-between" wrap="wrap">
          <ExportCsvButton endpoint={`${STATEMENTS_ENDPOINT}/${statement.id}/lines.csv`} />
          {previewed && mayPost && (
            <Group gap="sm">
              <Button variant="default" loading={discard.isPending} onClick={() => discard.mutate(statement.id, { onSuccess: () => notifySuccess(t('preview.discarded')) })}>
                {t('preview.discard')}
              </Button>
              <Button
                disabled={statement.postableCount === 0}
                loading={post.isPending}
                onClick={() =>
                  post.mutate({ id: statement.id, key: keyFor(statement.id) }, { onSuccess: (done) => notifySuccess(t('preview.postedToast', { count: done.postedCount })) })
                }
              >
                {t('preview.post', { count: statement.postableCount, amount: format.money(statement.postableMinor, statement.currency) })}
              </Button>
            </Group>
          )}
          {statement.status !== 'previewed' && (
            <Button component={Link} to="/bonds/offerings" variant="subtle">
              {t('preview.toOfferings')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
