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

const TITLE = 'Épicerie zéro déchet de Rosemont';
const SESSION = 'Comité de sélection — décembre 2026';

/** Opens a Mantine select by its label and clicks the options (a multi-select stays open between them). */
async function pick(page: Page, label: string | RegExp, ...options: (string | RegExp)[]) {
  await page.getByLabel(label).first().click();
  for (const option of options) await page.getByRole('option', { name: option }).first().click();
}

async function score(page: Page, email: string, scores: number[]) {
  await signIn(page, email);
  await page.getByRole('link', { name: 'Comité de sélection' }).click();
  await page.getByRole('cell', { name: SESSION }).click();
  await page.getByRole('link', { name: `Noter — ${TITLE}` }).click();
  // Before submitting, no other member's scores are shown.
  await page.getByText('Les notes des autres membres restent masquées').waitFor();
  await expect(page.getByRole('columnheader', { name: 'Nadia El Amrani' }).count()).resolves.toBe(0);
  const labels = ['Utilité sociale', 'Viabilité économique', 'Gouvernance démocratique', 'Ancrage territorial', 'Impact environnemental'];
  for (const [i, label] of labels.entries()) await page.getByLabel(label, { exact: true }).fill(String(scores[i]));
  await page.getByRole('button', { name: 'Remettre ma grille' }).click();
  await page.getByText('Grille remise').first().waitFor();
}

it('a holder registers and applies; staff screens; two committee members score; the committee accepts into a cohort; the holder sees "accepted"', async () => {
  // The holder registers and submits an application to the Montréal call.
  const holder = await newPage(browser, server.url);
  await holder.goto('/register');
  await holder.getByLabel('Nom ou raison sociale').fill('Coopérative Zéro Déchet');
  await holder.getByLabel('Courriel').fill('zero.dechet@example.org');
  await holder.getByLabel('Mot de passe').fill('panier-de-legumes-2026');
  await holder.getByRole('button', { name: 'Créer mon compte' }).click();
  await holder.getByRole('navigation').waitFor();
  await holder.getByRole('navigation').getByRole('link', { name: 'Déposer une candidature' }).click();
  await holder.getByRole('link', { name: /Postuler — Transformation des modèles d'affaires/ }).click();
  await holder.getByLabel("Nom de l'organisation").fill('Coopérative Zéro Déchet');
  await holder.getByLabel("Secteur d'activité").fill('commerce de proximité');
  await holder.getByLabel('Quartier ou commune').fill('Rosemont–La Petite-Patrie');
  await holder.getByLabel('Fondateurs et fondatrices').fill('5');
  await holder.getByLabel('dont femmes').fill('3');
  await holder.getByLabel('dont jeunes').fill('2');
  await holder.getByLabel('Titre du projet').fill(TITLE);
  await holder.getByLabel('Lieu du projet').fill('Rosemont');
  await holder.getByLabel('Budget total (CAD)').fill('85 000');
  await holder.getByLabel('Description du projet').fill('Une épicerie coopérative en vrac, sans emballage.');
  await holder.getByLabel('Accompagnement').check();
  // Every text field takes typing key by key (the motivation field used to crash the page on the first key).
  await holder.getByLabel("Présentation de l'organisation").pressSequentially('Épicerie en vrac.');
  await holder.getByLabel('Personne à contacter').pressSequentially('Léa Roy');
  await holder.getByLabel('Courriel de contact').pressSequentially('lea@example.org');
  await holder.getByLabel('Téléphone').pressSequentially('514 555 0101');
  await holder.getByLabel('Pourquoi ce programme ?').pressSequentially('Pour passer en coopérative.');
  await expect(holder.getByLabel('Pourquoi ce programme ?').inputValue()).resolves.toBe('Pour passer en coopérative.');
  await expect(holder.getByText('Erreur / Error').count()).resolves.toBe(0);
  await holder.getByRole('button', { name: 'Enregistrer et soumettre' }).click();
  await holder.getByRole('heading', { name: TITLE }).waitFor();
  await holder.getByText('Déposée', { exact: true }).first().waitFor();

  // Staff screen it against the programme's checklist and send it to the committee.
  const staff = await newPage(browser, server.url);
  await signIn(staff, 'staff@essor.demo');
  await staff.getByRole('link', { name: 'Candidatures', exact: true }).click();
  await staff.getByPlaceholder('Rechercher un projet ou une organisation').fill('zéro déchet');
  await staff.getByRole('cell', { name: new RegExp(TITLE) }).click();
  await staff.getByRole('button', { name: 'Commencer la vérification' }).click();
  await staff.getByText('Vérification', { exact: true }).first().waitFor();
  await staff.getByRole('tab', { name: 'Vérification' }).click();
  const met = staff.getByText('Rempli', { exact: true });
  await met.first().waitFor();
  for (let i = 0; i < (await met.count()); i++) await met.nth(i).click();
  await staff.getByRole('button', { name: 'Enregistrer la vérification' }).click();
  await staff.getByText('Admissible', { exact: true }).waitFor();
  await staff.getByRole('button', { name: 'Transmettre au comité' }).click();
  await staff.getByRole('button', { name: 'Retirer la candidature' }).or(staff.getByText('Étape mise à jour')).first().waitFor();

  // Staff convene a session with two committee members and the application on its agenda.
  await staff.getByRole('link', { name: 'Comité de sélection' }).click();
  await staff.getByRole('button', { name: 'Convoquer une séance' }).click();
  const dialog = staff.getByRole('dialog');
  await pick(staff, 'Programme', /MTL-TRANSFO/);
  await dialog.getByLabel('Intitulé').fill(SESSION);
  await pick(staff, 'Membres', /committee@essor\.demo/, /committee2@essor\.demo/);
  await dialog.getByLabel('Intitulé').click();
  await pick(staff, "Dossiers à l'ordre du jour", new RegExp(TITLE));
  await dialog.getByLabel('Intitulé').click();
  await dialog.getByRole('button', { name: 'Convoquer' }).click();
  await staff.getByRole('heading', { name: SESSION }).waitFor();

  // Each member scores independently; the first cannot see the second's scores before submitting.
  const first = await newPage(browser, server.url);
  await score(first, 'committee@essor.demo', [5, 4, 5, 4, 4]);
  const second = await newPage(browser, server.url);
  await score(second, 'committee2@essor.demo', [4, 4, 4, 3, 5]);
  // Once submitted, the second member sees the first one's scores and the committee's average.
  await second.getByRole('columnheader', { name: 'Nadia El Amrani' }).waitFor();
  await second.getByText(/Moyenne du comité/).waitFor();

  // Staff record the committee's decision: accepted into the autumn cohort.
  await staff.reload();
  await staff.getByText('Quorum atteint').waitFor();
  await staff.getByRole('button', { name: `Décider — ${TITLE}` }).click();
  const decision = staff.getByRole('dialog');
  await decision.getByLabel('Motifs de la décision').fill('Projet ancré dans le quartier, gouvernance coopérative exemplaire.');
  await pick(staff, "Cohorte d'accueil", /Cohorte automne 2026/);
  await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await staff.getByText('Décision enregistrée').waitFor();

  // The holder sees the application accepted, and its cohort.
  await holder.goto('/applications');
  const row = holder.getByRole('row', { name: new RegExp(TITLE) });
  await row.waitFor();
  await row.getByText('Acceptée').waitFor();
  await row.click();
  await holder.getByText('Cohorte : Cohorte automne 2026').waitFor();
});

/**
 * Drags a board card onto a column with the mouse, in small steps so the drag sensor wakes up. The drop
 * point is near the column's left edge: the board is wider than the screen, and a column's middle can lie
 * at the very edge of what is visible (or under the page's scrollbar once the page grows), where the drop
 * used to miss now and then.
 */
async function drag(page: Page, cardTitle: string, column: string) {
  const card = page.getByRole('link', { name: cardTitle }).locator('xpath=ancestor::div[starts-with(@data-testid, "card-")]');
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  const to = (await page.getByTestId(`column-${column}`).boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(to.x + 40).toBeLessThan(viewport.width - 30);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 8);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height, { steps: 5 });
  // On a loaded machine the board can take a while to notice the drag, then the hover: wait for each rather
  // than drop on a column it has not yet seen the card over.
  await card.and(page.locator('[aria-pressed="true"]')).waitFor();
  await page.mouse.move(to.x + 40, to.y + 60, { steps: 15 });
  await page.getByTestId(`column-${column}`).and(page.locator('[data-over="true"]')).waitFor();
  await page.mouse.up();
}

it('moves applications on the board by dragging, and the API refuses a move the pipeline does not allow', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'staff@essor.demo');
  await page.getByRole('link', { name: 'Tableau des candidatures' }).click();
  const submitted = 'Passage au modèle de coopérative de solidarité';
  await page.getByTestId('column-submitted').getByRole('link', { name: submitted }).waitFor();
  await drag(page, submitted, 'screening');
  await page.getByText('Candidature déplacée vers « Vérification »').waitFor();
  await page.getByTestId('column-screening').getByRole('link', { name: submitted }).waitFor();

  const draft = 'Unité de transformation de mil';
  await drag(page, draft, 'accepted');
  await page.getByText(/Le parcours ne permet pas de passer de « Brouillon » à « Acceptée »/).waitFor();
  await page.getByTestId('column-draft').getByRole('link', { name: draft }).waitFor();
});

it('shows the open calls to visitors in French and in English', async () => {
  const page = await newPage(browser, server.url);
  await page.goto('/apply');
  await page.getByRole('heading', { name: 'Appels à projets ouverts' }).waitFor();
  await page.getByRole('link', { name: /Postuler — Transformation des modèles d'affaires/ }).waitFor();
  await page.getByText('EN', { exact: true }).click();
  await page.getByRole('heading', { name: 'Open calls for projects' }).waitFor();
  await page.getByRole('link', { name: /Apply — Transformation des modèles d'affaires/ }).click();
  // Applying needs an account: the visitor is sent to sign in.
  await page.getByRole('button', { name: 'Sign in' }).or(page.getByRole('button', { name: 'Se connecter' })).waitFor();
});
