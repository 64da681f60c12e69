import { z } from 'zod';

/** ISO 4217 currencies Essor's programmes use, with their minor-unit exponent. */
export const CURRENCY_EXPONENTS = {
  EUR: 2,
  CAD: 2,
  USD: 2,
  MAD: 2,
  XOF: 0,
  XAF: 0,
  TND: 3,
} as const;
export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;
export const currencySchema = z.enum(Object.keys(CURRENCY_EXPONENTS) as [CurrencyCode, ...CurrencyCode[]]);

/** Amounts travel as integer minor units (cents); never as floats. */
export const minorUnitsSchema = z.number().int().safe();
export const positiveMinorUnitsSchema = minorUnitsSchema.positive();

export const moneySchema = z.object({ amount: minorUnitsSchema, currency: currencySchema }).meta({ id: 'Money' });
export type Money = z.infer<typeof moneySchema>;

export function formatMoney(amountMinor: number, currency: CurrencyCode, locale: string): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amountMinor / 10 ** exponent);
}

/** Parses a decimal string typed by a person ("1 234,56" or "1234.56") into minor units; null when not exact. */
export function parseMoneyInput(text: string, currency: CurrencyCode): number | null {
  const exponent = CURRENCY_EXPONENTS[currency];
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}
