import type { BareModule } from './kit';

/** Community bonds: offerings, subscriptions, holdings. */
export const bonds: BareModule = {
  paths: [],
  register() {},
};
