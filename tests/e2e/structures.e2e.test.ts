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

// One demo application, cohort and fund of each city, to look for on each page.
const MONTREAL = { application: 'Passage à l’impression écoresponsable', cohort: 'Cohorte automne 2026', fund: 'Fonds de cofinancement des entreprises collectives' };
const DAKAR = { application: 'Caisse de glace mutualisée', cohort: 'Cohorte 1', fund: "Fonds d'appui à l'équipement de base" };

async function shows(page: Page, text: string): Promise<boolean> {
  return (await page.getByText(text, { exact: true }).count()) > 0;
}

/** Opens a page from the navigation and waits for its list to have loaded (a row or the empty state). */
async function open(page: Page, link: string | RegExp, expected: string) {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: typeof link === 'string' }).first().click();
  await page.getByText(expected, { exact: true }).first().waitFor();
}

async function applicationsCohortsFunds(page: Page, own: typeof MONTREAL, other: typeof MONTREAL) {
  await open(page, 'Candidatures', own.application);
  expect(await shows(page, other.application)).toBe(false);
  await open(page, 'Cohortes', own.cohort);
  expect(await shows(page, other.cohort)).toBe(false);
  await open(page, 'Fonds solidaires', own.fund);
  expect(await shows(page, other.fund)).toBe(false);
}

async function switchTo(page: Page, structure: string | RegExp) {
  await page.getByTestId('structure-switcher').click();
  await page.getByRole('option', { name: structure }).first().click();
}

it("a Montréal staff member and a Dakar staff member each see only their own applications, cohorts and funds", async () => {
  const montreal = await newPage(browser, server.url);
  await signIn(montreal, 'ville.mtl@essor.demo');
  await applicationsCohortsFunds(montreal, MONTREAL, DAKAR);
  await montreal.context().close();

  const dakar = await newPage(browser, server.url);
  await signIn(dakar, 'staff.dkr@essor.demo');
  await applicationsCohortsFunds(dakar, DAKAR, MONTREAL);
  await dakar.context().close();
});

it('a network-level person switches between structures, and the city view sets them side by side', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'staff@essor.demo');
  await open(page, 'Candidatures', MONTREAL.application);
  expect(await shows(page, DAKAR.application)).toBe(true);

  // Switching drops what was cached under the previous choice: once the new list shows, nothing of the old one does.
  await switchTo(page, /Incubateur ESS de la Ville de Dakar/);
  await page.getByText(DAKAR.application, { exact: true }).first().waitFor();
  expect(await shows(page, MONTREAL.application)).toBe(false);

  await switchTo(page, /Incubateur central/);
  await page.getByText(MONTREAL.application, { exact: true }).first().waitFor();
  expect(await shows(page, DAKAR.application)).toBe(false);

  await switchTo(page, 'Toutes mes structures');
  await page.getByText(DAKAR.application, { exact: true }).first().waitFor();

  await open(page, "Vue d'ensemble du territoire", 'Comité provincial INDH de Chefchaouen');
  const dakarRow = page.getByRole('row', { name: /Incubateur ESS de la Ville de Dakar/ }).first();
  await dakarRow.getByRole('button', { name: 'Voir cette structure' }).click();
  await page.waitForURL(/\/applications$/);
  await page.getByText(DAKAR.application, { exact: true }).first().waitFor();
  expect(await shows(page, MONTREAL.application)).toBe(false);
});
