import { STRUCTURE_COOKIE } from '@essor/shared/auth';

/**
 * The structure the switcher narrowed the admin to, kept in a cookie so that the API applies it to
 * every request, CSV downloads and PDFs included. Null: all of my structures.
 */
export function readStructureFocus(): string | null {
  if (typeof document === 'undefined') return null;
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${STRUCTURE_COOKIE}=`));
  const value = match ? decodeURIComponent(match.slice(STRUCTURE_COOKIE.length + 1)) : '';
  return value || null;
}

export function writeStructureFocus(structureId: string | null): void {
  document.cookie = structureId
    ? `${STRUCTURE_COOKIE}=${encodeURIComponent(structureId)}; path=/; SameSite=Lax; max-age=31536000`
    : `${STRUCTURE_COOKIE}=; path=/; SameSite=Lax; max-age=0`;
}
