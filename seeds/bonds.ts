import { eq } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { bondOfferings } from '../api/src/db/schema/bonds';
import { funders } from '../api/src/db/schema/funds';
import { projects } from '../api/src/db/schema/projects';
import type { Actor } from '../api/src/lib/audit';
import { systemUser } from '../api/src/lib/scope';
import { pledgeMatch } from '../api/src/modules/bonds/matchfunding';
import { createOffering, decideOffering, openOffering, submitOffering } from '../api/src/modules/bonds/offerings';
import { confirmPayment } from '../api/src/modules/bonds/payments';
import { registerInvestor, subscribe } from '../api/src/modules/bonds/subscriptions';
import { todayUtc } from '../api/src/modules/ledger/public';
import { recordContribution } from '../api/src/modules/funds/contributions';
import { createFund } from '../api/src/modules/funds/service';
import { seedAccounts } from './platform';

async function actorOf(db: Db, email: string): Promise<Actor> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return { id: row.id, email: row.email, requestId: null };
}

function daysFrom(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** People of the community who subscribe in the demo, besides the demo investor account. */
const DEMO_SUBSCRIBERS = [
  { email: 'investor@essor.demo', name: 'Louise Côté', address: '4521 rue Fabre, Montréal (Québec) H2J 3V2', bornOn: '1968-04-12', units: 10, pays: true },
  { email: 'mireille.gauthier@essor.demo', name: 'Mireille Gauthier', address: '2150 rue Ontario Est, Montréal (Québec) H2K 1V8', bornOn: '1985-09-30', units: 4, pays: true },
  { email: 'samuel.okafor@essor.demo', name: 'Samuel Okafor', address: '8800 boulevard Pie-IX, Montréal (Québec) H1Z 3T7', bornOn: '1992-01-17', units: 2, pays: false },
] as const;

/**
 * Community bonds in Montréal: the Recyclerie Hochelaga (its project asks for community bonds) issues
 * 2 000 bonds of 100 $ at 3 %, held in its structure's trust books. Prepared by staff, approved by a fund
 * manager, opened a week ago; three people subscribed, two paid. Dates follow today's, so the offering
 * is open whenever the demo is loaded. Everything goes through the services.
 */
export async function seedBonds(db: Db): Promise<void> {
  const [existing] = await db.select({ id: bondOfferings.id }).from(bondOfferings).where(eq(bondOfferings.code, 'OBL-RECYCLERIE'));
  if (existing) return;
  const [project] = await db.select().from(projects).where(eq(projects.title, 'Atelier de réparation et boutique solidaire'));
  if (!project) return;
  const staff = await actorOf(db, 'staff@essor.demo');
  const manager = await actorOf(db, 'fund@essor.demo');
  const today = todayUtc();
  const trust = await createFund(db, manager, {
    code: 'FID-MTL',
    name: 'Fiducie des obligations communautaires de Montréal',
    type: 'bond_trust',
    currency: 'CAD',
    description: 'Compte en fiducie : Caisse d’économie solidaire, transit 81531, compte 0042-7. Les souscriptions y restent jusqu’à la clôture.',
    committeeThresholdMinor: 0,
    structureId: project.structureId,
    openedOn: '2026-01-01',
  });
  const staffUser = await systemUser(db, { id: staff.id!, email: staff.email!, name: 'Marc Tremblay' });
  const offering = await createOffering(db, staff, staffUser, {
    issuerProjectId: project.id,
    trustFundId: trust.id,
    code: 'OBL-RECYCLERIE',
    title: 'Obligations communautaires de la Recyclerie Hochelaga',
    summaryFr: 'Financez l’atelier de réparation et la boutique solidaire de Hochelaga : 100 $ l’obligation, 3 % par an, sur 5 ans.',
    summaryEn: 'Fund the repair workshop and solidarity shop in Hochelaga: $100 a bond, 3% a year, over 5 years.',
    noticeFr: 'Les obligations communautaires sont une dette non garantie de l’émetteur. Vous pourriez perdre tout ou partie de votre investissement. Elles ne sont pas couvertes par l’assurance-dépôts.',
    noticeEn: 'Community bonds are unsecured debt of the issuer. You could lose some or all of your investment. They are not covered by deposit insurance.',
    useOfFunds: 'Équipement de l’atelier de réparation et aménagement de la boutique.',
    impactAim: '40 tonnes d’objets détournés de l’enfouissement par an et six emplois en insertion.',
    unitPriceMinor: 10_000,
    maxUnits: 2000,
    minUnits: 800,
    minUnitsPerPerson: 1,
    maxUnitsPerPerson: 100,
    rateBps: 300,
    termMonths: 60,
    couponFrequency: 'annual',
    dayCount: 'act_365_fixed',
    opensOn: daysFrom(today, -7),
    closesOn: daysFrom(today, 60),
    paymentDays: 10,
  });
  await submitOffering(db, staff, offering.id);
  await decideOffering(db, manager, offering.id, 'approve', 'Conforme au programme ; notice relue');
  await openOffering(db, manager, offering.id);
  // Matchfunding: a fund of the incubator's structure, paid in by the foundation, matches 1 for 1 up to 20 000 $.
  const [foundation] = await db.select().from(funders).where(eq(funders.name, "Fondation pour l'économie sociale et solidaire"));
  if (foundation) {
    const matching = await createFund(db, manager, {
      code: 'FAB-MTL',
      name: "Fonds d'abondement de l'épargne communautaire",
      type: 'co_financing',
      currency: 'CAD',
      description: 'Double chaque dollar placé par la communauté dans les obligations des entreprises incubées, jusqu’à un plafond par offre.',
      committeeThresholdMinor: 5_000_000,
      structureId: project.structureId,
      openedOn: '2026-01-01',
    });
    await recordContribution(db, manager, matching.id, { funderId: foundation.id, amountMinor: 5_000_000, currency: 'CAD', receivedOn: '2026-09-01' });
    const managerUser = await systemUser(db, { id: manager.id!, email: manager.email!, name: 'Julien Gagnon' });
    await pledgeMatch(db, manager, managerUser, offering.id, { fundId: matching.id, ratioBps: 10_000, capMinor: 2_000_000, note: 'Un dollar pour un dollar, jusqu’à 20 000 $' });
  }
  await seedAccounts(
    db,
    DEMO_SUBSCRIBERS.filter((s) => s.email !== 'investor@essor.demo').map((s) => ({ email: s.email, name: s.name, roles: ['investor'], locale: 'fr' })),
  );
  for (const person of DEMO_SUBSCRIBERS) {
    const who = await actorOf(db, person.email);
    await registerInvestor(db, who, who.id!, { offeringId: offering.id, fullName: person.name, address: person.address, bornOn: person.bornOn, acceptTerms: true, acceptRisk: true });
    const subscription = await subscribe(db, who, who.id!, offering.id, person.units);
    if (person.pays) {
      await confirmPayment(db, staff, subscription.id, { amountMinor: subscription.amountMinor, receivedOn: today, bankReference: `DEMO-${subscription.reference}` });
    }
  }
}
