import { Button, Group, Modal, NumberInput, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useFunds, useProposeLoan, useSchedulePreview } from '../api';
import { MoneyInput } from './money-input';
import { FinanceableProjectSelect } from '../../../components/financeable-project-select';

/** Staff propose a loan and see the schedule the API would compute before anyone approves it. */
export function ProposeLoanModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const navigate = useNavigate();
  const funds = useFunds();
  const propose = useProposeLoan();
  const [fundId, setFundId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [kind, setKind] = useState<'honour_loan' | 'repayable_advance'>('honour_loan');
  const [amount, setAmount] = useState('');
  const [ratePercent, setRatePercent] = useState<number>(0);
  const [termMonths, setTermMonths] = useState<number>(12);
  const [graceMonths, setGraceMonths] = useState<number>(0);
  const [method, setMethod] = useState<'annuity' | 'declining'>('declining');
  const [purpose, setPurpose] = useState('');
  const fund = funds.data?.find((f) => f.id === fundId);
  const currency = fund?.currency ?? 'MAD';
  const principalMinor = parseMoneyInput(amount, currency as CurrencyCode);
  const rateBps = Math.round(ratePercent * 100);
  const preview = useSchedulePreview({ principalMinor, rateBps, termMonths, graceMonths, method, startsOn: new Date().toISOString().slice(0, 10) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fund || !projectId || principalMinor === null) return;
    propose.mutate(
      { fundId: fund.id, projectId, kind, principalMinor, currency: fund.currency, rateBps, termMonths, graceMonths, method, purpose },
      {
        onSuccess: (loan) => {
          notifySuccess(t('loans.proposedLoanToast', { number: loan.number }));
          navigate(`/funds/loans/${loan.id}`);
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('loans.new')} size="xl">
      <Stack component="form" onSubmit={submit}>
        <Group grow>
          <Select label={t('common.fund')} required data={(funds.data ?? []).filter((f) => f.type === 'loan').map((f) => ({ value: f.id, label: `${f.name} (${f.currency})` }))} value={fundId} onChange={setFundId} />
          <Select label={t('loans.kind')} data={(['honour_loan', 'repayable_advance'] as const).map((k) => ({ value: k, label: t(`loanKinds.${k}`) }))} value={kind} onChange={(v) => setKind(v === 'repayable_advance' ? 'repayable_advance' : 'honour_loan')} allowDeselect={false} />
        </Group>
        <FinanceableProjectSelect label={t('common.project')} currency={fund?.currency} value={projectId} onChange={(id) => setProjectId(id)} />
        <Group grow>
          <MoneyInput label={t('loans.principal')} currency={currency} value={amount} onChange={setAmount} />
          <NumberInput label={t('loans.ratePercent')} min={0} max={100} decimalScale={2} value={ratePercent} onChange={(v) => setRatePercent(Number(v) || 0)} />
        </Group>
        <Group grow>
          <NumberInput label={t('loans.termMonths')} min={1} max={360} value={termMonths} onChange={(v) => setTermMonths(Number(v) || 1)} />
          <NumberInput label={t('loans.graceMonths')} min={0} max={359} value={graceMonths} onChange={(v) => setGraceMonths(Number(v) || 0)} />
          <Select label={t('loans.method')} data={(['annuity', 'declining'] as const).map((m) => ({ value: m, label: t(`methods.${m}`) }))} value={method} onChange={(v) => setMethod(v === 'annuity' ? 'annuity' : 'declining')} allowDeselect={false} />
        </Group>
        <Textarea label={t('cofinancing.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
        {preview.data && (
          <div>
            <Text size="sm" fw={600}>{t('loans.preview')}</Text>
            <Table fz="xs">
              <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>{t('loans.dueOn')}</Table.Th><Table.Th>{t('loans.principalPart')}</Table.Th><Table.Th>{t('loans.interestPart')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {preview.data.map((row) => (
                  <Table.Tr key={row.seq}><Table.Td>{row.seq}</Table.Td><Table.Td>{format.date(row.dueOn)}</Table.Td><Table.Td>{format.money(row.principalMinor, currency)}</Table.Td><Table.Td>{format.money(row.interestMinor, currency)}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={propose.isPending}>{t('loans.submitProposal')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
