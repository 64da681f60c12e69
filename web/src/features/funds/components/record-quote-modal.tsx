import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../lib/notify';
import { useFunds, useRecordQuote } from '../api';
import { MoneyInput } from './money-input';
import { FinanceableProjectSelect } from '../../../components/financeable-project-select';

interface LineDraft {
  description: string;
  quantity: number;
  unitPrice: string;
}

/** Staff record a supplier's quote line by line; the API totals it and a fund manager approves it. */
export function RecordQuoteModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('funds');
  const funds = useFunds();
  const record = useRecordQuote();
  const [fundId, setFundId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [supplier, setSupplier] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([{ description: '', quantity: 1, unitPrice: '' }]);
  const fund = funds.data?.find((f) => f.id === fundId);
  const currency = fund?.currency ?? 'XOF';
  const update = (i: number, patch: Partial<LineDraft>) => setLines(lines.map((line, j) => (j === i ? { ...line, ...patch } : line)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!fund || !projectId) return;
    const parsed = lines.map((line) => ({ description: line.description, quantity: line.quantity, unitPriceMinor: parseMoneyInput(line.unitPrice, currency as CurrencyCode) }));
    if (parsed.some((line) => line.unitPriceMinor === null)) return;
    record.mutate(
      { fundId: fund.id, projectId, supplier, currency: fund.currency, lines: parsed.map((line) => ({ ...line, unitPriceMinor: line.unitPriceMinor! })) },
      { onSuccess: () => { notifySuccess(t('equipment.recorded')); onClose(); } },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('equipment.newQuote')} size="xl">
      <Stack component="form" onSubmit={submit}>
        <Group grow>
          <Select label={t('common.fund')} required data={(funds.data ?? []).filter((f) => f.type === 'equipment').map((f) => ({ value: f.id, label: `${f.name} (${f.currency})` }))} value={fundId} onChange={setFundId} />
          <TextInput label={t('equipment.supplier')} required value={supplier} onChange={(e) => setSupplier(e.currentTarget.value)} />
        </Group>
        <FinanceableProjectSelect label={t('common.project')} currency={fund?.currency} value={projectId} onChange={(id) => setProjectId(id)} />
        {lines.map((line, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput style={{ flex: 3 }} label={t('equipment.item')} required value={line.description} onChange={(e) => update(i, { description: e.currentTarget.value })} />
            <NumberInput style={{ flex: 1 }} label={t('equipment.quantity')} min={1} value={line.quantity} onChange={(v) => update(i, { quantity: Number(v) || 1 })} />
            <div style={{ flex: 2 }}><MoneyInput label={t('equipment.unitPrice')} currency={currency} value={line.unitPrice} onChange={(value) => update(i, { unitPrice: value })} /></div>
            <ActionIcon variant="subtle" color="red" aria-label={t('equipment.removeLine')} disabled={lines.length === 1} onClick={() => setLines(lines.filter((_, j) => j !== i))}><IconTrash size={16} /></ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => setLines([...lines, { description: '', quantity: 1, unitPrice: '' }])}>{t('equipment.addLine')}</Button>
          <Button type="submit" loading={record.isPending}>{t('equipment.record')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
