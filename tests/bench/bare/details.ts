import type { BareModule } from './kit';

/** The heaviest detail pages (registered last: their parameter routes would shadow fixed paths). */
export const details: BareModule = {
  paths: [],
  register() {},
};
