import { readFile } from 'node:fs/promises';
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

async function statValue(page: Page, id: string): Promise<string> {
  return ((await page.getByTestId(id).locator('[data-role="value"]').textContent()) ?? '').trim();
}

/** Jobs created (FTE) in the demo, latest actual per project up to today: Montréal's three projects 3 + 6.5 + 3.5. */
const MONTREAL_JOBS = /^13([,.]0+)?$/;
/** The community greenhouse alone, in Le Sud-Ouest: 3. */
const SUD_OUEST_JOBS = /^3([,.]0+)?$/;

it('an elected official filters the dashboard by a district on the map, follows a fund to its projects\u2019 jobs, and downloads the council report', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'elu.mtl@essor.demo');

  await page.getByRole('navigation').getByRole('link', { name: "Tableau de bord d'impact" }).click();
  await page.getByTestId('stat-jobs').waitFor();
  await expect.poll(() => statValue(page, 'stat-jobs'), { timeout: 20_000 }).toMatch(MONTREAL_JOBS);

  // The map: a click on a borough filters the whole dashboard to it.
  const sudOuest = page.getByRole('button', { name: /^Le Sud-Ouest :/ });
  await sudOuest.waitFor();
  await sudOuest.click();
  await expect.poll(() => statValue(page, 'stat-jobs'), { timeout: 20_000 }).toMatch(SUD_OUEST_JOBS);
  await expect.poll(() => page.getByRole('combobox', { name: 'Quartier' }).inputValue().catch(() => ''), { timeout: 10_000 }).toBe('Le Sud-Ouest');
  await expect.poll(() => page.getByTestId(/^district-row-/).count()).toBe(1);

  // The council report for the year, as a PDF.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le rapport au conseil (PDF)' }).click()]);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5_000);

  // Follow the money of Montréal's co-financing fund to its projects, then to one project's jobs.
  await page.getByRole('navigation').getByRole('link', { name: "Suivi de l'argent" }).click();
  await page.getByRole('combobox', { name: 'Fonds' }).click();
  await page.getByRole('option', { name: /FCO-MTL/ }).click();
  const projectLink = page.getByRole('link', { name: /^Voir l'impact du projet / }).first();
  await projectLink.waitFor({ timeout: 20_000 });
  const title = ((await projectLink.getAttribute('aria-label')) ?? (await projectLink.textContent()) ?? '').replace(/^Voir l'impact du projet /, '');
  await projectLink.click();
  await page.getByRole('heading', { name: `Impact : ${title}` }).waitFor();
  await page.getByText('Emplois créés (ETP)').first().waitFor();
});
