import type { CurrencyCode } from '@essor/shared/money';
import type {
  Contribution,
  CreateFunderInput,
  CreateFundInput,
  Envelope,
  FinanceableProject,
  Fund,
  FundFigures,
  Funder,
  FundTimelinePoint,
  RecordContributionInput,
  SetEnvelopeInput,
} from '@essor/shared/funds';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { capitalContributions, fundEnvelopes, funders, funds } from '../../db/schema/funds';
import { journalEntries } from '../../db/schema/ledger';
import { programmes } from '../../db/schema/programmes';
import { milestones, organisations, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { rowsOf } from '../../lib/rows';
import { ACCOUNT, COMMITMENT_ACCOUNTS, type AccountCode } from '../ledger/chart';
import { openChartOfAccounts, postJournalEntry, type PostedEntry } from '../ledger/service';

type FundRow = typeof funds.$inferSelect;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Net debit (debits minus credits) per account code and entry kind: every figure is a sum of these. */
type Movements = Map<string, Map<string, number>>;

function figuresFrom(movements: Movements): FundFigures {
  const net = (code: string, kinds?: string[]) => {
    let total = 0;
    for (const [kind, amount] of movements.get(code) ?? []) if (!kinds || kinds.includes(kind)) total += amount;
    return total;
  };
  const sumOver = (codes: readonly string[], kinds?: string[]) => codes.reduce((sum, code) => sum + net(code, kinds), 0);
  const cash = net(ACCOUNT.bank);
  const outstanding = 0 - sumOver(COMMITMENT_ACCOUNTS);
  return {
    capitalMinor: 0 - net(ACCOUNT.capital),
    committedMinor: 0 - sumOver(COMMITMENT_ACCOUNTS, ['commitment', 'cancellation']),
    disbursedMinor: sumOver(COMMITMENT_ACCOUNTS, ['disbursement']),
    repaidMinor: 0 - net(ACCOUNT.loansReceivable, ['repayment']),
    interestMinor: 0 - net(ACCOUNT.interestIncome),
    writtenOffMinor: net(ACCOUNT.loanLosses),
    outstandingCommitmentsMinor: outstanding,
    loansOutstandingMinor: net(ACCOUNT.loansReceivable) + net(ACCOUNT.loansToDisburse),
    equipmentValueMinor: net(ACCOUNT.equipment),
    cashMinor: cash,
    availableMinor: cash - outstanding,
  };
}

interface MovementRow {
  fund_id: string;
  month?: string;
  code: string;
  kind: string;
  net: string | number;
}

function addMovement(movements: Movements, row: MovementRow) {
  const byKind = movements.get(row.code) ?? new Map<string, number>();
  byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + Number(row.net));
  movements.set(row.code, byKind);
}

/** Figures of several funds (or all) from one grouped pass over the ledger. */
export async function figuresOfFunds(db: Db, fundIds: string[] | null, asOf?: string): Promise<Map<string, FundFigures>> {
  if (fundIds && fundIds.length === 0) return new Map();
  const result = await db.execute(sql`
    select e.fund_id, a.code, e.kind, sum(l.debit_minor - l.credit_minor) as net
    from journal_lines l
    join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id
    where ${fundIds ? sql`e.fund_id in (${sql.join(fundIds.map((id) => sql`${id}`), sql`, `)})` : sql`true`}
      and ${asOf ? sql`e.occurred_on <= ${asOf}` : sql`true`}
    group by e.fund_id, a.code, e.kind`);
  const byFund = new Map<string, Movements>();
  for (const row of rowsOf<MovementRow>(result)) {
    const movements = byFund.get(row.fund_id) ?? new Map();
    addMovement(movements, row);
    byFund.set(row.fund_id, movements);
  }
  const figures = new Map<string, FundFigures>();
  for (const id of fundIds ?? [...byFund.keys()]) figures.set(id, figuresFrom(byFund.get(id) ?? new Map()));
  return figures;
}

export async function fundFigures(db: Db, fundId: string, asOf?: string): Promise<FundFigures> {
  return (await figuresOfFunds(db, [fundId], asOf)).get(fundId)!;
}

/** Month by month, the figures as they stood at each month's end. */
export async function fundTimeline(db: Db, fundId: string): Promise<FundTimelinePoint[]> {
  await getFundRow(db, fundId);
  const result = await db.execute(sql`
    select to_char(e.occurred_on, 'YYYY-MM') as month, a.code, e.kind, sum(l.debit_minor - l.credit_minor) as net
    from journal_lines l
    join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id
    where e.fund_id = ${fundId}
    group by 1, a.code, e.kind
    order by 1`);
  const rows = rowsOf<MovementRow & { month: string }>(result);
  const months = [...new Set(rows.map((row) => row.month))];
  const cumulative: Movements = new Map();
  return months.map((month) => {
    for (const row of rows) if (row.month === month) addMovement(cumulative, row);
    return { month, figures: figuresFrom(cumulative) };
  });
}

function toFund(row: FundRow, figures: FundFigures): Fund {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type as Fund['type'],
    currency: row.currency as CurrencyCode,
    description: row.description,
    committeeThresholdMinor: row.committeeThresholdMinor,
    status: row.status as Fund['status'],
    createdAt: row.createdAt.toISOString(),
    figures,
  };
}

export async function getFundRow(db: Db, fundId: string): Promise<FundRow> {
  const [row] = await db.select().from(funds).where(eq(funds.id, fundId));
  if (!row) throw new NotFound('Fund');
  return row;
}

/**
 * Takes the fund's row lock for the rest of the transaction: every commitment against a fund goes
 * through here, so two approvals never both spend the same available money.
 */
export async function lockFund(tx: Db, fundId: string): Promise<FundRow> {
  const [row] = await tx.select().from(funds).where(eq(funds.id, fundId)).for('update');
  if (!row) throw new NotFound('Fund');
  if (row.status !== 'active') throw new Conflict('This fund is closed');
  return row;
}

/** Under the fund lock: refuses a commitment larger than what the fund has not yet promised. */
export async function ensureAvailable(tx: Db, fundId: string, amountMinor: number): Promise<FundFigures> {
  const figures = await fundFigures(tx, fundId);
  if (amountMinor > figures.availableMinor) {
    throw new Conflict(`The fund has ${figures.availableMinor} available, less than the ${amountMinor} asked`, {
      amountMinor: ['Above the amount available'],
    });
  }
  return figures;
}

export interface Commitment {
  amountMinor: number;
  /** The account the promise is charged to, and the liability it creates until paid. */
  debit: AccountCode;
  credit: AccountCode;
  description: string;
  projectId: string;
  source: { type: string; id: string };
  occurredOn: string;
  postedBy: string | null;
}

/** Under the fund lock: checks the fund can cover the amount, then posts the commitment entry. */
export async function commitFromFund(tx: Db, fund: FundRow, commitment: Commitment): Promise<PostedEntry> {
  await ensureAvailable(tx, fund.id, commitment.amountMinor);
  return postJournalEntry(tx, {
    fundId: fund.id,
    currency: fund.currency,
    occurredOn: commitment.occurredOn,
    kind: 'commitment',
    description: commitment.description,
    projectId: commitment.projectId,
    sourceType: commitment.source.type,
    sourceId: commitment.source.id,
    postedBy: commitment.postedBy,
    lines: [
      { account: commitment.debit, debit: commitment.amountMinor },
      { account: commitment.credit, credit: commitment.amountMinor },
    ],
  });
}

export function ensureCurrency(fund: { currency: string }, currency: string, field = 'currency'): void {
  if (fund.currency !== currency) {
    throw new Unprocessable(`This fund keeps its books in ${fund.currency}, not ${currency}`, 'invalid', { [field]: [`Expected ${fund.currency}`] });
  }
}

export async function listFunds(db: Db): Promise<Fund[]> {
  const rows = await db.select().from(funds).orderBy(asc(funds.code));
  const figures = await figuresOfFunds(db, rows.map((row) => row.id));
  return rows.map((row) => toFund(row, figures.get(row.id)!));
}

export async function getFund(db: Db, fundId: string, asOf?: string): Promise<Fund> {
  const row = await getFundRow(db, fundId);
  return toFund(row, await fundFigures(db, fundId, asOf));
}

export async function createFund(db: Db, actor: Actor, input: CreateFundInput): Promise<Fund> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(funds).values(input).returning();
      await openChartOfAccounts(tx, row.id, row.currency);
      await recordAudit(tx, actor, { action: 'fund.create', entity: 'fund', entityId: row.id, after: input });
      return toFund(row, figuresFrom(new Map()));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('Another fund uses this code', { code: ['Already used'] });
    throw error;
  }
}

function toFunder(row: typeof funders.$inferSelect): Funder {
  return { id: row.id, name: row.name, kind: row.kind as Funder['kind'], createdAt: row.createdAt.toISOString() };
}

export async function listFunders(db: Db): Promise<Funder[]> {
  return (await db.select().from(funders).orderBy(asc(funders.name))).map(toFunder);
}

export async function createFunder(db: Db, actor: Actor, input: CreateFunderInput): Promise<Funder> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(funders).values(input).returning();
      await recordAudit(tx, actor, { action: 'funder.create', entity: 'funder', entityId: row.id, after: input });
      return toFunder(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('A funder with this name exists', { name: ['Already used'] });
    throw error;
  }
}

export async function listContributions(db: Db, fundId: string): Promise<Contribution[]> {
  await getFundRow(db, fundId);
  const rows = await db
    .select({ c: capitalContributions, funderName: funders.name, reversal: journalEntries.id })
    .from(capitalContributions)
    .innerJoin(funders, eq(funders.id, capitalContributions.funderId))
    .leftJoin(journalEntries, eq(journalEntries.reversesEntryId, capitalContributions.journalEntryId))
    .where(eq(capitalContributions.fundId, fundId))
    .orderBy(desc(capitalContributions.receivedOn), desc(capitalContributions.createdAt));
  return rows.map(({ c, funderName, reversal }) => ({
    id: c.id,
    fundId: c.fundId,
    funderId: c.funderId,
    funderName,
    amountMinor: c.amountMinor,
    currency: c.currency as CurrencyCode,
    receivedOn: c.receivedOn,
    journalEntryId: c.journalEntryId,
    reversed: reversal !== null,
    createdAt: c.createdAt.toISOString(),
  }));
}

/** A funder pays capital in: the bank goes up, and so does the funders' equity. */
export async function recordContribution(db: Db, actor: Actor, fundId: string, input: RecordContributionInput): Promise<Contribution> {
  return db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    ensureCurrency(fund, input.currency);
    const [funder] = await tx.select().from(funders).where(eq(funders.id, input.funderId));
    if (!funder) throw new Unprocessable('Unknown funder', 'invalid', { funderId: ['Unknown funder'] });
    const receivedOn = input.receivedOn ?? today();
    const entry = await postJournalEntry(tx, {
      fundId,
      currency: fund.currency,
      occurredOn: receivedOn,
      kind: 'capital_contribution',
      description: `Apport de ${funder.name}`,
      sourceType: 'funder',
      sourceId: funder.id,
      postedBy: actor.id,
      lines: [
        { account: ACCOUNT.bank, debit: input.amountMinor },
        { account: ACCOUNT.capital, credit: input.amountMinor },
      ],
    });
    const [row] = await tx
      .insert(capitalContributions)
      .values({ fundId, funderId: funder.id, amountMinor: input.amountMinor, currency: fund.currency, receivedOn, journalEntryId: entry.id })
      .returning();
    await recordAudit(tx, actor, { action: 'fund.contribution', entity: 'fund', entityId: fundId, after: { ...input, receivedOn, journalEntryId: entry.id } });
    return {
      id: row.id,
      fundId,
      funderId: funder.id,
      funderName: funder.name,
      amountMinor: row.amountMinor,
      currency: fund.currency as CurrencyCode,
      receivedOn,
      journalEntryId: entry.id,
      reversed: false,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** What a fund has committed (net of cancellations) to projects of one programme. */
export async function committedToProgramme(db: Db, fundId: string, programmeId: string): Promise<number> {
  const result = await db.execute(sql`
    select coalesce(sum(l.credit_minor - l.debit_minor), 0) as committed
    from journal_lines l
    join journal_entries e on e.id = l.entry_id
    join ledger_accounts a on a.id = l.account_id
    join projects p on p.id = e.project_id
    where e.fund_id = ${fundId} and p.programme_id = ${programmeId}
      and e.kind in ('commitment', 'cancellation')
      and a.code in (${sql.join(COMMITMENT_ACCOUNTS.map((code) => sql`${code}`), sql`, `)})`);
  return Number(rowsOf<{ committed: string }>(result)[0].committed);
}

export async function findEnvelope(db: Db, fundId: string, programmeId: string | null) {
  if (!programmeId) return null;
  const [row] = await db
    .select()
    .from(fundEnvelopes)
    .where(sql`${fundEnvelopes.fundId} = ${fundId} and ${fundEnvelopes.programmeId} = ${programmeId}`);
  return row ?? null;
}

export async function listEnvelopes(db: Db, fundId: string): Promise<Envelope[]> {
  await getFundRow(db, fundId);
  const rows = await db
    .select({ e: fundEnvelopes, programmeCode: programmes.code })
    .from(fundEnvelopes)
    .innerJoin(programmes, eq(programmes.id, fundEnvelopes.programmeId))
    .where(eq(fundEnvelopes.fundId, fundId))
    .orderBy(asc(programmes.code));
  return Promise.all(
    rows.map(async ({ e, programmeCode }) => {
      const committed = await committedToProgramme(db, fundId, e.programmeId);
      return {
        id: e.id,
        fundId,
        programmeId: e.programmeId,
        programmeCode,
        amountMinor: e.amountMinor,
        maxShareBps: e.maxShareBps,
        maxRequestMinor: e.maxRequestMinor,
        committedMinor: committed,
        remainingMinor: e.amountMinor - committed,
      };
    }),
  );
}

/** Sets (or changes) a programme's envelope in a fund and the rules its requests must follow. */
export async function setEnvelope(db: Db, actor: Actor, fundId: string, input: SetEnvelopeInput): Promise<Envelope> {
  await db.transaction(async (tx) => {
    const fund = await lockFund(tx, fundId);
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, input.programmeId));
    if (!programme) throw new Unprocessable('Unknown programme', 'invalid', { programmeId: ['Unknown programme'] });
    ensureCurrency(fund, programme.currency, 'programmeId');
    const committed = await committedToProgramme(tx, fundId, input.programmeId);
    if (input.amountMinor < committed) throw new Conflict(`The programme already has ${committed} committed in this fund`, { amountMinor: ['Below what is committed'] });
    const before = await findEnvelope(tx, fundId, input.programmeId);
    await tx
      .insert(fundEnvelopes)
      .values({ fundId, ...input })
      .onConflictDoUpdate({
        target: [fundEnvelopes.fundId, fundEnvelopes.programmeId],
        set: { amountMinor: input.amountMinor, maxShareBps: input.maxShareBps, maxRequestMinor: input.maxRequestMinor },
      });
    await recordAudit(tx, actor, { action: 'fund.envelope', entity: 'fund', entityId: fundId, before, after: input });
  });
  return (await listEnvelopes(db, fundId)).find((e) => e.programmeId === input.programmeId)!;
}

/** Projects a financing can be prepared for, with what the forms need to check amounts. */
export async function listFinanceableProjects(db: Db): Promise<FinanceableProject[]> {
  const rows = await db
    .select({ p: projects, organisationName: organisations.name, programmeCode: programmes.code })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .leftJoin(programmes, eq(programmes.id, projects.programmeId))
    .orderBy(asc(projects.title))
    .limit(2000);
  const milestoneRows = rows.length
    ? await db
        .select({ id: milestones.id, projectId: milestones.projectId, title: milestones.title, status: milestones.status, dueOn: milestones.dueOn })
        .from(milestones)
        .where(inArray(milestones.projectId, rows.map(({ p }) => p.id)))
        .orderBy(asc(milestones.dueOn), asc(milestones.title))
    : [];
  return rows.map(({ p, organisationName, programmeCode }) => ({
    id: p.id,
    title: p.title,
    organisationName,
    programmeId: p.programmeId,
    programmeCode,
    totalBudgetMinor: p.totalBudgetMinor,
    currency: p.currency as CurrencyCode,
    milestones: milestoneRows.filter((m) => m.projectId === p.id).map(({ projectId: _p, ...m }) => m),
  }));
}
