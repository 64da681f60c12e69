import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLoadFiles, MANIFESTS, measurePages, PAGE_BUDGETS, readManifest, type Manifest } from '../../tools/check-bundle-budgets';
import { compressAssets } from '../../tools/compress-assets';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
const checker = path.join(ROOT, 'tools/check-bundle-budgets.ts');
const runChecker = (dist: string) => spawnSync(tsx, [checker, dist], { cwd: ROOT, encoding: 'utf8' });

/** Bytes gzip cannot shrink, so a chunk's gzipped size is known in advance (the checker reads bytes, not code). */
const incompressible = (bytes: number) => randomBytes(bytes);

/**
 * A build of the pages the checker knows, in its two documents (the admin's and the public one): 50 KB shared by
 * all, and `pageKb` KB of each page's own chunk.
 */
function syntheticBuild(pageKb: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'essor-budget-'));
  mkdirSync(path.join(dir, 'assets'));
  mkdirSync(path.join(dir, '.vite'));
  writeFileSync(path.join(dir, 'assets/index.js'), incompressible(10 * 1024));
  writeFileSync(path.join(dir, 'assets/vendor.js'), incompressible(40 * 1024));
  for (const document of Object.keys(MANIFESTS) as (keyof typeof MANIFESTS)[]) {
    const manifest: Manifest = { [document]: { file: 'assets/index.js', isEntry: true, imports: ['_vendor.js'] }, '_vendor.js': { file: 'assets/vendor.js' } };
    for (const key of new Set(PAGE_BUDGETS.filter((page) => (page.document ?? 'index.html') === document).flatMap((page) => page.chunks))) {
      // Strings stay in the entry here (no chunk of their own), as before they were split out.
      if (key.endsWith('.json')) continue;
      const file = `assets/${path.basename(key, '.tsx')}.js`;
      manifest[key] = { file, isDynamicEntry: true, imports: ['_vendor.js'] };
      writeFileSync(path.join(dir, file), incompressible(pageKb * 1024));
    }
    writeFileSync(path.join(dir, MANIFESTS[document]), JSON.stringify(manifest));
  }
  return dir;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the budget check', () => {
  it('counts the entry, the page chunks and their static imports once each', () => {
    const manifest: Manifest = {
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_a.js'], dynamicImports: ['p.tsx', 'q.tsx'] },
      '_a.js': { file: 'assets/a.js', imports: ['_b.js'] },
      '_b.js': { file: 'assets/b.js' },
      'p.tsx': { file: 'assets/p.js', isDynamicEntry: true, imports: ['_b.js', '_c.js'], dynamicImports: ['q.tsx'] },
      '_c.js': { file: 'assets/c.js' },
      'q.tsx': { file: 'assets/q.js', isDynamicEntry: true },
      'style.css': { file: 'assets/style.css' },
    };
    expect(firstLoadFiles(manifest, ['p.tsx'])).toEqual(['assets/a.js', 'assets/b.js', 'assets/c.js', 'assets/index.js', 'assets/p.js']);
    expect(() => firstLoadFiles(manifest, ['gone.tsx'])).toThrow(/gone\.tsx/);
    expect(() => firstLoadFiles(manifest, ['p.tsx'], 'public.html')).toThrow(/public\.html/);
  });

  it('fails the build (exit 1) when a page passes its budget, and names it', () => {
    // 50 KB shared + 300 KB page: every page passes its budget and its ceiling.
    const dir = syntheticBuild(300);
    made.push(dir);
    const sizes = measurePages(dir);
    expect(sizes.every((s) => s.over)).toBe(true);
    const run = runChecker(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bundle budget passed: \/invest downloads 3\d\d\.\d KB/);
  });

  it('passes (exit 0) when every page is under its limit', () => {
    // 50 KB shared + 40 KB per page: the admin page (layout + home) is 130 KB, a public page 90 KB.
    const dir = syntheticBuild(40);
    made.push(dir);
    const sizes = measurePages(dir);
    expect(sizes.find((s) => s.page.startsWith('/invest'))!.gzip / 1024).toBeGreaterThan(88);
    expect(sizes.some((s) => s.over)).toBe(false);
    const run = runChecker(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\| \/invest \| 3 \|/);
  });
});

describe('the real build', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'essor-build-'));
    made.push(outDir);
    // The production build, as `npm run build` makes it (not the test runner's development flavour).
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.VITEST;
    execFileSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe', env });
  }, 180_000);

  it('keeps every page under its limit, the admin under 250 KB of gzipped JavaScript', () => {
    const sizes = measurePages(outDir);
    expect(sizes.filter((s) => s.over).map((s) => `${s.page}: ${(s.gzip / 1024).toFixed(1)} KB`)).toEqual([]);
    const admin = sizes.find((s) => s.page.startsWith('/ '))!;
    expect(admin.gzip).toBeLessThanOrEqual(250 * 1024);
    expect(runChecker(outDir).status).toBe(0);
  });

  it('measures the public pages in the public document, lighter than the same page inside the admin', () => {
    const sizes = measurePages(outDir);
    const publicPages = PAGE_BUDGETS.filter((page) => page.document === 'public.html');
    expect(publicPages.map((page) => page.page)).toEqual(expect.arrayContaining(['/invest', '/invest/:id', '/apply (open calls)', '/open-data']));
    for (const page of publicPages) {
      const size = sizes.find((s) => s.page === page.page)!;
      expect(size.gzip, page.page).toBeLessThanOrEqual(150 * 1024);
      const inAdmin = measurePages(outDir, [{ ...page, document: 'index.html' }])[0];
      expect(size.gzip, page.page).toBeLessThan(inAdmin.gzip);
    }
    expect(readManifest(outDir, 'public.html')['public.html'].isEntry).toBe(true);
  });

  it("fetches each feature's strings on demand, and no zod: a public page's first load holds neither", () => {
    const manifest = readManifest(outDir, 'public.html');
    const strings = Object.keys(manifest).filter((key) => /^src\/features\/.+\/locales\/.+\.json$/.test(key));
    // Every feature's strings, in both languages, are chunks of their own, fetched when a page asks for them.
    expect(strings.length).toBeGreaterThanOrEqual(2 * 18);
    for (const key of strings) expect(manifest[key].isDynamicEntry, key).toBe(true);
    const invest = firstLoadFiles(manifest, ['src/features/invest/pages/offerings-page.tsx'], 'public.html');
    for (const key of strings) expect(invest, key).not.toContain(manifest[key].file);
    const loaded = invest.map((file) => readFileSync(path.join(outDir, file), 'utf8')).join('\n');
    // zod names each of its classes in a string: none is in the download.
    expect(loaded.includes('ZodObject')).toBe(false);
    expect(loaded.includes('x-csrf-token')).toBe(true);
  });

  it('writes brotli and gzip twins that decompress to the asset, none for the manifest', () => {
    compressAssets(outDir);
    const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const entry = path.join(outDir, manifest['index.html'].file);
    const source = readFileSync(entry);
    expect(brotliDecompressSync(readFileSync(`${entry}.br`)).equals(source)).toBe(true);
    expect(gunzipSync(readFileSync(`${entry}.gz`)).equals(source)).toBe(true);
    expect(readFileSync(`${entry}.br`).length).toBeLessThan(source.length / 2);
    expect(existsSync(path.join(outDir, 'index.html.br'))).toBe(true);
    expect(existsSync(path.join(outDir, '.vite/manifest.json.br'))).toBe(false);
  });
});
