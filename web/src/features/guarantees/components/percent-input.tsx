import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A rate in per cent, written with the admin's decimal separator ("6,5 %" in French). */
export function PercentInput(props: Omit<NumberInputProps, 'decimalSeparator' | 'suffix'>) {
  const { i18n } = useTranslation();
  return <NumberInput min={0} max={100} decimalScale={2} {...props} decimalSeparator={i18n.language === 'fr' ? ',' : '.'} suffix=" %" />;
}
