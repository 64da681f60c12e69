import type { Quote, QuoteListQuery, RecordQuoteInput } from '@essor/shared/equipment';
import type { CurrencyCode } from '@essor/shared/money';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { equipmentQuotes } from '../../db/schema/equipment';
import { funds } from '../../db/schema/funds';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { NotFound, Unprocessable } from '../../lib/errors';
import { entityTimeline } from '../../lib/timeline';
import { builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';
import { STAFF_VIEWER, viewerShape, viewerValues, visibleRow, visibleRowPlaced, type Viewer } from '../../lib/viewer';
import { requestDecision } from '../approvals/public';
import { ensureCurrency, ensureFinanceable, ensureFinances, getFundRow } from '../funds/public';

type QuoteRow = typeof equipmentQuotes.$inferSelect;

export type QuoteLine = RecordQuoteInput['lines'][number];

/** A quote with the names its replies show, joined in the same read (a list of quotes is one query, not three per quote). */
function selectQuotes(db: Db) {
  return db
    .select({ row: equipmentQuotes, fundCode: funds.code, projectTitle: projects.title })
    .from(equipmentQuotes)
    .innerJoin(funds, eq(funds.id, equipmentQuotes.fundId))
    .innerJoin(projects, eq(projects.id, equipmentQuotes.projectId));
}

async function toQuote(db: Db, { row, fundCode, projectTitle }: { row: QuoteRow; fundCode: string; projectTitle: string }, withTimeline = true): Promise<Quote> {
  return {
    id: row.id,
    number: row.number,
    structureId: row.structureId,
    fundId: row.fundId,
    fundCode,
    projectId: row.projectId,
    projectTitle,
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
    // Filled per caller by ./flow.ts (withQuoteActions).
    allowedActions: [],
    waiting: [],
  };
}

export async function quoteRow(db: Db, id: string, forUpdate = false): Promise<QuoteRow> {
  const query = db.select().from(equipmentQuotes).where(eq(equipmentQuotes.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new NotFound('thing.equipment_quote');
  return row;
}

const FILTERS = ['fundId', 'projectId', 'status'] as const;

/** A fund's or a project's quotes, built once per shape (the viewer, the filters given). */
const quotesOf = builtPerShape((db, has, shape) => {
  const where: SQL[] = [visibleRowPlaced(has, equipmentQuotes.structureId, equipmentQuotes.projectId)];
  where.push(...placedEquals(has, equipmentQuotes, FILTERS));
  return selectQuotes(db).where(and(...where)).orderBy(desc(equipmentQuotes.number)).prepare(`essor_quotes_${shape}`);
});

/** Read whole, never capped (a fund's quotes; a cut would drop the oldest silently). */
export async function listQuotes(db: Db, viewer: Viewer, query: QuoteListQuery): Promise<Quote[]> {
  const rows = await quotesOf(db, [viewerShape(viewer), ...givenFilters(query, FILTERS)]).execute({ ...viewerValues(viewer), ...filterValues(query, FILTERS) });
  return Promise.all(rows.map((row) => toQuote(db, row, false)));
}

export async function getQuote(db: Db, viewer: Viewer, id: string): Promise<Quote> {
  const [row] = await selectQuotes(db).where(and(eq(equipmentQuotes.id, id), visibleRow(viewer, equipmentQuotes.structureId, equipmentQuotes.projectId)));
  if (!row) throw new NotFound('thing.equipment_quote');
  return toQuote(db, row);
}

export function lineTotal(line: QuoteLine): number {
  return line.quantity * line.unitPriceMinor;
}

export async function recordQuote(db: Db, actor: Actor, input: RecordQuoteInput): Promise<Quote> {
  const id = await db.transaction(async (tx) => {
    const fund = await getFundRow(tx, input.fundId).catch(() => {
      throw new Unprocessable('money.unknown_fund', 'invalid', { fundId: ['field.unknown_fund'] });
    });
    if (fund.type !== 'equipment') throw new Unprocessable('equipment.fund_type', 'invalid', { fundId: ['field.not_equipment_fund'] });
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId));
    if (!project) throw new Unprocessable('money.unknown_project', 'invalid', { projectId: ['field.unknown_project'] });
    await ensureFinances(tx, fund, project);
    await ensureFinanceable(tx, project.id);
    ensureCurrency(fund, input.currency);
    ensureCurrency(fund, project.currency, 'projectId');
    const total = input.lines.reduce((sum, line) => sum + lineTotal(line), 0);
    if (!Number.isSafeInteger(total)) throw new Unprocessable('equipment.total_too_large', 'invalid', { lines: ['field.too_large'] });
    const [row] = await tx
      .insert(equipmentQuotes)
      .values({ ...input, structureId: fund.structureId, totalMinor: total, recordedBy: actor.id!, status: 'recorded' })
      .returning();
    await recordAudit(tx, actor, { action: 'equipment.quote.record', entity: 'equipment_quote', entityId: row.id, structureId: row.structureId, after: { ...input, totalMinor: total } });
    await requestDecision(tx, actor, {
      structureId: row.structureId,
      kind: 'equipment.approve',
      entityId: row.id,
      summary: { number: row.number, supplier: row.supplier },
      amountMinor: row.totalMinor,
      currency: row.currency,
    });
    return row.id;
  });
  return getQuote(db, STAFF_VIEWER, id);
}
