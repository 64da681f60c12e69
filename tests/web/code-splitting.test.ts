import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Features a visitor's invest pages may use: their own, and sign-in / sign-up on the way to subscribing. */
const PUBLIC_FEATURES = ['invest'];

let outDir: string;
let manifest: Record<string, ManifestChunk>;
let publicManifest: Record<string, ManifestChunk>;

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'essor-build-'));
  // The production build, with its manifest (the chunk graph) and source maps (what each chunk holds).
  execFileSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe' });
  manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  publicManifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.public.json'), 'utf8')) as Record<string, ManifestChunk>;
}, 180_000);
afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** The chunks a page's first load fetches: the entry's and the page chunk's static imports, transitively. */
function staticClosure(keys: string[], chunks = manifest): Set<string> {
  const seen = new Set<string>();
  const stack = [...keys];
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...(chunks[key]?.imports ?? []));
  }
  return seen;
}

/** The source files bundled into a chunk, relative to the repository (read from its source map). */
function sourcesOf(key: string, chunks = manifest): string[] {
  const file = path.join(outDir, `${chunks[key].file}.map`);
  // A chunk of no source of ours (the bundler's runtime) has no map.
  if (!existsSync(file)) return [];
  const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] };
  return map.sources.map((source) => path.relative(ROOT, path.resolve(path.dirname(path.join(outDir, chunks[key].file)), source)));
}

const entryKey = () => Object.keys(manifest).find((key) => manifest[key].isEntry)!;
const bytes = (keys: Iterable<string>) => [...keys].reduce((sum, key) => sum + statSync(path.join(outDir, manifest[key].file)).size, 0);

describe('what a public invest page downloads', () => {
  const pages = ['src/features/invest/pages/offerings-page.tsx', 'src/features/invest/pages/offering-page.tsx'];

  it('gives the invest pages their own chunks, loaded on demand', () => {
    for (const page of pages) expect(manifest[page]?.isDynamicEntry, page).toBe(true);
    expect(manifest[entryKey()].dynamicImports).toEqual(expect.arrayContaining(pages));
  });

  it("holds none of the admin features' code nor the admin's layout, only their route tables and strings", () => {
    for (const page of pages) {
      const closure = staticClosure([entryKey(), page]);
      const admin = [...closure]
        .flatMap((key) => sourcesOf(key))
        .filter((source) => {
          const feature = /^web\/src\/features\/([^/]+)\/(.+)$/.exec(source);
          if (feature) return !PUBLIC_FEATURES.includes(feature[1]) && feature[2] !== 'routes.tsx' && !feature[2].startsWith('locales/');
          return source === 'web/src/app/layout.tsx' || source === 'web/src/app/nav.ts';
        });
      expect(admin, page).toEqual([]);
    }
  });

  it('leaves the pages of every admin feature in chunks of their own, fetched when opened', () => {
    const closure = staticClosure([entryKey(), ...pages]);
    const adminPages = Object.keys(manifest).filter((key) => /^src\/features\/(?!invest\/)[^/]+\/pages\//.test(key));
    expect(adminPages.length).toBeGreaterThan(30);
    for (const key of adminPages) {
      expect(manifest[key].isDynamicEntry, key).toBe(true);
      expect(closure.has(key), key).toBe(false);
    }
    // What a visitor downloads is well under half of the whole admin's code.
    const all = Object.keys(manifest).filter((key) => manifest[key].file.endsWith('.js'));
    expect(bytes(closure)).toBeLessThan(bytes(all) / 2);
  });
});

describe("the visitor's public document (public.html)", () => {
  const pages = ['src/features/invest/pages/offerings-page.tsx', 'src/features/invest/pages/offering-page.tsx', 'src/features/applications/pages/calls-page.tsx', 'src/features/opendata/pages/open-data-page.tsx'];
  const PUBLIC_ROUTE_TABLES = ['applications', 'invest', 'opendata'];

  it("holds neither the admin's route table, its data router, nor any admin page", () => {
    for (const page of pages) {
      expect(publicManifest[page]?.isDynamicEntry, page).toBe(true);
      const sources = [...staticClosure(['public.html', page], publicManifest)].flatMap((key) => sourcesOf(key, publicManifest));
      expect(sources, page).toContain('web/src/app/public-shell.tsx');
      const admin = sources.filter((source) => {
        const feature = /^web\/src\/features\/([^/]+)\/(.+)$/.exec(source);
        if (feature) return feature[2] === 'routes.tsx' ? !PUBLIC_ROUTE_TABLES.includes(feature[1]) : !PUBLIC_ROUTE_TABLES.includes(feature[1]) && !feature[2].startsWith('locales/');
        return ['web/src/app/routes.tsx', 'web/src/app/router.tsx', 'web/src/app/layout.tsx', 'web/src/app/nav.ts'].includes(source);
      });
      expect(admin, page).toEqual([]);
    }
  });
});
