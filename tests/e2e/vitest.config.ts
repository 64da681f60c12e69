import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: { alias: { '@essor/shared': fileURLToPath(new URL('../../shared/src', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A click's round trip through the real API takes more than a second on a loaded machine (one second is vitest's default).
    expect: { poll: { timeout: 10_000 } },
    // Each file starts its own server and browser; two at once is what two cores carry.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
