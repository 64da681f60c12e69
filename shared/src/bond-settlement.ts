import { z } from 'zod';
import { currencySchema } from './money';

const isoDay = z.iso.date();
const minor = z.number().int();

/** What staff may do with the raise now (the API says; the admin shows exactly that). */
export const SETTLEMENT_ACTIONS = ['pay_over'] as const;

/** The transfer of the raise to the issuer, as a fund manager records it once the bank has executed it. */
export const payOverInputSchema = z
  .object({
    /** The day the money left the trust account (the entry's date). */
    paidOn: isoDay,
    /** The bank's own reference of the outgoing transfer. */
    bankReference: z.string().trim().min(1).max(140),
  })
  .meta({ id: 'BondPayOverInput' });
export type PayOverInput = z.infer<typeof payOverInputSchema>;

/** One transfer of the raise to the issuer, as the trust books hold it. */
export const payOverEntrySchema = z
  .object({
    journalEntryId: z.number().int(),
    occurredOn: isoDay,
    amountMinor: minor,
    description: z.string(),
  })
  .meta({ id: 'BondPayOverEntry' });
export type PayOverEntry = z.infer<typeof payOverEntrySchema>;

/**
 * Where the raise of an offering stands between the trust account and the issuer, read from the trust
 * books: what became payable at the close, what was paid over, what remains (account 2310 for the offering).
 */
export const settlementSchema = z
  .object({
    offeringId: z.uuid(),
    offeringCode: z.string(),
    issuerName: z.string(),
    currency: currencySchema,
    payableMinor: minor,
    paidOverMinor: minor,
    remainingMinor: minor,
    /** The transfers to the issuer, oldest first. */
    entries: z.array(payOverEntrySchema),
    actions: z.array(z.enum(SETTLEMENT_ACTIONS)),
  })
  .meta({ id: 'BondSettlement' });
export type Settlement = z.infer<typeof settlementSchema>;

/** One refund posted for an offering (a failed close, a cancellation, a part paid reservation dropped): a line of the bank's refund file. */
export interface RefundLine {
  journalEntryId: number;
  refundedOn: string;
  subscriptionId: string;
  reference: string;
  subscriberName: string;
  subscriberAddress: string;
  amountMinor: number;
  currency: string;
  /** The bank references of the payments received, so the bank returns each to the account it came from. */
  paymentBankReferences: string[];
}
