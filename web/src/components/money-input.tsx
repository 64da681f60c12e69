import { TextInput } from '@mantine/core';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeTag } from '../lib/format';
import { canonicalMoneyText, localMoneyText } from '../lib/money-text';

export interface MoneyInputProps {
  label: string;
  currency: string;
  /** A plain decimal ("30000.50"); what the money helpers' parseMoneyInput reads. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  description?: string;
  disabled?: boolean;
}

/**
 * An amount as people write it in the admin's language ("30 000,00" in French, "30,000.00" in English),
 * handed to the page as a plain decimal; shows at once when it is not a whole number of minor units.
 */
export function MoneyInput({ label, currency, value, onChange, error, required = true, description, disabled }: MoneyInputProps) {
  const { t, i18n } = useTranslation();
  const tag = localeTag(i18n.language);
  const show = (plain: string) => localMoneyText(plain, currency, tag) ?? plain;
  const [text, setText] = useState(() => show(value));
  // A value set by the page (a default, a reset) is shown the locale's way; what the person types stays as typed.
  useEffect(() => {
    if (canonicalMoneyText(text, i18n.language) !== value) setText(value === '' ? '' : show(value));
  }, [value, currency, tag]);
  const invalid = value.trim() !== '' && parseMoneyInput(value, currency as CurrencyCode) === null;
  return (
    <TextInput
      label={label}
      description={description}
      required={required}
      disabled={disabled}
      inputMode="decimal"
      rightSection={<span style={{ fontSize: 12, paddingRight: 8 }}>{currency}</span>}
      rightSectionWidth={48}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(canonicalMoneyText(e.currentTarget.value, i18n.language));
      }}
      onBlur={() => !invalid && value !== '' && setText(show(value))}
      error={invalid ? t('money.invalid', { digits: CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2 }) : error}
    />
  );
}
