import { existsSync, readdirSync } from 'node:fs';
import { moduleBoundaries } from './tools/eslint-module-cycles.js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

const dirs = (path) => readdirSync(new URL(path, import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const webFeatures = dirs('./web/src/features/');
const apiModules = dirs('./api/src/modules/');
/** Every module is used by the others only through its `public.ts`; a module without one is not used by the others at all. */
const publishes = (module) => existsSync(new URL(`./api/src/modules/${module}/public.ts`, import.meta.url));

/** The architecture's boundaries (see the style guide): checked, not only hoped for. */
const zones = [
  { target: './shared', from: ['./api', './web', './seeds', './tests'], message: 'shared/ is used by api and web; it imports neither.' },
  { target: './web', from: ['./api', './seeds', './drizzle'], message: 'The admin talks to the API over HTTP only.' },
  { target: './api', from: ['./web'], message: 'The API does not import the admin.' },
  { target: './web/src/lib', from: ['./web/src/features', './web/src/app', './web/src/components'], message: 'lib/ sits below features and components.' },
  { target: './web/src/components', from: ['./web/src/features', './web/src/app'], message: 'Shared components do not reach into features.' },
  { target: './api/src/lib', from: ['./api/src/modules'], message: 'lib/ sits below the domain modules.' },
  ...webFeatures.map((feature) => ({
    target: `./web/src/features/${feature}`,
    from: './web/src/features',
    except: [`./${feature}`],
    message: 'Features never import each other; move what both need to components/ or lib/.',
  })),
  ...apiModules.flatMap((module) =>
    apiModules
      .filter((other) => other !== module)
      .map((other) => ({
        target: `./api/src/modules/${other}`,
        from: `./api/src/modules/${module}`,
        except: publishes(module) ? ['./public.ts'] : [],
        message: publishes(module)
          ? `Use the ${module} module through what it exports for the others (modules/${module}/public.ts), not its internals.`
          : `The ${module} module exports nothing to the others: give it a public.ts that says what they may use.`,
      })),
  ),
];

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'api/dist', 'data', 'drizzle'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { import: importPlugin, essor: moduleBoundaries },
    // Relative imports are what the boundaries are about; the @essor/shared alias is allowed everywhere.
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      'import/no-cycle': ['error', { ignoreExternal: true }],
      // The file-level rule cannot see a cycle between modules made of different files (a -> b/x, b/y -> a).
      'essor/no-module-cycle': 'error',
    },
  },
);
