import { and, eq } from 'drizzle-orm';
import type { Db } from '../api/src/db/client';
import { users } from '../api/src/db/schema/auth';
import { bondInvestors, bondStatementImports, bondSubscriptions } from '../api/src/db/schema/bonds';
import { funds } from '../api/src/db/schema/funds';
import { systemUser } from '../api/src/lib/scope';
import { displayReference } from '../api/src/modules/bonds/references';
import { previewStatement } from '../api/src/modules/bonds/statements';
import { todayUtc } from '../api/src/modules/ledger/public';

/**
 * The Montréal trust account's statement of the last days, read into a preview waiting to be posted:
 * Samuel Okafor's transfer (his reference written in lowercase, in groups) matches his reservation; a
 * credit without a reference and the bank's fee wait for a person. Through the service, as staff would.
 */
export async function seedBondStatements(db: Db): Promise<void> {
  const [trust] = await db.select().from(funds).where(eq(funds.code, 'FID-MTL'));
  if (!trust) return;
  const [existing] = await db.select({ id: bondStatementImports.id }).from(bondStatementImports).where(eq(bondStatementImports.trustFundId, trust.id));
  if (existing) return;
  const [samuel] = await db
    .select({ reference: bondSubscriptions.reference, amountMinor: bondSubscriptions.amountMinor })
    .from(bondSubscriptions)
    .innerJoin(bondInvestors, eq(bondInvestors.id, bondSubscriptions.investorId))
    .where(and(eq(bondInvestors.fullName, 'Samuel Okafor'), eq(bondSubscriptions.status, 'reserved')));
  if (!samuel) return;
  const [staff] = await db.select().from(users).where(eq(users.email, 'staff@essor.demo'));
  const day = todayUtc().split('-').reverse().join('/');
  const euros = (minor: number) => `${Math.floor(minor / 100)},${String(minor % 100).padStart(2, '0')}`;
  const csv = [
    'Date opération;Libellé;Débit;Crédit',
    `${day};VIR SEPA SAMUEL OKAFOR ${displayReference(samuel.reference).toLowerCase()};;${euros(samuel.amountMinor)}`,
    `${day};VIR M. LAVOIE OBLIGATIONS RECYCLERIE;;150,00`,
    `${day};FRAIS DE TENUE DE COMPTE;4,95;`,
  ].join('\r\n');
  const user = await systemUser(db, { id: staff.id, email: staff.email, name: staff.name });
  await previewStatement(db, { id: staff.id, email: staff.email, requestId: null }, user, {
    trustFundId: trust.id,
    fileName: 'releve-fiducie-mtl.csv',
    contentBase64: Buffer.from(`${csv}\r\n`, 'latin1').toString('base64'),
  });
}
