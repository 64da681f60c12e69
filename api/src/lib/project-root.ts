import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one whose package.json names "essor"), found upwards from this file: the same whether
 * the server runs from its TypeScript sources or from the built bundle (`api/dist/server.mjs`, where every module
 * shares the bundle's own location).
 */
function findProjectRoot(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'essor') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json named "essor" above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot();

/** A path inside the project folder. */
export const projectPath = (...parts: string[]) => path.join(PROJECT_ROOT, ...parts);
