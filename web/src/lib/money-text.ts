import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * What a person typed, in the admin's language ("30 000,50", "30,000.50", "30000.50"), as the plain
 * decimal the money helpers read ("30000.50"); text that is no number comes back unchanged.
 */
export function canonicalMoneyText(text: string, language: string): string {
  const compact = text.replace(SPACES, '');
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  let decimal: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0) decimal = language === 'en' && /^-?\d{1,3}(,\d{3})+$/.test(compact) ? null : ',';
  else if (lastDot >= 0) decimal = language !== 'en' && /^-?\d{1,3}(\.\d{3}){2,}$/.test(compact) ? null : '.';
  const grouping = decimal === ',' ? /\./g : decimal === '.' ? /,/g : /[.,]/g;
  const plain = compact.replace(grouping, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? plain : text;
}

/** A plain decimal ("30000.5") written the locale's way with the currency's digits ("30 000,50"); null when it is not one. */
export function localMoneyText(plain: string, currency: string, localeTag: string): string | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(plain.trim());
  if (!match) return null;
  const digits = CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const grouped = new Intl.NumberFormat(localeTag, { useGrouping: true }).format(BigInt(whole));
  const separator = new Intl.NumberFormat(localeTag).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${sign}${grouped}${digits > 0 ? separator + fraction.padEnd(digits, '0') : ''}`;
}
