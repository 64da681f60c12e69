import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page whose code is fetched the first time it is shown: the route table keeps its path and guard,
 * the page and what only it uses become their own chunk (a visitor's phone downloads none of the admin).
 * Calling it has no side effect, so the bundler drops the pages a document's routes never use.
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
