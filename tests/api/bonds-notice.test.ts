import type { Offering } from '@essor/shared/bonds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, projects } from '../../api/src/db/schema/projects';
import { createFund } from '../../api/src/modules/funds/service';
import { createBondsFixture, draftOffering, openedOffering, type BondsFixture } from '../support/bonds-fixtures';
import { createTestContext, type TestContext } from '../support/http';
import { pdfText } from '../support/pdf';
import { makeStructure } from '../support/structures';

let ctx: TestContext;
let fixture: BondsFixture;
let open: Offering;
let draft: Offering;
let foreignDraft: Offering;
const db = () => ctx.database.db;

const NOTICE_FR = 'Les obligations financent la chambre froide de la coopérative.';
const NOTICE_EN = 'The bonds pay for the cooperative cold room.';

async function notice(id: string, query = '', headers: Record<string, string> = {}) {
  return ctx.client().get(`/api/bonds/public/offerings/${id}/notice.pdf${query}`, { headers });
}

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createBondsFixture(db());
  const texts = {
    noticeFr: NOTICE_FR,
    noticeEn: NOTICE_EN,
    useOfFunds: 'Chambre froide et camion réfrigéré',
    impactAim: 'Moins de gaspillage alimentaire',
    unitPriceMinor: 10_000,
    maxUnits: 250,
    minUnits: 100,
    rateBps: 350,
  };
  open = await openedOffering(db(), fixture, { ...texts, title: 'Obligations Épicerie' });
  draft = await draftOffering(db(), fixture, { ...texts, title: 'Brouillon secret' });
  // Another structure's draft: its own issuer project and trust books.
  const elsewhere = await makeStructure(db(), 'Incubateur voisin');
  const [org] = await db().insert(organisations).values({ name: 'Coopérative voisine', legalForm: 'cooperative', sector: 'alimentation', district: 'Centre', territory: 'Montréal' }).returning();
  const [project] = await db()
    .insert(projects)
    .values({ structureId: elsewhere, organisationId: org.id, title: 'Projet voisin', district: 'Centre', totalBudgetMinor: 1_000_000, currency: 'CAD', stage: 'incubated' })
    .returning();
  const trust = await createFund(db(), fixture.manager, {
    code: `FID-NOTICE-${Date.now().toString(36)}`,
    name: 'Fiducie voisine',
    type: 'bond_trust',
    currency: 'CAD',
    description: 'Compte en fiducie voisin',
    committeeThresholdMinor: 0,
    openedOn: '2026-01-01',
    structureId: elsewhere,
  });
  foreignDraft = await draftOffering(db(), { ...fixture, projectId: project.id, trustFundId: trust.id }, { ...texts, title: 'Brouillon voisin' });
}, 120_000);
afterAll(() => ctx.close());

describe('the public notice PDF', () => {
  it('gives anyone the notice of an open offering, in French by default', async () => {
    const res = await notice(open.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`${open.code}-notice-fr.pdf`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(NOTICE_FR);
    expect(text).not.toContain(NOTICE_EN);
    expect(text).toContain('Obligations Épicerie');
    expect(text).toContain('Chambre froide et camion réfrigéré');
    expect(text).toContain('Moins de gaspillage alimentaire');
    expect(text).toContain('Investir comporte des risques');
    // The terms, by hand: 100.00 a bond, 250 bonds = 25 000.00 aimed at, 100 bonds = 10 000.00 to raise, 3.50 %.
    expect(text).toContain('100,00 $');
    expect(text).toContain('25 000,00 $');
    expect(text).toContain('10 000,00 $');
    expect(text).toContain('3,50 %');
  });

  it('answers in English when asked by lang, or by Accept-Language', async () => {
    for (const res of [await notice(open.id, '?lang=en'), await notice(open.id, '', { 'accept-language': 'en-CA,en;q=0.9,fr;q=0.5' })]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(`${open.code}-notice-en.pdf`);
      const text = pdfText(Buffer.from(await res.arrayBuffer()));
      expect(text).toContain(NOTICE_EN);
      expect(text).not.toContain(NOTICE_FR);
      expect(text).toContain('Investing carries risks');
      expect(text).toContain('$25,000.00');
      expect(text).toContain('3.50%');
    }
    // lang wins over the header.
    const french = pdfText(Buffer.from(await (await notice(open.id, '?lang=fr', { 'accept-language': 'en' })).arrayBuffer()));
    expect(french).toContain(NOTICE_FR);
  });

  it('is not found for a draft, another structure’s draft, or an unknown offering, and refuses an unknown language', async () => {
    expect((await notice(draft.id)).status).toBe(404);
    expect((await notice(foreignDraft.id)).status).toBe(404);
    expect((await notice('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const staff = await ctx.as('staff');
    expect((await staff.get(`/api/bonds/public/offerings/${draft.id}/notice.pdf`)).status).toBe(404);
    expect((await notice(open.id, '?lang=de')).status).toBe(400);
  });
});
