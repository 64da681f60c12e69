import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';
import type { PlainKey } from './messages/render';

const KEY_LENGTH = 64;
const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function scryptAsync(password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: cost, r: blockSize, p: parallelism, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** scrypt with per-password salt; parameters stored with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, COST, BLOCK_SIZE, PARALLELISM);
  return `scrypt$${COST}$${BLOCK_SIZE}$${PARALLELISM}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, cost, blockSize, parallelism, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(cost), Number(blockSize), Number(parallelism));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A short list of the passwords tried first (leaked-password lists' head, French and English). */
const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', '1234512345', 'password', 'password1', 'password12',
  'password123', 'password1234', 'passw0rd123', 'motdepasse', 'motdepasse1', 'motdepasse123', 'azertyuiop', 'qwertyuiop',
  'azerty1234', 'azerty123456', 'qwerty1234', 'qwerty123456', '1q2w3e4r5t', 'a1b2c3d4e5', 'iloveyou123', 'jetaime123',
  'soleil1234', 'bonjour123', 'bonjour1234', 'welcome123', 'welcome1234', 'letmein123', 'abcdefghij', 'abcdef123456',
  'changeme123', 'administrator', 'admin12345', 'administrateur', 'football123', 'dragon1234', 'monkey1234', 'sunshine123',
  'princess123', 'trustno1234', 'baseball123', 'superman123', 'qazwsxedc123', '1qaz2wsx3edc', 'zaq12wsx', 'essor-demo',
  'essor12345', 'essorpassword',
]);

function simplified(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/g, '');
}

/**
 * Why a new password is too easy to guess, or null: too few different characters, a common password,
 * or the person's own e-mail or name in it.
 */
export function weakPasswordReason(password: string, person: { email: string; name?: string | null }): PlainKey | null {
  const plain = simplified(password);
  if (new Set(password).size < 4) return 'password.more_characters';
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || COMMON_PASSWORDS.has(plain)) return 'password.common';
  // The e-mail or name, give or take digits and punctuation ("marie.dupont2024" for marie.dupont@...).
  const letters = plain.replace(/[0-9]/g, '');
  const localPart = simplified(person.email.split('@')[0] ?? '').replace(/[0-9]/g, '');
  if (plain.includes(simplified(person.email)) || (localPart.length > 0 && letters === localPart)) return 'password.email';
  const name = simplified(person.name ?? '').replace(/[0-9]/g, '');
  if (name.length > 0 && letters === name) return 'password.name';
  return null;
}
