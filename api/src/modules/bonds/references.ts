import { randomInt } from 'node:crypto';

/** Letters and digits a person cannot misread (no I, L, O, U), as in Crockford's base 32. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The number ISO 7064 MOD 97-10 reads a reference as: digits stay, letters become 10 (A) to 35 (Z). */
function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/**
 * A payment reference in the ISO 11649 "RF" creditor reference form banks already read: RF, two check
 * digits (MOD 97-10, as in an IBAN), then the body. A mistyped character changes the check and is caught.
 */
export function creditorReference(body: string): string {
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** A new subscription reference: RF + check + "OB" + 8 random characters of the unambiguous alphabet. */
export function newPaymentReference(): string {
  let body = 'OB';
  for (let i = 0; i < 8; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return creditorReference(body);
}

/** Spaces, dashes and case dropped: what a person or a bank statement wrote, as stored. */
export function normaliseReference(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

/** True when the reference's check digits hold (ISO 11649). */
export function isValidReference(text: string): boolean {
  const ref = normaliseReference(text);
  if (!/^RF\d{2}[0-9A-Z]{1,21}$/.test(ref)) return false;
  return mod97(`${ref.slice(4)}${ref.slice(0, 4)}`) === 1;
}

/** Grouped by four, as printed on payment instructions. */
export function displayReference(reference: string): string {
  return reference.replace(/(.{4})(?=.)/g, '$1 ');
}
