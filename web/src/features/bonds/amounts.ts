import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';

/** Minor units as the plain decimal the money input edits ("1250.00"), without going through a float. */
export function plainAmount(minor: number, currency: string): string {
  const exponent = CURRENCY_EXPONENTS[currency as CurrencyCode] ?? 2;
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
