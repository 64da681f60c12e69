import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { funds } from './funds';
import { projects } from './projects';
import { structureColumn } from './structures';

/** A supplier's quote for equipment a project needs, followed through order, invoice and payment. */
export const equipmentQuotes = pgTable(
  'equipment_quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigserial('number', { mode: 'number' }).notNull().unique(),
    structureId: structureColumn(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    supplier: text('supplier').notNull(),
    /** [{ description, quantity, unitPriceMinor }] */
    lines: jsonb('lines').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** recorded | approved | rejected | ordered | invoiced | paid | cancelled */
    status: text('status').notNull().default('recorded'),
    recordedBy: uuid('recorded_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    purchaseOrderNumber: text('purchase_order_number').unique(),
    orderedOn: date('ordered_on'),
    invoiceNumber: text('invoice_number'),
    invoiceAmountMinor: bigint('invoice_amount_minor', { mode: 'number' }),
    invoicedOn: date('invoiced_on'),
    paidOn: date('paid_on'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('equipment_quotes_total_ck', sql`${t.totalMinor} > 0`),
    check('equipment_quotes_invoice_ck', sql`${t.invoiceAmountMinor} is null or (${t.invoiceAmountMinor} > 0 and ${t.invoiceAmountMinor} <= ${t.totalMinor})`),
    check('equipment_quotes_status_ck', sql`${t.status} in ('recorded', 'approved', 'rejected', 'ordered', 'invoiced', 'paid', 'cancelled')`),
    check('equipment_quotes_four_eyes_ck', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.recordedBy}`),
    index('equipment_quotes_fund_idx').on(t.fundId, t.status),
    index('equipment_quotes_project_idx').on(t.projectId),
    index('equipment_quotes_structure_idx').on(t.structureId, t.status),
    foreignKey({ name: 'equipment_quotes_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
  ],
);

/** The fund's equipment register: each item, who holds it and what it is worth. */
export const equipmentAssets = pgTable(
  'equipment_assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id),
    quoteId: uuid('quote_id').references(() => equipmentQuotes.id),
    projectId: uuid('project_id').references(() => projects.id),
    item: text('item').notNull(),
    serialNumber: text('serial_number'),
    valueMinor: bigint('value_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** in_service | returned | disposed */
    status: text('status').notNull().default('in_service'),
    acquiredOn: date('acquired_on').notNull(),
    returnedOn: date('returned_on'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('equipment_assets_value_ck', sql`${t.valueMinor} >= 0`),
    check('equipment_assets_status_ck', sql`${t.status} in ('in_service', 'returned', 'disposed')`),
    index('equipment_assets_fund_idx').on(t.fundId, t.status),
    index('equipment_assets_project_idx').on(t.projectId),
    index('equipment_assets_structure_idx').on(t.structureId, t.status),
    foreignKey({ name: 'equipment_assets_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
  ],
);
