import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * `npm start` runs the server from one built JavaScript file (api/dist/server.mjs) rather than through the
 * TypeScript loader: the loader's own thread and its compiled copies of every source file held about 90 MB of
 * the server's resident memory (decision 0024). The project's own code is bundled; packages stay in
 * node_modules, imported as they are.
 */
export const SERVER_BUNDLE = 'api/dist/server.mjs';

export async function buildServer(root: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: ['api/src/server.ts'],
    outfile: SERVER_BUNDLE,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer(process.cwd());
}
