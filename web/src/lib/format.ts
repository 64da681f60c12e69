import { formatMoney as formatMoneyShared, type CurrencyCode } from '@essor/shared/money';
import { useTranslation } from 'react-i18next';

const LOCALE_TAGS: Record<string, string> = { fr: 'fr-FR', en: 'en-CA' };

export function localeTag(language: string): string {
  return LOCALE_TAGS[language] ?? language;
}

/** Formatting that follows the admin's language: money in minor units, dates, numbers. */
export function useFormat() {
  const { i18n } = useTranslation();
  const tag = localeTag(i18n.language);
  return {
    money: (amountMinor: number, currency: string) => formatMoneyShared(amountMinor, currency as CurrencyCode, tag),
    number: (value: number) => new Intl.NumberFormat(tag).format(value),
    /** A figure with exactly `digits` decimals (hours: 12,5). */
    decimal: (value: number, digits = 1) => new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    percent: (ratio: number) => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
    date: (value: string | Date | null | undefined) =>
      value ? new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: typeof value === 'string' && value.length === 10 ? 'UTC' : undefined }).format(new Date(value)) : '—',
    /** A month of a chart's axis ("2026-06") as people say it: "juin 2026", "Jun 2026". */
    month: (value: string) =>
      /^\d{4}-\d{2}$/.test(value) ? new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-01T00:00:00Z`)) : value,
    dateTime: (value: string | Date | null | undefined) =>
      value ? new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '—',
    relative: (value: string | Date) => {
      const seconds = Math.round((new Date(value).getTime() - Date.now()) / 1000);
      const rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
      const abs = Math.abs(seconds);
      if (abs < 60) return rtf.format(seconds, 'second');
      if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
      if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
      return rtf.format(Math.round(seconds / 86400), 'day');
    },
  };
}
