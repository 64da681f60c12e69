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

const FUND = "Fonds de prêts d'honneur des jeunes porteurs";

async function openClosures(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Fonds solidaires' }).click();
  await page.getByRole('link', { name: FUND }).click();
  await page.getByRole('heading', { name: FUND }).waitFor();
  await page.getByRole('tab', { name: 'Clôtures comptables' }).click();
}

it('a fund manager closes October, a second approves, and a repayment dated in October is refused naming the closing date', async () => {
  // Karima asks to close Chefchaouen's honour-loan fund up to the end of October.
  const asker = await newPage(browser, server.url);
  await signIn(asker, 'staff.indh@essor.demo');
  await openClosures(asker);
  await asker.getByLabel(/^Clôturer jusqu’au/).fill('2026-10-31');
  await asker.getByLabel(/^Note/).fill('Clôture mensuelle d’octobre');
  await asker.getByRole('button', { name: 'Demander la clôture' }).click();
  await asker.getByText('Clôture demandée : un autre gestionnaire doit l’approuver').waitFor();
  // Four eyes: whoever asked cannot approve.
  await asker.getByText('En attente d’un autre gestionnaire').waitFor();
  await expect(asker.getByRole('button', { name: 'Approuver la clôture' }).count()).resolves.toBe(0);

  // Youssef, the other fund manager of Chefchaouen, approves it.
  const approver = await newPage(browser, server.url);
  await signIn(approver, 'fonds.indh@essor.demo');
  await openClosures(approver);
  await approver.getByRole('button', { name: 'Approuver la clôture' }).click();
  await approver.getByText('Clôture approuvée : les comptes sont clôturés').waitFor();
  await approver.getByText(/Comptes clôturés jusqu’au 31 oct\. 2026 inclus/).waitFor();

  // A repayment dated in October is refused, and the message names the closing date.
  const loans = ((await (await asker.request.get('/api/funds/loans?status=active&limit=200')).json()) as { items: { id: string; fundCode: string }[] }).items;
  const loan = loans.find((l) => l.fundCode === 'FPH-CHEF')!;
  await asker.goto(`/funds/loans/${loan.id}`);
  await asker.getByRole('button', { name: 'Enregistrer un remboursement' }).click();
  const form = asker.getByRole('dialog');
  await form.getByLabel(/^Montant/).fill('1 000,00');
  await form.getByLabel(/^Payé le/).fill('2026-10-15');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await asker.getByText(/clôturés au 2026-10-31/).waitFor();
  await expect(form.isVisible()).resolves.toBe(true);
}, 120_000);
