import { addDecimals, costPerJob, splitProRata, type MoneyFlow, type MoneyFlowLink, type MoneyFlowNode, type MoneyFlowProject, type MoneyFlowQuery } from '@essor/shared/impact-dashboard';
import type { CurrencyCode } from '@essor/shared/money';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { Invalid, NotFound, Unprocessable } from '../../lib/errors';
import { msg, render, type Locale } from '../../lib/messages/render';
import { rowsOf } from '../../lib/rows';
import { projectFigures } from '../impact/public';
import { idList, programmeInReach, structuresInView } from './filters';
import { outflowsSql } from './outflows';

/** Projects drawn one by one in the Sankey; the others are grouped into one node. */
export const SANKEY_PROJECTS = 12;
const n = (value: string | number | null | undefined): number => Number(value ?? 0);

interface FundRow {
  id: string;
  code: string;
  name: string;
  currency: string;
}
interface Contribution {
  fund_id: string;
  funder_id: string;
  name: string;
  kind: string;
  amount: string | number;
}
interface Outflow {
  fund_id: string;
  project_id: string;
  title: string;
  programme_id: string | null;
  programme_label: string | null;
  district: string;
  disbursed: string | number;
  committed: string | number;
}

async function fundsFor(db: Db, user: CurrentUser, query: MoneyFlowQuery): Promise<{ funds: FundRow[]; programme: { id: string; code: string; name: string } | null }> {
  const structureIds = structuresInView(user, undefined);
  const programme = query.programmeId ? await programmeInReach(db, structureIds, query.programmeId) : null;
  if (query.fundId) {
    const [fund] = rowsOf<FundRow & { structure_id: string }>(await db.execute(sql`select id, code, name, currency, structure_id from funds where id = ${query.fundId}::uuid`));
    if (!fund || !structureIds.includes(fund.structure_id)) throw new NotFound('thing.fund');
    return { funds: [fund], programme };
  }
  if (!programme) throw new Invalid('dashboards.fund_or_programme', { fundId: ['field.dashboards.fund_or_programme'], programmeId: ['field.dashboards.fund_or_programme'] });
  // The funds feeding the programme, among those the caller reaches (another structure's fund stays unseen):
  // an envelope for it, or money towards one of its projects.
  const funds = rowsOf<FundRow>(
    await db.execute(sql`
      select f.id, f.code, f.name, f.currency from funds f
      where f.structure_id in (${idList(structureIds)}) and (f.id in (select fund_id from fund_envelopes where programme_id = ${programme.id}::uuid)
         or f.id in (select o.fund_id from (${outflowsSql((o) => sql`${o.projectId} in (select id from projects where programme_id = ${programme.id}::uuid)`)}) o))
      order by f.code`),
  );
  return { funds, programme };
}

/**
 * Follow the money of one fund, or of the funds feeding one programme: funders -> fund -> programme ->
 * project (and what the fund still has), one currency per answer. Money in a fund is fungible, so each
 * funder's part of every outflow (a project's disbursed and committed amounts from that fund) is its share
 * of the fund's contributions, split by largest remainder so the parts add up exactly to the outflow.
 */
export async function moneyFlow(db: Db, user: CurrentUser, query: MoneyFlowQuery, locale: Locale): Promise<MoneyFlow> {
  const { funds: allFunds, programme } = await fundsFor(db, user, query);
  const currencies = [...new Set(allFunds.map((f) => f.currency))].sort();
  if (query.currency && query.fundId && allFunds[0].currency !== query.currency) {
    throw new Unprocessable(msg('dashboards.currency_not_fund', { currency: query.currency }), 'invalid', { currency: ['field.dashboards.currency_not_fund'] });
  }
  if (!query.currency && currencies.length > 1) {
    throw new Unprocessable(msg('dashboards.currency_required', { currencies: currencies.join(', ') }), 'invalid', { currency: ['field.dashboards.currency_required'] });
  }
  const currency = (query.currency ?? currencies[0] ?? (programme ? await programmeCurrency(db, programme.id) : 'CAD')) as CurrencyCode;
  const funds = allFunds.filter((f) => f.currency === currency);
  const fundIds = funds.map((f) => f.id);
  const fundMode = Boolean(query.fundId);

  const [contributions, outflows] = await Promise.all([
    fundIds.length
      ? db.execute(sql`
          select c.fund_id, c.funder_id, d.name, d.kind, sum(c.amount_minor) as amount
          from capital_contributions c join funders d on d.id = c.funder_id
          where c.fund_id in (${idList(fundIds)}) group by c.fund_id, c.funder_id, d.name, d.kind order by d.name, c.funder_id`)
      : Promise.resolve([]),
    fundIds.length
      ? db.execute(sql`
          with o as (${outflowsSql((o) => sql`${o.fundId} in (${idList(fundIds)})${programme ? sql` and ${o.projectId} in (select id from projects where programme_id = ${programme.id}::uuid)` : sql``}`)})
          select o.fund_id, o.project_id, p.title, p.programme_id, g.code as programme_label, p.district,
            sum(o.disbursed) as disbursed, sum(o.committed) as committed
          from o join projects p on p.id = o.project_id left join programmes g on g.id = p.programme_id
          group by o.fund_id, o.project_id, p.title, p.programme_id, g.code, p.district`)
      : Promise.resolve([]),
  ]);
  const contributionRows = rowsOf<Contribution>(contributions);
  const outflowRows = rowsOf<Outflow>(outflows).filter((o) => n(o.disbursed) + n(o.committed) > 0);

  const fundersOf = new Map<string, Contribution[]>();
  for (const c of contributionRows) fundersOf.set(c.fund_id, [...(fundersOf.get(c.fund_id) ?? []), c]);

  // Each project's money, with each funder's part of it.
  const projects = new Map<string, MoneyFlowProject>();
  const funderTotals = new Map<string, { name: string; kind: string; contributed: number; disbursed: number; committed: number }>();
  for (const c of contributionRows) {
    const t = funderTotals.get(c.funder_id) ?? { name: c.name, kind: c.kind, contributed: 0, disbursed: 0, committed: 0 };
    t.contributed += n(c.amount);
    funderTotals.set(c.funder_id, t);
  }
  const fundToProgramme = new Map<string, number>();
  const funderToFund = new Map<string, number>();
  for (const o of outflowRows) {
    const project = projects.get(o.project_id) ?? {
      projectId: o.project_id,
      title: o.title,
      programmeId: o.programme_id,
      district: o.district,
      disbursedMinor: 0,
      committedMinor: 0,
      jobsCreatedFte: null,
      costPerJobMinor: null,
      byFunder: [],
    };
    project.disbursedMinor += n(o.disbursed);
    project.committedMinor += n(o.committed);
    const fundFunders = fundersOf.get(o.fund_id) ?? [];
    const weights = fundFunders.map((c) => n(c.amount));
    const disbursedParts = splitProRata(n(o.disbursed), weights);
    const committedParts = splitProRata(n(o.committed), weights);
    fundFunders.forEach((c, i) => {
      const part = project.byFunder.find((p) => p.funderId === c.funder_id) ?? { funderId: c.funder_id, disbursedMinor: 0, committedMinor: 0 };
      if (!project.byFunder.includes(part)) project.byFunder.push(part);
      part.disbursedMinor += disbursedParts[i];
      part.committedMinor += committedParts[i];
      const t = funderTotals.get(c.funder_id)!;
      t.disbursed += disbursedParts[i];
      t.committed += committedParts[i];
      const key = `${c.funder_id}|${o.fund_id}`;
      funderToFund.set(key, (funderToFund.get(key) ?? 0) + disbursedParts[i] + committedParts[i]);
    });
    const programmeKey = `${o.fund_id}|${o.programme_id ?? ''}`;
    fundToProgramme.set(programmeKey, (fundToProgramme.get(programmeKey) ?? 0) + n(o.disbursed) + n(o.committed));
    projects.set(o.project_id, project);
  }

  // Jobs created (FTE, actual, latest) by the impact module's rule.
  if (projects.size) {
    const financed = sql`select o.project_id from (${outflowsSql((o) => sql`${o.fundId} in (${idList(fundIds)})`)}) o`;
    const figures = await projectFigures(db, { projects: financed, codes: ['jobs_created_fte'] });
    for (const f of figures) {
      const p = projects.get(f.projectId);
      if (p && f.actual !== null) p.jobsCreatedFte = addDecimals([p.jobsCreatedFte, f.actual]);
    }
  }
  for (const p of projects.values()) p.costPerJobMinor = costPerJob(p.disbursedMinor, p.jobsCreatedFte);
  const amountOf = (p: MoneyFlowProject) => p.disbursedMinor + p.committedMinor;
  const projectList = [...projects.values()].sort((a, b) => amountOf(b) - amountOf(a) || a.title.localeCompare(b.title));

  // The Sankey: nodes and links.
  const nodes: MoneyFlowNode[] = [];
  const links: MoneyFlowLink[] = [];
  const link = (source: string, target: string, amountMinor: number) => {
    if (amountMinor > 0) links.push({ source, target, amountMinor });
  };
  const wording = (key: 'dashboards.no_programme' | 'dashboards.available') => render(key, locale);
  for (const [funderId, t] of [...funderTotals.entries()].sort(([, a], [, b]) => a.name.localeCompare(b.name))) {
    nodes.push({ id: `funder:${funderId}`, kind: 'funder', label: t.name, refId: funderId, count: null });
  }
  for (const f of funds) nodes.push({ id: `fund:${f.id}`, kind: 'fund', label: `${f.code} · ${f.name}`, refId: f.id, count: null });
  for (const c of contributionRows) link(`funder:${c.funder_id}`, `fund:${c.fund_id}`, fundMode ? n(c.amount) : (funderToFund.get(`${c.funder_id}|${c.fund_id}`) ?? 0));
  const programmeNodes = new Map<string, string>();
  for (const o of outflowRows) {
    const id = `programme:${o.programme_id ?? 'none'}`;
    if (!programmeNodes.has(id)) programmeNodes.set(id, o.programme_id ? (o.programme_label ?? o.programme_id) : wording('dashboards.no_programme'));
  }
  for (const [id, label] of programmeNodes) nodes.push({ id, kind: 'programme', label, refId: id === 'programme:none' ? null : id.slice('programme:'.length), count: null });
  for (const [key, amount] of fundToProgramme) {
    const [fundId, programmeId] = key.split('|');
    link(`fund:${fundId}`, `programme:${programmeId || 'none'}`, amount);
  }
  const shown = projectList.slice(0, SANKEY_PROJECTS);
  const grouped = projectList.slice(SANKEY_PROJECTS);
  for (const p of shown) {
    nodes.push({ id: `project:${p.projectId}`, kind: 'project', label: p.title, refId: p.projectId, count: null });
    link(`programme:${p.programmeId ?? 'none'}`, `project:${p.projectId}`, amountOf(p));
  }
  if (grouped.length) {
    nodes.push({ id: 'other_projects', kind: 'other_projects', label: render(msg('dashboards.other_projects', { count: grouped.length }), locale), refId: null, count: grouped.length });
    const byProgramme = new Map<string, number>();
    for (const p of grouped) byProgramme.set(p.programmeId ?? 'none', (byProgramme.get(p.programmeId ?? 'none') ?? 0) + amountOf(p));
    for (const [programmeId, amount] of byProgramme) link(`programme:${programmeId}`, 'other_projects', amount);
  }

  const contributed = fundMode ? contributionRows.reduce((s, c) => s + n(c.amount), 0) : [...funderToFund.values()].reduce((s, v) => s + v, 0);
  const disbursed = projectList.reduce((s, p) => s + p.disbursedMinor, 0);
  const committed = projectList.reduce((s, p) => s + p.committedMinor, 0);
  const available = fundMode ? contributed - disbursed - committed : null;
  if (fundMode && available !== null && available > 0) {
    nodes.push({ id: 'available', kind: 'available', label: wording('dashboards.available'), refId: null, count: null });
    link(`fund:${funds[0].id}`, 'available', available);
  }
  const jobs = addDecimals(projectList.map((p) => p.jobsCreatedFte));
  return {
    currency,
    fundId: query.fundId ?? null,
    programmeId: programme?.id ?? null,
    rule: render('dashboards.money_flow_rule', locale),
    nodes,
    links,
    funders: [...funderTotals.entries()]
      .sort(([, a], [, b]) => a.name.localeCompare(b.name))
      .map(([funderId, t]) => ({ funderId, name: t.name, kind: t.kind, contributedMinor: t.contributed, disbursedMinor: t.disbursed, committedMinor: t.committed })),
    projects: projectList,
    totals: { contributedMinor: contributed, disbursedMinor: disbursed, committedMinor: committed, availableMinor: available, jobsCreatedFte: jobs, costPerJobMinor: costPerJob(disbursed, jobs) },
  };
}

async function programmeCurrency(db: Db, programmeId: string): Promise<string> {
  const [row] = rowsOf<{ currency: string }>(await db.execute(sql`select currency from programmes where id = ${programmeId}::uuid`));
  return row?.currency ?? 'CAD';
}
