/**
 * Reading the files banks export (statements, loan reports): their encoding, amounts written the French
 * or the English way, day-first dates and header names. Pure; used by the bond statement import and the
 * guarantee report import.
 */

/** Windows-1252's 0x80-0x9F (the rest of its upper half is Latin-1): what a French bank's CSV uses for € ’ œ. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Node's own decoder of that name is Latin-1 and loses € ’ œ. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : byte);
  return text;
}

/** UTF-8 (a BOM dropped), else Windows-1252. */
export function decodeUtf8OrWindows1252(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * A decimal amount as the bank wrote it ("1 250,00", "1.250,00", "-45.5", "+100", "(12,00)", "1 250,00 €")
 * into minor units, read from the string (never through a float). The decimal separator is the last `,`
 * or `.` followed by at most `exponent` decimals; a separator followed by three digits groups thousands.
 */
export function parseBankAmount(text: string, exponent: number): number | null {
  let s = text.replace(/[\s\u00a0\u202f']/g, '').replace(/[€$£]|[A-Z]{3}$/g, '');
  let sign = 1;
  if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.endsWith('-')) sign = -sign;
  s = s.replace(/^[+-]|-$/g, '');
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return null;
  let whole = s;
  let fraction = '';
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (last >= 0) {
    const tail = s.slice(last + 1);
    const separators = s.match(/[.,]/g) ?? [];
    const onlyOneKind = new Set(separators).size === 1;
    // "1.250" or "1,250,000": groups of three with one kind of separator are thousands (when the currency has fewer decimals).
    const groupsThousands = onlyOneKind && tail.length === 3 && exponent < 3 && /^\d{1,3}([.,]\d{3})+$/.test(s);
    if (!groupsThousands) {
      if (tail.length > exponent) return null;
      whole = s.slice(0, last);
      fraction = tail;
      const groupSep = whole.match(/[.,]/)?.[0];
      if (groupSep && (groupSep === s[last] || !/^\d{1,3}([.,]\d{3})*$/.test(whole))) return null;
    } else whole = s;
    whole = whole.replace(/[.,]/g, '');
  }
  if (whole.length > 13) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) ? sign * minor : null;
}

function validDay(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) return null;
  const day = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day ? day : null;
}

/** ISO (2026-11-24, with or without time), 2026/11/24, or day first as French banks write it (24/11/2026, 24.11.26). */
export function parseBankDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (m) return validDay(m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** Header names lowered, accents and punctuation dropped: "Date d'opération" -> "date d operation". */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
