import { Group, Select } from '@mantine/core';
import { GUARANTEE_STATUSES, RISK_CLASSES, type GuaranteeFilters } from '@essor/shared/guarantees';
import { useTranslation } from 'react-i18next';
import { useBanks, useGuaranteeFunds } from '../api';

type Filters = Pick<GuaranteeFilters, 'fundId' | 'bankId' | 'status' | 'riskClass'>;

/** The register's filters: fund, bank, status, risk class; the same ones go to the CSV export. */
export function RegisterFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const { t } = useTranslation('guarantees');
  const funds = useGuaranteeFunds();
  const banks = useBanks();
  const filters = [
    { name: 'fundId', label: t('register.fund'), options: (funds.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` })) },
    { name: 'bankId', label: t('register.bank'), options: (banks.data ?? []).map((b) => ({ value: b.id, label: b.name })) },
    { name: 'status', label: t('register.status'), options: GUARANTEE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
    { name: 'riskClass', label: t('register.riskClass'), options: RISK_CLASSES.map((r) => ({ value: r, label: t(`risk.${r}`) })) },
  ] as const;
  return (
    <Group gap="sm" wrap="wrap">
      {filters.map((filter) => (
        <Select
          key={filter.name}
          aria-label={filter.label}
          placeholder={filter.label}
          data={filter.options}
          clearable
          value={value[filter.name] ?? null}
          onChange={(v) => onChange({ ...value, [filter.name]: v ?? undefined })}
          w={200}
          maw="100%"
        />
      ))}
    </Group>
  );
}
