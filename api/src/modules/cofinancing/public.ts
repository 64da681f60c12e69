/** What the co-financing module offers the others: the list with each caller's actions. */
export { withCofinancingActions } from './flow';
export { allCofinancing } from './requests';
