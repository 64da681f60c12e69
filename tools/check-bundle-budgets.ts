import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * After `vite build`: what each page's first load downloads in JavaScript (the entry, the page's own chunk, its
 * strings, and everything they import statically), gzipped, against its budget. Exits 1 when one is passed,
 * which fails `npm run build`.
 */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface PageBudget {
  page: string;
  /** The document the server answers the page's address with: the admin's, or the visitor's public one. */
  document?: 'index.html' | 'public.html';
  /** The manifest keys fetched for the page beyond the entry: lazy page chunks and their strings (French, the default). */
  chunks: string[];
  /** The budget, gzipped JavaScript in KB (1024 bytes). */
  budgetKb: number;
  /**
   * Where a page does not yet meet its budget: today's figure, rounded up, which the build enforces so that it
   * only goes down. Remove it once the page is under budget.
   */
  ceilingKb?: number;
}

const ADMIN_KB = 250;
const PUBLIC_KB = 150;

/** The pages the issue names: the admin after sign-in (layout + home), and the public ones. */
export const PAGE_BUDGETS: PageBudget[] = [
  {
    page: '/ (admin home, signed in)',
    chunks: ['src/app/layout.tsx', 'src/features/home/pages/home-page.tsx', 'src/features/home/locales/fr.json', 'src/features/notifications/locales/fr.json'],
    budgetKb: ADMIN_KB,
  },
  { page: '/invest', document: 'public.html', chunks: ['src/features/invest/pages/offerings-page.tsx', 'src/features/invest/locales/fr.json'], budgetKb: PUBLIC_KB },
  { page: '/invest/:id', document: 'public.html', chunks: ['src/features/invest/pages/offering-page.tsx', 'src/features/invest/locales/fr.json'], budgetKb: PUBLIC_KB },
  { page: '/open-data', document: 'public.html', chunks: ['src/features/opendata/pages/open-data-page.tsx', 'src/features/opendata/locales/fr.json'], budgetKb: PUBLIC_KB },
  { page: '/open-data/:territoryId', document: 'public.html', chunks: ['src/features/opendata/pages/open-territory-page.tsx', 'src/features/opendata/locales/fr.json'], budgetKb: PUBLIC_KB },
  { page: '/apply (open calls)', document: 'public.html', chunks: ['src/features/applications/pages/calls-page.tsx', 'src/features/applications/locales/fr.json'], budgetKb: PUBLIC_KB },
  {
    page: '/applications/new/:programmeId (application form)',
    document: 'public.html',
    chunks: ['src/features/applications/pages/application-form-page.tsx', 'src/features/applications/locales/fr.json'],
    budgetKb: PUBLIC_KB,
  },
];

export interface PageSize {
  page: string;
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
  budgetKb: number;
  /** What the build enforces: the budget, or the page's ceiling until it meets it. */
  limitKb: number;
  over: boolean;
}

/** The JavaScript files a first load fetches: the document's entry's and the chunks' static imports, transitively. */
export function firstLoadFiles(manifest: Manifest, chunks: string[], document = 'index.html'): string[] {
  const entry = manifest[document]?.isEntry ? document : undefined;
  if (!entry) throw new Error(`the manifest has no entry for ${document}`);
  const seen = new Set<string>();
  const stack = [entry, ...chunks];
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    // Strings bundled with the entry have no chunk of their own.
    if (!manifest[key] && key.endsWith('.json')) continue;
    if (!manifest[key]) throw new Error(`${key} is not in the build (a page moved? update tools/check-bundle-budgets.ts)`);
    seen.add(key);
    stack.push(...(manifest[key].imports ?? []));
  }
  return [...new Set([...seen].map((key) => manifest[key].file))].filter((file) => file.endsWith('.js')).sort();
}

/** Where the build writes each document's manifest (vite.config.ts: one build per document). */
export const MANIFESTS = { 'index.html': '.vite/manifest.json', 'public.html': '.vite/manifest.public.json' } as const;

export function readManifest(dist: string, document: keyof typeof MANIFESTS = 'index.html'): Manifest {
  return JSON.parse(readFileSync(path.join(dist, MANIFESTS[document]), 'utf8')) as Manifest;
}

export function measurePages(dist: string, pages: PageBudget[] = PAGE_BUDGETS): PageSize[] {
  const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (!size) {
      const source = readFileSync(path.join(dist, file));
      size = {
        raw: source.length,
        gzip: gzipSync(source, { level: 9 }).length,
        brotli: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length,
      };
      sizes.set(file, size);
    }
    return size;
  };
  return pages.map(({ page, document = 'index.html', chunks, budgetKb, ceilingKb }) => {
    const files = firstLoadFiles(readManifest(dist, document), chunks, document);
    const total = files.map(sizeOf).reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
    const limitKb = ceilingKb ?? budgetKb;
    return { page, files, ...total, budgetKb, limitKb, over: total.gzip > limitKb * 1024 };
  });
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function budgetTable(sizes: PageSize[]): string[] {
  return [
    '| page (first load, JavaScript) | files | raw KB | gzip KB | brotli KB | budget (gzip) KB | enforced KB |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...sizes.map((s) => {
      const status = s.over ? ' **passed**' : s.gzip > s.budgetKb * 1024 ? ' (over budget)' : '';
      return `| ${s.page} | ${s.files.length} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${s.budgetKb}${status} | ${s.limitKb} |`;
    }),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? 'web/dist');
  const sizes = measurePages(dist);
  console.log(budgetTable(sizes).join('\n'));
  const over = sizes.filter((s) => s.over);
  if (over.length) {
    for (const s of over) console.error(`bundle budget passed: ${s.page} downloads ${kb(s.gzip)} KB of gzipped JavaScript, limit ${s.limitKb} KB`);
    process.exit(1);
  }
}
