import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { coaches, coachingSessions, sessionAttendees } from '../../db/schema/coaching';
import { loans } from '../../db/schema/loans';
import { projects } from '../../db/schema/projects';
import { rowsOf } from '../../lib/rows';
import { notify } from './notify';
import { anyOf } from '../../lib/any-of';

const DAY_MS = 86_400_000;

function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The holders of the projects expected at these sessions, per session. */
async function holdersBySession(db: Db, sessionIds: string[]): Promise<Map<string, string[]>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select({ sessionId: sessionAttendees.sessionId, holderUserId: projects.holderUserId })
    .from(sessionAttendees)
    .innerJoin(projects, eq(projects.id, sessionAttendees.projectId))
    .where(anyOf(sessionAttendees.sessionId, sessionIds));
  const map = new Map<string, string[]>();
  for (const row of rows) if (row.holderUserId) map.set(row.sessionId, [...(map.get(row.sessionId) ?? []), row.holderUserId]);
  return map;
}

/**
 * The day before: the coach and the holders of each session still scheduled for tomorrow (UTC day).
 * The event names the session and its day, so a second run the same day notifies nobody again, and a
 * session moved to another day is reminded again.
 */
export async function remindSessionsOfTomorrow(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<{ sessions: number }> {
  const tomorrow = addDays(today, 1);
  const from = new Date(`${tomorrow}T00:00:00Z`);
  const to = new Date(from.getTime() + DAY_MS);
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ session: coachingSessions, coachName: coaches.name, coachUserId: coaches.userId })
      .from(coachingSessions)
      .innerJoin(coaches, eq(coaches.id, coachingSessions.coachId))
      .where(and(eq(coachingSessions.status, 'scheduled'), gte(coachingSessions.startsAt, from), lt(coachingSessions.startsAt, to)));
    const holders = await holdersBySession(tx, rows.map((r) => r.session.id));
    for (const { session, coachName, coachUserId } of rows) {
      const reminder = {
        kind: 'session.reminder' as const,
        structureId: session.structureId,
        eventKey: `${session.id}:${tomorrow}`,
        params: { title: session.title, coachName, startsAt: session.startsAt.toISOString(), durationMinutes: session.durationMinutes, place: session.place },
      };
      await notify(tx, { ...reminder, recipients: [coachUserId], link: `/coaching/sessions/${session.id}` });
      await notify(tx, { ...reminder, recipients: holders.get(session.id) ?? [], link: '/my-coaching' });
    }
    return { sessions: rows.length };
  });
}

interface OpenInstalment {
  loan_id: string;
  loan_number: number | string;
  structure_id: string;
  currency: string;
  holder_user_id: string | null;
  project_title: string;
  schedule_version: number;
  seq: number;
  due_on: string | Date;
  owed_minor: number | string;
}

const isoDay = (value: string | Date) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/**
 * Instalments of active loans still not fully paid, due in exactly 7 days or already past due. What an
 * instalment has received is derived as in the loans module: the money received on the current schedule
 * covers the instalments in order.
 */
async function openInstalments(db: Db, today: string): Promise<OpenInstalment[]> {
  return rowsOf<OpenInstalment>(
    await db.execute(sql`
      with received as (
        select l.id as loan_id, coalesce(sum(r.amount_minor), 0) as amount
        from ${loans} l left join loan_repayments r on r.loan_id = l.id and r.schedule_version = l.schedule_version
        where l.status = 'active'
        group by l.id
      ), running as (
        select i.loan_id, i.seq, i.due_on, i.principal_minor + i.interest_minor as due_minor,
               sum(i.principal_minor + i.interest_minor) over (partition by i.loan_id order by i.seq) as through_minor
        from loan_instalments i join ${loans} l on l.id = i.loan_id and i.version = l.schedule_version
        where l.status = 'active'
      )
      select l.id as loan_id, l.number as loan_number, l.structure_id, l.currency, p.holder_user_id, p.title as project_title,
             l.schedule_version, ru.seq, ru.due_on,
             least(ru.due_minor, ru.through_minor - rc.amount) as owed_minor
      from running ru
      join received rc on rc.loan_id = ru.loan_id
      join ${loans} l on l.id = ru.loan_id
      join ${projects} p on p.id = l.project_id
      where ru.through_minor > rc.amount
        and (ru.due_on = ${addDays(today, 7)}::date or ru.due_on < ${today}::date)
      order by l.number, ru.seq`),
  );
}

/**
 * Tells the borrower (the project's holder) of an instalment due in 7 days, and of one past due. The
 * event names the loan, its schedule version, the instalment and its due day: each is told once.
 */
export async function remindInstalments(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<{ due: number; overdue: number }> {
  return db.transaction(async (tx) => {
    const rows = await openInstalments(tx, today);
    let due = 0;
    let overdue = 0;
    for (const row of rows) {
      const dueOn = isoDay(row.due_on);
      const late = dueOn < today;
      if (late) overdue++;
      else due++;
      await notify(tx, {
        kind: late ? 'instalment.overdue' : 'instalment.due',
        recipients: [row.holder_user_id],
        structureId: row.structure_id,
        eventKey: `${row.loan_id}:v${row.schedule_version}:${row.seq}:${dueOn}`,
        params: { loanNumber: Number(row.loan_number), seq: Number(row.seq), dueOn, amountMinor: Number(row.owed_minor), currency: row.currency, projectTitle: row.project_title },
        link: null,
      });
    }
    return { due, overdue };
  });
}
