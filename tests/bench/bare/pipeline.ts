import type { BareModule } from './kit';

/** Pipeline: organisations, programmes, cohorts, committee sessions. */
export const pipeline: BareModule = {
  paths: [],
  register() {},
};
