import { z } from 'zod';
import { timelineEventSchema } from './cofinancing';
import { currencySchema, positiveMinorUnitsSchema } from './money';
import { waitingSchemaOf, type Flow } from './money-flow';
import { pageQuerySchema } from './pagination';

export const QUOTE_STATUSES = ['recorded', 'approved', 'rejected', 'ordered', 'invoiced', 'paid', 'cancelled'] as const;
export const quoteStatusSchema = z.enum(QUOTE_STATUSES);
export type QuoteStatus = z.infer<typeof quoteStatusSchema>;

export const QUOTE_ACTIONS = ['approve', 'reject', 'order', 'invoice', 'pay', 'cancel'] as const;
export const quoteActionSchema = z.enum(QUOTE_ACTIONS);
export type QuoteAction = z.infer<typeof quoteActionSchema>;

/** A quote's life: what each status allows and who does it (shared/src/money-flow.ts says who is who). */
export const QUOTE_FLOW: Flow<QuoteStatus, QuoteAction> = {
  recorded: { approve: 'checker', reject: 'checker', cancel: 'manager' },
  approved: { order: 'manager', cancel: 'manager' },
  ordered: { invoice: 'maker', cancel: 'manager' },
  invoiced: { pay: 'manager', cancel: 'manager' },
  rejected: {},
  paid: {},
  cancelled: {},
};

const isoDay = z.iso.date();

export const quoteLineSchema = z
  .object({
    description: z.string().trim().min(2).max(300),
    quantity: z.number().int().min(1).max(10_000),
    unitPriceMinor: positiveMinorUnitsSchema,
  })
  .meta({ id: 'QuoteLine' });

export const quoteSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    /** The fund's structure. */
    structureId: z.uuid(),
    fundId: z.uuid(),
    fundCode: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    supplier: z.string(),
    lines: z.array(quoteLineSchema),
    totalMinor: z.number().int(),
    currency: currencySchema,
    status: quoteStatusSchema,
    recordedBy: z.uuid(),
    decidedBy: z.uuid().nullable(),
    purchaseOrderNumber: z.string().nullable(),
    orderedOn: isoDay.nullable(),
    invoiceNumber: z.string().nullable(),
    invoiceAmountMinor: z.number().int().nullable(),
    invoicedOn: isoDay.nullable(),
    paidOn: isoDay.nullable(),
    createdAt: z.string(),
    timeline: z.array(timelineEventSchema),
    /** What the caller may do now (the page shows exactly these), and what waits, with why. */
    allowedActions: z.array(quoteActionSchema),
    waiting: z.array(waitingSchemaOf(quoteActionSchema)),
  })
  .meta({ id: 'EquipmentQuote' });
export type Quote = z.infer<typeof quoteSchema>;

export const quoteListQuerySchema = z.object({ fundId: z.uuid().optional(), projectId: z.uuid().optional(), status: quoteStatusSchema.optional() });
export type QuoteListQuery = z.infer<typeof quoteListQuerySchema>;

export const recordQuoteInputSchema = z
  .object({
    fundId: z.uuid(),
    projectId: z.uuid(),
    supplier: z.string().trim().min(2).max(200),
    currency: currencySchema,
    lines: z.array(quoteLineSchema).min(1).max(50),
  })
  .meta({ id: 'RecordQuoteInput' });
export type RecordQuoteInput = z.infer<typeof recordQuoteInputSchema>;

export const purchaseOrderInputSchema = z
  /** Without a number, the API gives the next one of the fund: BC-<fund code>-<year>-<quote number>. */
  .object({ purchaseOrderNumber: z.string().trim().min(2).max(60).optional(), orderedOn: isoDay })
  .meta({ id: 'PurchaseOrderInput' });
export type PurchaseOrderInput = z.infer<typeof purchaseOrderInputSchema>;

export const supplierInvoiceInputSchema = z
  .object({ invoiceNumber: z.string().trim().min(1).max(60), amountMinor: positiveMinorUnitsSchema, currency: currencySchema, invoicedOn: isoDay })
  .meta({ id: 'SupplierInvoiceInput' });
export type SupplierInvoiceInput = z.infer<typeof supplierInvoiceInputSchema>;

export const payInvoiceInputSchema = z.object({ paidOn: isoDay }).meta({ id: 'PayInvoiceInput' });

export const ASSET_STATUSES = ['in_service', 'returned', 'disposed'] as const;

export const assetSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    fundId: z.uuid(),
    quoteId: z.uuid().nullable(),
    projectId: z.uuid().nullable(),
    projectTitle: z.string().nullable(),
    item: z.string(),
    serialNumber: z.string().nullable(),
    valueMinor: z.number().int(),
    currency: currencySchema,
    status: z.enum(ASSET_STATUSES),
    acquiredOn: isoDay,
    returnedOn: isoDay.nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'EquipmentAsset' });
export type Asset = z.infer<typeof assetSchema>;

/** Keyset-paged (cursor + limit), oldest acquired first, then item, then id; the CSV export takes the same filters without the page. */
export const assetListQuerySchema = pageQuerySchema.extend({ fundId: z.uuid().optional(), projectId: z.uuid().optional(), status: z.enum(ASSET_STATUSES).optional() });
export type AssetListQuery = z.infer<typeof assetListQuerySchema>;

export const updateAssetInputSchema = z
  .object({ serialNumber: z.string().trim().min(1).max(100).optional(), note: z.string().trim().max(1000).optional() })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateAssetInput' });

export const returnAssetInputSchema = z.object({ returnedOn: isoDay, note: z.string().trim().max(1000).default('') }).meta({ id: 'ReturnAssetInput' });

export const reassignAssetInputSchema = z.object({ projectId: z.uuid() }).meta({ id: 'ReassignAssetInput' });
