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

const PHONE = { width: 390, height: 844 };
const CALL = /Postuler — Transformation des modèles d'affaires/;

/** The page is no wider than the screen: nothing to scroll sideways. */
async function fitsTheScreen(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await fitsTheScreen(page);
  expect(scrollWidth, `${what} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
}

it('takes a visitor from the sign-in page to an open call, through sign-up, to that call’s form, with no error in the console', async () => {
  const page = await newPage(browser, server.url);
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));

  await page.goto('/login');
  await page.getByRole('link', { name: 'Voir les appels à projets ouverts' }).click();
  await page.getByRole('heading', { name: 'Appels à projets ouverts' }).waitFor();
  const apply = page.getByRole('link', { name: CALL });
  const callPath = await apply.getAttribute('href');
  expect(callPath).toMatch(/^\/applications\/new\/[0-9a-f-]{36}$/);
  await apply.click();

  // Applying needs an account: the sign-in page says so, and its "create an account" link keeps the call.
  await page.getByText('Pour déposer votre candidature, connectez-vous ou créez un compte').waitFor();
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByText(/puis le formulaire de l'appel choisi/).waitFor();
  await page.getByLabel('Nom ou raison sociale').fill('Coopérative du Canal');
  await page.getByLabel('Courriel').fill('canal@example.org');
  await page.getByLabel('Mot de passe').fill('ruelles-vertes-et-soleil-2026');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();

  await page.getByRole('heading', { name: 'Nouvelle candidature' }).waitFor();
  expect(new URL(page.url()).pathname).toBe(callPath);
  await page.getByLabel("Nom de l'organisation").waitFor();
  // Public pages ask who is there without a 401: nothing red in the console.
  expect(consoleErrors.filter((text) => /401|Unauthorized/i.test(text))).toEqual([]);
});

it('fits the sign-in, sign-up, milestones and co-financing pages on a 390×844 phone', async () => {
  const visitor = await newPage(browser, server.url);
  await visitor.setViewportSize(PHONE);
  await visitor.goto('/login');
  await visitor.getByRole('button', { name: 'Se connecter' }).waitFor();
  await expectNoSidewaysScroll(visitor, 'the sign-in page');
  await visitor.goto('/register');
  await visitor.getByRole('button', { name: 'Créer mon compte' }).waitFor();
  await expectNoSidewaysScroll(visitor, 'the sign-up page');

  const manager = await newPage(browser, server.url);
  const refused: string[] = [];
  manager.on('response', (res) => res.status() === 403 && refused.push(res.url()));
  await signIn(manager, 'fund@essor.demo');
  await manager.setViewportSize(PHONE);
  await manager.goto('/follow-up/milestones');
  await manager.getByRole('heading', { name: 'Jalons des projets' }).waitFor();
  await manager.getByRole('table').or(manager.getByText('Aucun jalon')).first().waitFor();
  await expectNoSidewaysScroll(manager, 'the milestones page');
  await manager.goto('/funds/cofinancing');
  await manager.getByRole('heading', { name: 'Cofinancements' }).first().waitFor();
  const first = manager.getByRole('link', { name: /^#\d+$/ }).first();
  await first.waitFor();
  await expectNoSidewaysScroll(manager, 'the co-financing list');
  await first.click();
  await manager.getByText('Historique', { exact: true }).first().waitFor();
  await expectNoSidewaysScroll(manager, 'a co-financing request');
  // The milestones page asks only what a fund manager may read.
  expect(refused).toEqual([]);
});

it('shows the audit trail in words: no raw or shortened UUID', async () => {
  const admin = await newPage(browser, server.url);
  await signIn(admin, 'admin@essor.demo');
  await admin.goto('/admin/audit');
  await admin.getByRole('heading', { name: "Journal d'audit" }).waitFor();
  await admin.locator('tbody tr').first().waitFor();
  const text = await admin.locator('table').innerText();
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
  expect(text).not.toMatch(/\b[0-9a-f]{8}\b/i);
  // Actions read as words, not codes such as "application.seed".
  expect(text).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
});

it('labels the fund chart’s months in French', async () => {
  const manager = await newPage(browser, server.url);
  await signIn(manager, 'fund@essor.demo');
  await manager.getByRole('navigation').getByRole('link', { name: 'Fonds solidaires' }).click();
  await manager.getByRole('link', { name: 'Fonds de cofinancement des entreprises collectives' }).click();
  const ticks = manager.locator('svg text.recharts-cartesian-axis-tick-value');
  await ticks.first().waitFor({ state: 'attached' });
  const labels = await ticks.allTextContents();
  expect(labels.join(' ')).toMatch(/(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) 20\d\d/);
  expect(labels.join(' ')).not.toMatch(/\d{4}-\d{2}/);
});
