import type { Guarantee, GuaranteeDetail, GuaranteeFilters, GuaranteeListQuery } from '@essor/shared/guarantees';
import type { CurrencyCode } from '@essor/shared/money';
import type { Page } from '@essor/shared/pagination';
import type { Role } from '@essor/shared/roles';
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { guaranteeBanks, guaranteeCalls, guaranteeFees, guaranteeOutstandings, guaranteeRecoveries, guaranteeRiskChanges, guarantees } from '../../db/schema/guarantees';
import { organisations, projects } from '../../db/schema/projects';
import type { CurrentUser } from '../../lib/context';
import { toCsv, type CsvColumn } from '../../lib/csv';
import { decodeNumberCursor, encodeCursor, everyRow, pageFrom } from '../../lib/cursor';
import { NotFound } from '../../lib/errors';
import { entityTimeline } from '../../lib/timeline';
import { builtOnce, builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';
import { inPlaceholderReach, structuresReached } from '../../lib/scope';
import { withGuaranteeActions, type OpenCall } from './flow';
import type { GuaranteeRow } from './store';
import { anyOf, anyOfPlaced } from '../../lib/any-of';

/** Who reads the register: the structure's staff, fund managers and administrators. */
export const GUARANTEE_READERS = ['admin', 'staff', 'fund_manager'] as const satisfies readonly Role[];

type Shaped = Omit<Guarantee, 'allowedActions' | 'waiting'>;

const iso = (d: Date) => d.toISOString();

function shape(row: GuaranteeRow, names: { fundCode: string; bankName: string; projectTitle: string; organisationName: string; sector: string | null; district: string | null }): Shaped {
  return {
    id: row.id,
    number: row.number,
    structureId: row.structureId,
    fundId: row.fundId,
    fundCode: names.fundCode,
    agreementId: row.agreementId,
    bankId: row.bankId,
    bankName: names.bankName,
    projectId: row.projectId,
    projectTitle: names.projectTitle,
    organisationName: names.organisationName,
    sector: names.sector,
    district: names.district,
    bankLoanRef: row.bankLoanRef,
    loanAmountMinor: row.loanAmountMinor,
    currency: row.currency as CurrencyCode,
    loanRateBps: row.loanRateBps,
    termMonths: row.termMonths,
    graceMonths: row.graceMonths,
    method: row.method as Guarantee['method'],
    disbursedOn: row.disbursedOn,
    coverageBps: row.coverageBps,
    guaranteedMinor: row.guaranteedMinor,
    womenLed: row.womenLed,
    purpose: row.purpose,
    status: row.status,
    riskClass: row.riskClass,
    outstandingMinor: row.outstandingMinor,
    outstandingOn: row.outstandingOn,
    daysInArrears: row.daysInArrears,
    arrearsMinor: row.arrearsMinor,
    exposureMinor: row.exposureMinor,
    provisionMinor: row.provisionMinor,
    feesMinor: row.feesMinor,
    paidMinor: row.paidMinor,
    recoveredMinor: row.recoveredMinor,
    preparedBy: row.preparedBy,
    decidedBy: row.decidedBy,
    issuedOn: row.issuedOn,
    releasedOn: row.releasedOn,
    closedOn: row.closedOn,
    createdAt: iso(row.createdAt),
  };
}

const FILTERS = ['fundId', 'bankId', 'status', 'riskClass', 'projectId'] as const;

/**
 * The register's rows with their names, built once per shape: the filters given, one guarantee by id, first page
 * or after a cursor. The reach comes as the `reach` value.
 */
const registerRows = builtPerShape((db, has, shape) => {
  const where: SQL[] = [inPlaceholderReach(guarantees.structureId)];
  where.push(...placedEquals(has, guarantees, FILTERS));
  if (has('id')) where.push(eq(guarantees.id, sql.placeholder('id')));
  if (has('cursor')) where.push(lt(guarantees.number, sql.placeholder('number')));
  return db
    .select({
      g: guarantees,
      fundCode: funds.code,
      bankName: guaranteeBanks.name,
      projectTitle: projects.title,
      organisationName: organisations.name,
      sector: organisations.sector,
      district: sql<string | null>`coalesce(nullif(${projects.district}, ''), nullif(${organisations.district}, ''))`,
    })
    .from(guarantees)
    .innerJoin(funds, eq(funds.id, guarantees.fundId))
    .innerJoin(guaranteeBanks, eq(guaranteeBanks.id, guarantees.bankId))
    .innerJoin(projects, eq(projects.id, guarantees.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(...where))
    .orderBy(desc(guarantees.number))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_guarantees_${shape}`);
});

/** The open call of each guarantee among `ids` (at most one is open at a time). */
const openCallsOf = builtOnce((db) =>
  db
    .select({ guaranteeId: guaranteeCalls.guaranteeId, status: guaranteeCalls.status, madeBy: guaranteeCalls.madeBy })
    .from(guaranteeCalls)
    .where(and(anyOfPlaced(guaranteeCalls.guaranteeId, 'ids'), anyOf(guaranteeCalls.status, ['pending', 'approved', 'paid'])))
    .prepare('essor_guarantee_open_calls'),
);

type RegisterQuery = Partial<Pick<GuaranteeListQuery, (typeof FILTERS)[number]>> & { id?: string; number?: number | null; limit: number };

async function readGuarantees(db: Db, user: CurrentUser, query: RegisterQuery): Promise<Guarantee[]> {
  const shapeParts = [...givenFilters(query, FILTERS), Boolean(query.id) && 'id', query.number != null && 'cursor'];
  const rows = await registerRows(db, shapeParts).execute({
    reach: structuresReached(user, GUARANTEE_READERS),
    ...filterValues(query, FILTERS),
    id: query.id ?? null,
    number: query.number ?? null,
    limit: query.limit,
  });
  const ids = rows.map((r) => r.g.id);
  const open = ids.length
    ? openCallsOf(db)
        .execute({ ids })
        .then((calls) => new Map<string, OpenCall>(calls.map((c) => [c.guaranteeId, { status: c.status as OpenCall['status'], madeBy: c.madeBy }])))
    : Promise.resolve(new Map<string, OpenCall>());
  return withGuaranteeActions(db, user, rows.map((r) => shape(r.g, r)), open);
}

/** A page of the register the caller's reach covers, newest first (by number), with what they may do on each. */
export async function listGuarantees(db: Db, user: CurrentUser, query: GuaranteeListQuery): Promise<Page<Guarantee>> {
  const number = query.cursor ? decodeNumberCursor(query.cursor)[0] : null;
  // One more than asked, to know whether a next page exists.
  const rows = await readGuarantees(db, user, { ...query, number, limit: query.limit + 1 });
  return pageFrom(rows, query.limit, (g) => encodeCursor(g.number, g.id));
}

/** A guarantee's history, each read built once (the detail page). */
const historyOf = {
  outstandings: builtOnce((db) =>
    db
      .select()
      .from(guaranteeOutstandings)
      .where(eq(guaranteeOutstandings.guaranteeId, sql.placeholder('id')))
      .orderBy(desc(guaranteeOutstandings.asOf), desc(guaranteeOutstandings.createdAt))
      .prepare('essor_guarantee_outstandings'),
  ),
  riskChanges: builtOnce((db) =>
    db.select().from(guaranteeRiskChanges).where(eq(guaranteeRiskChanges.guaranteeId, sql.placeholder('id'))).orderBy(desc(guaranteeRiskChanges.createdAt)).prepare('essor_guarantee_risk_changes'),
  ),
  fees: builtOnce((db) => db.select().from(guaranteeFees).where(eq(guaranteeFees.guaranteeId, sql.placeholder('id'))).orderBy(asc(guaranteeFees.chargedOn)).prepare('essor_guarantee_fees')),
  calls: builtOnce((db) => db.select().from(guaranteeCalls).where(eq(guaranteeCalls.guaranteeId, sql.placeholder('id'))).orderBy(asc(guaranteeCalls.createdAt)).prepare('essor_guarantee_calls')),
  recoveries: builtOnce((db) =>
    db
      .select()
      .from(guaranteeRecoveries)
      .where(eq(guaranteeRecoveries.guaranteeId, sql.placeholder('id')))
      .orderBy(asc(guaranteeRecoveries.receivedOn), asc(guaranteeRecoveries.createdAt))
      .prepare('essor_guarantee_recoveries'),
  ),
};

/** One guarantee with its history; 404 outside the caller's reach. */
export async function getGuarantee(db: Db, user: CurrentUser, id: string): Promise<GuaranteeDetail> {
  // The history is read beside the row (the route's scope guard has checked the guarantee's structure); a row
  // outside the reach still answers 404 and its history is dropped unseen.
  const [[g], outstandings, riskChanges, fees, calls, recoveries, timeline] = await Promise.all([
    readGuarantees(db, user, { id, limit: 1 }),
    historyOf.outstandings(db).execute({ id }),
    historyOf.riskChanges(db).execute({ id }),
    historyOf.fees(db).execute({ id }),
    historyOf.calls(db).execute({ id }),
    historyOf.recoveries(db).execute({ id }),
    entityTimeline(db, 'guarantee', id),
  ]);
  if (!g) throw new NotFound('thing.guarantee');
  return {
    ...g,
    outstandings: outstandings.map((o) => ({ asOf: o.asOf, source: o.source, outstandingMinor: o.outstandingMinor, arrearsMinor: o.arrearsMinor, daysInArrears: o.daysInArrears, exposureMinor: o.exposureMinor })),
    riskChanges: riskChanges.map((r) => ({
      fromClass: r.fromClass as GuaranteeDetail['riskClass'],
      toClass: r.toClass as GuaranteeDetail['riskClass'],
      reason: r.reason as GuaranteeDetail['riskChanges'][number]['reason'],
      exposureMinor: r.exposureMinor,
      provisionBeforeMinor: r.provisionBeforeMinor,
      provisionAfterMinor: r.provisionAfterMinor,
      journalEntryId: r.journalEntryId,
      occurredOn: r.occurredOn,
      createdAt: iso(r.createdAt),
    })),
    fees: fees.map((f) => ({ chargedOn: f.chargedOn, basis: f.basis, baseMinor: f.baseMinor, amountMinor: f.amountMinor, journalEntryId: f.journalEntryId })),
    calls: calls.map((c) => ({
      id: c.id,
      guaranteeId: c.guaranteeId,
      defaultedOn: c.defaultedOn,
      calledOn: c.calledOn,
      declaredLossMinor: c.declaredLossMinor,
      claimedMinor: c.claimedMinor,
      payoutMinor: c.payoutMinor,
      status: c.status,
      note: c.note,
      madeBy: c.madeBy,
      decidedBy: c.decidedBy,
      approvedOn: c.approvedOn,
      paidOn: c.paidOn,
      approvalEntryId: c.approvalEntryId,
      paymentEntryId: c.paymentEntryId,
      createdAt: iso(c.createdAt),
    })),
    recoveries: recoveries.map((r) => ({ id: r.id, callId: r.callId, receivedOn: r.receivedOn, bankRecoveredMinor: r.bankRecoveredMinor, fundShareMinor: r.fundShareMinor, journalEntryId: r.journalEntryId, createdAt: iso(r.createdAt) })),
    timeline,
  };
}

const CSV_COLUMNS: CsvColumn<Guarantee>[] = [
  { header: 'number', value: (g) => g.number },
  { header: 'fund', value: (g) => g.fundCode },
  { header: 'bank', value: (g) => g.bankName },
  { header: 'bank_loan_ref', value: (g) => g.bankLoanRef },
  { header: 'organisation', value: (g) => g.organisationName },
  { header: 'project', value: (g) => g.projectTitle },
  { header: 'sector', value: (g) => g.sector },
  { header: 'district', value: (g) => g.district },
  { header: 'women_led', value: (g) => g.womenLed },
  { header: 'currency', value: (g) => g.currency },
  { header: 'loan_amount_minor', value: (g) => g.loanAmountMinor },
  { header: 'disbursed_on', value: (g) => g.disbursedOn },
  { header: 'coverage_bps', value: (g) => g.coverageBps },
  { header: 'guaranteed_minor', value: (g) => g.guaranteedMinor },
  { header: 'status', value: (g) => g.status },
  { header: 'risk_class', value: (g) => g.riskClass },
  { header: 'outstanding_minor', value: (g) => g.outstandingMinor },
  { header: 'outstanding_on', value: (g) => g.outstandingOn },
  { header: 'days_in_arrears', value: (g) => g.daysInArrears },
  { header: 'exposure_minor', value: (g) => g.exposureMinor },
  { header: 'provision_minor', value: (g) => g.provisionMinor },
  { header: 'fees_minor', value: (g) => g.feesMinor },
  { header: 'paid_minor', value: (g) => g.paidMinor },
  { header: 'recovered_minor', value: (g) => g.recoveredMinor },
  { header: 'issued_on', value: (g) => g.issuedOn },
  { header: 'released_on', value: (g) => g.releasedOn },
  { header: 'closed_on', value: (g) => g.closedOn },
];

/** The register as CSV, with the same filters and reach as the list. */
export async function exportGuarantees(db: Db, user: CurrentUser, filters: GuaranteeFilters = {}): Promise<string> {
  return toCsv(await everyRow((cursor, limit) => listGuarantees(db, user, { ...filters, cursor, limit })), CSV_COLUMNS);
}
