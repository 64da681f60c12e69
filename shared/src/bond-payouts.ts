import { z } from 'zod';
import { couponFrequencySchema, dayCountSchema } from './bonds';
import { currencySchema } from './money';
import { pageQuerySchema } from './pagination';

/** coupon: one period's interest; redemption: the last coupon with the principal; early_redemption: the issuer repays before maturity. */
export const PAYOUT_KINDS = ['coupon', 'redemption', 'early_redemption'] as const;
export const payoutKindSchema = z.enum(PAYOUT_KINDS);
export type PayoutKind = z.infer<typeof payoutKindSchema>;

/** scheduled -> running (called on the issuer, holders being paid in batches) -> paid. */
export const PAYOUT_STATUSES = ['scheduled', 'running', 'paid'] as const;
export const payoutStatusSchema = z.enum(PAYOUT_STATUSES);
export type PayoutStatus = z.infer<typeof payoutStatusSchema>;

/** What staff may do with a payout now (the API says; the admin shows exactly that). */
export const PAYOUT_ACTIONS = ['run'] as const;

const isoDay = z.iso.date();
const minor = z.number().int();

export const payoutSchema = z
  .object({
    id: z.uuid(),
    offeringId: z.uuid(),
    number: z.number().int(),
    kind: payoutKindSchema,
    periodStart: isoDay,
    periodEnd: isoDay,
    paysOn: isoDay,
    status: payoutStatusSchema,
    currency: currencySchema,
    /** Sums of the holders' lines: as computed from the register now while scheduled, as paid once running. */
    interestMinor: minor,
    withheldMinor: minor,
    netInterestMinor: minor,
    principalMinor: minor,
    /** Interest net of tax plus principal: what leaves the trust account for the holders. */
    paidOutMinor: minor,
    holdersTotal: z.number().int(),
    holdersDone: z.number().int(),
    /** The entry that called the amount due from the issuer. */
    journalEntryId: z.number().int().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    actions: z.array(z.enum(PAYOUT_ACTIONS)),
  })
  .meta({ id: 'BondPayout' });
export type Payout = z.infer<typeof payoutSchema>;

export const payoutScheduleSchema = z
  .object({
    offeringId: z.uuid(),
    currency: currencySchema,
    couponFrequency: couponFrequencySchema,
    dayCount: dayCountSchema,
    rateBps: z.number().int(),
    withholdingBps: z.number().int(),
    issuedOn: isoDay.nullable(),
    maturesOn: isoDay.nullable(),
    earlyRedemptionFrom: isoDay.nullable(),
    items: z.array(payoutSchema),
  })
  .meta({ id: 'BondPayoutSchedule' });
export type PayoutSchedule = z.infer<typeof payoutScheduleSchema>;

/** One holder's share of a payout, as paid. */
export const payoutLineSchema = z
  .object({
    id: z.uuid(),
    payoutId: z.uuid(),
    investorId: z.uuid(),
    holderName: z.string(),
    units: z.number().int(),
    grossMinor: minor,
    withheldMinor: minor,
    netMinor: minor,
    principalMinor: minor,
    journalEntryId: z.number().int().nullable(),
    paidOn: isoDay,
  })
  .meta({ id: 'BondPayoutLine' });
export type PayoutLine = z.infer<typeof payoutLineSchema>;

export const payoutLineListQuerySchema = pageQuerySchema;

export const earlyRedemptionInputSchema = z
  .object({
    /** The redemption day: the interest accrued since the last coupon and the principal are paid on it. */
    on: isoDay,
  })
  .meta({ id: 'BondEarlyRedemptionInput' });
export type EarlyRedemptionInput = z.infer<typeof earlyRedemptionInputSchema>;

export const transferInputSchema = z
  .object({
    fromInvestorId: z.uuid(),
    toInvestorId: z.uuid(),
    units: z.number().int().positive().max(10_000_000),
    /** The day the bonds change hands: the receiver is the holder of record from this day. */
    on: isoDay,
    reason: z.string().trim().min(3).max(500),
  })
  .refine((t) => t.fromInvestorId !== t.toInvestorId, { path: ['toInvestorId'], message: 'Another person than the giver' })
  .meta({ id: 'BondTransferInput' });
export type TransferInput = z.infer<typeof transferInputSchema>;

export const transferSchema = z
  .object({
    id: z.uuid(),
    offeringId: z.uuid(),
    fromInvestorId: z.uuid(),
    fromName: z.string(),
    toInvestorId: z.uuid(),
    toName: z.string(),
    units: z.number().int(),
    transferredOn: isoDay,
    reason: z.string(),
    recordedBy: z.uuid(),
    createdAt: z.string(),
  })
  .meta({ id: 'BondTransfer' });
export type Transfer = z.infer<typeof transferSchema>;

export const transferListQuerySchema = pageQuerySchema;

/** An investor registered with the offering's structure, for the transfer pickers, with the bonds of the offering they hold now. */
export const offeringInvestorSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    unitsHeld: z.number().int(),
  })
  .meta({ id: 'BondOfferingInvestor' });
export type OfferingInvestor = z.infer<typeof offeringInvestorSchema>;

export const offeringInvestorQuerySchema = z.object({
  /** Part of the name. */
  q: z.string().trim().max(100).optional(),
  /** Only those holding bonds of the offering now (the givers). */
  holding: z.enum(['true', 'false']).optional(),
});
export type OfferingInvestorQuery = z.infer<typeof offeringInvestorQuerySchema>;
