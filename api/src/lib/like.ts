/**
 * The LIKE pattern that finds `text` anywhere, taken literally: `%`, `_` and `\` typed in a search box match
 * themselves, not any character (PostgreSQL's default escape is the backslash).
 */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `text` with LIKE's wildcards and escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
