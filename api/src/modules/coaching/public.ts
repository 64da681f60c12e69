/** What the coaching module offers the others: who manages coaching, and a holder's sessions and action items (the home page). */
export { listHolderActionItems } from './action-items';
export { listHolderSessions } from './session-listing';
export { COACHING_MANAGERS } from './viewer';
