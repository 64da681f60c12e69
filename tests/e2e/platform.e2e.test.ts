import type { Browser } from 'playwright-core';
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

it('an admin signs in, switches to English, invites a user and finds the action in the audit log', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'admin@essor.demo');
  // The home page comes after the frame (pages and their strings load on demand): wait for it.
  await page.getByRole('heading', { name: /Bonjour/ }).waitFor();

  await page.getByRole('banner').getByText('EN', { exact: true }).click();
  await page.getByRole('heading', { name: /Hello/ }).waitFor();

  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Invite someone' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Full name').fill('Awa Ndiaye');
  await dialog.getByLabel('Email').fill('awa.ndiaye@example.org');
  await dialog.getByLabel('Coach').check();
  await dialog.getByRole('button', { name: 'Send the invitation' }).click();
  const link = await dialog.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invitation\?token=/);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('cell', { name: /Awa Ndiaye/ }).waitFor();

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByPlaceholder('Action (e.g. user.)').fill('user.invite');
  // The action reads in words; its code stays in the tooltip and the drawer.
  const row = page.getByRole('row', { name: /Person invited/ });
  await row.waitFor();
  // The actor reads as a name (the admin's, from the demo), the e-mail in the drawer.
  await expect(row.textContent()).resolves.toContain('Aïcha Benali');
  await row.click();
  await page.getByRole('dialog').getByText('awa.ndiaye@example.org').waitFor();
  await page.getByRole('dialog').getByText('user.invite', { exact: true }).waitFor();
  await page.getByRole('dialog').getByText('Aïcha Benali (admin@essor.demo)').waitFor();

  // The invitation link lets the person in with the role the admin gave.
  const invitee = await newPage(browser, server.url);
  await invitee.goto(link);
  await invitee.getByLabel('Mot de passe').fill('awa-password-2026');
  await invitee.getByRole('button', { name: 'Activer mon compte' }).click();
  await invitee.getByText('Accompagnateur').first().waitFor();
});

it('refuses a page to a role it is not for, in the browser too', async () => {
  const page = await newPage(browser, server.url);
  await signIn(page, 'holder@essor.demo');
  await expect(page.getByRole('link', { name: 'Utilisateurs' }).count()).resolves.toBe(0);
  await page.goto('/admin/users');
  await page.getByText('Accès réservé').waitFor();
});
