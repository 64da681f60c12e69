/**
 * The one maker-checker mechanism, as the money modules use it: ask for a decision on a document, decide
 * it (then apply their own rule in the same transaction), withdraw it; who had a hand on a document; and
 * the inbox of what waits on a person, which the home page counts.
 */
export { decidePending, requestDecision, withdrawPending, type DecisionKind, type PendingDecision } from './decisions';
export { handsOnDocument, touchedBy } from './four-eyes';
export { approvalInbox, inboxSize } from './inbox';
