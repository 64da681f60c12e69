import { z } from 'zod';
import { currencySchema } from './money';
import { pageQuerySchema } from './pagination';

/** The bank statement formats read: a bank's CSV export, or ISO 20022 camt.053 XML. */
export const STATEMENT_FORMATS = ['csv', 'camt053'] as const;
export const statementFormatSchema = z.enum(STATEMENT_FORMATS);
export type StatementFormat = z.infer<typeof statementFormatSchema>;

/** previewed -> posted | discarded. */
export const STATEMENT_IMPORT_STATUSES = ['previewed', 'posted', 'discarded'] as const;
export const statementImportStatusSchema = z.enum(STATEMENT_IMPORT_STATUSES);
export type StatementImportStatus = z.infer<typeof statementImportStatusSchema>;

/**
 * What a statement line matched: `matched` (the reference's subscription and exactly what remains),
 * `partial` (less), `overpaid` (more, or nothing remains), `unknown` (no valid reference of this trust
 * account's subscriptions), `duplicate` (its bank reference is earlier in the file or already counted),
 * `ignored` (a debit). Only matched and partial lines become payments; the others wait for a person.
 */
export const STATEMENT_MATCHES = ['matched', 'partial', 'overpaid', 'unknown', 'duplicate', 'ignored'] as const;
export const statementMatchSchema = z.enum(STATEMENT_MATCHES);
export type StatementMatch = z.infer<typeof statementMatchSchema>;
export const POSTABLE_MATCHES = ['matched', 'partial'] as const satisfies readonly StatementMatch[];

/** The largest statement file taken (the API takes JSON only: its base64 must fit the 1 MB body). */
export const STATEMENT_MAX_BYTES = 700 * 1024;
/** The most lines one statement may have. */
export const STATEMENT_MAX_LINES = 5000;

export const previewStatementInputSchema = z
  .object({
    /** The trust books whose bank account the statement is of. */
    trustFundId: z.uuid(),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^/\\\0]+$/, 'A file name, not a path'),
    /** The file's bytes in base64, as the bank gave them (any encoding: UTF-8, Windows-1252, what the XML declares); a file over the limit is a 413. */
    contentBase64: z.string().min(4),
  })
  .meta({ id: 'PreviewBondStatementInput' });
export type PreviewStatementInput = z.infer<typeof previewStatementInputSchema>;

export const statementLineSchema = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    bookedOn: z.iso.date(),
    /** Positive for a credit, negative for a debit. */
    amountMinor: z.number().int(),
    currency: z.string(),
    bankReference: z.string(),
    /** The RF reference read in the remittance text, normalised (null: none found). */
    reference: z.string().nullable(),
    counterparty: z.string(),
    remittance: z.string(),
    match: statementMatchSchema,
    subscriptionId: z.uuid().nullable(),
    subscriptionReference: z.string().nullable(),
    investorName: z.string().nullable(),
    offeringCode: z.string().nullable(),
    /** The payment this line became, once posted. */
    paymentId: z.uuid().nullable(),
  })
  .meta({ id: 'BondStatementLine' });
export type StatementLine = z.infer<typeof statementLineSchema>;

export const statementCountsSchema = z.object(Object.fromEntries(STATEMENT_MATCHES.map((m) => [m, z.number().int()])) as Record<StatementMatch, z.ZodNumber>);
export type StatementCounts = z.infer<typeof statementCountsSchema>;

export const statementImportSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    trustFundId: z.uuid(),
    trustFundCode: z.string(),
    format: statementFormatSchema,
    fileName: z.string(),
    fileSha256: z.string(),
    currency: currencySchema,
    status: statementImportStatusSchema,
    lineCount: z.number().int(),
    /** The sum of the statement's credits. */
    creditMinor: z.number().int(),
    /** Lines per match. */
    counts: statementCountsSchema,
    /** What posting would turn into payments now (matched and partial lines), or what it did. */
    postableCount: z.number().int(),
    postableMinor: z.number().int(),
    postedCount: z.number().int(),
    createdBy: z.uuid(),
    createdAt: z.string(),
    postedBy: z.uuid().nullable(),
    postedAt: z.string().nullable(),
  })
  .meta({ id: 'BondStatementImport' });
export type StatementImport = z.infer<typeof statementImportSchema>;

/** An import with its lines, in the file's order. */
export const statementSchema = statementImportSchema.extend({ lines: z.array(statementLineSchema) }).meta({ id: 'BondStatement' });
export type Statement = z.infer<typeof statementSchema>;

export const statementListQuerySchema = pageQuerySchema.extend({
  status: statementImportStatusSchema.optional(),
  trustFundId: z.uuid().optional(),
});
export type StatementListQuery = z.infer<typeof statementListQuerySchema>;
