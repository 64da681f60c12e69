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

/** Yesterday at 06:00 in the browser's time zone, as a datetime-local value: before any demo session of the day. */
function yesterdayEarly(): string {
  const d = new Date(Date.now() - 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T06:00`;
}

const NOTE = 'Les deux fondatrices ne s’entendent pas sur la part vendue aux restaurants';

it('a coach logs a session with two action items; staff sees the hours against the plan; the holder sees the items, never the notes', async () => {
  const staff = await newPage(browser, server.url);
  await signIn(staff, 'staff@essor.demo');
  await staff.getByRole('link', { name: "Plans d'accompagnement" }).click();
  const serre = staff.getByTestId('plan-card').filter({ hasText: 'Serre communautaire quatre saisons' });
  await expect(serre.getByTestId('hours-mentoring').textContent()).resolves.toBe('4 h sur 15 h');

  const coach = await newPage(browser, server.url);
  await signIn(coach, 'coach@essor.demo');
  await coach.getByRole('link', { name: 'Mes séances' }).click();
  await coach.getByRole('button', { name: 'Consigner une séance' }).click();
  const form = coach.getByRole('dialog');
  await form.getByRole('combobox', { name: 'Cohorte' }).selectOption({ label: "Transformation des modèles d'affaires · Cohorte automne 2026" });
  await form.getByRole('combobox', { name: 'Projet' }).selectOption({ label: 'Serre communautaire quatre saisons · Coopérative Les Jardins du Sud' });
  await form.getByRole('combobox', { name: "Type d'accompagnement" }).selectOption({ label: 'Mentorat' });
  await form.getByLabel('Objet de la séance').fill('Point sur la vente aux restaurants');
  await form.getByLabel('Début').fill(yesterdayEarly());
  await form.getByLabel('Durée (minutes)').fill('90');
  await form.getByText('À distance', { exact: true }).click();
  await form.getByRole('textbox', { name: 'Lieu', exact: true }).fill('Visioconférence');
  await form.getByLabel('La séance a eu lieu').check();
  await form.getByLabel('Notes confidentielles').fill(NOTE);
  await form.getByLabel('Décisions').fill('Limiter les restaurants à un tiers de la production.');
  await form.getByRole('button', { name: 'Ajouter une action' }).click();
  await form.getByRole('button', { name: 'Ajouter une action' }).click();
  await form.getByLabel('Action', { exact: true }).nth(0).fill('Signer une entente avec le restaurant Le Vin Papillon');
  await form.getByLabel('Responsable').nth(0).fill('Coordonnatrice');
  await form.getByLabel('Échéance').nth(0).fill('2099-01-15');
  await form.getByLabel('Action', { exact: true }).nth(1).fill('Calculer la marge par canal de vente');
  await form.getByLabel('Responsable').nth(1).fill('Trésorier');
  await form.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await form.waitFor({ state: 'hidden' });
  await coach.getByRole('tab', { name: /Passées/ }).click();
  await coach.getByText('Point sur la vente aux restaurants').first().click();
  await coach.getByText('Calculer la marge par canal de vente', { exact: true }).waitFor();
  await expect(coach.getByLabel('Notes confidentielles').inputValue()).resolves.toBe(NOTE);

  await staff.reload();
  await expect(serre.getByTestId('hours-mentoring').textContent()).resolves.toBe('5 h 30 sur 15 h');

  const holder = await newPage(browser, server.url);
  await signIn(holder, 'holder@essor.demo');
  await holder.getByRole('link', { name: 'Mon accompagnement' }).click();
  await holder.getByText('Signer une entente avec le restaurant Le Vin Papillon', { exact: true }).waitFor();
  await holder.getByText('Calculer la marge par canal de vente', { exact: true }).waitFor();
  await holder.getByText('Point sur la vente aux restaurants').first().waitFor();
  await expect(holder.locator('body').textContent()).resolves.not.toContain('fondatrices ne s’entendent');

  // The holder ticks one item done; the coach's session shows it.
  await holder.getByRole('checkbox', { name: 'Calculer la marge par canal de vente' }).click();
  await expect.poll(() => holder.getByRole('checkbox', { name: 'Calculer la marge par canal de vente' }).isChecked()).toBe(true);
  await coach.reload();
  await expect.poll(() => coach.getByRole('checkbox', { name: 'Calculer la marge par canal de vente' }).isChecked()).toBe(true);
});
