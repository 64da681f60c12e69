import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { PublicOffering } from '@essor/shared/bonds';
import { formatMoney } from '@essor/shared/money';
import type { Db } from '../../db/client';
import type { AppEnv } from '../../lib/context';
import { loadPdfKit } from '../../lib/documents';
import { replyLocale, type Locale } from '../../lib/messages/render';
import { defineRoute } from '../../lib/route';
import { getPublicOffering } from './offerings';

/** The notice's fixed wording, per language (the offering's own texts come from its terms). */
const WORDING = {
  fr: {
    subtitle: "Notice d'offre d'obligations communautaires",
    issuer: 'Émetteur',
    terms: "Conditions de l'offre",
    unitPrice: 'Valeur nominale',
    target: 'Montant visé',
    minimum: 'Minimum à réunir',
    perPerson: 'Par personne',
    perPersonText: (min: number, max: number) => `de ${min} à ${max} obligation(s)`,
    rate: 'Taux annuel',
    term: 'Durée',
    months: (n: number) => `${n} mois`,
    frequency: 'Versement des intérêts',
    frequencies: { annual: 'annuel', semiannual: 'semestriel', quarterly: 'trimestriel' },
    dayCount: 'Décompte des jours',
    dayCounts: { act_365_fixed: 'réel/365', thirty_360: '30/360', act_act_icma: 'réel/réel (ICMA)' },
    withholding: 'Retenue d’impôt à la source',
    earlyRedemption: 'Remboursement anticipé',
    earlyRedemptionFrom: (day: string) => `possible à partir du ${day}`,
    atMaturity: "à l'échéance seulement",
    subscriptions: 'Souscriptions',
    period: (from: string, to: string) => `du ${from} au ${to}`,
    useOfFunds: 'Utilisation des fonds',
    impact: 'Impact visé',
    notice: 'Notice',
    noNotice: "L'émetteur n'a pas encore publié de notice dans cette langue.",
    riskTitle: 'Investir comporte des risques',
    risks: [
      "Vous pouvez perdre tout ou partie de l'argent investi si l'entreprise émettrice rencontre des difficultés.",
      "Ces obligations ne sont pas des dépôts : elles ne sont garanties ni par l'État, ni par un assureur-dépôts.",
      "Elles sont difficiles à revendre avant l'échéance : prévoyez de garder votre argent placé toute la durée.",
      "Les intérêts ne sont versés que si l'émetteur peut les payer.",
      "N'investissez que ce que vous pouvez vous permettre de perdre, et lisez la notice avant de souscrire.",
    ],
    generated: 'Généré le',
  },
  en: {
    subtitle: 'Community bond offering notice',
    issuer: 'Issuer',
    terms: 'Terms of the offering',
    unitPrice: 'Face value',
    target: 'Target amount',
    minimum: 'Minimum to raise',
    perPerson: 'Per person',
    perPersonText: (min: number, max: number) => `from ${min} to ${max} bond(s)`,
    rate: 'Annual rate',
    term: 'Term',
    months: (n: number) => `${n} months`,
    frequency: 'Interest paid',
    frequencies: { annual: 'annually', semiannual: 'semi-annually', quarterly: 'quarterly' },
    dayCount: 'Day count',
    dayCounts: { act_365_fixed: 'actual/365', thirty_360: '30/360', act_act_icma: 'actual/actual (ICMA)' },
    withholding: 'Tax withheld at source',
    earlyRedemption: 'Early redemption',
    earlyRedemptionFrom: (day: string) => `possible from ${day}`,
    atMaturity: 'at maturity only',
    subscriptions: 'Subscriptions',
    period: (from: string, to: string) => `from ${from} to ${to}`,
    useOfFunds: 'Use of funds',
    impact: 'Impact aimed at',
    notice: 'Notice',
    noNotice: 'The issuer has not published a notice in this language yet.',
    riskTitle: 'Investing carries risks',
    risks: [
      'You may lose some or all of the money invested if the issuing enterprise runs into difficulty.',
      'These bonds are not deposits: they are guaranteed neither by the government nor by a deposit insurer.',
      'They are hard to sell before maturity: plan to keep your money invested for the whole term.',
      'Interest is paid only if the issuer is able to pay it.',
      'Only invest what you can afford to lose, and read the notice before subscribing.',
    ],
    generated: 'Generated on',
  },
} as const;

const NUMBER_LOCALE: Record<Locale, string> = { fr: 'fr-CA', en: 'en-CA' };

/** Text the PDF's standard fonts can draw: their encoding lacks the narrow and non-breaking spaces. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function percent(bps: number, locale: Locale): string {
  return plain(new Intl.NumberFormat(NUMBER_LOCALE[locale], { style: 'percent', minimumFractionDigits: 2 }).format(bps / 10_000));
}

/** The offering's notice as a PDF in one language: its terms, the issuer, use of funds and impact, the notice text and the risks. */
export async function noticePdf(offering: PublicOffering, locale: Locale, generatedAt = new Date()): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const w = WORDING[locale];
  const money = (minor: number) => plain(formatMoney(minor, offering.currency, NUMBER_LOCALE[locale]));
  const notice = locale === 'en' ? offering.noticeEn : offering.noticeFr;
  const terms: [string, string][] = [
    [w.unitPrice, money(offering.unitPriceMinor)],
    [w.target, money(offering.maxUnits * offering.unitPriceMinor)],
    [w.minimum, money(offering.minUnits * offering.unitPriceMinor)],
    [w.perPerson, w.perPersonText(offering.minUnitsPerPerson, offering.maxUnitsPerPerson)],
    [w.rate, percent(offering.rateBps, locale)],
    [w.term, w.months(offering.termMonths)],
    [w.frequency, w.frequencies[offering.couponFrequency]],
    [w.dayCount, w.dayCounts[offering.dayCount]],
    [w.withholding, percent(offering.withholdingBps, locale)],
    [w.earlyRedemption, offering.earlyRedemptionFrom ? w.earlyRedemptionFrom(offering.earlyRedemptionFrom) : w.atMaturity],
    [w.subscriptions, w.period(offering.opensOn, offering.closesOn)],
  ];
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${offering.code} · ${offering.title}`, Subject: w.subtitle } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('black').text(text).moveDown(0.3).font('Helvetica').fontSize(10);
    doc.fontSize(20).text(plain(offering.title));
    doc.fontSize(11).fillColor('#444').text(`${w.subtitle} · ${offering.code}`);
    doc.moveDown(0.5).fillColor('black').font('Helvetica-Bold').text(`${w.issuer} : `, { continued: true }).font('Helvetica').text(plain(offering.issuerName));
    heading(w.terms);
    const labelWidth = 190;
    for (const [label, value] of terms) {
      const y = doc.y;
      doc.font('Helvetica-Bold').text(label, 50, y, { width: labelWidth });
      const labelBottom = doc.y;
      doc.font('Helvetica').text(value, 50 + labelWidth, y, { width: doc.page.width - 100 - labelWidth });
      doc.y = Math.max(labelBottom, doc.y) + 2;
    }
    doc.x = 50;
    if (offering.useOfFunds) {
      heading(w.useOfFunds);
      doc.text(plain(offering.useOfFunds));
    }
    if (offering.impactAim) {
      heading(w.impact);
      doc.text(plain(offering.impactAim));
    }
    heading(w.notice);
    if (notice) doc.text(plain(notice));
    else doc.fillColor('#666').text(w.noNotice).fillColor('black');
    heading(w.riskTitle);
    for (const risk of w.risks) doc.text(`• ${risk}`, { indent: 0 }).moveDown(0.2);
    doc.moveDown().fontSize(8).fillColor('#666').text(`${w.generated} ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    doc.end();
  });
}

/** The notice of an offering the public may see (open or past it); a draft or unknown offering is not found. */
export async function publicNoticePdf(db: Db, offeringId: string, locale: Locale): Promise<{ pdf: Buffer; filename: string }> {
  const offering = await getPublicOffering(db, offeringId);
  return { pdf: await noticePdf(offering, locale), filename: `${offering.code}-notice-${locale}.pdf` };
}

const noticeRoute = defineRoute('public', {
  method: 'get',
  path: '/public/offerings/{id}/notice.pdf',
  tags: ['bonds'],
  summary: "An offering's notice as a PDF (terms, issuer, use of funds, impact, notice text, risks), in the language asked (lang, else Accept-Language)",
  request: { params: z.object({ id: z.uuid() }), query: z.object({ lang: z.enum(['fr', 'en']).optional() }) },
  responses: {
    200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
    404: { description: 'Unknown or not yet open' },
  },
});

/** The public notice, mounted under /api/bonds. */
export const noticeRoutes = new OpenAPIHono<AppEnv>().openapi(noticeRoute, async (c) => {
  const locale = c.req.valid('query').lang ?? replyLocale(c.get('user')?.locale, c.req.header('accept-language'));
  const { pdf, filename } = await publicNoticePdf(c.get('db'), c.req.valid('param').id, locale);
  return new Response(new Uint8Array(pdf), { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"` } }) as never;
});
