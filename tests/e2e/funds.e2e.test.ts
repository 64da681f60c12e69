import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newPage, signIn } from './support/browser';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cad = (amount: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'CAD' }).format(amount);

/** The value of one figure card on the fund dashboard, as a person reads it. */
async function figure(page: Page, label: string): Promise<string> {
  return (await page.getByLabel(label, { exact: true }).textContent()) ?? '';
}

async function openFundDashboard(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Fonds solidaires' }).click();
  await page.getByRole('link', { name: 'Fonds de cofinancement des entreprises collectives' }).click();
  await page.getByRole('heading', { name: 'Fonds de cofinancement des entreprises collectives' }).waitFor();
}

it('staff prepare a co-financing, a fund manager approves it from the inbox, a tranche is paid, the dashboard shows it', async () => {
  const manager = await newPage(browser, server.url);
  await signIn(manager, 'fund@essor.demo');
  await openFundDashboard(manager);
  await expect.poll(() => figure(manager, 'Décaissé'), { timeout: 10_000 }).toBe(cad(95_000));
  await expect.poll(() => figure(manager, 'Disponible'), { timeout: 10_000 }).toBe(cad(655_000));

  // Staff open the request and prepare the recommendation.
  const staff = await newPage(browser, server.url);
  await signIn(staff, 'staff@essor.demo');
  await staff.getByRole('navigation').getByRole('link', { name: 'Cofinancements' }).click();
  await staff.getByRole('button', { name: 'Nouvelle demande' }).click();
  const form = staff.getByRole('dialog');
  await form.getByLabel(/^Fonds/).click();
  await staff.getByRole('option', { name: /Fonds de cofinancement des entreprises collectives/ }).click();
  await form.getByLabel(/^Projet/).click();
  await staff.getByRole('option', { name: /Atelier de réparation et boutique solidaire/ }).click();
  await form.getByLabel(/^Montant demandé/).fill('15 000,00');
  await form.getByLabel(/^Objet/).fill('Outillage de l’atelier de réparation');
  await form.getByRole('button', { name: 'Créer la demande' }).click();
  await staff.getByRole('heading', { name: /Cofinancement n° \d+ : Atelier de réparation/ }).waitFor();
  const url = staff.url();
  await staff.getByRole('button', { name: 'Préparer la recommandation' }).click();
  const prepare = staff.getByRole('dialog');
  await prepare.getByLabel(/^Recommandation/).fill('Atelier rentable dès la deuxième année ; outillage indispensable.');
  await prepare.getByRole('button', { name: 'Transmettre pour décision' }).click();
  await staff.getByText('Recommandation enregistrée').waitFor();
  // Staff cannot decide: no approval button for them.
  await expect(staff.getByRole('button', { name: 'Approuver et engager' }).count()).resolves.toBe(0);

  // The fund manager finds it in the inbox and approves it.
  await manager.getByRole('navigation').getByRole('link', { name: 'Décisions à prendre' }).click();
  const row = manager.getByRole('row', { name: /Atelier de réparation et boutique solidaire/ }).filter({ hasText: cad(15_000) });
  await row.getByRole('link').click();
  expect(manager.url()).toBe(url);
  await manager.getByRole('button', { name: 'Approuver et engager' }).click();
  await manager.getByText('Demande approuvée : le montant est engagé').waitFor();
  await manager.getByRole('button', { name: 'Enregistrer la signature de la convention' }).click();
  await manager.getByText(/^Convention signée le/).waitFor();
  await manager.getByRole('button', { name: 'Décaisser la tranche 1' }).click();
  await manager.getByText('Tranche 1 décaissée et passée au grand livre').waitFor();
  await manager.getByText('Tranche décaissée', { exact: true }).waitFor();

  // The dashboard reads the new figures from the ledger.
  await openFundDashboard(manager);
  await expect.poll(() => figure(manager, 'Décaissé'), { timeout: 10_000 }).toBe(cad(110_000));
  await expect.poll(() => figure(manager, 'Engagé'), { timeout: 10_000 }).toBe(cad(160_000));
  await expect.poll(() => figure(manager, 'Disponible'), { timeout: 10_000 }).toBe(cad(640_000));
});
