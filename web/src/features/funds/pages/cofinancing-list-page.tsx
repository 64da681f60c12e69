import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import type { Cofinancing } from '@essor/shared/cofinancing';
import type { FinanceableProject } from '@essor/shared/funds';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataList } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { COFINANCING_KEY, useCreateCofinancing, useFunds } from '../api';
import { FinanceableProjectSelect } from '../../../components/financeable-project-select';
import { MoneyInput } from '../components/money-input';
import { useCofinancingColumns, useCofinancingFilters } from '../components/cofinancing-list';

export function CofinancingListPage() {
  const { t } = useTranslation('funds');
  const prepares = useHasRole('staff', 'fund_manager');
  const [creating, setCreating] = useState(false);
  const columns = useCofinancingColumns({ withFund: true });
  const filters = useCofinancingFilters();
  return (
    <>
      <PageHeader
        title={t('cofinancing.title')}
        description={t('cofinancing.description')}
        actions={prepares && <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>{t('cofinancing.new')}</Button>}
      />
      <DataList<Cofinancing>
        queryKey={COFINANCING_KEY}
        endpoint="/api/funds/cofinancing"
        exportEndpoint="/api/funds/cofinancing/export.csv"
        columns={columns}
        rowKey={(r) => r.id}
        filters={filters}
        emptyTitle={t('cofinancing.empty')}
      />
      {creating && <NewRequestModal onClose={() => setCreating(false)} />}
    </>
  );
}

function NewRequestModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const navigate = useNavigate();
  const funds = useFunds();
  const create = useCreateCofinancing();
  const [fundId, setFundId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [chosenProject, setChosenProject] = useState<FinanceableProject | null>(null);
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const [others, setOthers] = useState<{ name: string; amount: string; status: 'requested' | 'confirmed' }[]>([]);
  const fund = funds.data?.find((f) => f.id === fundId);
  const project = chosenProject?.id === projectId ? chosenProject : undefined;
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fund || !projectId) return;
    const amountMinor = parseMoneyInput(amount, fund.currency as CurrencyCode);
    const otherFunders = others.map((o) => ({ name: o.name, amountMinor: parseMoneyInput(o.amount, fund.currency as CurrencyCode), status: o.status }));
    if (amountMinor === null || otherFunders.some((o) => o.amountMinor === null)) return;
    create.mutate(
      { fundId: fund.id, projectId, amountMinor, currency: fund.currency, purpose, otherFunders: otherFunders.map((o) => ({ ...o, amountMinor: o.amountMinor! })) },
      {
        onSuccess: (request) => {
          notifySuccess(t('cofinancing.created', { number: request.number }));
          navigate(`/funds/cofinancing/${request.id}`);
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('cofinancing.new')} size="lg">
      <Stack component="form" onSubmit={submit}>
        <Select label={t('common.fund')} required data={(funds.data ?? []).filter((f) => f.type === 'co_financing').map((f) => ({ value: f.id, label: `${f.name} (${f.currency})` }))} value={fundId} onChange={setFundId} />
        <FinanceableProjectSelect
          label={t('common.project')}
          currency={fund?.currency}
          value={projectId}
          onChange={(id, chosen) => { setProjectId(id); setChosenProject(chosen); }}
          error={fields.projectId?.join(' ')}
        />
        <MoneyInput label={t('cofinancing.amount')} currency={fund?.currency ?? 'CAD'} value={amount} onChange={setAmount} error={fields.amountMinor?.join(' ')} />
        {project && <Text size="sm" c="dimmed">{t('cofinancing.projectBudget', { budget: format.money(project.totalBudgetMinor, project.currency) })}</Text>}
        <Textarea label={t('cofinancing.purpose')} required minRows={2} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={fields.purpose?.join(' ')} />
        {others.map((other, i) => (
          <Group key={i} grow align="flex-start">
            <TextInput label={t('cofinancing.otherFunderName')} required value={other.name} onChange={(e) => setOthers(others.map((o, j) => (j === i ? { ...o, name: e.currentTarget.value } : o)))} />
            <MoneyInput label={t('common.amount')} currency={fund?.currency ?? 'CAD'} value={other.amount} onChange={(value) => setOthers(others.map((o, j) => (j === i ? { ...o, amount: value } : o)))} />
            <Select
              label={t('common.status')}
              data={(['requested', 'confirmed'] as const).map((v) => ({ value: v, label: t(`otherFunderStatus.${v}`) }))}
              value={other.status}
              onChange={(value) => setOthers(others.map((o, j) => (j === i ? { ...o, status: value === 'confirmed' ? 'confirmed' : 'requested' } : o)))}
              allowDeselect={false}
            />
          </Group>
        ))}
        <Button variant="subtle" onClick={() => setOthers([...others, { name: '', amount: '', status: 'requested' }])}>{t('cofinancing.addOtherFunder')}</Button>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="submit" loading={create.isPending}>{t('cofinancing.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
