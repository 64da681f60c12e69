import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAFF_SIDE_ROLES, type Role } from '@essor/shared/roles';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import {
  ACCOUNTS,
  NOT_REGISTERS,
  PARAMS,
  criticalA11y,
  fillPath,
  inspectPage,
  inspectSidebar,
  navigate,
  routerPages,
  settle,
  watchPage,
  type Language,
} from './support/walk';

/**
 * Screenshots (git-ignored, kept as the run's artefacts): of every page that reported a problem, and of every page
 * walked when ESSOR_WALK_SHOTS=1 (a full-page picture costs about as much as the rest of a visit).
 */
const SHOTS = fileURLToPath(new URL('../../test-results/walk/', import.meta.url));
const EVERY_SHOT = process.env.ESSOR_WALK_SHOTS === '1';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/**
 * French at desktop size as every role the page allows; then at phone size, in French (the longer words) and in
 * English (the other language, and its untranslated leftovers), as one of those roles: the first of PREFERRED.
 */
const PREFERRED: readonly Role[] = ['staff', 'admin', 'fund_manager', 'coach', 'committee_member', 'project_holder', 'investor'];

type Walker = Role | 'visitor';
interface Pass {
  name: string;
  language: Language;
  viewport: { width: number; height: number };
  /** Every allowed role, or only the preferred one. */
  everyRole: boolean;
  /**
   * axe-core runs in these passes only: the markup it checks does not change with the language, and at phone size
   * only the layout does (once per page keeps the walk, the longest browser test, within CI's time).
   */
  axe: boolean;
}
const PASSES: Pass[] = [
  { name: 'fr-desktop', language: 'fr', viewport: DESKTOP, everyRole: true, axe: true },
  { name: 'en-phone', language: 'en', viewport: PHONE, everyRole: false, axe: false },
];

let server: RunningServer;
let browser: Browser;
const contexts = new Map<string, BrowserContext>();
const walked: string[] = [];
/** Where the walk's time goes, in ms per phase (printed at the end: the walk is the longest browser test). */
const spent: Record<string, number> = {};
const clock = () => {
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    spent[phase] = (spent[phase] ?? 0) + (now - last);
    last = now;
  };
};
/** Pages already pictured in a pass (with ESSOR_WALK_SHOTS=1, once per page like axe). */
const shot = new Set<string>();
const skipped: string[] = [];

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  // ESSOR_WALK_URL walks a server already running on the demo data (the walk only reads) instead of starting one.
  const running = process.env.ESSOR_WALK_URL;
  [server, browser] = await Promise.all([running ? { url: running, stop: async () => undefined } : startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  const perPass = PASSES.map((pass) => `${pass.name} ${walked.filter((visit) => visit.startsWith(`${pass.name} `)).length}`).join(', ');
  console.info(`walk: ${walked.length} page visits (page x role x language x size: ${perPass}); skipped for want of demo data: ${skipped.join('; ') || 'none'}`);
  console.info(`walk time (s): ${Object.entries(spent).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)}`).join(', ')}`);
});

/** One signed-in context per walker, language and size, reused for every page of the pass. */
async function contextFor(walker: Walker, pass: Pass): Promise<BrowserContext> {
  const key = `${walker}/${pass.name}`;
  const existing = contexts.get(key);
  if (existing) return existing;
  const context = await browser.newContext({ baseURL: server.url, viewport: pass.viewport, locale: pass.language === 'fr' ? 'fr-FR' : 'en-GB' });
  await context.addInitScript((language) => localStorage.setItem('essor.language', language), pass.language);
  if (walker !== 'visitor') {
    const res = await context.request.post('/api/auth/login', { data: { email: ACCOUNTS[walker], password: 'essor-demo' } });
    if (!res.ok()) throw new Error(`${ACCOUNTS[walker]} could not sign in: ${res.status()}`);
  }
  contexts.set(key, context);
  return context;
}

function walkersOf(access: 'visitor' | readonly Role[], pass: Pass): Walker[] {
  if (access === 'visitor') return ['visitor'];
  if (pass.everyRole) return [...access];
  const one = PREFERRED.find((role) => access.includes(role));
  return one ? [one] : [];
}

/**
 * How many walkers visit at once, each in its own context. On two cores with another browser file running
 * beside the walk, more lanes only moved time from the walk to the other files (and made them flaky).
 */
const WALK_LANES = 1;

type RouterPage = ReturnType<typeof routerPages>[number];

async function walkPass(pass: Pass): Promise<string[]> {
  const failures: string[] = [];
  // axe and the sidebar look at each page once per pass (as the first role there): the layout is the same for every role.
  const looked = new Set<string>();
  const byWalker = new Map<Walker, RouterPage[]>();
  for (const entry of routerPages()) {
    for (const walker of walkersOf(entry.access, pass)) byWalker.set(walker, [...(byWalker.get(walker) ?? []), entry]);
  }
  const queue = [...byWalker.entries()];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [walker, entries] = next;
      for (const entry of entries) await visit(pass, walker, entry, looked, failures);
    }
  };
  await Promise.all(Array.from({ length: WALK_LANES }, lane));
  return failures;
}

async function visit(pass: Pass, walker: Walker, entry: RouterPage, looked: Set<string>, failures: string[]): Promise<void> {
  const lap = clock();
  const context = await contextFor(walker, pass);
  lap('sign-in');
  let url = entry.path;
  if (entry.path.includes(':')) {
    const resolve = PARAMS[entry.path];
    if (!resolve) {
      failures.push(`${entry.path}: no way to find a record for its parameters (add it to PARAMS in tests/e2e/support/walk.ts)`);
      return;
    }
    const params = await resolve(context.request).catch((error: Error) => {
      failures.push(`${walker} ${entry.path}: could not find a record for its parameters: ${error.message.split('\n')[0]}`);
      return 'failed' as const;
    });
    if (params === 'failed') return;
    if (!params) {
      if (pass.everyRole) skipped.push(`${walker} ${entry.path}`);
      return;
    }
    url = fillPath(entry.path, params);
  }
  lap('records');
  const opened = context.pages()[0];
  const page = opened ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const watch = watchPage(page, () => entry.path);
  const problems: string[] = [];
  try {
    // The first page loads the admin; the next ones are reached inside it, as a person clicking would.
    if (opened) await navigate(page, url);
    else await page.goto(url, { waitUntil: 'domcontentloaded' });
    lap('navigate');
    if (!(await settle(page, watch))) problems.push('did not settle within 15 s (requests or loaders still running)');
    lap('settle');
    const landed = new URL(page.url()).pathname;
    if (landed !== new URL(url, server.url).pathname) problems.push(`ended on ${landed} instead`);
    const seen = await inspectPage(page, pass.language, walker === 'admin');
    problems.push(...seen.problems);
    lap('inspect');
    // Lists export for the people who run the programme; a holder's own pages are not registers to export.
    const exports = walker !== 'visitor' && (STAFF_SIDE_ROLES as readonly Role[]).includes(walker);
    if (exports && seen.isList && !entry.path.includes(':') && !seen.hasExport && !NOT_REGISTERS.includes(entry.path)) {
      // Looked at once more after a moment: a page still laying out its toolbar once read as exportless.
      await page.waitForTimeout(1000);
      if (!(await inspectPage(page, pass.language, walker === 'admin')).hasExport) problems.push('a list page without CSV export');
    }
    if (!looked.has(entry.path)) {
      looked.add(entry.path);
      if (pass.viewport === DESKTOP) problems.push(...(await inspectSidebar(page)));
      lap('inspect');
      if (pass.axe) problems.push(...(await criticalA11y(page)));
      lap('axe');
    }
  } catch (error) {
    problems.push(`could not be walked: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    watch.stop();
    problems.push(...watch.problems);
  }
  if (problems.length || (EVERY_SHOT && !shot.has(`${pass.name} ${entry.path}`))) {
    shot.add(`${pass.name} ${entry.path}`);
    const file = path.join(SHOTS, pass.name, `${entry.path.replace(/^\//, '').replace(/[/:]+/g, '_') || 'home'}.${walker}.jpg`);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true, type: 'jpeg', quality: 70 }).catch(() => undefined);
    lap('screenshot');
  }
  walked.push(`${pass.name} ${walker} ${entry.path}`);
  for (const problem of new Set(problems)) {
    failures.push(`${walker} ${entry.path}: ${problem}`);
    appendFileSync(path.join(SHOTS, 'problems.txt'), `${pass.name} ${walker} ${entry.path}: ${problem}\n`);
  }
}

describe('every page the router declares', () => {
  it('has a way to find a record for each parameter and at least one role to walk it', () => {
    const pages = routerPages();
    expect(pages.length).toBeGreaterThan(30);
    for (const entry of pages) {
      if (entry.path.includes(':')) expect(PARAMS[entry.path], `PARAMS has no line for ${entry.path}`).toBeTypeOf('function');
      if (entry.access !== 'visitor') expect(entry.access.length, `${entry.path} lets no role in`).toBeGreaterThan(0);
    }
  });

  it('catches a console error, an untranslated key, a raw code, an empty table, a nameless button, platform details and a page wider than a phone', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: PHONE });
    const page = await context.newPage();
    // A page made to fail every check, served in place of the admin.
    await page.route('**/walk-fixture', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="fr"><body><header style="height:60px">Essor</header><main>
          <h1>Cohortes</h1><p>cohorts.list.title</p><p>co_financing</p><div style="width:900px">Large</div>
          <table><thead><tr><th>Nom</th></tr></thead><tbody></tbody></table><button>Export</button><button></button><input type="text"><a href="/api/docs">API</a>
          <script>console.error('boom')</script></main></body></html>`,
      }),
    );
    const watch = watchPage(page, () => '/walk-fixture');
    await page.goto('/walk-fixture');
    expect(await settle(page, watch)).toBe(true);
    const seen = await inspectPage(page, 'fr');
    const a11y = await criticalA11y(page);
    watch.stop();
    await context.close();
    expect(watch.problems).toContain('console error: boom');
    expect(seen.problems).toEqual(
      expect.arrayContaining([
        'i18n key shown: "cohorts.list.title"',
        'raw code shown: "co_financing"',
        expect.stringMatching(/^wider than the screen: 9\d\dpx on 390px \(div "Large"\)$/),
        'a table with no rows and no empty state (Nom)',
        'other language "Export" in button: "Export"',
        'platform details (database, migration, API reference) shown to someone who is not an admin',
      ]),
    );
    expect(seen).toMatchObject({ isList: true, hasExport: false });
    expect(a11y).toEqual(expect.arrayContaining([expect.stringMatching(/^axe critical: button-name/), expect.stringMatching(/^axe critical: label/)]));
  });

  for (const pass of PASSES) {
    it(`walks in ${pass.name} (${pass.everyRole ? 'every role allowed' : 'one role allowed'}) with nothing to report`, async () => {
      const failures = await walkPass(pass);
      expect(failures).toEqual([]);
    }, 600_000);
  }

  it('walked every parametrised page as at least one role', () => {
    const parametrised = routerPages().filter((entry) => entry.path.includes(':'));
    for (const entry of parametrised) {
      expect(walked.some((visit) => visit.endsWith(` ${entry.path}`)), `${entry.path} was never walked: no role sees a record for it`).toBe(true);
    }
  });
});
