import { z } from 'zod';
import { currencySchema, positiveMinorUnitsSchema } from './money';

export const MATCH_PLEDGE_STATUSES = ['pledged', 'posted', 'released'] as const;
export const matchPledgeStatusSchema = z.enum(MATCH_PLEDGE_STATUSES);
export type MatchPledgeStatus = z.infer<typeof matchPledgeStatusSchema>;

/** 10 000 basis points = 1 for 1; at most 10 for 1. */
export const MATCH_RATIO_MAX_BPS = 100_000;

/** A fund of the structure pledges to match what the community pays, `ratioBps` per 10 000, up to a cap. */
export const createMatchPledgeInputSchema = z
  .object({
    fundId: z.uuid(),
    ratioBps: z.number().int().positive().max(MATCH_RATIO_MAX_BPS),
    capMinor: positiveMinorUnitsSchema,
    note: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'CreateBondMatchPledgeInput' });
export type CreateMatchPledgeInput = z.infer<typeof createMatchPledgeInputSchema>;

export const matchPledgeSchema = z
  .object({
    id: z.uuid(),
    offeringId: z.uuid(),
    fundId: z.uuid(),
    fundCode: z.string(),
    fundName: z.string(),
    ratioBps: z.number().int(),
    capMinor: z.number().int(),
    currency: currencySchema,
    status: matchPledgeStatusSchema,
    /** Paid by the fund at the close (0 until then, and when released). */
    matchedMinor: z.number().int(),
    /** What the pledge would give on what is paid now (capped): its final figure once posted. */
    matchedSoFarMinor: z.number().int(),
    note: z.string(),
    createdAt: z.string(),
    settledAt: z.string().nullable(),
  })
  .meta({ id: 'BondMatchPledge' });
export type MatchPledge = z.infer<typeof matchPledgeSchema>;

export const cancelOfferingInputSchema = z
  .object({ reason: z.string().trim().min(3).max(2000) })
  .meta({ id: 'CancelBondOfferingInput' });
export type CancelOfferingInput = z.infer<typeof cancelOfferingInputSchema>;

/** Half up, in integers: the match on an amount paid, before the cap. */
export function matchOf(paidMinor: number, ratioBps: number, capMinor: number): number {
  return Math.min(capMinor, Math.floor((paidMinor * ratioBps + 5_000) / 10_000));
}

/** An offering takes pledges, and may be cancelled, until it closes. */
export const MATCH_OPEN_STATUSES = ['draft', 'approved', 'open'] as const;

/** What a person may do now about an offering's matchfunding and cancellation, by the rules the API applies. */
export function matchActionsFor(offering: { status: string }, person: { roles: readonly string[] }): { pledge: boolean; cancel: boolean } {
  const manager = person.roles.includes('fund_manager');
  const before = (MATCH_OPEN_STATUSES as readonly string[]).includes(offering.status);
  return { pledge: manager && before, cancel: manager && before };
}
