import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { launchBrowser, newPage } from './support/browser';
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

it('a holder resets a forgotten password from the sign-in page with the link the mail server received', async () => {
  const page = await newPage(browser, server.url);
  await page.goto('/login');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  // The page loads on demand: until its heading shows, the e-mail field on screen is still the sign-in form's.
  await page.getByRole('heading', { name: 'Mot de passe oublié ?' }).waitFor();
  await page.getByLabel('Courriel').fill('holder@essor.demo');
  await page.getByRole('button', { name: 'M’envoyer un lien' }).click();
  await page.getByRole('status').getByText(/un lien pour choisir un nouveau mot de passe est en route/).waitFor();

  // The demo's own events (coaching sessions booked for this holder) may have sent mail before: wait for the reset.
  const mail = await smtp.waitFor((m) => m.to.includes('holder@essor.demo') && m.text.includes('/reset-password?token='), 30_000);
  expect(mail.subject).toBe('Essor : choisir un nouveau mot de passe');
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(link?.startsWith(server.url)).toBe(true);

  await page.goto(link!);
  await page.getByLabel('Nouveau mot de passe').fill('holder-new-passphrase-2026');
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await page.getByRole('status').getByText('Votre mot de passe est changé. Connectez-vous avec.').waitFor();
  await page.getByRole('link', { name: 'Se connecter' }).click();

  await page.getByLabel('Courriel').fill('holder@essor.demo');
  await page.getByLabel('Mot de passe').fill('holder-new-passphrase-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/');

  // The link worked once: opened again, it says so and offers a new one.
  const again = await newPage(browser, server.url);
  await again.goto(link!);
  await again.getByLabel('Nouveau mot de passe').fill('another-passphrase-2027');
  await again.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await again.getByRole('alert').getByText(/Ce lien a déjà servi/).waitFor();
  await again.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
});
