import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const sharedDir = fileURLToPath(new URL('./shared/src', import.meta.url));

export default defineConfig({
  root: 'web',
  plugins: [react()],
  resolve: { alias: { '@essor/shared': sharedDir } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, manifest: true },
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
  },
});
