import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useInbox } from '../api';
import { QueryView } from '../components/query-view';

/** What waits on the signed-in fund manager or committee member: never what they prepared themselves. */
export function InboxPage() {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const inbox = useInbox();
  return (
    <>
      <PageHeader title={t('inbox.title')} description={t('inbox.description')} />
      <QueryView query={inbox}>
        {(box) =>
          box.cofinancing.length + box.loans.length + box.loanActions.length + box.equipmentQuotes.length + box.closures.length + box.bondOfferings.length + box.guarantees.length === 0 ? (
            <EmptyState title={t('inbox.empty')} />
          ) : (
            <Stack>
              {box.cofinancing.length > 0 && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">{t('cofinancing.title')}</Title>
                  <Table highlightOnHover>
                    <Table.Thead><Table.Tr><Table.Th>{t('cofinancing.number')}</Table.Th><Table.Th>{t('common.project')}</Table.Th><Table.Th>{t('common.fund')}</Table.Th><Table.Th>{t('common.amount')}</Table.Th><Table.Th>{t('inbox.waitingFor')}</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {box.cofinancing.map((r) => (
                        <Table.Tr key={r.id}>
                          <Table.Td><Anchor component={Link} to={`/funds/cofinancing/${r.id}`}>#{r.number}</Anchor></Table.Td>
                          <Table.Td>{r.projectTitle}</Table.Td>
                          <Table.Td>{r.fundCode}</Table.Td>
                          <Table.Td>{format.money(r.amountMinor, r.currency)}</Table.Td>
                          <Table.Td>{r.committeeRequired && !r.committeeDecision ? t('inbox.committeeOpinion') : t('inbox.decision')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Card>
              )}
              {box.loans.length > 0 && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">{t('loans.title')}</Title>
                  <Table highlightOnHover>
                    <Table.Tbody>
                      {box.loans.map((l) => (
                        <Table.Tr key={l.id}>
                          <Table.Td><Anchor component={Link} to={`/funds/loans/${l.id}`}>#{l.number}</Anchor></Table.Td>
                          <Table.Td>{l.projectTitle}</Table.Td>
                          <Table.Td>{l.fundCode}</Table.Td>
                          <Table.Td>{format.money(l.principalMinor, l.currency)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Card>
              )}
              {box.loanActions.length > 0 && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">{t('inbox.loanActions')}</Title>
                  {box.loanActions.map((a) => (
                    <Text key={a.id} size="sm">
                      <Anchor component={Link} to={`/funds/loans/${a.loanId}`}>#{a.loanNumber}</Anchor> · {t(`loanActions.${a.kind}`)} · {a.reason}
                    </Text>
                  ))}
                </Card>
              )}
              {box.equipmentQuotes.length > 0 && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">{t('equipment.title')}</Title>
                  {box.equipmentQuotes.map((q) => (
                    <Text key={q.id} size="sm">
                      <Anchor component={Link} to="/funds/equipment">#{q.number}</Anchor> · {q.projectTitle} · {q.supplier} · {format.money(q.totalMinor, q.currency)}
                    </Text>
                  ))}
                </Card>
              )}
              {box.closures.length > 0 && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">{t('closures.title')}</Title>
                  {box.closures.map((c) => (
                    <Text key={c.id} size="sm">
                      <Anchor component={Link} to={`/funds/${c.fundId}`}>{c.fundCode}</Anchor> · {t('inbox.closesOn', { date: format.date(c.closesOn) })}{c.note ? ` · ${c.note}` : ''}
                    </Text>
                  ))}
                </Card>
              )}
              {box.bondOfferings.length > 0 && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">{t('inbox.bondOfferings')}</Title>
                  {box.bondOfferings.map((o) => (
                    <Text key={o.id} size="sm">
                      <Anchor component={Link} to={`/bonds/offerings/${o.id}`}>{o.code}</Anchor> · {o.title} · {t('inbox.units', { count: o.maxUnits, price: format.money(o.unitPriceMinor, o.currency) })}
                    </Text>
                  ))}
                </Card>
              )}
              {box.guarantees.length > 0 && (
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">{t('inbox.guarantees')}</Title>
                  {box.guarantees.map((g) => (
                    <Text key={g.decisionId} size="sm">
                      <Anchor component={Link} to={`/guarantees/${g.id}`}>#{g.number}</Anchor> · {t(`inbox.guaranteeKinds.${g.kind === 'guarantee.call' ? 'call' : 'approve'}`)} · {g.projectTitle} · {g.bankName}
                      {g.amountMinor !== null && g.currency !== null && <> · {format.money(g.amountMinor, g.currency)}</>}
                    </Text>
                  ))}
                </Card>
              )}
            </Stack>
          )
        }
      </QueryView>
    </>
  );
}
