import { z } from 'zod';
import { currencySchema, positiveMinorUnitsSchema } from './money';
import { pageQuerySchema } from './pagination';

/** An offering's life: draft -> approved (four eyes) -> open -> active (allotted) or failed (refunded); later redeemed. */
export const OFFERING_STATUSES = ['draft', 'approved', 'open', 'closed', 'active', 'redeemed', 'failed', 'cancelled'] as const;
export const offeringStatusSchema = z.enum(OFFERING_STATUSES);
export type OfferingStatus = z.infer<typeof offeringStatusSchema>;

export const COUPON_FREQUENCIES = ['annual', 'semiannual', 'quarterly'] as const;
export const couponFrequencySchema = z.enum(COUPON_FREQUENCIES);
export const DAY_COUNTS = ['act_365_fixed', 'thirty_360', 'act_act_icma'] as const;
export const dayCountSchema = z.enum(DAY_COUNTS);

/** waitlisted -> reserved -> paid -> allotted | refunded; reserved -> lapsed | cancelled; waitlisted -> cancelled. */
export const SUBSCRIPTION_STATUSES = ['waitlisted', 'reserved', 'paid', 'lapsed', 'cancelled', 'refunded', 'allotted'] as const;
export const subscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES);
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;
/** Statuses that hold (or wait for) units: what the per-person maximum counts. */
export const LIVE_SUBSCRIPTION_STATUSES = ['waitlisted', 'reserved', 'paid', 'allotted'] as const satisfies readonly SubscriptionStatus[];

/** The age below which nobody may register as an investor. */
export const ADULT_AGE = 18;

const isoDay = z.iso.date();
const units = z.number().int().positive().max(10_000_000);
const longText = z.string().trim().max(20_000);

/** Every term of an offering, without defaults (an edit changes only what it names). */
const offeringTermsShape = {
  title: z.string().trim().min(3).max(200),
  summaryFr: z.string().trim().max(2000),
  summaryEn: z.string().trim().max(2000),
  noticeFr: longText,
  noticeEn: longText,
  useOfFunds: z.string().trim().max(5000),
  impactAim: z.string().trim().max(5000),
  unitPriceMinor: positiveMinorUnitsSchema,
  maxUnits: units,
  minUnits: units,
  minUnitsPerPerson: units,
  maxUnitsPerPerson: units,
  /** Annual rate in basis points (250 = 2.50 %). */
  rateBps: z.number().int().min(0).max(5000),
  termMonths: z.number().int().min(1).max(600),
  couponFrequency: couponFrequencySchema,
  dayCount: dayCountSchema,
  opensOn: isoDay,
  closesOn: isoDay,
  /** Days a reservation waits for its payment before it lapses. */
  paymentDays: z.number().int().min(1).max(90),
  /** Tax withheld on each coupon, in basis points of the gross (3000 = 30 %). */
  withholdingBps: z.number().int().min(0).max(10_000),
  /** From this day the issuer may redeem early (null: only at maturity). */
  earlyRedemptionFrom: isoDay.nullable(),
};
const offeringTerms = z.object(offeringTermsShape);

type TermsCheck = { minUnits?: number; maxUnits?: number; minUnitsPerPerson?: number; maxUnitsPerPerson?: number; opensOn?: string; closesOn?: string };

/** The rules between terms, each named on its field. */
function checkTerms(value: TermsCheck, ctx: z.RefinementCtx) {
  const { minUnits, maxUnits, minUnitsPerPerson, maxUnitsPerPerson, opensOn, closesOn } = value;
  if (minUnits !== undefined && maxUnits !== undefined && minUnits > maxUnits) ctx.addIssue({ code: 'custom', path: ['minUnits'], message: 'At most the maximum' });
  if (minUnitsPerPerson !== undefined && maxUnitsPerPerson !== undefined && minUnitsPerPerson > maxUnitsPerPerson) {
    ctx.addIssue({ code: 'custom', path: ['minUnitsPerPerson'], message: 'At most the maximum per person' });
  }
  if (maxUnitsPerPerson !== undefined && maxUnits !== undefined && maxUnitsPerPerson > maxUnits) ctx.addIssue({ code: 'custom', path: ['maxUnitsPerPerson'], message: 'At most the maximum' });
  if (opensOn && closesOn && closesOn < opensOn) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'Not before the opening day' });
}

export const createOfferingInputSchema = z
  .object({
    issuerProjectId: z.uuid(),
    /** The structure's trust books (a fund of type bond_trust): the offering's currency is theirs. */
    trustFundId: z.uuid(),
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9-]{3,30}$/, 'Capitals, digits and dashes, 3 to 30'),
    ...offeringTermsShape,
    summaryFr: offeringTermsShape.summaryFr.default(''),
    summaryEn: offeringTermsShape.summaryEn.default(''),
    noticeFr: longText.default(''),
    noticeEn: longText.default(''),
    useOfFunds: offeringTermsShape.useOfFunds.default(''),
    impactAim: offeringTermsShape.impactAim.default(''),
    minUnitsPerPerson: units.default(1),
    paymentDays: offeringTermsShape.paymentDays.default(10),
    // Optional rather than defaulted, so callers written before these terms still type (the table defaults to 0 and null).
    withholdingBps: offeringTermsShape.withholdingBps.optional(),
    earlyRedemptionFrom: offeringTermsShape.earlyRedemptionFrom.optional(),
  })
  .superRefine(checkTerms)
  .meta({ id: 'CreateBondOfferingInput' });
export type CreateOfferingInput = z.infer<typeof createOfferingInputSchema>;

/** A draft's terms, changed in part; the issuer and the trust books stay. */
export const updateOfferingInputSchema = offeringTerms.partial().superRefine(checkTerms).meta({ id: 'UpdateBondOfferingInput' });
export type UpdateOfferingInput = z.infer<typeof updateOfferingInputSchema>;

export const decideOfferingInputSchema = z.object({ note: z.string().trim().max(2000).default('') }).meta({ id: 'DecideBondOfferingInput' });

/** What staff may do with an offering now (the API says; the admin shows exactly that). */
export const OFFERING_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'open', 'close'] as const;

export const offeringSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    code: z.string(),
    issuerProjectId: z.uuid(),
    issuerName: z.string(),
    trustFundId: z.uuid(),
    trustFundCode: z.string(),
    title: z.string(),
    summaryFr: z.string(),
    summaryEn: z.string(),
    noticeFr: z.string(),
    noticeEn: z.string(),
    useOfFunds: z.string(),
    impactAim: z.string(),
    currency: currencySchema,
    unitPriceMinor: z.number().int(),
    maxUnits: z.number().int(),
    minUnits: z.number().int(),
    minUnitsPerPerson: z.number().int(),
    maxUnitsPerPerson: z.number().int(),
    rateBps: z.number().int(),
    termMonths: z.number().int(),
    couponFrequency: couponFrequencySchema,
    dayCount: dayCountSchema,
    opensOn: isoDay,
    closesOn: isoDay,
    issuedOn: isoDay.nullable(),
    maturesOn: isoDay.nullable(),
    paymentDays: z.number().int(),
    withholdingBps: z.number().int(),
    earlyRedemptionFrom: isoDay.nullable(),
    redeemedOn: isoDay.nullable(),
    status: offeringStatusSchema,
    reservedUnits: z.number().int(),
    paidUnits: z.number().int(),
    createdBy: z.uuid(),
    approvedBy: z.uuid().nullable(),
    cancelledReason: z.string().nullable().optional(),
    cancelledAt: z.string().nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'BondOffering' });
export type Offering = z.infer<typeof offeringSchema>;

export const offeringListQuerySchema = pageQuerySchema.extend({
  status: offeringStatusSchema.optional(),
  /** Words of the code, the title or the issuer's name. */
  q: z.string().trim().max(100).optional(),
});
export type OfferingListQuery = z.infer<typeof offeringListQuerySchema>;

/** What anyone may read of an open offering: its terms and progress, nothing about people. */
export const publicOfferingSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    title: z.string(),
    issuerName: z.string(),
    summaryFr: z.string(),
    summaryEn: z.string(),
    noticeFr: z.string(),
    noticeEn: z.string(),
    useOfFunds: z.string(),
    impactAim: z.string(),
    currency: currencySchema,
    unitPriceMinor: z.number().int(),
    maxUnits: z.number().int(),
    minUnits: z.number().int(),
    minUnitsPerPerson: z.number().int(),
    maxUnitsPerPerson: z.number().int(),
    rateBps: z.number().int(),
    termMonths: z.number().int(),
    couponFrequency: couponFrequencySchema,
    dayCount: dayCountSchema,
    opensOn: isoDay,
    closesOn: isoDay,
    withholdingBps: z.number().int(),
    earlyRedemptionFrom: isoDay.nullable(),
    status: offeringStatusSchema,
    paidUnits: z.number().int(),
    reservedUnits: z.number().int(),
    /** Units still free to reserve (0: new subscribers join the waitlist). */
    remainingUnits: z.number().int(),
    /** Matchfunding: what the pledges would add on what is paid now (capped), and their caps together. */
    matchedSoFarMinor: z.number().int().optional(),
    matchPledgedCapMinor: z.number().int().optional(),
  })
  .meta({ id: 'PublicBondOffering' });
export type PublicOffering = z.infer<typeof publicOfferingSchema>;

export const publicOfferingQuerySchema = pageQuerySchema;

/** A person's registration as an investor with the offering's structure. */
export const investorProfileInputSchema = z
  .object({
    offeringId: z.uuid(),
    fullName: z.string().trim().min(2).max(200),
    address: z.string().trim().min(5).max(500),
    bornOn: isoDay,
    acceptTerms: z.literal(true),
    acceptRisk: z.literal(true),
  })
  .meta({ id: 'BondInvestorProfileInput' });
export type InvestorProfileInput = z.infer<typeof investorProfileInputSchema>;

export const investorProfileSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    fullName: z.string(),
    address: z.string(),
    bornOn: isoDay,
    termsAcceptedAt: z.string(),
    riskAcceptedAt: z.string(),
  })
  .meta({ id: 'BondInvestorProfile' });
export type InvestorProfile = z.infer<typeof investorProfileSchema>;

export const subscribeInputSchema = z.object({ units }).meta({ id: 'BondSubscribeInput' });
export type SubscribeInput = z.infer<typeof subscribeInputSchema>;

/** How to pay a reservation: the amount, to whom, and the reference to write on the transfer. */
export const paymentInstructionsSchema = z
  .object({
    reference: z.string(),
    /** The reference grouped by four, as a person copies it. */
    referenceDisplay: z.string(),
    amountMinor: z.number().int(),
    currency: currencySchema,
    /** The trust account the money goes to (the structure's trust books). */
    trustAccountName: z.string(),
    trustAccountCode: z.string(),
    trustAccountDetails: z.string(),
    dueBy: z.string().nullable(),
  })
  .meta({ id: 'BondPaymentInstructions' });

export const subscriptionSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    structureId: z.uuid(),
    offeringId: z.uuid(),
    offeringCode: z.string(),
    offeringTitle: z.string(),
    investorId: z.uuid(),
    investorName: z.string(),
    units: z.number().int(),
    amountMinor: z.number().int(),
    paidMinor: z.number().int(),
    currency: currencySchema,
    reference: z.string(),
    status: subscriptionStatusSchema,
    reservedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    /** Present while the subscription waits for money. */
    paymentInstructions: paymentInstructionsSchema.nullable(),
  })
  .meta({ id: 'BondSubscription' });
export type Subscription = z.infer<typeof subscriptionSchema>;

export const subscriptionListQuerySchema = pageQuerySchema.extend({ status: subscriptionStatusSchema.optional() });
export type SubscriptionListQuery = z.infer<typeof subscriptionListQuerySchema>;

export const confirmPaymentInputSchema = z
  .object({
    amountMinor: positiveMinorUnitsSchema,
    receivedOn: isoDay,
    /** The bank's own reference of the credit: the same one is never counted twice. */
    bankReference: z.string().trim().min(1).max(140).optional(),
  })
  .meta({ id: 'ConfirmBondPaymentInput' });
export type ConfirmPaymentInput = z.infer<typeof confirmPaymentInputSchema>;

/** One line of the register of bondholders: who holds which numbers, since when, until when. */
export const holdingSchema = z
  .object({
    id: z.uuid(),
    offeringId: z.uuid(),
    investorId: z.uuid(),
    holderName: z.string(),
    holderAddress: z.string(),
    firstNumber: z.number().int(),
    lastNumber: z.number().int(),
    units: z.number().int(),
    heldFrom: isoDay,
    heldUntil: isoDay.nullable(),
    origin: z.enum(['allotment', 'transfer']),
    subscriptionId: z.uuid().nullable(),
  })
  .meta({ id: 'BondHolding' });
export type Holding = z.infer<typeof holdingSchema>;

export const holdingListQuerySchema = pageQuerySchema;

export const lapseResultSchema = z.object({ lapsed: z.number().int(), promoted: z.number().int() });
export type LapseResult = z.infer<typeof lapseResultSchema>;

/** A subscription's amount: units times the unit price, in minor units. */
export function subscriptionAmountMinor(units: number, unitPriceMinor: number): number {
  return units * unitPriceMinor;
}

/** Whether someone born on `bornOn` is an adult on `today` (both ISO days): the 18th birthday counts. */
export function isAdultOn(bornOn: string, today: string, age = ADULT_AGE): boolean {
  const [y, m, d] = bornOn.split('-').map(Number);
  const birthday = `${String(y + age).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // Born on 29 February: the birthday of a common year is 1 March, which the string comparison gives.
  return birthday <= today;
}

/** One day of an offering's uptake, as it stood at the end of that day (UTC). */
export const uptakePointSchema = z.object({
  date: isoDay,
  /** Units reserved and waiting for their money. */
  reservedUnits: z.number().int(),
  /** Units paid in full (refunded ones leave the count on the day of their refund). */
  paidUnits: z.number().int(),
  /** Money received so far, by the day it was received (refunds are not deducted). */
  paidAmountMinor: z.number().int(),
});
export type UptakePoint = z.infer<typeof uptakePointSchema>;

/** An offering's uptake day by day from its opening, with the lines the chart draws against. */
export const offeringUptakeSchema = z
  .object({
    offeringId: z.uuid(),
    currency: currencySchema,
    unitPriceMinor: z.number().int(),
    maxUnits: z.number().int(),
    minUnits: z.number().int(),
    points: z.array(uptakePointSchema),
  })
  .meta({ id: 'BondOfferingUptake' });
export type OfferingUptake = z.infer<typeof offeringUptakeSchema>;

export type OfferingAction = (typeof OFFERING_ACTIONS)[number];

/**
 * What a person may do with an offering now, by the same rules the API applies (roles, four eyes,
 * status, dates): the admin shows exactly these buttons; the API still decides each call.
 */
export function offeringActionsFor(
  offering: Pick<Offering, 'status' | 'createdBy' | 'opensOn' | 'closesOn' | 'paidUnits' | 'maxUnits'>,
  person: { id: string; roles: readonly string[] },
  today: string,
): OfferingAction[] {
  const staff = person.roles.includes('staff') || person.roles.includes('fund_manager');
  const checker = person.roles.includes('fund_manager') && person.id !== offering.createdBy;
  const actions: OfferingAction[] = [];
  if (offering.status === 'draft') {
    if (staff) actions.push('edit', 'submit');
    if (checker) actions.push('approve', 'reject');
  }
  if (offering.status === 'approved' && staff && today >= offering.opensOn && today <= offering.closesOn) actions.push('open');
  if (offering.status === 'open' && staff && (today > offering.closesOn || offering.paidUnits >= offering.maxUnits)) actions.push('close');
  return actions;
}
