import type { IndicatorUnit } from '@essor/shared/impact';
import { useTranslation } from 'react-i18next';
import { localeTag, useFormat } from '../../../lib/format';

/** A figure as people read it: money in its currency (the API keeps minor units), other units with up to 2 decimals and their unit. */
export function useFigureText() {
  const { t, i18n } = useTranslation('impact');
  const format = useFormat();
  const number = new Intl.NumberFormat(localeTag(i18n.language), { maximumFractionDigits: 2 });
  return (value: string | null, unit: IndicatorUnit, currency: string | null): string => {
    if (value === null) return '—';
    if (unit === 'money') return currency ? format.money(Number(value), currency) : number.format(Number(value));
    if (unit === 'percent') return `${number.format(Number(value))} %`;
    return `${number.format(Number(value))} ${t(`units.${unit}`)}`;
  };
}
