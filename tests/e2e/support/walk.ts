import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isPublicShellPath } from '@essor/shared/public-shell';
import type { Role } from '@essor/shared/roles';
import type { APIRequestContext, Page } from 'playwright-core';
import { pageTable, type PageEntry } from '../../../web/src/app/route-table';
import { routeTree } from '../../../web/src/app/router';

/** Every page the router declares, with who may open it (read from the router's own guards). */
export function routerPages(): PageEntry[] {
  return pageTable(routeTree());
}

/** One demo account per role (README's table); the walk signs in once per role and reuses the session. */
export const ACCOUNTS: Record<Role, string> = {
  admin: 'admin@essor.demo',
  staff: 'staff@essor.demo',
  coach: 'coach@essor.demo',
  fund_manager: 'fund@essor.demo',
  committee_member: 'committee@essor.demo',
  elected_official: 'elected@essor.demo',
  // holder@ has a draft, a coaching plan, milestones and co-financing requests: the richest holder in the demo.
  project_holder: 'holder@essor.demo',
  investor: 'investor@essor.demo',
};

type Json = Record<string, unknown>;

async function getJson(api: APIRequestContext, url: string): Promise<unknown> {
  const res = await api.get(url);
  if (!res.ok()) return null;
  return res.json();
}

/** Rows of a list answer, whether it is `{ items }` or a bare array. */
function rowsOf(body: unknown): Json[] {
  if (Array.isArray(body)) return body as Json[];
  if (body && typeof body === 'object' && Array.isArray((body as Json).items)) return (body as Json).items as Json[];
  return [];
}

async function firstId(api: APIRequestContext, url: string, pick: (row: Json) => boolean = () => true): Promise<string | null> {
  const row = rowsOf(await getJson(api, url)).find(pick);
  return row ? String(row.id) : null;
}

async function committeeApplication(api: APIRequestContext): Promise<{ id: string; applicationId: string } | null> {
  for (const session of rowsOf(await getJson(api, '/api/committee/sessions'))) {
    const detail = (await getJson(api, `/api/committee/sessions/${String(session.id)}`)) as Json | null;
    const first = ((detail?.agenda ?? []) as Json[])[0];
    if (first) return { id: String(session.id), applicationId: String(first.applicationId) };
  }
  return null;
}

/**
 * How each parametrised page finds a real record in the demo data, asked through the API as the role
 * walking it (so each role opens a record it may see). A new page with a parameter fails the walk until it
 * gets a line here; `null` means this role sees no such record in the demo data (reported, not walked).
 */
export const PARAMS: Record<string, (api: APIRequestContext) => Promise<Record<string, string> | null>> = {
  '/applications/new/:programmeId': async (api) => {
    const id = await firstId(api, '/api/programmes/calls');
    return id ? { programmeId: id } : null;
  },
  '/applications/:id/edit': async (api) => {
    const id = await firstId(api, '/api/applications', (row) => row.status === 'draft');
    return id ? { id } : null;
  },
  '/applications/:id': async (api) => {
    const id = (await firstId(api, '/api/applications', (row) => row.status !== 'draft')) ?? (await firstId(api, '/api/applications'));
    if (id) return { id };
    const seat = await committeeApplication(api);
    return seat ? { id: seat.applicationId } : null;
  },
  '/coaching/sessions/:id': async (api) => {
    // The calendar answers at most 93 days at a time: look around today, then further back.
    const day = 86_400_000;
    for (let back = 0; back < 4; back++) {
      const to = new Date(Date.now() + 46 * day - back * 92 * day);
      const from = new Date(to.getTime() - 92 * day);
      const id = await firstId(api, `/api/coaching/sessions?from=${from.toISOString()}&to=${to.toISOString()}`);
      if (id) return { id };
    }
    return null;
  },
  '/cohorts/:id': async (api) => {
    const id = await firstId(api, '/api/cohorts');
    return id ? { id } : null;
  },
  '/committee/:id': async (api) => {
    const id = await firstId(api, '/api/committee/sessions');
    return id ? { id } : null;
  },
  '/committee/:id/applications/:applicationId': committeeApplication,
  '/programmes/:id': async (api) => {
    const id = await firstId(api, '/api/programmes');
    return id ? { id } : null;
  },
  '/projects/:id/impact': async (api) => {
    const id = await firstId(api, '/api/projects');
    return id ? { id } : null;
  },
  '/territory/inventory/:id': async (api) => {
    const id = await firstId(api, '/api/territory/inventory');
    return id ? { id } : null;
  },
  '/open-data/:territoryId': async (api) => {
    const id = await firstId(api, '/api/open-data/territories');
    return id ? { territoryId: id } : null;
  },
  '/projects/:id': async (api) => {
    const id = await firstId(api, '/api/projects');
    return id ? { id } : null;
  },
  '/funds/cofinancing/:id': async (api) => {
    const id = await firstId(api, '/api/funds/cofinancing');
    return id ? { id } : null;
  },
  '/funds/loans/:id': async (api) => {
    const id = await firstId(api, '/api/funds/loans');
    return id ? { id } : null;
  },
  '/bonds/offerings/:id': async (api) => {
    const id = await firstId(api, '/api/bonds/offerings');
    return id ? { id } : null;
  },
  '/guarantees/:id': async (api) => {
    const id = await firstId(api, '/api/guarantees');
    return id ? { id } : null;
  },
  '/invest/:id': async (api) => {
    const id = await firstId(api, '/api/bonds/public/offerings');
    return id ? { id } : null;
  },
  '/funds/:id': async (api) => {
    const id = await firstId(api, '/api/funds');
    return id ? { id } : null;
  },
};

export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no value for :${name} in ${path}`);
    return value;
  });
}

/** Lists that are not registers (work queues, trees to administer, logs): the walk asks no CSV export of them. */
export const NOT_REGISTERS: readonly string[] = [
  '/funds/inbox', // what waits for this person's approval or opinion; the requests export from their lists
  '/structures', // a tree to administer, not a register: its people export from the users list
  '/admin/outbox', // a delivery log of the mail worker, read to find a message; not a register of the structure's data
  '/account/notifications', // a person's own settings, one row per kind of notice
  '/guarantees/partners', // configuration: partner banks, their agreements and the fund's policy
  '/territory/districts', // the territory's outlines, reference data; open data publishes them as GeoJSON
];

/** Requests a page is expected to see refused (path of the page, URL of the request, status). */
export const EXPECTED_REFUSALS: readonly { page: RegExp; url: RegExp; status: number }[] = [];

export interface PageWatch {
  problems: string[];
  inflight: number;
  stop(): void;
}

/** Listens to a page from before it opens: console errors, uncaught exceptions, refused requests, requests in flight. */
export function watchPage(page: Page, pagePath: () => string): PageWatch {
  const watch: PageWatch = { problems: [], inflight: 0, stop: () => undefined };
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') watch.problems.push(`console error: ${message.text().slice(0, 300)}`);
  };
  const onError = (error: Error) => watch.problems.push(`uncaught exception: ${error.message.slice(0, 300)}`);
  const onRequest = () => (watch.inflight += 1);
  const onDone = () => (watch.inflight = Math.max(0, watch.inflight - 1));
  const onResponse = (response: { status(): number; url(): string }) => {
    const status = response.status();
    if (status < 400) return;
    const url = response.url();
    const expected = EXPECTED_REFUSALS.some((rule) => rule.status === status && rule.page.test(pagePath()) && rule.url.test(url));
    if (!expected) watch.problems.push(`request answered ${status}: ${new URL(url).pathname}${new URL(url).search}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  page.on('response', onResponse);
  watch.stop = () => {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
    page.off('response', onResponse);
  };
  return watch;
}

/** Opens a path inside the running admin as its own links do (no reload): the router hears the history change. */
export async function navigate(page: Page, url: string): Promise<void> {
  // From the public document, a path it does not serve is a full page load (LeaveShell): go there as such, or the
  // load would tear down the script below while it waits.
  const pathname = new URL(url, 'http://x').pathname;
  if (!isPublicShellPath(pathname) && (await page.evaluate(() => document.documentElement.dataset.document === 'public'))) {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return;
  }
  await page.evaluate((target) => {
    window.history.pushState(null, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.scrollTo(0, 0);
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null))));
  }, url);
  // The router shows the previous page until the next one's chunk and strings have loaded: wait for the page itself.
  await page
    .waitForFunction((expected) => document.documentElement.dataset.route === expected, pathname, { timeout: 15_000, polling: 'raf' })
    .catch(() => undefined);
}

/** Waits until no request is in flight and no loader, skeleton or busy region shows, three times in a row. */
export async function settle(page: Page, watch: PageWatch, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < deadline) {
    const busy =
      watch.inflight > 0 ||
      (await page.evaluate(() =>
        Array.from(document.querySelectorAll('[aria-busy="true"], .mantine-Loader-root, .mantine-Skeleton-root')).some((el) => (el as HTMLElement).checkVisibility()),
      ));
    quiet = busy ? 0 : quiet + 1;
    if (quiet >= 3) return true;
    await page.waitForTimeout(25);
  }
  return false;
}

export type Language = 'fr' | 'en';

/** Words of the admin's chrome (buttons, headings, column heads, labels) that betray the other language. */
const OTHER_LANGUAGE_WORDS: Record<Language, readonly string[]> = {
  // shown while the admin speaks French: English chrome words
  fr: ['Save', 'Cancel', 'Search', 'Export', 'Loading', 'Edit', 'Delete', 'Close', 'Back', 'Submit', 'Download', 'Next', 'Previous', 'Status', 'Amount', 'Due', 'New', 'Home', 'Settings', 'Sign in', 'Sign out', 'Applications', 'Projects', 'Milestones', 'Coaches', 'Loans', 'Funds'],
  // shown while the admin speaks English: French chrome words
  en: ['Enregistrer', 'Annuler', 'Rechercher', 'Exporter', 'Chargement', 'Modifier', 'Supprimer', 'Fermer', 'Retour', 'Envoyer', 'Télécharger', 'Suivant', 'Précédent', 'Statut', 'Montant', 'Échéance', 'Nouveau', 'Nouvelle', 'Accueil', 'Paramètres', 'Se connecter', 'Candidatures', 'Projets', 'Jalons', 'Prêts', 'Aucun', 'Aucune'],
};

export interface Inspection {
  problems: string[];
  isList: boolean;
  hasExport: boolean;
}

/** Looks at the settled page as a person would: what it shows, where, and whether it fits. */
export async function inspectPage(page: Page, language: Language, admin = false): Promise<Inspection> {
  return page.evaluate(({ otherWords, admin }) => {
    const problems: string[] = [];
    const root = document.getElementById('root');
    if (root && (root.children.length === 0 || !root.innerText.trim())) problems.push('the page is blank: the admin did not render');
    const visible = (el: Element | null): el is HTMLElement => !!el && (el as HTMLElement).checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) === true;
    const KEY = /^[a-z]+(\.[a-zA-Z_]+)+$/;
    const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
    const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
    const seen = new Set<string>();
    const report = (text: string) => {
      if (!seen.has(text)) problems.push(text);
      seen.add(text);
    };

    // What the page says: text nodes, plus the labels people hear or see in fields.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, noscript, code, pre, textarea') || !visible(parent)) continue;
      if (KEY.test(text)) report(`i18n key shown: "${text}"`);
      else if (SNAKE.test(text)) report(`raw code shown: "${text}"`);
      const uuid = text.match(UUID);
      if (uuid) report(`id shown: "${text.slice(0, 80)}"`);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      if (!visible(el)) continue;
      for (const attr of ['aria-label', 'placeholder']) {
        const value = el.getAttribute(attr)?.trim();
        if (value && KEY.test(value)) report(`i18n key as ${attr}: "${value}"`);
      }
    }

    // The other language in the chrome: buttons, headings, column heads, labels, tabs, navigation.
    const chrome = Array.from(document.querySelectorAll('button, th, label, h1, h2, h3, [role="tab"], nav a, a.mantine-Button-root'));
    for (const el of chrome) {
      if (!visible(el)) continue;
      const text = (el as HTMLElement).innerText?.trim() ?? '';
      for (const word of otherWords) {
        if (new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text)) report(`other language "${word}" in ${el.tagName.toLowerCase()}: "${text.slice(0, 80)}"`);
      }
    }

    // Fits the screen: nothing to scroll sideways, nothing spilling out of the header.
    const width = window.innerWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (scrollWidth > width + 1) {
      // Name the outermost element that sticks out, so the failure says where to look.
      const culprit = Array.from(document.querySelectorAll('body *')).find((el) => {
        const parent = el.parentElement;
        return visible(el) && el.getBoundingClientRect().right > width + 1 && !!parent && parent.getBoundingClientRect().right <= width + 1;
      }) as HTMLElement | undefined;
      const where = culprit ? ` (${culprit.tagName.toLowerCase()}${culprit.className ? `.${String(culprit.className).split(' ')[0]}` : ''} "${culprit.innerText?.trim().slice(0, 40).replace(/\s+/g, ' ') ?? ''}")` : '';
      report(`wider than the screen: ${scrollWidth}px on ${width}px${where}`);
    }
    const header = document.querySelector('header');
    if (header && visible(header)) {
      const box = header.getBoundingClientRect();
      for (const el of Array.from(header.querySelectorAll('*'))) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.bottom > box.bottom + 1 || r.top < box.top - 1 || r.right > width + 1 || r.left < -1) {
          report(`header content spills out: ${el.tagName.toLowerCase()} "${(el as HTMLElement).innerText?.trim().slice(0, 40) ?? ''}"`);
          break;
        }
      }
      const title = document.querySelector('main h1');
      if (title && visible(title) && window.scrollY === 0 && title.getBoundingClientRect().top < box.bottom - 1) report('the header covers the page title');
    }

    // The platform's insides (database, migrations, API reference) are for admins only.
    if (!admin) {
      const docs = Array.from(document.querySelectorAll('a[href^="/api/docs"], a[href^="/api/openapi"]')).some(visible);
      if (docs || /\bPGlite\b|\bmigration \d{4}_/i.test(document.body.innerText)) report('platform details (database, migration, API reference) shown to someone who is not an admin');
    }

    // A table with no rows is an empty list without its empty state.
    const tables = Array.from(document.querySelectorAll('main table')).filter(visible);
    for (const table of tables) {
      if (table.querySelectorAll('tbody tr').length === 0) report(`a table with no rows and no empty state (${(table.querySelector('th') as HTMLElement | null)?.innerText ?? ''})`);
    }

    const exportLink = Array.from(document.querySelectorAll('main a, main button')).some(
      (el) => visible(el) && (/\bCSV\b/.test((el as HTMLElement).innerText) || /\.csv(\?|$)/.test(el.getAttribute('href') ?? '')),
    );
    return { problems, isList: tables.length > 0 || !!document.querySelector('main [data-list]'), hasExport: exportLink };
  }, { otherWords: OTHER_LANGUAGE_WORDS[language], admin });
}

/** On a long page the sidebar's background reaches the bottom of the screen once scrolled down. */
export async function inspectSidebar(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const navbar = document.querySelector('.mantine-AppShell-navbar') as HTMLElement | null;
    if (!navbar || !navbar.checkVisibility()) return [];
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    const bottom = navbar.getBoundingClientRect().bottom;
    window.scrollTo(0, 0);
    return bottom < window.innerHeight - 1 ? [`the sidebar stops ${Math.round(window.innerHeight - bottom)}px above the bottom of the screen`] : [];
  });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; critical violations only (missing names on fields and buttons, and the like). */
export async function criticalA11y(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    // Contrast is never "critical" in axe and is by far its slowest rule: left out of a critical-only gate.
    const result = await axe.run(document, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
    return result.violations.filter((v) => v.impact === 'critical').map((v) => `${v.id} on ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations.map((v) => `axe critical: ${v}`);
}
