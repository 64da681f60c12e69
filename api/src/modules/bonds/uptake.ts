import type { OfferingUptake, UptakePoint } from '@essor/shared/bonds';
import type { CurrencyCode } from '@essor/shared/money';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { rowsOf } from '../../lib/rows';
import { assertReach } from '../../lib/scope';
import { todayUtc } from '../ledger/public';
import { OFFERING_READERS } from './offerings';
import { offeringView } from './shape';

/** Statuses before the opening: nobody could subscribe yet, so there is nothing to draw. */
const NOT_YET_OPEN = ['draft', 'approved'];
const DAY_MS = 86_400_000;
/** A guard on the walk: an offering's subscription period is weeks, not decades. */
const MAX_DAYS = 3_660;

type Kind = 'reserved_in' | 'reserved_out' | 'paid_in' | 'paid_out' | 'money';

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * What changed on which day (UTC), read from the subscriptions' own timestamps and the payments:
 * a reservation counts from its reservedAt until it is paid or closed (lapsed, cancelled, refunded);
 * a subscription counts as paid from its paidAt, until its refund if the offering failed; money counts
 * on the day it was received. One grouped query: the walk below adds the days up.
 */
async function dailyChanges(db: Db, offeringId: string): Promise<{ kind: Kind; day: string; amount: number }[]> {
  const day = (column: ReturnType<typeof sql>) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = rowsOf<{ kind: Kind; day: string; amount: string | number }>(
    await db.execute(sql`
      select 'reserved_in'::text as kind, ${day(sql`s.reserved_at`)} as day, sum(s.units)::bigint as amount
        from bond_subscriptions s where s.offering_id = ${offeringId} and s.reserved_at is not null group by 2
      union all
      select 'reserved_out', ${day(sql`least(s.paid_at, s.closed_at)`)}, sum(s.units)::bigint
        from bond_subscriptions s where s.offering_id = ${offeringId} and s.reserved_at is not null and (s.paid_at is not null or s.closed_at is not null) group by 2
      union all
      select 'paid_in', ${day(sql`s.paid_at`)}, sum(s.units)::bigint
        from bond_subscriptions s where s.offering_id = ${offeringId} and s.paid_at is not null group by 2
      union all
      select 'paid_out', ${day(sql`s.closed_at`)}, sum(s.units)::bigint
        from bond_subscriptions s where s.offering_id = ${offeringId} and s.paid_at is not null and s.status = 'refunded' and s.closed_at is not null group by 2
      union all
      select 'money', to_char(p.received_on, 'YYYY-MM-DD'), sum(p.amount_minor)::bigint
        from bond_payments p join bond_subscriptions s on s.id = p.subscription_id where s.offering_id = ${offeringId} group by 2
    `),
  );
  return rows.map((r) => ({ kind: r.kind, day: r.day, amount: Number(r.amount) }));
}

/**
 * The offering's uptake day by day, for its chart: from the opening day to today while it is open, or to
 * its last movement (at least its closing day) once it has closed. Each point is the end of its day.
 */
export async function offeringUptake(db: Db, user: CurrentUser, offeringId: string, today = todayUtc()): Promise<OfferingUptake> {
  const { o } = await offeringView(db, offeringId);
  assertReach(user, o.structureId, OFFERING_READERS, 'thing.bond_offering');
  const reply = { offeringId: o.id, currency: o.currency as CurrencyCode, unitPriceMinor: o.unitPriceMinor, maxUnits: o.maxUnits, minUnits: o.minUnits, points: [] as UptakePoint[] };
  if (NOT_YET_OPEN.includes(o.status)) return reply;
  const changes = await dailyChanges(db, offeringId);
  const byDay = new Map<string, Record<Kind, number>>();
  let lastMovement = o.closesOn;
  for (const change of changes) {
    const sums = byDay.get(change.day) ?? { reserved_in: 0, reserved_out: 0, paid_in: 0, paid_out: 0, money: 0 };
    sums[change.kind] += change.amount;
    byDay.set(change.day, sums);
    if (change.day > lastMovement) lastMovement = change.day;
  }
  const first = [...byDay.keys(), o.opensOn].sort()[0];
  const last = o.status === 'open' ? today : lastMovement < today ? lastMovement : today;
  let reservedUnits = 0;
  let paidUnits = 0;
  let paidAmountMinor = 0;
  for (let day = first, n = 0; day <= last && n < MAX_DAYS; day = nextDay(day), n++) {
    const sums = byDay.get(day);
    if (sums) {
      reservedUnits += sums.reserved_in - sums.reserved_out;
      paidUnits += sums.paid_in - sums.paid_out;
      paidAmountMinor += sums.money;
    }
    reply.points.push({ date: day, reservedUnits, paidUnits, paidAmountMinor });
  }
  return reply;
}
