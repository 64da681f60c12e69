import { TextInput } from '@mantine/core';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useTranslation } from 'react-i18next';

/** A decimal amount typed by a person; shows at once when it is not a whole number of minor units. */
export function MoneyInput({ label, currency, value, onChange, error }: { label: string; currency: string; value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useTranslation('funds');
  const invalid = value.trim() !== '' && parseMoneyInput(value, currency as CurrencyCode) === null;
  return (
    <TextInput
      label={label}
      required
      inputMode="decimal"
      rightSection={<span style={{ fontSize: 12, paddingRight: 8 }}>{currency}</span>}
      rightSectionWidth={48}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={invalid ? t('money.invalid', { digits: CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2 }) : error}
    />
  );
}
