import type { Cofinancing, CommitteeDecisionInput, CommitteeSessionOption } from '@essor/shared/cofinancing';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cofinancingRequests } from '../../db/schema/funds';
import { projects } from '../../db/schema/projects';
import { users } from '../../db/schema/auth';
import { committeeMembers, committeeSessions } from '../../db/schema/committee';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { STAFF_VIEWER, visibleRow, type Viewer } from '../../lib/viewer';
import { handsOnDocument } from '../approvals/public';
import { getFundRow } from '../funds/public';
import { requestRow, getCofinancing, requestDocument, type RequestRow } from './requests';
import { anyOf } from '../../lib/any-of';

/**
 * Above the fund's threshold a committee gives its opinion before any fund manager may approve. Staff
 * record it from one committee session of the fund's structure or above (or of the project's own
 * programme, whose envelope the fund pays from), naming the members who sat and voted, at least the
 * session's quorum. Nobody with a hand on the request records it or votes in it; the voters are then
 * in the request's trail, so none of them approves it either.
 */
export async function recordCommitteeDecision(db: Db, actor: Actor, id: string, input: CommitteeDecisionInput): Promise<Cofinancing> {
  await db.transaction(async (tx) => {
    const row = await requestRow(tx, id, true);
    if (row.status !== 'prepared') throw new Conflict('cofinancing.committee_prepared_only');
    const fund = await getFundRow(tx, row.fundId);
    if (row.amountMinor <= fund.committeeThresholdMinor) throw new Conflict('cofinancing.under_threshold');
    if (row.committeeDecision) throw new Conflict('cofinancing.opinion_recorded');
    const session = (await committeeSessionsFor(tx, row)).find((s) => s.id === input.sessionId);
    if (!session) throw new Unprocessable('cofinancing.session_not_for_request', 'invalid', { sessionId: ['field.not_committee_for_request'] });
    const voters = [...new Set(input.voterIds)];
    const strangers = voters.filter((v) => !session.members.some((m) => m.id === v));
    if (strangers.length) throw new Unprocessable('cofinancing.members_vote', 'invalid', { voterIds: ['field.not_session_member'] });
    if (voters.length < session.quorum) {
      throw new Unprocessable(msg('cofinancing.quorum', { quorum: session.quorum, named: voters.length }), 'invalid', { voterIds: [msg('field.at_least_voters', { quorum: session.quorum })] });
    }
    const hands = await handsOnDocument(tx, requestDocument(row));
    if (actor.id && hands.has(actor.id)) throw new Forbidden('cofinancing.opinion_four_eyes');
    if (voters.some((v) => hands.has(v))) throw new Unprocessable('cofinancing.voter_acted', 'invalid', { voterIds: ['field.acted_on_request'] });
    const note = `${session.title} (${session.heldOn}), ${voters.length}/${session.members.length}${input.note ? ` : ${input.note}` : ''}`;
    await tx
      .update(cofinancingRequests)
      .set({ committeeDecision: input.decision, committeeNote: note, committeeDecidedBy: actor.id, committeeDecidedAt: new Date(), updatedAt: new Date() })
      .where(eq(cofinancingRequests.id, id));
    await recordAudit(tx, actor, {
      action: 'cofinancing.committee',
      entity: 'cofinancing',
      entityId: id,
      structureId: row.structureId,
      after: { decision: input.decision, note: input.note, sessionId: session.id, sessionTitle: session.title, heldOn: session.heldOn, quorum: session.quorum, voterIds: voters },
    });
  });
  return getCofinancing(db, STAFF_VIEWER, id);
}

/** The committee sessions whose opinion counts for this request, with their members. */
async function committeeSessionsFor(db: Db, row: RequestRow): Promise<CommitteeSessionOption[]> {
  const [project] = await db.select({ programmeId: projects.programmeId }).from(projects).where(eq(projects.id, row.projectId));
  const [fundNode] = await db.select({ path: structures.path }).from(structures).where(eq(structures.id, row.structureId));
  const fundAndAbove = (fundNode?.path ?? '').split('/').filter(Boolean);
  const eligible = await db
    .select({ id: committeeSessions.id, title: committeeSessions.title, heldOn: committeeSessions.heldOn, quorum: committeeSessions.quorum })
    .from(committeeSessions)
    .where(or(anyOf(committeeSessions.structureId, fundAndAbove), project?.programmeId ? eq(committeeSessions.programmeId, project.programmeId) : sql`false`))
    .orderBy(desc(committeeSessions.heldOn));
  if (eligible.length === 0) return [];
  const members = await db
    .select({ sessionId: committeeMembers.sessionId, id: users.id, name: users.name })
    .from(committeeMembers)
    .innerJoin(users, eq(users.id, committeeMembers.userId))
    .where(anyOf(committeeMembers.sessionId, eligible.map((s) => s.id)))
    .orderBy(asc(users.name));
  return eligible.map((s) => ({ ...s, members: members.filter((m) => m.sessionId === s.id).map(({ id, name }) => ({ id, name })) }));
}

/** For the committee-opinion form: the sessions that may give it (readable by whoever reads the request). */
export async function listCommitteeSessionsFor(db: Db, viewer: Viewer, id: string): Promise<CommitteeSessionOption[]> {
  const [row] = await db
    .select()
    .from(cofinancingRequests)
    .where(and(eq(cofinancingRequests.id, id), visibleRow(viewer, cofinancingRequests.structureId, cofinancingRequests.projectId)));
  if (!row) throw new NotFound('thing.cofinancing');
  return committeeSessionsFor(db, row);
}
