/**
 * What the applications module offers the others: who is staff and who declared a conflict on an
 * application, and the pipeline's moves (the committee moves an application by its decision).
 */
export { declaredConflictOn, isStaff, STAFF_ROLES } from './access';
export { applyMove, assertMoveAllowed } from './pipeline';
