import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const sharedDir = fileURLToPath(new URL('./shared/src', import.meta.url));
const webDir = fileURLToPath(new URL('./web', import.meta.url));
const zodStandIn = fileURLToPath(new URL('./web/src/lib/zod-stand-in.ts', import.meta.url));

/** The admin and the shared/ modules it loads get a no-op zod (web/src/lib/zod-stand-in.ts); unit tests keep the real one. */
const zodStandInPlugin: Plugin = {
  name: 'essor-zod-stand-in',
  enforce: 'pre',
  apply: (_config, { command, mode }) => command === 'build' || mode !== 'test',
  resolveId(source) {
    return source === 'zod' ? zodStandIn : null;
  },
};

export default defineConfig({
  root: 'web',
  plugins: [zodStandInPlugin, react()],
  resolve: { alias: { '@essor/shared': sharedDir } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, manifest: true },
  // Two documents, bundled apart so that tree-shaking keeps from react-router and Mantine only what each uses: the
  // admin (index.html) and the visitor's public pages (public.html, see shared/src/public-shell.ts), built one after
  // the other into the same folder, each with its manifest.
  environments: {
    client: { build: { rollupOptions: { input: `${webDir}/index.html` } } },
    public: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        manifest: '.vite/manifest.public.json',
        rollupOptions: {
          input: `${webDir}/public.html`,
          // What the entry imports statically is one file, not a score of small chunks each compressed on its own.
          output: { codeSplitting: { groups: [{ name: 'public-first', tags: ['$initial'] }] } },
        },
      },
    },
  },
  builder: {},
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    root: '.',
    include: ['tests/api/**/*.test.ts', 'tests/web/**/*.test.ts', 'tests/web/**/*.test.tsx', 'api/**/*.test.ts', 'shared/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    // Test files share their worker's loaded modules instead of importing the whole API again for each file
    // (about 150 s of a run): no test mocks modules or keeps state between files, each opens its own database.
    isolate: false,
  },
});
