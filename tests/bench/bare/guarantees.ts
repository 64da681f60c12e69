import type { BareModule } from './kit';

/** Guarantees: the register. */
export const guarantees: BareModule = {
  paths: [],
  register() {},
};
