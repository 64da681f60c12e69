import type { BareModule } from './kit';

/** Dashboards and aggregates. */
export const aggregates: BareModule = {
  paths: [],
  register() {},
};
