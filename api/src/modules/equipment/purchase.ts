import type { PurchaseOrderInput, Quote, SupplierInvoiceInput } from '@essor/shared/equipment';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { equipmentAssets, equipmentQuotes } from '../../db/schema/equipment';
import { funds } from '../../db/schema/funds';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, isUniqueViolation, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { STAFF_VIEWER } from '../../lib/viewer';
import { ensureCurrency, payOut, withFundLock } from '../funds/public';
import { approvalBound } from '../ledger/public';
import { quoteRow, getQuote, lineTotal, type QuoteLine } from './quotes';

export async function issuePurchaseOrder(db: Db, actor: Actor, id: string, input: PurchaseOrderInput): Promise<Quote> {
  try {
    await db.transaction(async (tx) => {
      const row = await quoteRow(tx, id, true);
      if (row.status !== 'approved') throw new Conflict('equipment.order_after_approval');
      const [fund] = await tx.select({ code: funds.code }).from(funds).where(eq(funds.id, row.fundId));
      // The fund numbers its orders itself: the quote's number is unique, so the order's is too.
      const order = { purchaseOrderNumber: input.purchaseOrderNumber ?? `BC-${fund.code}-${input.orderedOn.slice(0, 4)}-${String(row.number).padStart(4, '0')}`, orderedOn: input.orderedOn };
      await tx.update(equipmentQuotes).set({ status: 'ordered', ...order, updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
      await recordAudit(tx, actor, { action: 'equipment.quote.order', entity: 'equipment_quote', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'ordered', ...order } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('equipment.order_number_taken', { purchaseOrderNumber: ['field.already_used'] });
    throw error;
  }
  return getQuote(db, STAFF_VIEWER, id);
}

export async function recordSupplierInvoice(db: Db, actor: Actor, id: string, input: SupplierInvoiceInput): Promise<Quote> {
  await db.transaction(async (tx) => {
    const row = await quoteRow(tx, id, true);
    if (row.status !== 'ordered') throw new Conflict('equipment.invoice_after_order');
    ensureCurrency(row, input.currency);
    if (input.amountMinor > row.totalMinor) {
      throw new Unprocessable(msg('equipment.invoice_above_quote', { amount: input.amountMinor, total: row.totalMinor }), 'invalid', { amountMinor: ['field.above_approved_quote'] });
    }
    await tx
      .update(equipmentQuotes)
      .set({ status: 'invoiced', invoiceNumber: input.invoiceNumber, invoiceAmountMinor: input.amountMinor, invoicedOn: input.invoicedOn, updatedAt: new Date() })
      .where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.invoice', entity: 'equipment_quote', entityId: id, structureId: row.structureId, before: { status: row.status }, after: { status: 'invoiced', ...input } });
  });
  return getQuote(db, STAFF_VIEWER, id);
}

/** Pays the supplier, releases what the invoice did not use, and enters each item in the asset register. */
export async function payInvoice(db: Db, actor: Actor, id: string, paidOn: string): Promise<Quote> {
  await db.transaction(async (tx) => {
    const { fund, row } = await withFundLock(tx, (lock) => quoteRow(tx, id, lock));
    if (row.status !== 'invoiced') throw new Conflict('equipment.paid_after_invoice');
    const invoice = row.invoiceAmountMinor!;
    const approved = await approvalBound(tx, { type: 'equipment_quote', id: row.id }, msg('document.quote', { number: row.number }));
    const invoiced = row.invoicedOn ? { date: row.invoicedOn, reason: msg('bound.invoice_issued', { number: row.invoiceNumber ?? '' }) } : null;
    // The invoice is paid; what it did not use of the approved quote goes back to the fund.
    const { payment } = await payOut(
      tx,
      fund,
      'equipment',
      invoice,
      {
        occurredOn: paidOn,
        dateField: 'paidOn',
        notBefore: [approved, invoiced],
        description: `Fournisseur ${row.supplier}, facture ${row.invoiceNumber}`,
        projectId: row.projectId,
        source: { type: 'equipment_quote', id: row.id },
        postedBy: actor.id,
      },
      { committedMinor: row.totalMinor, description: `Devis n° ${row.number} : facture inférieure au montant approuvé` },
    );
    const unused = row.totalMinor - invoice;
    // Items carry the invoice amount in proportion to the quote; the last takes the rounding.
    const lines = row.lines as QuoteLine[];
    let allotted = 0;
    const assets = lines.map((line, i) => {
      const value = i === lines.length - 1 ? invoice - allotted : Number((BigInt(lineTotal(line)) * BigInt(invoice)) / BigInt(row.totalMinor));
      allotted += value;
      return {
        structureId: fund.structureId,
        fundId: fund.id,
        quoteId: row.id,
        projectId: row.projectId,
        item: line.quantity > 1 ? `${line.description} (x${line.quantity})` : line.description,
        valueMinor: value,
        currency: fund.currency,
        acquiredOn: paidOn,
      };
    });
    await tx.insert(equipmentAssets).values(assets);
    await tx.update(equipmentQuotes).set({ status: 'paid', paidOn, updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.pay', entity: 'equipment_quote', entityId: id, structureId: row.structureId, before: { status: row.status, invoiceAmountMinor: row.invoiceAmountMinor }, after: { status: 'paid', paidOn, journalEntryId: payment.id, releasedMinor: unused } });
  });
  return getQuote(db, STAFF_VIEWER, id);
}
