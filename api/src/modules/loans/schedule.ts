/** Loan schedules to the minor unit: pure functions, so they are tested against hand-computed tables. */

export type AmortisationMethod = 'annuity' | 'declining';

export interface ScheduleTerms {
  principalMinor: number;
  /** Yearly nominal rate in basis points; the monthly rate is a twelfth of it. */
  rateBps: number;
  termMonths: number;
  /** The first months pay interest only. */
  graceMonths: number;
  method: AmortisationMethod;
  /** Day the money is paid out (or the schedule restarts); instalments fall due month by month after it. */
  startsOn: string;
}

export interface ScheduledInstalment {
  seq: number;
  dueOn: string;
  principalMinor: number;
  interestMinor: number;
}

/** a / b rounded half away from zero, in exact integer arithmetic (a, b >= 0). */
export function divideRounded(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/** One month of interest on a balance, rounded to the minor unit. */
export function monthlyInterest(balanceMinor: number, rateBps: number): number {
  return Number(divideRounded(BigInt(balanceMinor) * BigInt(rateBps), 120_000n));
}

/** The same day n months later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb). */
export function addMonths(isoDay: string, months: number): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The level payment of an annuity, rounded half up to the minor unit. */
export function annuityPayment(principalMinor: number, rateBps: number, periods: number): number {
  if (rateBps === 0) return Number(divideRounded(BigInt(principalMinor), BigInt(periods)));
  const r = rateBps / 120_000;
  return Math.round((principalMinor * r) / (1 - (1 + r) ** -periods));
}

/**
 * Builds the schedule: grace months pay interest only; then either equal instalments (annuity) or
 * equal principal (declining). Interest is computed on the balance each month; the last instalment
 * takes whatever principal the rounding left, so the principal always adds up exactly.
 */
export function buildSchedule(terms: ScheduleTerms): ScheduledInstalment[] {
  const periods = terms.termMonths - terms.graceMonths;
  if (!Number.isSafeInteger(terms.principalMinor) || terms.principalMinor <= 0) throw new RangeError('principal must be a positive whole amount');
  if (periods < 1) throw new RangeError('the grace period must leave at least one repayment');
  const instalments: ScheduledInstalment[] = [];
  let balance = terms.principalMinor;
  for (let seq = 1; seq <= terms.graceMonths; seq++) {
    instalments.push({ seq, dueOn: addMonths(terms.startsOn, seq), principalMinor: 0, interestMinor: monthlyInterest(balance, terms.rateBps) });
  }
  const payment = annuityPayment(terms.principalMinor, terms.rateBps, periods);
  const equalPrincipal = Number(divideRounded(BigInt(terms.principalMinor), BigInt(periods)));
  for (let k = 1; k <= periods; k++) {
    const seq = terms.graceMonths + k;
    const interest = monthlyInterest(balance, terms.rateBps);
    let principal: number;
    if (k === periods) principal = balance;
    else if (terms.method === 'annuity') principal = Math.min(balance, Math.max(0, payment - interest));
    else principal = Math.min(balance, equalPrincipal);
    balance -= principal;
    instalments.push({ seq, dueOn: addMonths(terms.startsOn, seq), principalMinor: principal, interestMinor: interest });
  }
  return instalments;
}

export interface InstalmentStanding extends ScheduledInstalment {
  paidPrincipalMinor: number;
  paidInterestMinor: number;
  /** paid | partial | due (unpaid, not yet late) | overdue */
  status: 'paid' | 'partial' | 'due' | 'overdue';
}

/**
 * Spreads the money received over the schedule in order, each instalment's interest before its
 * principal; what each instalment has received is derived, never stored.
 */
export function allocatePayments(schedule: ScheduledInstalment[], receivedMinor: number, asOf: string): InstalmentStanding[] {
  let left = receivedMinor;
  return schedule.map((instalment) => {
    const paidInterestMinor = Math.min(left, instalment.interestMinor);
    left -= paidInterestMinor;
    const paidPrincipalMinor = Math.min(left, instalment.principalMinor);
    left -= paidPrincipalMinor;
    const owed = instalment.interestMinor + instalment.principalMinor - paidInterestMinor - paidPrincipalMinor;
    const status = owed === 0 ? 'paid' : instalment.dueOn < asOf ? 'overdue' : paidInterestMinor + paidPrincipalMinor > 0 ? 'partial' : 'due';
    return { ...instalment, paidInterestMinor, paidPrincipalMinor, status };
  });
}

/** How a new payment splits, given what was already received on the same schedule. */
export function splitPayment(schedule: ScheduledInstalment[], alreadyReceivedMinor: number, amountMinor: number): { principalMinor: number; interestMinor: number } {
  const before = allocatePayments(schedule, alreadyReceivedMinor, '0000-01-01');
  const after = allocatePayments(schedule, alreadyReceivedMinor + amountMinor, '0000-01-01');
  const sum = (rows: InstalmentStanding[], key: 'paidPrincipalMinor' | 'paidInterestMinor') => rows.reduce((total, row) => total + row[key], 0);
  return {
    principalMinor: sum(after, 'paidPrincipalMinor') - sum(before, 'paidPrincipalMinor'),
    interestMinor: sum(after, 'paidInterestMinor') - sum(before, 'paidInterestMinor'),
  };
}

/** Days since the oldest instalment still unpaid fell due; zero when nothing is late. */
export function daysInArrears(standing: InstalmentStanding[], asOf: string): number {
  const oldest = standing.find((row) => row.status === 'overdue');
  if (!oldest) return 0;
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${oldest.dueOn}T00:00:00Z`)) / 86_400_000);
}
