import type { SupportType } from '@essor/shared/coaching';

/** Whole minutes as "1 h 30" (or "45 min"), the way the team counts coaching time. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

export const SUPPORT_TYPE_COLORS: Record<SupportType, string> = {
  legal: 'indigo',
  managerial_accounting: 'teal',
  marketing: 'orange',
  mentoring: 'grape',
  digital: 'cyan',
};

export const SESSION_STATUS_COLORS = { scheduled: 'blue', held: 'teal', cancelled: 'gray' } as const;

/** A datetime-local input's value for an ISO instant, in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Monday 00:00 (local time) of the week holding `day`. */
export function startOfWeek(day: Date): Date {
  const d = new Date(day.getFullYear(), day.getMonth(), day.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

export function addDays(day: Date, days: number): Date {
  const d = new Date(day);
  d.setDate(d.getDate() + days);
  return d;
}

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}
