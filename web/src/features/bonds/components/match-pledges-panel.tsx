import { Alert, Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { matchActionsFor, type MatchPledge } from '@essor/shared/bond-matchfunding';
import type { Offering } from '@essor/shared/bonds';
import { parseMoneyInput } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { MoneyInput } from '../../../components/money-input';
import { ApiError, newIdempotencyKey } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { matchPledgesEndpoint, useMatchingFunds, useMatchPledges, usePledgeMatch, useWithdrawPledge } from '../match-api';

const STATUS_COLOR: Record<MatchPledge['status'], string> = { pledged: 'blue', posted: 'teal', released: 'gray' };

/** "Abondement": the funds that match the raise, what each would give now, and (for a fund manager) pledge or withdraw. */
export function MatchPledgesPanel({ offering, person }: { offering: Offering; person: { roles: readonly string[] } }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const pledges = useMatchPledges(offering.id);
  const withdraw = useWithdrawPledge();
  const [pledging, setPledging] = useState(false);
  const may = matchActionsFor(offering, person);
  const items = pledges.data ?? [];
  const live = items.filter((p) => p.status !== 'released');
  const soFar = live.reduce((sum, p) => sum + p.matchedSoFarMinor, 0);
  const ratio = (bps: number) => t('match.ratioText', { ratio: format.number(bps / 10_000) });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">{t('match.title')}</Title>
        {items.length > 0 && <ExportCsvButton endpoint={`${matchPledgesEndpoint(offering.id)}.csv`} />}
      </Group>
      <Stack gap="xs">
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">{t('match.empty')}</Text>
        ) : (
          <>
            <Text size="sm">{t('match.soFar', { amount: format.money(soFar, offering.currency) })}</Text>
            <Table fz="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('match.fund')}</Table.Th>
                  <Table.Th>{t('match.ratio')}</Table.Th>
                  <Table.Th>{t('match.cap')}</Table.Th>
                  <Table.Th>{t('match.matched')}</Table.Th>
                  <Table.Th>{t('match.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td title={p.fundName}>{p.fundCode}</Table.Td>
                    <Table.Td>{ratio(p.ratioBps)}</Table.Td>
                    <Table.Td>{format.money(p.capMinor, p.currency)}</Table.Td>
                    <Table.Td>{format.money(p.matchedSoFarMinor, p.currency)}</Table.Td>
                    <Table.Td><Badge color={STATUS_COLOR[p.status]} variant="light">{t(`match.statuses.${p.status}`)}</Badge></Table.Td>
                    <Table.Td>
                      {may.pledge && p.status === 'pledged' && (
                        <Button size="compact-xs" variant="subtle" color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate({ pledgeId: p.id, key: newIdempotencyKey() }, { onSuccess: () => notifySuccess(t('match.withdrawn')) })}>
                          {t('match.withdraw')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        <Text size="xs" c="dimmed">{t('match.rule')}</Text>
        {may.pledge && <Button variant="light" onClick={() => setPledging(true)}>{t('match.pledge')}</Button>}
      </Stack>
      {pledging && <PledgeModal offering={offering} onClose={() => setPledging(false)} />}
    </Card>
  );
}

function PledgeModal({ offering, onClose }: { offering: Offering; onClose: () => void }) {
  const { t, i18n } = useTranslation('bonds');
  // People write the ratio as they write numbers in their language ("0,5" in French).
  const decimalSeparator = i18n.language.startsWith('fr') ? ',' : '.';
  const funds = useMatchingFunds(offering, true);
  const pledge = usePledgeMatch(offering.id);
  const [fundId, setFundId] = useState<string | null>(null);
  const [ratio, setRatio] = useState<number | string>(1);
  const [cap, setCap] = useState('');
  const [note, setNote] = useState('');
  const [key] = useState(newIdempotencyKey);
  const fields = pledge.error instanceof ApiError ? pledge.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const capMinor = parseMoneyInput(cap, offering.currency);
    const ratioBps = Math.round(Number(ratio) * 10_000);
    if (!fundId || capMinor === null || capMinor <= 0 || !(ratioBps > 0)) return;
    pledge.mutate({ key, input: { fundId, ratioBps, capMinor, note } }, { onSuccess: () => { notifySuccess(t('match.pledged')); onClose(); } });
  };
  return (
    <Modal opened onClose={onClose} title={t('match.pledgeTitle', { code: offering.code })}>
      <Stack component="form" onSubmit={submit}>
        <Alert color="blue">{t('match.pledgeHelp')}</Alert>
        <Select
          label={t('match.fund')}
          required
          data={(funds.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` }))}
          value={fundId}
          onChange={setFundId}
          nothingFoundMessage={t('match.noFund')}
          error={fields.fundId?.join(' ')}
        />
        <NumberInput label={t('match.ratio')} description={t('match.ratioHint')} required min={0.0001} max={10} decimalScale={4} decimalSeparator={decimalSeparator} step={0.5} value={ratio} onChange={setRatio} error={fields.ratioBps?.join(' ')} />
        <MoneyInput label={t('match.cap')} currency={offering.currency} value={cap} onChange={setCap} error={fields.capMinor?.join(' ')} />
        <Textarea label={t('match.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} minRows={2} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('actions.cancel')}</Button>
          <Button type="submit" loading={pledge.isPending}>{t('match.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
