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

/** An amount as the page shows it, in minor units: its digits (the figures here are positive). */
const minorOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

async function stat(page: Page, id: string): Promise<number> {
  return minorOf(await page.getByTestId(id).locator('[data-role="value"]').textContent());
}

async function readFigures(page: Page) {
  return { exposure: await stat(page, 'stat-exposure'), provisions: await stat(page, 'stat-provisions'), paid: await stat(page, 'stat-paid') };
}

/** Opens the dashboard; it may first show what it read before, then what the API says now: hence the polls below. */
async function dashboardFigures(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Tableau de bord du fonds de garantie' }).click();
  await page.getByTestId('stat-exposure').waitFor();
  return readFigures(page);
}

async function figure(page: Page, label: string): Promise<string> {
  return (await page.getByLabel(label, { exact: true }).textContent()) ?? '';
}

it('a fund manager approves a guarantee, the bank reports arrears, the provision appears, the bank calls, a second person approves the payout, and the dashboard follows', async () => {
  const manager = await newPage(browser, server.url);
  await signIn(manager, 'fonds.mtl@essor.demo');
  const before = await dashboardFigures(manager);
  expect(before.exposure).toBeGreaterThan(0);

  // The request the city's other fund manager prepared: 40 000.00 at 50 %, so 20 000.00 guaranteed.
  await manager.getByRole('navigation').getByRole('link', { name: 'Garanties', exact: true }).click();
  const row = manager.getByRole('row').filter({ hasText: 'Préparée' }).filter({ hasText: 'Banque coopérative de Montréal' });
  await row.getByRole('link').first().click();
  await manager.getByRole('heading', { name: /Garantie n° \d+/ }).waitFor();
  await expect.poll(() => figure(manager, 'Garanti')).toMatch(/20\s000,00/);
  await manager.getByRole('button', { name: 'Approuver', exact: true }).click();
  await manager.getByText('Garantie approuvée').waitFor();

  // The bank's report: 38 000.00 still owed, 100 days late: doubtful, 50 % of 50 % x 38 000.00 = 9 500.00 provisioned.
  await manager.getByRole('button', { name: 'Saisir un rapport' }).click();
  const report = manager.getByRole('dialog');
  await report.getByLabel(/^Capital restant dû/).fill('38 000,00');
  await report.getByLabel(/^Impayés/).fill('3 600,00');
  await report.getByLabel(/^Jours de retard/).fill('100');
  await report.getByRole('button', { name: 'Enregistrer' }).click();
  await report.waitFor({ state: 'detached' });
  await expect.poll(async () => minorOf(await figure(manager, 'Exposition'))).toBe(1_900_000);
  await expect.poll(async () => minorOf(await figure(manager, 'Provision'))).toBe(950_000);
  await manager.getByText('Douteuse').first().waitFor();
  const guaranteeUrl = manager.url();

  await dashboardFigures(manager);
  await expect.poll(() => readFigures(manager), { timeout: 10_000 }).toEqual({ exposure: before.exposure + 1_900_000, provisions: before.provisions + 950_000, paid: before.paid });

  // The bank calls with a declared loss of 30 000.00: the payout is 50 % of it, 15 000.00.
  await manager.goto(guaranteeUrl);
  await manager.getByRole('button', { name: 'Appel en garantie' }).click();
  const call = manager.getByRole('dialog');
  await call.getByLabel(/^Perte déclarée/).fill('30 000,00');
  await call.getByRole('button', { name: 'Enregistrer' }).click();
  await call.waitFor({ state: 'detached' });
  // Whoever entered the call does not approve it.
  await manager.getByText(/second gestionnaire/).first().waitFor();
  await expect(manager.getByRole('button', { name: "Approuver l'appel" }).count()).resolves.toBe(0);

  const second = await newPage(browser, server.url);
  await signIn(second, 'ville.mtl@essor.demo');
  await second.goto(guaranteeUrl);
  await second.getByRole('button', { name: "Approuver l'appel" }).click();
  await second.getByText('Appel approuvé').waitFor();
  await expect.poll(async () => minorOf(await figure(second, 'Exposition'))).toBe(0);
  await expect.poll(async () => minorOf(await figure(second, 'Provision'))).toBe(0);
  await second.getByRole('button', { name: "Payer l'appel" }).click();
  const pay = second.getByRole('dialog');
  await pay.getByRole('button', { name: 'Payer' }).click();
  await pay.waitFor({ state: 'detached' });
  await expect.poll(async () => minorOf(await figure(second, 'Payé'))).toBe(1_500_000);

  // The promise became a loss: exposure and provisions back where they were, 15 000.00 more paid.
  await dashboardFigures(manager);
  await expect.poll(() => readFigures(manager), { timeout: 10_000 }).toEqual({ exposure: before.exposure, provisions: before.provisions, paid: before.paid + 1_500_000 });
});
