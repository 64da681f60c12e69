import { z } from 'zod';
import type { Role } from './roles';

/**
 * Who moves a money document (co-financing request, loan, equipment quote) on, as real funds run them:
 * - `maker`: staff or a fund manager opens and prepares it;
 * - `checker`: another fund manager decides on it, one who never created, prepared or changed it
 *   (four eyes; the API checks the "another");
 * - `manager`: a fund manager pays out, cancels, orders;
 * - `clerk`: staff record what happened outside (the committee's opinion from its session).
 */
export type FlowActor = 'maker' | 'checker' | 'manager' | 'clerk';

export const FLOW_ACTOR_ROLES: Record<FlowActor, readonly Role[]> = {
  maker: ['staff', 'fund_manager'],
  checker: ['fund_manager'],
  manager: ['fund_manager'],
  clerk: ['staff'],
};

/** Per status, the actions it allows and who makes each: anything else is refused with 409. */
export type Flow<S extends string, A extends string> = Record<S, Partial<Record<A, FlowActor>>>;

/** Why an action the caller could make by role is not open to them now. */
export const WAITING_REASONS = [
  /** They created, prepared or changed the document, or voted on it: another fund manager decides. */
  'four_eyes',
  /** Above the fund's threshold, the committee's opinion comes first. */
  'committee_opinion',
  'committee_unfavourable',
  'agreement_unsigned',
  'milestone_not_reached',
] as const;
export const waitingReasonSchema = z.enum(WAITING_REASONS);
export type WaitingReason = z.infer<typeof waitingReasonSchema>;

export function waitingSchemaOf<T extends z.ZodType>(action: T) {
  return z.object({ action, reason: waitingReasonSchema, trancheId: z.uuid().nullable().default(null) });
}

/** The actions a status allows to someone holding these roles (before the document's own conditions). */
export function actionsByRole<S extends string, A extends string>(flow: Flow<S, A>, status: S, holds: (roles: readonly Role[]) => boolean): A[] {
  return (Object.entries(flow[status]) as [A, FlowActor][]).filter(([, who]) => holds(FLOW_ACTOR_ROLES[who])).map(([action]) => action);
}
