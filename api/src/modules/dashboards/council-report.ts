import type { CouncilReportQuery, ImpactDashboard } from '@essor/shared/impact-dashboard';
import { CURRENCY_EXPONENTS, formatMoney, type CurrencyCode } from '@essor/shared/money';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { toCsv } from '../../lib/csv';
import { loadExcelJs, loadPdfKit } from '../../lib/documents';
import type { Locale } from '../../lib/messages/render';
import { rowsOf } from '../../lib/rows';
import { todayUtc } from '../ledger/public';
import { idList, structuresInView } from './filters';
import { impactDashboard } from './impact';
import { moneyFlow } from './money-flow';

/** The report's fixed wording, per language. */
const WORDING = {
  fr: {
    title: 'Rapport annuel au conseil municipal',
    subtitle: (year: number) => `Économie sociale et solidaire · année ${year}`,
    allStructures: 'Toutes les structures',
    programme: 'Programme',
    keyFigures: 'Chiffres clés',
    applications: 'Candidatures déposées',
    accepted: 'Candidatures retenues',
    coachingHours: "Heures d'accompagnement",
    jobsCreated: 'Emplois créés (ETP)',
    jobsWomen: 'Emplois occupés par des femmes',
    jobsYouth: 'Emplois occupés par des jeunes',
    disbursed: 'Montants versés',
    costPerJob: 'Coût par emploi créé',
    guarantees: 'Encours garanti',
    bonds: 'Obligations communautaires payées',
    funnel: 'Parcours des candidatures',
    stages: { submitted: 'Déposées', screening: 'Présélection', committee: 'Comité', accepted: 'Retenues', waitlisted: "Liste d'attente", rejected: 'Refusées', withdrawn: 'Retirées' },
    impact: 'Impact par rapport aux cibles',
    indicator: 'Indicateur',
    baseline: 'Départ',
    target: 'Cible',
    actual: 'Réalisé',
    progress: 'Atteinte',
    projects: 'Projets',
    sdg: 'Contribution aux objectifs de développement durable',
    goal: 'ODD',
    indicators: 'Indicateurs',
    funds: 'Utilisation des fonds',
    fund: 'Fonds',
    currency: 'Devise',
    capital: 'Apports',
    committed: 'Engagé',
    available: 'Disponible',
    moneyFlow: "Suivi de l'argent",
    funder: 'Bailleur',
    contributed: 'Apporté',
    partDisbursed: 'Part des versements',
    partCommitted: 'Part des engagements',
    districts: 'Quartiers',
    district: 'Quartier',
    actors: "Acteurs de l'ESS",
    jobs: 'Emplois créés (ETP)',
    none: 'Aucune donnée pour cette période.',
    generated: 'Généré le',
    sheets: { keyFigures: 'Chiffres clés', funnel: 'Parcours', impact: 'Impact', sdg: 'ODD', funds: 'Fonds', moneyFlow: 'Suivi argent', districts: 'Quartiers' },
    figure: 'Chiffre',
    value: 'Valeur',
  },
  en: {
    title: 'Yearly report to the city council',
    subtitle: (year: number) => `Social and solidarity economy · year ${year}`,
    allStructures: 'All structures',
    programme: 'Programme',
    keyFigures: 'Key figures',
    applications: 'Applications submitted',
    accepted: 'Applications accepted',
    coachingHours: 'Coaching hours',
    jobsCreated: 'Jobs created (FTE)',
    jobsWomen: 'Jobs held by women',
    jobsYouth: 'Jobs held by young people',
    disbursed: 'Money disbursed',
    costPerJob: 'Cost per job created',
    guarantees: 'Guaranteed exposure',
    bonds: 'Community bonds paid',
    funnel: 'Application pipeline',
    stages: { submitted: 'Submitted', screening: 'Screening', committee: 'Committee', accepted: 'Accepted', waitlisted: 'Waitlisted', rejected: 'Rejected', withdrawn: 'Withdrawn' },
    impact: 'Impact against targets',
    indicator: 'Indicator',
    baseline: 'Baseline',
    target: 'Target',
    actual: 'Actual',
    progress: 'Reached',
    projects: 'Projects',
    sdg: 'Contribution to the Sustainable Development Goals',
    goal: 'SDG',
    indicators: 'Indicators',
    funds: 'Fund use',
    fund: 'Fund',
    currency: 'Currency',
    capital: 'Contributions',
    committed: 'Committed',
    available: 'Available',
    moneyFlow: 'Follow the money',
    funder: 'Funder',
    contributed: 'Contributed',
    partDisbursed: 'Share of disbursements',
    partCommitted: 'Share of commitments',
    districts: 'Districts',
    district: 'District',
    actors: 'SSE actors',
    jobs: 'Jobs created (FTE)',
    none: 'No data for this period.',
    generated: 'Generated on',
    sheets: { keyFigures: 'Key figures', funnel: 'Pipeline', impact: 'Impact', sdg: 'SDG', funds: 'Funds', moneyFlow: 'Money flow', districts: 'Districts' },
    figure: 'Figure',
    value: 'Value',
  },
} as const;

const NUMBER_LOCALE: Record<Locale, string> = { fr: 'fr-CA', en: 'en-CA' };

export interface FunderSummary {
  currency: CurrencyCode;
  name: string;
  contributedMinor: number;
  disbursedMinor: number;
  committedMinor: number;
}

export interface CouncilReport {
  locale: Locale;
  year: number;
  scopeName: string;
  programmeName: string | null;
  dashboard: ImpactDashboard;
  funders: FunderSummary[];
  filename: string;
}

/** The figures of one year's report: the dashboard over that calendar year, and each fund's money followed to its funders. */
export async function councilReport(db: Db, user: CurrentUser, query: CouncilReportQuery, locale: Locale): Promise<CouncilReport> {
  const year = query.year ?? Number(todayUtc().slice(0, 4));
  const dashboard = await impactDashboard(db, user, { structureId: query.structureId, programmeId: query.programmeId, from: `${year}-01-01`, to: `${year}-12-31` });
  const structureIds = structuresInView(user, query.structureId);
  const [names] = rowsOf<{ structure: string | null; programme: string | null }>(
    await db.execute(sql`select (select name from structures where id = ${query.structureId ?? null}::uuid) as structure,
      (select code || ' · ' || name from programmes where id = ${query.programmeId ?? null}::uuid and structure_id in (${idList(structureIds)})) as programme`),
  );
  const funders = new Map<string, FunderSummary>();
  for (const fund of dashboard.funds) {
    const flow = await moneyFlow(db, user, { fundId: fund.fundId }, locale);
    for (const f of flow.funders) {
      const key = `${flow.currency}|${f.funderId}`;
      const row = funders.get(key) ?? { currency: flow.currency, name: f.name, contributedMinor: 0, disbursedMinor: 0, committedMinor: 0 };
      row.contributedMinor += f.contributedMinor;
      row.disbursedMinor += f.disbursedMinor;
      row.committedMinor += f.committedMinor;
      funders.set(key, row);
    }
  }
  return {
    locale,
    year,
    scopeName: names?.structure ?? WORDING[locale].allStructures,
    programmeName: names?.programme ?? null,
    dashboard,
    funders: [...funders.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.name.localeCompare(b.name)),
    filename: `council-report-${year}-${locale}`,
  };
}

/** Text the PDF's standard fonts can draw: their encoding lacks the narrow and non-breaking spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function formatters(locale: Locale) {
  const numbers = new Intl.NumberFormat(NUMBER_LOCALE[locale], { maximumFractionDigits: 2 });
  return {
    money: (minor: number, currency: CurrencyCode) => plain(formatMoney(minor, currency, NUMBER_LOCALE[locale])),
    number: (value: number | string | null) => (value === null ? '—' : plain(numbers.format(Number(value)))),
    percent: (part: string | null, whole: string | null) =>
      part === null || whole === null || Number(whole) === 0 ? '—' : plain(new Intl.NumberFormat(NUMBER_LOCALE[locale], { style: 'percent', maximumFractionDigits: 0 }).format(Number(part) / Number(whole))),
  };
}

function indicatorValue(locale: Locale, value: string | null, unit: string, currency: CurrencyCode | null): string {
  const f = formatters(locale);
  if (value === null) return '—';
  if (unit === 'money' && currency) return f.money(Math.round(Number(value)), currency);
  return f.number(value);
}

/** The key figures, each with its formatted value (money per currency). */
function keyFigures(report: CouncilReport): [string, string][] {
  const w = WORDING[report.locale];
  const f = formatters(report.locale);
  const d = report.dashboard;
  const stage = (s: string) => d.funnel.find((x) => x.stage === s)?.count ?? 0;
  const hours = d.coaching.reduce((s, c) => s + c.minutes, 0) / 60;
  const rows: [string, string][] = [
    [w.applications, f.number(stage('submitted'))],
    [w.accepted, f.number(stage('accepted'))],
    [w.coachingHours, f.number(hours.toFixed(2))],
    [w.jobsCreated, f.number(d.jobs.createdFte)],
    [w.jobsWomen, f.number(d.jobs.women)],
    [w.jobsYouth, f.number(d.jobs.youth)],
  ];
  for (const c of d.costPerJob) {
    rows.push([`${w.disbursed} (${c.currency})`, f.money(c.disbursedMinor, c.currency)]);
    rows.push([`${w.costPerJob} (${c.currency})`, c.costPerJobMinor === null ? '—' : f.money(c.costPerJobMinor, c.currency)]);
  }
  for (const g of d.guarantees) rows.push([`${w.guarantees} (${g.currency})`, f.money(g.exposureMinor, g.currency)]);
  for (const b of d.bonds) rows.push([`${w.bonds} (${b.currency})`, f.money(b.paidMinor, b.currency)]);
  return rows;
}

/** The council report as a PDF: tables and bar charts drawn with pdfkit's own primitives. */
export async function councilReportPdf(report: CouncilReport, generatedAt = new Date()): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const w = WORDING[report.locale];
  const f = formatters(report.locale);
  const d = report.dashboard;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${w.title} ${report.year}`, Subject: plain(report.scopeName) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const left = 50;
    const width = doc.page.width - 100;
    const ensure = (height: number) => {
      if (doc.y + height > doc.page.height - 60) doc.addPage();
    };
    const heading = (text: string) => {
      ensure(80);
      doc.x = left;
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#1c3d5a').text(text).moveDown(0.4).font('Helvetica').fontSize(9).fillColor('black');
    };
    /** A table: the first column left-aligned, the others right-aligned. */
    const tableOf = (headers: string[], rows: string[][], firstWidth = 0.34) => {
      const first = width * firstWidth;
      const rest = (width - first) / Math.max(1, headers.length - 1);
      const row = (cells: string[], bold: boolean) => {
        ensure(16);
        const y = doc.y;
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
        let bottom = y;
        cells.forEach((cell, i) => {
          const x = i === 0 ? left : left + first + rest * (i - 1);
          doc.text(plain(cell), x, y, { width: (i === 0 ? first : rest) - 4, align: i === 0 ? 'left' : 'right' });
          bottom = Math.max(bottom, doc.y);
        });
        doc.y = bottom + 3;
        doc.moveTo(left, doc.y - 1).lineTo(left + width, doc.y - 1).lineWidth(0.3).strokeColor('#cccccc').stroke();
      };
      row(headers, true);
      if (rows.length === 0) doc.font('Helvetica').fillColor('#666').text(w.none, left).fillColor('black');
      for (const r of rows) row(r, false);
      doc.x = left;
    };
    /** Horizontal bars, one per row, scaled to the largest value; `ghost` draws a second (target) bar behind. */
    const bars = (rows: { label: string; value: number; ghost?: number; text: string }[]) => {
      const max = Math.max(1, ...rows.map((r) => Math.max(r.value, r.ghost ?? 0)));
      const labelWidth = width * 0.3;
      const barWidth = width * 0.5;
      for (const r of rows) {
        ensure(16);
        const y = doc.y;
        doc.font('Helvetica').fontSize(8).fillColor('black').text(plain(r.label), left, y + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
        if (r.ghost !== undefined) doc.rect(left + labelWidth, y + 1, (barWidth * r.ghost) / max, 11).fill('#d0dbe6');
        doc.rect(left + labelWidth, y + 3, Math.max(0.5, (barWidth * r.value) / max), 7).fill('#2f6690');
        doc.fillColor('black').text(plain(r.text), left + labelWidth + barWidth + 6, y + 2, { width: width - labelWidth - barWidth - 6, lineBreak: false });
        doc.y = y + 15;
      }
      doc.fontSize(9).x = left;
    };

    // Cover.
    doc.rect(0, 0, doc.page.width, 8).fill('#2f6690').fillColor('black');
    doc.moveDown(6).font('Helvetica-Bold').fontSize(24).text(w.title, { align: 'center' });
    doc.moveDown(0.6).font('Helvetica').fontSize(14).fillColor('#444').text(w.subtitle(report.year), { align: 'center' });
    doc.moveDown(0.6).fontSize(13).fillColor('black').text(plain(report.scopeName), { align: 'center' });
    if (report.programmeName) doc.moveDown(0.3).fontSize(11).text(plain(`${w.programme} : ${report.programmeName}`), { align: 'center' });
    doc.moveDown(2).fontSize(8).fillColor('#666').text(`${w.generated} ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, { align: 'center' }).fillColor('black');

    doc.addPage();
    heading(w.keyFigures);
    tableOf([w.figure, w.value], keyFigures(report), 0.6);

    heading(w.funnel);
    bars(d.funnel.map((s) => ({ label: w.stages[s.stage], value: s.count, text: f.number(s.count) })));

    heading(w.impact);
    tableOf(
      [w.indicator, w.baseline, w.target, w.actual, w.progress, w.projects],
      d.impact.map((t) => [
        `${report.locale === 'en' ? t.nameEn : t.nameFr}${t.currency ? ` (${t.currency})` : ''}`,
        indicatorValue(report.locale, t.baseline, t.unit, t.currency),
        indicatorValue(report.locale, t.target, t.unit, t.currency),
        indicatorValue(report.locale, t.actual, t.unit, t.currency),
        f.percent(t.actual, t.target),
        f.number(t.projects),
      ]),
      0.4,
    );
    const withTargets = d.impact.filter((t) => t.unit !== 'money' && (t.actual !== null || t.target !== null));
    if (withTargets.length) {
      doc.moveDown(0.5);
      // Each indicator against its own target: the bar is the share reached (the pale bar is the target).
      bars(withTargets.map((t) => ({ label: report.locale === 'en' ? t.nameEn : t.nameFr, value: Math.min(2, t.target && Number(t.target) > 0 ? Number(t.actual ?? 0) / Number(t.target) : 0), ghost: 1, text: f.percent(t.actual, t.target) })));
    }

    heading(w.sdg);
    const goals = d.sdg.filter((g) => g.projects > 0);
    tableOf([w.goal, w.indicators, w.projects], goals.map((g) => [`${w.goal} ${g.goal}`, f.number(g.indicators), f.number(g.projects)]), 0.4);
    if (goals.length) bars(goals.map((g) => ({ label: `${w.goal} ${g.goal}`, value: g.projects, text: f.number(g.projects) })));

    heading(w.funds);
    tableOf(
      [w.fund, w.capital, w.disbursed, w.committed, w.available],
      d.funds.map((x) => [`${x.code} · ${x.name}`, f.money(x.capitalMinor, x.currency), f.money(x.disbursedMinor, x.currency), f.money(x.committedMinor, x.currency), f.money(x.availableMinor, x.currency)]),
      0.32,
    );
    for (const currency of [...new Set(d.funds.map((x) => x.currency))]) {
      doc.moveDown(0.4);
      bars(d.funds.filter((x) => x.currency === currency).map((x) => ({ label: x.code, value: x.disbursedMinor, ghost: x.capitalMinor, text: f.money(x.disbursedMinor, currency) })));
    }

    heading(w.moneyFlow);
    tableOf(
      [w.funder, w.contributed, w.partDisbursed, w.partCommitted],
      report.funders.map((x) => [x.name, f.money(x.contributedMinor, x.currency), f.money(x.disbursedMinor, x.currency), f.money(x.committedMinor, x.currency)]),
    );
    if (d.costPerJob.length) {
      doc.moveDown(0.4);
      tableOf(
        [w.currency, w.disbursed, w.jobs, w.costPerJob],
        d.costPerJob.map((c) => [c.currency, f.money(c.disbursedMinor, c.currency), f.number(c.jobsCreatedFte), c.costPerJobMinor === null ? '—' : f.money(c.costPerJobMinor, c.currency)]),
        0.2,
      );
    }

    heading(w.districts);
    tableOf(
      [w.district, w.actors, w.projects, w.jobs, w.disbursed],
      d.districts.map((x) => [x.name, f.number(x.actors), f.number(x.projects), f.number(x.jobsCreatedFte), x.disbursed.map((m) => f.money(m.amountMinor, m.currency)).join(' + ') || '—']),
      0.3,
    );
    if (d.districts.length) {
      doc.moveDown(0.4);
      bars(d.districts.map((x) => ({ label: x.name, value: Number(x.jobsCreatedFte), text: f.number(x.jobsCreatedFte) })));
    }
    doc.end();
  });
}

/** Minor units as a decimal number of the currency (what a spreadsheet adds up). */
const decimalOf = (minor: number, currency: CurrencyCode) => minor / 10 ** CURRENCY_EXPONENTS[currency];
const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

/** The council report's tables as a workbook: one sheet per table, numbers as numbers, money as decimals beside their currency. */
export async function councilReportXlsx(report: CouncilReport): Promise<Buffer> {
  const w = WORDING[report.locale];
  const d = report.dashboard;
  const ExcelJS = await loadExcelJs();
  const book = new ExcelJS.Workbook();
  book.creator = 'Essor';
  const sheet = (name: string, headers: string[], rows: (string | number | null)[][]) => {
    const ws = book.addWorksheet(name);
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 18));
    ws.getColumn(1).width = 40;
    return ws;
  };
  const stage = (s: string) => d.funnel.find((x) => x.stage === s)?.count ?? 0;
  sheet(w.sheets.keyFigures, [w.figure, w.value, w.currency], [
    [w.applications, stage('submitted'), null],
    [w.accepted, stage('accepted'), null],
    [w.coachingHours, d.coaching.reduce((s, c) => s + c.minutes, 0) / 60, null],
    [w.jobsCreated, numberOrNull(d.jobs.createdFte), null],
    [w.jobsWomen, numberOrNull(d.jobs.women), null],
    [w.jobsYouth, numberOrNull(d.jobs.youth), null],
    ...d.costPerJob.flatMap((c) => [
      [w.disbursed, decimalOf(c.disbursedMinor, c.currency), c.currency],
      [w.costPerJob, c.costPerJobMinor === null ? null : decimalOf(c.costPerJobMinor, c.currency), c.currency],
    ]),
    ...d.guarantees.map((g) => [w.guarantees, decimalOf(g.exposureMinor, g.currency), g.currency]),
    ...d.bonds.map((b) => [w.bonds, decimalOf(b.paidMinor, b.currency), b.currency]),
  ]);
  sheet(w.sheets.funnel, [w.funnel, w.applications], d.funnel.map((s) => [w.stages[s.stage], s.count]));
  sheet(
    w.sheets.impact,
    [w.indicator, 'code', w.baseline, w.target, w.actual, w.currency, w.projects],
    d.impact.map((t) => {
      const value = (v: string | null) => (v === null ? null : t.unit === 'money' && t.currency ? decimalOf(Number(v), t.currency) : Number(v));
      return [report.locale === 'en' ? t.nameEn : t.nameFr, t.code, value(t.baseline), value(t.target), value(t.actual), t.currency, t.projects];
    }),
  );
  sheet(w.sheets.sdg, [w.goal, w.indicators, w.projects], d.sdg.map((g) => [g.goal, g.indicators, g.projects]));
  sheet(
    w.sheets.funds,
    [w.fund, w.currency, w.capital, w.disbursed, w.committed, w.available],
    d.funds.map((x) => [`${x.code} · ${x.name}`, x.currency, decimalOf(x.capitalMinor, x.currency), decimalOf(x.disbursedMinor, x.currency), decimalOf(x.committedMinor, x.currency), decimalOf(x.availableMinor, x.currency)]),
  );
  sheet(
    w.sheets.moneyFlow,
    [w.funder, w.currency, w.contributed, w.partDisbursed, w.partCommitted],
    report.funders.map((x) => [x.name, x.currency, decimalOf(x.contributedMinor, x.currency), decimalOf(x.disbursedMinor, x.currency), decimalOf(x.committedMinor, x.currency)]),
  );
  sheet(
    w.sheets.districts,
    [w.district, w.actors, w.projects, w.jobs, w.currency, w.disbursed],
    d.districts.flatMap((x) =>
      (x.disbursed.length ? x.disbursed : [null]).map((m) => [x.name, x.actors, x.projects, Number(x.jobsCreatedFte), m?.currency ?? null, m ? decimalOf(m.amountMinor, m.currency) : 0]),
    ),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The report's impact table as CSV (exact decimals; money indicators in minor units of their currency). */
export function councilReportCsv(report: CouncilReport): string {
  return toCsv(report.dashboard.impact, [
    { header: 'indicator', value: (t) => t.code },
    { header: 'name', value: (t) => (report.locale === 'en' ? t.nameEn : t.nameFr) },
    { header: 'unit', value: (t) => t.unit },
    { header: 'currency', value: (t) => t.currency },
    { header: 'baseline', value: (t) => t.baseline },
    { header: 'target', value: (t) => t.target },
    { header: 'actual', value: (t) => t.actual },
    { header: 'projects', value: (t) => t.projects },
  ]);
}
