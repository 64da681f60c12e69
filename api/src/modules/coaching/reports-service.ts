import type { ExpertPayments, HoursReport, ReportQuery } from '@essor/shared/coaching';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coaches, coachingSessions } from '../../db/schema/coaching';
import { cohorts, programmes } from '../../db/schema/programmes';
import type { CurrentUser } from '../../lib/context';
import { builtOnce } from '../../lib/prepared';
import { inPlaceholderReach, structuresReached } from '../../lib/scope';
import { COACHING_MANAGERS } from './viewer';

/**
 * Held sessions of the structures the manager reaches; ranges are whole days in UTC, from the start of `from` to
 * the end of `to`. The reports' queries are built once (lib/prepared.ts): `reach`, `start` and `end` come when they run.
 */
const heldIn = () =>
  and(
    inPlaceholderReach(coachingSessions.structureId),
    eq(coachingSessions.status, 'held'),
    gte(coachingSessions.startsAt, sql.placeholder('start')),
    lt(coachingSessions.startsAt, sql.placeholder('end')),
  );

function heldValues(user: CurrentUser, from: string, to: string) {
  const start = new Date(`${from}T00:00:00.000Z`);
  const end = new Date(`${to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  // As text: a placeholder's value reaches the driver as it is, without the column's own conversion of a Date.
  return { reach: structuresReached(user, COACHING_MANAGERS), start: start.toISOString(), end: end.toISOString() };
}

const minutes = sql<string>`sum(${coachingSessions.durationMinutes})`;
const sessions = sql<string>`count(*)`;
const HOURS_BY = {
  coach: builtOnce((db) =>
    db
      .select({ key: coaches.id, label: coaches.name, sessions, minutes })
      .from(coachingSessions)
      .innerJoin(coaches, eq(coaches.id, coachingSessions.coachId))
      .where(heldIn())
      .groupBy(coaches.id, coaches.name)
      .orderBy(asc(coaches.name))
      .prepare('essor_hours_by_coach'),
  ),
  cohort: builtOnce((db) =>
    db
      .select({ key: cohorts.id, label: sql<string>`${programmes.code} || ' · ' || ${cohorts.name}`, sessions, minutes })
      .from(coachingSessions)
      .innerJoin(cohorts, eq(cohorts.id, coachingSessions.cohortId))
      .innerJoin(programmes, eq(programmes.id, cohorts.programmeId))
      .where(heldIn())
      .groupBy(cohorts.id, cohorts.name, programmes.code)
      .orderBy(asc(programmes.code), asc(cohorts.name))
      .prepare('essor_hours_by_cohort'),
  ),
  supportType: builtOnce((db) =>
    db
      .select({ key: coachingSessions.supportType, label: coachingSessions.supportType, sessions, minutes })
      .from(coachingSessions)
      .where(heldIn())
      .groupBy(coachingSessions.supportType)
      .orderBy(asc(coachingSessions.supportType))
      .prepare('essor_hours_by_support_type'),
  ),
};

/** Hours delivered: each held session counts once, whatever the number of projects in the room. */
export async function hoursReport(db: Db, user: CurrentUser, query: ReportQuery): Promise<HoursReport> {
  const by = query.groupBy === 'coach' || query.groupBy === 'cohort' ? query.groupBy : 'supportType';
  const rows: { key: string; label: string; sessions: string; minutes: string }[] = await HOURS_BY[by](db).execute(heldValues(user, query.from, query.to));
  const out = rows.map((r) => ({ key: r.key, label: r.label, sessions: Number(r.sessions), minutes: Number(r.minutes) }));
  return { from: query.from, to: query.to, groupBy: query.groupBy, rows: out, totalMinutes: out.reduce((t, r) => t + r.minutes, 0) };
}

/** What each external expert is owed for the held sessions of the range: minutes x hourly rate, rounded half up to the minor unit. */
const expertPaymentsQuery = builtOnce((db) =>
  db
    .select({
      coachId: coaches.id,
      coachName: coaches.name,
      profession: coaches.profession,
      hourlyRateMinor: coaches.hourlyRateMinor,
      currency: coaches.currency,
      sessions: sql<string>`count(*)`,
      minutes: sql<string>`sum(${coachingSessions.durationMinutes})`,
    })
    .from(coachingSessions)
    .innerJoin(coaches, eq(coaches.id, coachingSessions.coachId))
    .where(and(heldIn(), eq(coaches.kind, 'external')))
    .groupBy(coaches.id, coaches.name, coaches.profession, coaches.hourlyRateMinor, coaches.currency)
    .orderBy(asc(coaches.name))
    .prepare('essor_expert_payments'),
);

export async function expertPayments(db: Db, user: CurrentUser, query: { from: string; to: string }): Promise<ExpertPayments> {
  const rows = await expertPaymentsQuery(db).execute(heldValues(user, query.from, query.to));
  const lines = rows.map((r) => {
    const minutes = Number(r.minutes);
    const rate = r.hourlyRateMinor ?? 0;
    return {
      coachId: r.coachId,
      coachName: r.coachName,
      profession: r.profession as ExpertPayments['rows'][number]['profession'],
      sessions: Number(r.sessions),
      minutes,
      hourlyRateMinor: rate,
      currency: r.currency as ExpertPayments['rows'][number]['currency'],
      amountMinor: Math.floor((minutes * rate + 30) / 60),
    };
  });
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.amountMinor);
  return {
    from: query.from,
    to: query.to,
    rows: lines,
    totals: [...totals].map(([currency, amountMinor]) => ({ currency: currency as ExpertPayments['rows'][number]['currency'], amountMinor })),
  };
}
