import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
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

const PHONE = { width: 390, height: 844 };
const TITLE = 'Obligations du Café de la Petite-Patrie';

/** Someone calling the API as a signed-in person would: session cookie and CSRF token, as the admin sends them. */
async function apiAs(email: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'essor-demo' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return JSON.parse(text) as T;
  };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

it('takes a person from the public page on a phone to a certificate: subscribe, pay by bank statement, close', async () => {
  // Staff prepare a small offering next to the demo one (same issuer and trust account); a fund manager approves and opens it.
  const staff = await apiAs('staff@essor.demo');
  const manager = await apiAs('fund@essor.demo');
  const demo = await staff<{ items: { issuerProjectId: string; trustFundId: string; code: string }[] }>('GET', '/api/bonds/offerings?q=OBL-RECYCLERIE');
  const { issuerProjectId, trustFundId } = demo.items[0];
  const offering = await staff<{ id: string }>('POST', '/api/bonds/offerings', {
    issuerProjectId,
    trustFundId,
    code: 'OBL-PETITE-PATRIE',
    title: TITLE,
    summaryFr: 'Un café coopératif : 100 $ l’obligation, 4 % par an, sur 3 ans.',
    summaryEn: 'A co-operative café: $100 a bond, 4% a year, over 3 years.',
    noticeFr: 'Dette non garantie de l’émetteur.',
    noticeEn: 'Unsecured debt of the issuer.',
    useOfFunds: 'La machine à café et le comptoir.',
    impactAim: 'Trois emplois.',
    unitPriceMinor: 10_000,
    maxUnits: 4,
    minUnits: 2,
    minUnitsPerPerson: 1,
    maxUnitsPerPerson: 4,
    rateBps: 400,
    termMonths: 36,
    couponFrequency: 'annual',
    dayCount: 'act_365_fixed',
    opensOn: day(0),
    closesOn: day(30),
    paymentDays: 10,
  });
  await staff('POST', `/api/bonds/offerings/${offering.id}/submit`, {});
  await manager('POST', `/api/bonds/offerings/${offering.id}/approve`, { note: 'Notice relue' });
  await manager('POST', `/api/bonds/offerings/${offering.id}/open`, {});

  // A visitor on a phone browses the open offerings without an account.
  const phone = await newPage(browser, server.url);
  await phone.setViewportSize(PHONE);
  // Its first visit gets the lighter public document: only the visitor's pages, never the admin's code.
  const scripts: Promise<{ file: string; gzipped: number }>[] = [];
  const countScript = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(response.body().then((body) => ({ file: new URL(response.url()).pathname.slice(1), gzipped: gzipSync(body).length })));
  };
  phone.on('response', countScript);
  await phone.goto('/invest');
  await phone.getByRole('heading', { name: 'Obligations communautaires', level: 1 }).waitFor();
  phone.off('response', countScript);
  const loaded = await Promise.all(scripts);
  const admin = JSON.parse(await readFile('web/dist/.vite/manifest.json', 'utf8')) as Record<string, { file: string }>;
  const publicEntry = (JSON.parse(await readFile('web/dist/.vite/manifest.public.json', 'utf8')) as Record<string, { file: string }>)['public.html'].file;
  expect(loaded.map((script) => script.file)).toContain(publicEntry);
  expect(loaded.map((script) => script.file)).not.toContain(admin['index.html'].file);
  expect(loaded.map((script) => script.file)).not.toContain(admin['src/app/layout.tsx'].file);
  const transferred = loaded.reduce((sum, script) => sum + script.gzipped, 0);
  expect(transferred).toBeGreaterThan(50 * 1024);
  expect(transferred, 'JavaScript for the first page, gzipped').toBeLessThanOrEqual(150 * 1024);
  await phone.locator('article', { hasText: TITLE }).getByRole('link', { name: "Voir l'offre" }).click();
  await phone.getByRole('heading', { name: TITLE }).waitFor();
  await phone.getByText('Investir comporte des risques').first().waitFor();
  const { scrollWidth, innerWidth } = await phone.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

  // Subscribing needs an investor account: sign-up brings the person back to the offering.
  await phone.getByRole('link', { name: 'Créer un compte investisseur' }).click();
  await phone.getByLabel('Courriel').waitFor();
  await phone.getByLabel(/Nom/).first().fill('Amina Diallo');
  await phone.getByLabel('Courriel').fill('amina.diallo@example.org');
  await phone.getByLabel('Mot de passe').fill('cafe-du-quartier-et-soleil-2026');
  await phone.getByRole('button', { name: 'Créer mon compte' }).click();
  await phone.getByRole('heading', { name: TITLE }).waitFor();

  await phone.getByLabel('Nom complet').fill('Amina Diallo');
  await phone.getByLabel('Adresse postale').fill('6800 rue Saint-Denis, Montréal (Québec) H2S 2S2');
  await phone.getByLabel('Date de naissance').fill('1990-05-14');
  await phone.getByLabel("J'ai lu la notice et j'accepte les conditions de l'offre.").check();
  await phone.getByLabel("J'ai lu l'avertissement sur les risques et je comprends que je peux perdre l'argent investi.").check();
  await phone.getByRole('button', { name: 'Continuer' }).click();
  await phone.getByLabel('Nombre de titres').fill('4');
  await phone.getByRole('button', { name: 'Confirmer ma souscription' }).click();
  await phone.getByText('Instructions de paiement').waitFor();
  await phone.getByText(/Vos 4 titres sont réservés/).waitFor();
  // The reference as the page prints it, grouped by four, is what the person types on the transfer.
  const printed = (await phone.locator('body').innerText()).match(/RF\d{2}(?: [0-9A-Z]{1,4})+/);
  expect(printed, 'payment reference on the page').not.toBeNull();
  const reference = printed![0];

  // The treasurer imports the trust account's statement: the credit matches, and posting pays the subscription.
  const treasurer = await newPage(browser, server.url);
  await signIn(treasurer, 'staff@essor.demo');
  await treasurer.goto('/bonds/statements');
  await treasurer.getByRole('combobox', { name: 'Compte en fiducie' }).click();
  await treasurer.getByRole('option', { name: /Fiducie des obligations communautaires de Montréal|FID-MTL/ }).click();
  const statement = `Date;Montant;Libellé;Donneur d'ordre\n${day(0).split('-').reverse().join('/')};400,00;VIREMENT ${reference};Amina Diallo\n`;
  await treasurer.locator('input[type=file]').setInputFiles({ name: 'releve.csv', mimeType: 'text/csv', buffer: Buffer.from(statement) });
  await treasurer.getByRole('button', { name: 'Lire le relevé' }).click();
  await treasurer.getByText('Rapproché').first().waitFor();
  await treasurer.getByRole('button', { name: /Comptabiliser 1 paiement/ }).click();
  await treasurer.getByText(/1 paiement comptabilisé/).first().waitFor();

  // Every unit is paid: staff close the offering, and the bonds are numbered and allotted.
  await treasurer.goto(`/bonds/offerings/${offering.id}`);
  await treasurer.getByRole('button', { name: 'Clôturer', exact: true }).click();
  await treasurer.getByText(/4 unités payées : les obligations seront numérotées/).waitFor();
  await treasurer.getByRole('button', { name: 'Clôturer maintenant' }).click();
  await treasurer.getByText('Offre clôturée').waitFor();

  // The investor finds the bonds in their space and downloads the certificate.
  await phone.goto('/my/bonds');
  await phone.getByText('Obligations n° 1 à 4').waitFor();
  const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('link', { name: 'Certificat (PDF)' }).click()]);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
}, 180_000);
