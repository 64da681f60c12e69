import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { launchBrowser, newPage, signIn } from './support/browser';
import { startServer, type RunningServer } from './support/server';

let smtp: TestSmtpServer;
let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  smtp = await startSmtpServer();
  [server, browser] = await Promise.all([startServer({ env: { SMTP_URL: smtp.url } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
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

it('one Montréal fund manager prepares a co-financing, the second sees it on their home page and in the bell, approves it, the preparer is told by e-mail, a tranche is paid once the agreement is signed', async () => {
  const approver = await newPage(browser, server.url);
  await signIn(approver, 'fonds.mtl@essor.demo');
  await openFundDashboard(approver);
  await expect.poll(() => figure(approver, 'Décaissé'), { timeout: 10_000 }).toBe(cad(95_000));
  await expect.poll(() => figure(approver, 'Disponible'), { timeout: 10_000 }).toBe(cad(655_000));

  // The first fund manager opens the request and prepares the recommendation; the form offers only selected projects.
  const preparer = await newPage(browser, server.url);
  await signIn(preparer, 'ville.mtl@essor.demo');
  await preparer.getByRole('navigation').getByRole('link', { name: 'Cofinancements' }).click();
  await preparer.getByRole('button', { name: 'Nouvelle demande' }).click();
  const form = preparer.getByRole('dialog');
  await form.getByLabel(/^Fonds/).click();
  await preparer.getByRole('option', { name: /Fonds de cofinancement des entreprises collectives/ }).click();
  await form.getByLabel(/^Projet/).click();
  await preparer.getByRole('option', { name: /Atelier de réparation et boutique solidaire/ }).waitFor();
  // A refused application (Cuisine centrale pour traiteur) and a withdrawn one are not offered.
  await expect(preparer.getByRole('option', { name: /Cuisine centrale pour traiteur/ }).count()).resolves.toBe(0);
  await expect(preparer.getByRole('option', { name: /Plateforme coopérative de traduction/ }).count()).resolves.toBe(0);
  await preparer.getByRole('option', { name: /Atelier de réparation et boutique solidaire/ }).click();
  await form.getByLabel(/^Montant demandé/).fill('15 000,00');
  await form.getByLabel(/^Objet/).fill('Outillage de l’atelier de réparation');
  await form.getByRole('button', { name: 'Créer la demande' }).click();
  await preparer.getByRole('heading', { name: /Cofinancement n° \d+ : Atelier de réparation/ }).waitFor();
  const url = preparer.url();
  await preparer.getByRole('button', { name: 'Préparer la recommandation' }).click();
  const prepare = preparer.getByRole('dialog');
  await prepare.getByLabel(/^Recommandation/).fill('Atelier rentable dès la deuxième année ; outillage indispensable.');
  await prepare.getByRole('button', { name: 'Transmettre pour décision' }).click();
  await preparer.getByText('Recommandation enregistrée').waitFor();
  // Four eyes: the preparer is told why, and is offered no decision.
  await preparer.getByText(/un autre gestionnaire du fonds le décide \(quatre yeux\)/).waitFor();
  await expect(preparer.getByRole('button', { name: 'Approuver et engager' }).count()).resolves.toBe(0);

  const number = /Cofinancement n° (\d+)/.exec((await preparer.getByRole('heading', { name: /Cofinancement n° \d+/ }).textContent()) ?? '')?.[1];
  expect(number).toBeDefined();

  // The second fund manager is told: the bell names the request, the home page counts it and leads to the inbox.
  await approver.getByRole('navigation').getByRole('link', { name: 'Accueil' }).click();
  const bell = approver.getByRole('button', { name: /^Notifications : \d+ non lues?$/ });
  await bell.waitFor({ timeout: 70_000 });
  await bell.click();
  await approver.getByRole('button', { name: `Non lue : Approbation demandée : approbation d'un cofinancement n° ${number}` }).waitFor();
  await bell.click();
  await approver.getByRole('button', { name: /^Non lue : Approbation demandée/ }).first().waitFor({ state: 'hidden' });
  await approver.getByRole('link', { name: /^Approbations en attente \(quatre yeux\) : \d+$/ }).click();
  const row = approver.getByRole('row', { name: /Atelier de réparation et boutique solidaire/ }).filter({ hasText: cad(15_000) });
  await row.getByRole('link').click();
  expect(approver.url()).toBe(url);
  await approver.getByRole('button', { name: 'Approuver et engager' }).click();
  await approver.getByText('Demande approuvée : le montant est engagé').waitFor();
  // The preparer hears of the approval by e-mail, in French, from the test's own SMTP server.
  const mail = await smtp.waitFor((m) => m.to.includes('ville.mtl@essor.demo') && m.subject.startsWith('Essor : Approuvé'), 30_000);
  expect(mail.subject).toBe(`Essor : Approuvé : approbation d'un cofinancement n° ${number}`);
  expect(mail.text).toContain('fonds.mtl@essor.demo');
  // No payment before the agreement is signed: the page says so instead of offering a button the server refuses.
  await approver.getByText('Le décaissement attend la signature de la convention.').waitFor();
  await expect(approver.getByRole('button', { name: 'Décaisser la tranche 1' }).count()).resolves.toBe(0);
  await approver.getByRole('button', { name: 'Enregistrer la signature de la convention' }).click();
  await approver.getByText(/^Convention signée le/).waitFor();
  await approver.getByRole('button', { name: 'Décaisser la tranche 1' }).click();
  await approver.getByText('Tranche 1 décaissée et passée au grand livre').waitFor();
  await approver.getByText('Tranche décaissée', { exact: true }).waitFor();

  // The dashboard reads the new figures from the ledger.
  await openFundDashboard(approver);
  await expect.poll(() => figure(approver, 'Décaissé'), { timeout: 10_000 }).toBe(cad(110_000));
  await expect.poll(() => figure(approver, 'Engagé'), { timeout: 10_000 }).toBe(cad(160_000));
  await expect.poll(() => figure(approver, 'Disponible'), { timeout: 10_000 }).toBe(cad(640_000));
});
