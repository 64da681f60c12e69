import { z } from 'zod';
import { currencySchema } from './money';

/** What a payout pays: a coupon's interest, or the principal back at maturity or early. */
export const INVESTOR_PAYOUT_KINDS = ['coupon', 'redemption', 'early_redemption'] as const;
export const investorPayoutKindSchema = z.enum(INVESTOR_PAYOUT_KINDS);

/** One payment made to me: my line of a payout of an offering I hold. */
export const myPayoutLineSchema = z
  .object({
    id: z.uuid(),
    payoutId: z.uuid(),
    offeringId: z.uuid(),
    offeringCode: z.string(),
    offeringTitle: z.string(),
    number: z.number().int(),
    kind: investorPayoutKindSchema,
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    paidOn: z.iso.date(),
    units: z.number().int(),
    currency: currencySchema,
    grossMinor: z.number().int(),
    withheldMinor: z.number().int(),
    netMinor: z.number().int(),
    principalMinor: z.number().int(),
  })
  .meta({ id: 'MyBondPayoutLine' });
export type MyPayoutLine = z.infer<typeof myPayoutLineSchema>;

/**
 * A payout still to come on an offering I hold: its day and kind, my units today, and my share of the
 * interest it was scheduled with (null until the schedule says the amount).
 */
export const myUpcomingPayoutSchema = z
  .object({
    payoutId: z.uuid(),
    offeringId: z.uuid(),
    offeringCode: z.string(),
    offeringTitle: z.string(),
    number: z.number().int(),
    kind: investorPayoutKindSchema,
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    paysOn: z.iso.date(),
    units: z.number().int(),
    currency: currencySchema,
    estimatedGrossMinor: z.number().int().nullable(),
  })
  .meta({ id: 'MyUpcomingBondPayout' });
export type MyUpcomingPayout = z.infer<typeof myUpcomingPayoutSchema>;

/** Bonds I hold today: a run of numbers of one offering (an allotment, or bonds passed to me). */
export const myHoldingSchema = z
  .object({
    offeringId: z.uuid(),
    offeringCode: z.string(),
    offeringTitle: z.string(),
    subscriptionId: z.uuid().nullable(),
    firstNumber: z.number().int(),
    lastNumber: z.number().int(),
    units: z.number().int(),
    heldFrom: z.iso.date(),
    maturesOn: z.iso.date().nullable(),
  })
  .meta({ id: 'MyBondHolding' });
export type MyHolding = z.infer<typeof myHoldingSchema>;

export const myPayoutsSchema = z
  .object({
    holdings: z.array(myHoldingSchema),
    upcoming: z.array(myUpcomingPayoutSchema),
    paid: z.array(myPayoutLineSchema),
    /** The years I was paid something in, newest first: one yearly statement each. */
    statementYears: z.array(z.number().int()),
  })
  .meta({ id: 'MyBondPayouts' });
export type MyPayouts = z.infer<typeof myPayoutsSchema>;

/** The year of a yearly statement of interest paid and tax withheld. */
export const statementYearParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2200) });

/** A yearly statement's totals, per currency. */
export interface StatementTotals {
  currency: string;
  grossMinor: number;
  withheldMinor: number;
  netMinor: number;
  principalMinor: number;
}

/** Sums the lines per currency (money in minor units, never mixed across currencies). */
export function statementTotals(lines: readonly Pick<MyPayoutLine, 'currency' | 'grossMinor' | 'withheldMinor' | 'netMinor' | 'principalMinor'>[]): StatementTotals[] {
  const byCurrency = new Map<string, StatementTotals>();
  for (const line of lines) {
    const total = byCurrency.get(line.currency) ?? { currency: line.currency, grossMinor: 0, withheldMinor: 0, netMinor: 0, principalMinor: 0 };
    total.grossMinor += line.grossMinor;
    total.withheldMinor += line.withheldMinor;
    total.netMinor += line.netMinor;
    total.principalMinor += line.principalMinor;
    byCurrency.set(line.currency, total);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
