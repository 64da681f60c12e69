import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { structureColumn } from './structures';

export const DECISION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

/**
 * The one maker-checker mechanism (in the spirit of a core-banking "command awaiting a checker"): a maker
 * asks for a decision on a money document (what it would do, its amount and limits); a checker other
 * than the maker, who never had a hand on the document, approves or rejects it. At most one decision of
 * a kind waits per document. The inbox, the home page and the notifications all read this table.
 */
export const pendingDecisions = pgTable(
  'pending_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    /** What is to be decided: cofinancing.approve, loan.approve, loan.reschedule, loan.write_off, equipment.approve, closure.approve ... */
    kind: text('kind').notNull(),
    /** The document the decision is about, as the audit trail names it (entity, entity id). */
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** The document that owns the action when it is not the entity itself (a loan action: its id). */
    subjectId: text('subject_id'),
    makerId: uuid('maker_id').notNull(),
    /** What approving would do, as the maker asked (shown to the checker; the module's own rule re-checks on approval). */
    summary: jsonb('summary').notNull().default(sql`'{}'::jsonb`),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency'),
    /** The limits the decision is taken within (threshold, committee opinion required ...). */
    limits: jsonb('limits').notNull().default(sql`'{}'::jsonb`),
    status: text('status', { enum: DECISION_STATUSES }).notNull().default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    checkerId: uuid('checker_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    check('pending_decisions_status_ck', sql`${t.status} in ('pending', 'approved', 'rejected', 'withdrawn')`),
    check('pending_decisions_four_eyes_ck', sql`${t.checkerId} is null or ${t.checkerId} <> ${t.makerId}`),
    check('pending_decisions_amount_ck', sql`(${t.amountMinor} is null) = (${t.currency} is null)`),
    uniqueIndex('pending_decisions_one_pending_uq').on(t.kind, t.entityId).where(sql`${t.status} = 'pending'`),
    index('pending_decisions_inbox_idx').on(t.structureId, t.status, t.requestedAt),
    index('pending_decisions_entity_idx').on(t.entity, t.entityId),
  ],
);
