import { statementTotals, type MyHolding, type MyPayoutLine, type MyPayouts, type MyUpcomingPayout } from '@essor/shared/bond-investor';
import { formatMoney, type CurrencyCode } from '@essor/shared/money';
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { renderPdf } from '../../lib/documents';
import type { Db } from '../../db/client';
import { bondHoldings, bondInvestors, bondOfferings, bondPayoutLines, bondPayouts, bondSubscriptions } from '../../db/schema/bonds';
import { organisations, projects } from '../../db/schema/projects';
import type { CurrentUser } from '../../lib/context';
import { toCsv } from '../../lib/csv';
import { Conflict, NotFound } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { assertReach } from '../../lib/scope';
import { OFFERING_READERS } from './offerings';
import { anyOf } from '../../lib/any-of';

type CouponFrequency = (typeof bondOfferings.$inferSelect)['couponFrequency'];
const COUPON_FREQUENCY_LABELS: Record<CouponFrequency, string> = { annual: 'coupon annuel / annual coupon', semiannual: 'coupon semestriel / semi-annual coupon', quarterly: 'coupon trimestriel / quarterly coupon' };
const PAYOUT_KIND_LABELS: Record<MyPayoutLine['kind'], string> = { coupon: 'Coupon', redemption: 'Remboursement / Redemption', early_redemption: 'Remboursement anticipé / Early redemption' };

/** An amount as a French reader writes it, with plain spaces (the PDF's standard fonts lack the narrow ones). */
function pdfMoney(minor: number, currency: string): string {
  return formatMoney(minor, currency as CurrencyCode, 'fr-CA').replace(/[\u00a0\u202f]/g, ' ');
}

function percent(bps: number): string {
  return `${(bps / 100).toFixed(2).replace('.', ',')} %`;
}

// ---------------------------------------------------------------------------------------------------
// Certificates

interface CertificateData {
  subscriptionId: string;
  seq: number;
  status: string;
  structureId: string;
  units: number;
  amountMinor: number;
  currency: string;
  holderName: string;
  holderAddress: string;
  offeringCode: string;
  offeringTitle: string;
  issuerName: string;
  unitPriceMinor: number;
  rateBps: number;
  couponFrequency: CouponFrequency;
  issuedOn: string | null;
  maturesOn: string | null;
  numbers: { first: number; last: number }[];
}

async function certificateData(db: Db, subscriptionId: string, owner: { userId: string } | null): Promise<CertificateData> {
  const where = [eq(bondSubscriptions.id, subscriptionId)];
  if (owner) where.push(eq(bondInvestors.userId, owner.userId));
  const [row] = await db
    .select({
      s: bondSubscriptions,
      holderName: bondInvestors.fullName,
      holderAddress: bondInvestors.address,
      o: bondOfferings,
      issuerName: sql<string>`coalesce(${organisations.name}, ${projects.title})`,
    })
    .from(bondSubscriptions)
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
    .innerJoin(bondOfferings, eq(bondOfferings.id, bondSubscriptions.offeringId))
    .innerJoin(projects, eq(projects.id, bondOfferings.issuerProjectId))
    .leftJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(and(...where));
  if (!row) throw new NotFound('thing.bond_subscription');
  const numbers = await db
    .select({ first: bondHoldings.firstNumber, last: bondHoldings.lastNumber })
    .from(bondHoldings)
    .where(and(eq(bondHoldings.subscriptionId, subscriptionId), eq(bondHoldings.origin, 'allotment')))
    .orderBy(asc(bondHoldings.firstNumber));
  return {
    subscriptionId: row.s.id,
    seq: row.s.seq,
    status: row.s.status,
    structureId: row.s.structureId,
    units: row.s.units,
    amountMinor: row.s.amountMinor,
    currency: row.s.currency,
    holderName: row.holderName,
    holderAddress: row.holderAddress,
    offeringCode: row.o.code,
    offeringTitle: row.o.title,
    issuerName: row.issuerName,
    unitPriceMinor: row.o.unitPriceMinor,
    rateBps: row.o.rateBps,
    couponFrequency: row.o.couponFrequency,
    issuedOn: row.o.issuedOn,
    maturesOn: row.o.maturesOn,
    numbers,
  };
}

/** The certificate's own number: the offering's code and the subscription's place in its register. */
export function certificateNumber(offeringCode: string, seq: number): string {
  return `${offeringCode}-C${String(seq).padStart(6, '0')}`;
}

function certificatePdf(data: CertificateData): Promise<{ pdf: Buffer; filename: string }> {
  if (data.status !== 'allotted') throw new Conflict(msg('bonds.subscription_status', { status: named('subscription_status', data.status) }));
  const number = certificateNumber(data.offeringCode, data.seq);
  const ranges = data.numbers.map((n) => (n.first === n.last ? `n° ${n.first}` : `n° ${n.first} à ${n.last}`)).join(', ');
  const line = (doc: PDFKit.PDFDocument, label: string, value: string) => {
    doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(value);
  };
  return renderPdf(
    (doc) => {
      doc.fontSize(20).text("Certificat d'obligations communautaires", { align: 'center' });
      doc.fontSize(11).fillColor('#444').text('Community bond certificate', { align: 'center' });
      doc.moveDown(0.5).fontSize(10).text(`Certificat n° / Certificate no. ${number}`, { align: 'center' });
      doc.fillColor('black').moveDown(1.5).fontSize(11);
      line(doc, 'Offre / Offering', `${data.offeringTitle} (${data.offeringCode})`);
      line(doc, 'Émetteur / Issuer', data.issuerName);
      doc.moveDown(0.5);
      line(doc, 'Titulaire / Holder', data.holderName);
      line(doc, 'Adresse / Address', data.holderAddress);
      doc.moveDown(0.5);
      line(doc, 'Obligations / Bonds', `${data.units} (${ranges || '—'})`);
      line(doc, 'Valeur nominale / Face value', `${pdfMoney(data.unitPriceMinor, data.currency)} par obligation / per bond, ${pdfMoney(data.amountMinor, data.currency)} au total / in all`);
      line(doc, 'Taux annuel / Annual rate', `${percent(data.rateBps)}, ${COUPON_FREQUENCY_LABELS[data.couponFrequency]}`);
      line(doc, "Date d'émission / Issue date", data.issuedOn ?? '—');
      line(doc, "Date d'échéance / Maturity date", data.maturesOn ?? '—');
      doc.moveDown(1.5).fontSize(9).fillColor('#444');
      doc.text(
        "Ce certificat atteste l'inscription du titulaire au registre des obligataires de l'offre à la date d'émission. Le registre tenu par la structure fait foi. " +
          'This certificate attests that the holder was entered in the register of bondholders of the offering on the issue day. The register kept by the structure is authoritative.',
      );
      doc.moveDown().fontSize(8).fillColor('#666').text(`Généré le / Generated on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    },
    { Title: `Certificat ${number}`, Subject: data.offeringTitle },
  ).then((pdf) => ({ pdf, filename: `certificate-${number}.pdf` }));
}

/** The holder's certificate of an allotted subscription; another person's is not found. */
export async function myCertificatePdf(db: Db, userId: string, subscriptionId: string): Promise<{ pdf: Buffer; filename: string }> {
  return certificatePdf(await certificateData(db, subscriptionId, { userId }));
}

/** Staff reprint a holder's certificate, in the structures they read offerings of. */
export async function holderCertificatePdf(db: Db, user: CurrentUser, subscriptionId: string): Promise<{ pdf: Buffer; filename: string }> {
  const data = await certificateData(db, subscriptionId, null);
  assertReach(user, data.structureId, OFFERING_READERS, 'thing.bond_subscription');
  return certificatePdf(data);
}

// ---------------------------------------------------------------------------------------------------
// Payouts

function myLinesQuery(db: Db) {
  return db
    .select({
      l: bondPayoutLines,
      p: { id: bondPayouts.id, number: bondPayouts.number, kind: bondPayouts.kind, periodStart: bondPayouts.periodStart, periodEnd: bondPayouts.periodEnd },
      o: { id: bondOfferings.id, code: bondOfferings.code, title: bondOfferings.title, currency: bondOfferings.currency },
    })
    .from(bondPayoutLines)
    .innerJoin(bondPayouts, eq(bondPayouts.id, bondPayoutLines.payoutId))
    .innerJoin(bondOfferings, eq(bondOfferings.id, bondPayouts.offeringId))
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondPayoutLines.investorId));
}

type LineRow = Awaited<ReturnType<ReturnType<typeof myLinesQuery>['where']>>[number];

function toPayoutLine({ l, p, o }: LineRow): MyPayoutLine {
  return {
    id: l.id,
    payoutId: p.id,
    offeringId: o.id,
    offeringCode: o.code,
    offeringTitle: o.title,
    number: p.number,
    kind: p.kind,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    paidOn: l.paidOn,
    units: l.units,
    currency: o.currency as CurrencyCode,
    grossMinor: l.grossMinor,
    withheldMinor: l.withheldMinor,
    netMinor: l.netMinor,
    principalMinor: l.principalMinor,
  };
}

/**
 * What I was paid (my payout lines, newest first) and what is still to come on the bonds I hold today:
 * each payout not yet paid to me, with my share of its scheduled interest when the schedule says it.
 */
export async function listMyPayouts(db: Db, userId: string): Promise<MyPayouts> {
  const paid = (await myLinesQuery(db).where(eq(bondInvestors.userId, userId)).orderBy(desc(bondPayoutLines.paidOn), desc(bondPayouts.number))).map(toPayoutLine);
  const lines = await db
    .select({ h: bondHoldings, o: { code: bondOfferings.code, title: bondOfferings.title, maturesOn: bondOfferings.maturesOn } })
    .from(bondHoldings)
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondHoldings.investorId))
    .innerJoin(bondOfferings, eq(bondOfferings.id, bondHoldings.offeringId))
    .where(and(eq(bondInvestors.userId, userId), isNull(bondHoldings.heldUntil)))
    .orderBy(asc(bondOfferings.code), asc(bondHoldings.firstNumber));
  const holdings: MyHolding[] = lines.map(({ h, o }) => ({
    offeringId: h.offeringId,
    offeringCode: o.code,
    offeringTitle: o.title,
    subscriptionId: h.subscriptionId,
    firstNumber: h.firstNumber,
    lastNumber: h.lastNumber,
    units: h.lastNumber - h.firstNumber + 1,
    heldFrom: h.heldFrom,
    maturesOn: o.maturesOn,
  }));
  const held = holdings.map((h) => ({ offeringId: h.offeringId, units: h.units }));
  const upcoming: MyUpcomingPayout[] = [];
  if (held.length) {
    const payouts = await db
      .select({ p: bondPayouts, o: { code: bondOfferings.code, title: bondOfferings.title, currency: bondOfferings.currency, paidUnits: bondOfferings.paidUnits } })
      .from(bondPayouts)
      .innerJoin(bondOfferings, eq(bondOfferings.id, bondPayouts.offeringId))
      .where(and(anyOf(bondPayouts.offeringId, [...new Set(held.map((h) => h.offeringId))]), ne(bondPayouts.status, 'paid')))
      .orderBy(asc(bondPayouts.paysOn), asc(bondPayouts.number));
    const paidTo = new Set(paid.map((line) => line.payoutId));
    for (const { p, o } of payouts) {
      if (paidTo.has(p.id)) continue;
      const units = held.filter((h) => h.offeringId === p.offeringId).reduce((sum, h) => sum + Number(h.units), 0);
      upcoming.push({
        payoutId: p.id,
        offeringId: p.offeringId,
        offeringCode: o.code,
        offeringTitle: o.title,
        number: p.number,
        kind: p.kind,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        paysOn: p.paysOn,
        units,
        currency: o.currency as CurrencyCode,
        // My pro rata share of the whole coupon, rounded down as the run rounds each holder's line.
        estimatedGrossMinor: p.interestMinor > 0 && o.paidUnits > 0 ? Math.floor((p.interestMinor * units) / o.paidUnits) : null,
      });
    }
  }
  const years = [...new Set(paid.map((line) => Number(line.paidOn.slice(0, 4))))].sort((a, b) => b - a);
  return { holdings, upcoming, paid, statementYears: years };
}

// ---------------------------------------------------------------------------------------------------
// Yearly statements

/** My payout lines paid in the year, in the order they were paid. */
export async function myStatementLines(db: Db, userId: string, year: number): Promise<MyPayoutLine[]> {
  const rows = await myLinesQuery(db)
    .where(and(eq(bondInvestors.userId, userId), sql`${bondPayoutLines.paidOn} >= ${`${year}-01-01`}::date`, sql`${bondPayoutLines.paidOn} <= ${`${year}-12-31`}::date`))
    .orderBy(asc(bondPayoutLines.paidOn), asc(bondOfferings.code), asc(bondPayouts.number));
  return rows.map(toPayoutLine);
}

export async function myStatementCsv(db: Db, userId: string, year: number): Promise<string> {
  const lines = await myStatementLines(db, userId, year);
  return toCsv(lines, [
    { header: 'paid_on', value: (l) => l.paidOn },
    { header: 'offering', value: (l) => l.offeringCode },
    { header: 'title', value: (l) => l.offeringTitle },
    { header: 'payout_number', value: (l) => l.number },
    { header: 'kind', value: (l) => l.kind },
    { header: 'period_start', value: (l) => l.periodStart },
    { header: 'period_end', value: (l) => l.periodEnd },
    { header: 'units', value: (l) => l.units },
    { header: 'currency', value: (l) => l.currency },
    { header: 'gross_interest_minor', value: (l) => l.grossMinor },
    { header: 'tax_withheld_minor', value: (l) => l.withheldMinor },
    { header: 'net_interest_minor', value: (l) => l.netMinor },
    { header: 'principal_minor', value: (l) => l.principalMinor },
  ]);
}

export async function myStatementPdf(db: Db, userId: string, year: number): Promise<Buffer> {
  const lines = await myStatementLines(db, userId, year);
  const totals = statementTotals(lines);
  const profiles = await db.select({ fullName: bondInvestors.fullName, address: bondInvestors.address }).from(bondInvestors).where(eq(bondInvestors.userId, userId)).orderBy(asc(bondInvestors.createdAt));
  return renderPdf(
    (doc) => {
      doc.fontSize(18).text(`Relevé annuel ${year} : intérêts versés et impôt retenu`);
      doc.fontSize(11).fillColor('#444').text(`Yearly statement ${year}: interest paid and tax withheld`);
      doc.fillColor('black').moveDown();
      if (profiles[0]) {
        doc.fontSize(11).text(profiles[0].fullName);
        doc.fontSize(10).text(profiles[0].address);
      }
      doc.moveDown();
      if (!lines.length) doc.fontSize(10).text(`Aucun versement en ${year}. / No payment in ${year}.`);
      for (const l of lines) {
        doc.fontSize(10).font('Helvetica-Bold').text(`${l.paidOn} · ${l.offeringTitle} (${l.offeringCode}) · ${PAYOUT_KIND_LABELS[l.kind]} n° ${l.number}`);
        doc.font('Helvetica').text(
          `Période / Period ${l.periodStart} – ${l.periodEnd} · ${l.units} obligation(s) · intérêts bruts / gross ${pdfMoney(l.grossMinor, l.currency)} · retenue / withheld ${pdfMoney(l.withheldMinor, l.currency)} · net ${pdfMoney(l.netMinor, l.currency)}` +
            (l.principalMinor > 0 ? ` · capital remboursé / principal ${pdfMoney(l.principalMinor, l.currency)}` : ''),
        );
        doc.moveDown(0.4);
      }
      for (const t of totals) {
        doc.moveDown(0.5).fontSize(11).font('Helvetica-Bold').text(`Totaux ${year} / Totals (${t.currency})`);
        doc.font('Helvetica').fontSize(10);
        doc.text(`Intérêts bruts / Gross interest : ${pdfMoney(t.grossMinor, t.currency)}`);
        doc.text(`Impôt retenu / Tax withheld : ${pdfMoney(t.withheldMinor, t.currency)}`);
        doc.text(`Intérêts nets / Net interest : ${pdfMoney(t.netMinor, t.currency)}`);
        doc.text(`Capital remboursé / Principal repaid : ${pdfMoney(t.principalMinor, t.currency)}`);
      }
      doc.moveDown().fontSize(8).fillColor('#666').text(`Généré le / Generated on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    },
    { Title: `Relevé annuel ${year}`, Subject: 'Obligations communautaires' },
  );
}

/** Whether any offering is open to subscriptions now: the investor's welcome then points to the offerings. */
export async function anyOfferingOpen(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: bondOfferings.id }).from(bondOfferings).where(eq(bondOfferings.status, 'open')).limit(1);
  return Boolean(row);
}
