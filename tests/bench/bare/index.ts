import { Hono } from 'hono';
import { aggregates } from './aggregates';
import { applications } from './applications';
import { bonds } from './bonds';
import { coaching } from './coaching';
import { details } from './details';
import { followup } from './followup';
import { funds } from './funds';
import { guarantees } from './guarantees';
import type { BareModule, Sql } from './kit';
import { pipeline } from './pipeline';
import { platform } from './platform';
import { projects } from './projects';
import { users } from './users';

/**
 * The floor each Essor route is measured against: plain Hono handlers running the same SQL by hand through
 * postgres-js and answering the same JSON shape, session and reach check included (one query), with no
 * zod, no middleware chain, no drizzle mapping. One file per domain; a module with a parameter route
 * (':id') comes after those whose fixed paths it would shadow.
 */
const MODULES: readonly BareModule[] = [users, applications, projects, followup, coaching, pipeline, platform, funds, guarantees, bonds, aggregates, details];

export function bareRoutes(sql: Sql): Hono {
  const app = new Hono();
  for (const module of MODULES) module.register(app, sql);
  return app;
}

/** The Hono paths that have a bare twin. */
export const BARE_PATHS: readonly string[] = MODULES.flatMap((module) => module.paths);

const PATTERNS = BARE_PATHS.map((path) => new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`));

/** Whether a request path (query string left out) has a bare twin; the list benchmark marks the others "no bare route yet". */
export function hasBareTwin(pathname: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(pathname));
}
