import type { BareModule } from './kit';

/** Platform: audit, notifications, mail outbox, structures. */
export const platform: BareModule = {
  paths: [],
  register() {},
};
