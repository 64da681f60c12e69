import type { Asset, AssetListQuery, PurchaseOrderInput, Quote, QuoteListQuery, RecordQuoteInput, SupplierInvoiceInput } from '@essor/shared/equipment';
import type { CurrencyCode } from '@essor/shared/money';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { equipmentAssets, equipmentQuotes } from '../../db/schema/equipment';
import { funds } from '../../db/schema/funds';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Forbidden, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { entityTimeline } from '../cofinancing/service';
import { commitFromFund, ensureCurrency, getFundRow, lockFund } from '../funds/service';
import { STAFF_VIEWER, visibleProject, type Viewer } from '../funds/viewer';
import { ACCOUNT } from '../ledger/chart';
import { postJournalEntry } from '../ledger/service';

type QuoteRow = typeof equipmentQuotes.$inferSelect;
type QuoteLine = RecordQuoteInput['lines'][number];

async function toQuote(db: Db, row: QuoteRow, withTimeline = true): Promise<Quote> {
  const [fund] = await db.select({ code: funds.code }).from(funds).where(eq(funds.id, row.fundId));
  const [project] = await db.select({ title: projects.title }).from(projects).where(eq(projects.id, row.projectId));
  return {
    id: row.id,
    number: row.number,
    fundId: row.fundId,
    fundCode: fund.code,
    projectId: row.projectId,
    projectTitle: project.title,
    supplier: row.supplier,
    lines: row.lines as QuoteLine[],
    totalMinor: row.totalMinor,
    currency: row.currency as CurrencyCode,
    status: row.status as Quote['status'],
    recordedBy: row.recordedBy,
    decidedBy: row.decidedBy,
    purchaseOrderNumber: row.purchaseOrderNumber,
    orderedOn: row.orderedOn,
    invoiceNumber: row.invoiceNumber,
    invoiceAmountMinor: row.invoiceAmountMinor,
    invoicedOn: row.invoicedOn,
    paidOn: row.paidOn,
    createdAt: row.createdAt.toISOString(),
    timeline: withTimeline ? await entityTimeline(db, 'equipment_quote', row.id) : [],
  };
}

async function quoteRow(db: Db, id: string, forUpdate = false): Promise<QuoteRow> {
  const query = db.select().from(equipmentQuotes).where(eq(equipmentQuotes.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFound('Quote');
  return row;
}

export async function listQuotes(db: Db, viewer: Viewer, query: QuoteListQuery): Promise<Quote[]> {
  const where: SQL[] = [visibleProject(viewer, equipmentQuotes.projectId)];
  if (query.fundId) where.push(eq(equipmentQuotes.fundId, query.fundId));
  if (query.projectId) where.push(eq(equipmentQuotes.projectId, query.projectId));
  if (query.status) where.push(eq(equipmentQuotes.status, query.status));
  const rows = await db.select().from(equipmentQuotes).where(and(...where)).orderBy(desc(equipmentQuotes.number)).limit(500);
  return Promise.all(rows.map((row) => toQuote(db, row, false)));
}

export async function getQuote(db: Db, viewer: Viewer, id: string): Promise<Quote> {
  const [row] = await db.select().from(equipmentQuotes).where(and(eq(equipmentQuotes.id, id), visibleProject(viewer, equipmentQuotes.projectId)));
  if (!row) throw new NotFound('Quote');
  return toQuote(db, row);
}

function lineTotal(line: QuoteLine): number {
  return line.quantity * line.unitPriceMinor;
}

export async function recordQuote(db: Db, actor: Actor, input: RecordQuoteInput): Promise<Quote> {
  const id = await db.transaction(async (tx) => {
    const fund = await getFundRow(tx, input.fundId).catch(() => {
      throw new Unprocessable('Unknown fund', 'invalid', { fundId: ['Unknown fund'] });
    });
    if (fund.type !== 'equipment') throw new Unprocessable('This fund does not buy equipment', 'invalid', { fundId: ['Not an equipment fund'] });
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
    if (!project) throw new Unprocessable('Unknown project', 'invalid', { projectId: ['Unknown project'] });
    ensureCurrency(fund, input.currency);
    ensureCurrency(fund, project.currency, 'projectId');
    const total = input.lines.reduce((sum, line) => sum + lineTotal(line), 0);
    if (!Number.isSafeInteger(total)) throw new Unprocessable('The quote total is too large', 'invalid', { lines: ['Too large'] });
    const [row] = await tx
      .insert(equipmentQuotes)
      .values({ ...input, totalMinor: total, recordedBy: actor.id!, status: 'recorded' })
      .returning();
    await recordAudit(tx, actor, { action: 'equipment.quote.record', entity: 'equipment_quote', entityId: row.id, after: { ...input, totalMinor: total } });
    return row.id;
  });
  return getQuote(db, STAFF_VIEWER, id);
}

/** Approval commits the quote's total against the fund, under its lock; the recorder cannot approve. */
export async function approveQuote(db: Db, actor: Actor, id: string, accountingDate = new Date().toISOString().slice(0, 10)): Promise<Quote> {
  await db.transaction(async (tx) => {
    const preview = await quoteRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await quoteRow(tx, id, true);
    if (row.status !== 'recorded') throw new Conflict(`The quote is already ${row.status}`);
    if (row.recordedBy === actor.id) throw new Forbidden('Whoever recorded a quote cannot approve it (four eyes)');
    const entry = await commitFromFund(tx, fund, {
      amountMinor: row.totalMinor,
      debit: ACCOUNT.equipment,
      credit: ACCOUNT.suppliersPayable,
      description: `Devis n° ${row.number} de ${row.supplier} approuvé`,
      projectId: row.projectId,
      source: { type: 'equipment_quote', id: row.id },
      occurredOn: accountingDate,
      postedBy: actor.id,
    });
    await tx.update(equipmentQuotes).set({ status: 'approved', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.approve', entity: 'equipment_quote', entityId: id, after: { journalEntryId: entry.id } });
  });
  return getQuote(db, STAFF_VIEWER, id);
}

export async function rejectQuote(db: Db, actor: Actor, id: string): Promise<Quote> {
  await db.transaction(async (tx) => {
    const row = await quoteRow(tx, id, true);
    if (row.status !== 'recorded') throw new Conflict(`The quote is already ${row.status}`);
    if (row.recordedBy === actor.id) throw new Forbidden('Whoever recorded a quote cannot decide on it (four eyes)');
    await tx.update(equipmentQuotes).set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.reject', entity: 'equipment_quote', entityId: id });
  });
  return getQuote(db, STAFF_VIEWER, id);
}

export async function issuePurchaseOrder(db: Db, actor: Actor, id: string, input: PurchaseOrderInput): Promise<Quote> {
  try {
    await db.transaction(async (tx) => {
      const row = await quoteRow(tx, id, true);
      if (row.status !== 'approved') throw new Conflict('A purchase order follows an approved quote');
      await tx.update(equipmentQuotes).set({ status: 'ordered', ...input, updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
      await recordAudit(tx, actor, { action: 'equipment.quote.order', entity: 'equipment_quote', entityId: id, after: input });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('Another purchase order has this number', { purchaseOrderNumber: ['Already used'] });
    throw error;
  }
  return getQuote(db, STAFF_VIEWER, id);
}

export async function recordSupplierInvoice(db: Db, actor: Actor, id: string, input: SupplierInvoiceInput): Promise<Quote> {
  await db.transaction(async (tx) => {
    const row = await quoteRow(tx, id, true);
    if (row.status !== 'ordered') throw new Conflict('An invoice follows a purchase order');
    ensureCurrency(row, input.currency);
    if (input.amountMinor > row.totalMinor) {
      throw new Unprocessable(`The invoice (${input.amountMinor}) is above the approved quote (${row.totalMinor})`, 'invalid', { amountMinor: ['Above the approved quote'] });
    }
    await tx
      .update(equipmentQuotes)
      .set({ status: 'invoiced', invoiceNumber: input.invoiceNumber, invoiceAmountMinor: input.amountMinor, invoicedOn: input.invoicedOn, updatedAt: new Date() })
      .where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.invoice', entity: 'equipment_quote', entityId: id, after: input });
  });
  return getQuote(db, STAFF_VIEWER, id);
}

/** Pays the supplier, releases what the invoice did not use, and enters each item in the asset register. */
export async function payInvoice(db: Db, actor: Actor, id: string, paidOn: string): Promise<Quote> {
  await db.transaction(async (tx) => {
    const preview = await quoteRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await quoteRow(tx, id, true);
    if (row.status !== 'invoiced') throw new Conflict('Only an invoiced order is paid');
    const invoice = row.invoiceAmountMinor!;
    const payment = await postJournalEntry(tx, {
      fundId: fund.id,
      currency: fund.currency,
      occurredOn: paidOn,
      kind: 'disbursement',
      description: `Fournisseur ${row.supplier}, facture ${row.invoiceNumber}`,
      projectId: row.projectId,
      sourceType: 'equipment_quote',
      sourceId: row.id,
      postedBy: actor.id,
      lines: [
        { account: ACCOUNT.suppliersPayable, debit: invoice },
        { account: ACCOUNT.bank, credit: invoice },
      ],
    });
    const unused = row.totalMinor - invoice;
    if (unused > 0) {
      await postJournalEntry(tx, {
        fundId: fund.id,
        currency: fund.currency,
        occurredOn: paidOn,
        kind: 'cancellation',
        description: `Devis n° ${row.number} : facture inférieure au montant approuvé`,
        projectId: row.projectId,
        sourceType: 'equipment_quote',
        sourceId: row.id,
        postedBy: actor.id,
        lines: [
          { account: ACCOUNT.suppliersPayable, debit: unused },
          { account: ACCOUNT.equipment, credit: unused },
        ],
      });
    }
    // Items carry the invoice amount in proportion to the quote; the last takes the rounding.
    const lines = row.lines as QuoteLine[];
    let allotted = 0;
    const assets = lines.map((line, i) => {
      const value = i === lines.length - 1 ? invoice - allotted : Number((BigInt(lineTotal(line)) * BigInt(invoice)) / BigInt(row.totalMinor));
      allotted += value;
      return {
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
    await recordAudit(tx, actor, { action: 'equipment.quote.pay', entity: 'equipment_quote', entityId: id, after: { paidOn, journalEntryId: payment.id, releasedMinor: unused } });
  });
  return getQuote(db, STAFF_VIEWER, id);
}

/** An approved or ordered quote that will not be bought releases its commitment. */
export async function cancelQuote(db: Db, actor: Actor, id: string, reason: string): Promise<Quote> {
  await db.transaction(async (tx) => {
    const preview = await quoteRow(tx, id);
    const fund = await lockFund(tx, preview.fundId);
    const row = await quoteRow(tx, id, true);
    if (!['recorded', 'approved', 'ordered', 'invoiced'].includes(row.status)) throw new Conflict(`A ${row.status} quote cannot be cancelled`);
    let journalEntryId: number | null = null;
    if (row.status !== 'recorded') {
      const entry = await postJournalEntry(tx, {
        fundId: fund.id,
        currency: fund.currency,
        occurredOn: new Date().toISOString().slice(0, 10),
        kind: 'cancellation',
        description: `Devis n° ${row.number} annulé : ${reason}`,
        projectId: row.projectId,
        sourceType: 'equipment_quote',
        sourceId: row.id,
        postedBy: actor.id,
        lines: [
          { account: ACCOUNT.suppliersPayable, debit: row.totalMinor },
          { account: ACCOUNT.equipment, credit: row.totalMinor },
        ],
      });
      journalEntryId = entry.id;
    }
    await tx.update(equipmentQuotes).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(equipmentQuotes.id, id));
    await recordAudit(tx, actor, { action: 'equipment.quote.cancel', entity: 'equipment_quote', entityId: id, before: { status: row.status }, after: { reason, journalEntryId } });
  });
  return getQuote(db, STAFF_VIEWER, id);
}

type AssetRow = typeof equipmentAssets.$inferSelect;

function toAsset(row: AssetRow, projectTitle: string | null): Asset {
  return {
    id: row.id,
    fundId: row.fundId,
    quoteId: row.quoteId,
    projectId: row.projectId,
    projectTitle,
    item: row.item,
    serialNumber: row.serialNumber,
    valueMinor: row.valueMinor,
    currency: row.currency as CurrencyCode,
    status: row.status as Asset['status'],
    acquiredOn: row.acquiredOn,
    returnedOn: row.returnedOn,
    note: row.note,
  };
}

export async function listAssets(db: Db, viewer: Viewer, query: AssetListQuery): Promise<Asset[]> {
  const where: SQL[] = [visibleProject(viewer, equipmentAssets.projectId)];
  if (query.fundId) where.push(eq(equipmentAssets.fundId, query.fundId));
  if (query.projectId) where.push(eq(equipmentAssets.projectId, query.projectId));
  if (query.status) where.push(eq(equipmentAssets.status, query.status));
  const rows = await db
    .select({ a: equipmentAssets, projectTitle: projects.title })
    .from(equipmentAssets)
    .leftJoin(projects, eq(projects.id, equipmentAssets.projectId))
    .where(and(...where))
    .orderBy(asc(equipmentAssets.acquiredOn), asc(equipmentAssets.item))
    .limit(2000);
  return rows.map(({ a, projectTitle }) => toAsset(a, projectTitle));
}

async function assetChange(db: Db, actor: Actor, id: string, action: string, change: (row: AssetRow) => Partial<AssetRow>): Promise<Asset> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(equipmentAssets).where(eq(equipmentAssets.id, id)).for('update');
    if (!row) throw new NotFound('Asset');
    const patch = change(row);
    const [updated] = await tx.update(equipmentAssets).set({ ...patch, updatedAt: new Date() }).where(eq(equipmentAssets.id, id)).returning();
    await recordAudit(tx, actor, { action, entity: 'equipment_asset', entityId: id, before: { projectId: row.projectId, status: row.status }, after: patch });
    const [project] = updated.projectId ? await tx.select({ title: projects.title }).from(projects).where(eq(projects.id, updated.projectId)) : [];
    return toAsset(updated, project?.title ?? null);
  });
}

export function updateAsset(db: Db, actor: Actor, id: string, input: { serialNumber?: string; note?: string }) {
  return assetChange(db, actor, id, 'equipment.asset.update', () => input);
}

/** The project stops or no longer needs it: the item comes back to the fund, which keeps it on its books. */
export function returnAsset(db: Db, actor: Actor, id: string, input: { returnedOn: string; note: string }) {
  return assetChange(db, actor, id, 'equipment.asset.return', (row) => {
    if (row.status !== 'in_service') throw new Conflict(`The item is ${row.status}`);
    return { status: 'returned', projectId: null, returnedOn: input.returnedOn, note: input.note || row.note };
  });
}

export function reassignAsset(db: Db, actor: Actor, id: string, projectId: string) {
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (!project) throw new Unprocessable('Unknown project', 'invalid', { projectId: ['Unknown project'] });
    return assetChange(tx, actor, id, 'equipment.asset.reassign', (row) => {
      if (row.status !== 'returned') throw new Conflict('Only a returned item goes to another project');
      if (row.currency !== project.currency) throw new Unprocessable('The project works in another currency', 'invalid', { projectId: ['Other currency'] });
      return { status: 'in_service', projectId, returnedOn: null };
    });
  });
}

/** When a project stops, everything it holds comes back to the fund in one step (other modules call this too). */
export async function returnProjectAssets(db: Db, actor: Actor, projectId: string, input: { returnedOn: string; note: string }): Promise<Asset[]> {
  return db.transaction(async (tx) => {
    const [project] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
    if (!project) throw new NotFound('Project');
    const held = await tx
      .select({ id: equipmentAssets.id })
      .from(equipmentAssets)
      .where(and(eq(equipmentAssets.projectId, projectId), eq(equipmentAssets.status, 'in_service')));
    const returned: Asset[] = [];
    for (const asset of held) returned.push(await returnAsset(tx, actor, asset.id, input));
    return returned;
  });
}
