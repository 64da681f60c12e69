import type { ApplicationStatus } from '@essor/shared/applications';
import type {
  ApplicationScores,
  CommitteeDecisionKind,
  CommitteeDirectoryEntry,
  CommitteeSession,
  CommitteeSessionDetail,
  CreateCommitteeSessionInput,
  DecisionInput,
  DeclareConflictInput,
  Scorecard,
  ScorecardInput,
} from '@essor/shared/committee';
import type { GridCriterion } from '@essor/shared/programmes';
import { and, asc, desc, eq, exists, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications } from '../../db/schema/applications';
import { users } from '../../db/schema/auth';
import { committeeAgenda, committeeConflicts, committeeDecisions, committeeMembers, committeeScorecards, committeeSessions } from '../../db/schema/committee';
import { programmes } from '../../db/schema/programmes';
import { organisations, projects } from '../../db/schema/projects';
import { memberships, structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { msg, named } from '../../lib/messages/render';
import { Conflict, Forbidden, Invalid, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { inPlaceholderReach, reaches, structuresReached } from '../../lib/scope';
import { applyMove, assertMoveAllowed, declaredConflictOn, isStaff, STAFF_ROLES } from '../applications/public';
import { addToCohort } from '../cohorts/public';
import { notify } from '../notifications/public';
import { averageScore, criterionAverages, gridErrors, quorumReached, round2, weightedScore, type Scores } from './scoring';
import { anyOf, anyOfPlaced } from '../../lib/any-of';
import { builtOnce } from '../../lib/prepared';

type SessionRow = typeof committeeSessions.$inferSelect;

const memberCount = sql<number>`(select count(*) from ${committeeMembers} where ${committeeMembers.sessionId} = ${committeeSessions.id})`.mapWith(Number);
const agendaCount = sql<number>`(select count(*) from ${committeeAgenda} where ${committeeAgenda.sessionId} = ${committeeSessions.id})`.mapWith(Number);

function toSession(row: { session: SessionRow; programmeCode: string; programmeName: string; memberCount: number; agendaCount: number }): CommitteeSession {
  const s = row.session;
  return {
    id: s.id,
    structureId: s.structureId,
    programmeId: s.programmeId,
    programmeCode: row.programmeCode,
    programmeName: row.programmeName,
    title: s.title,
    heldOn: s.heldOn,
    quorum: s.quorum,
    status: s.status as CommitteeSession['status'],
    memberCount: row.memberCount,
    agendaCount: row.agendaCount,
    createdAt: s.createdAt.toISOString(),
  };
}

function selectSessions(db: Db) {
  return db
    .select({ session: committeeSessions, programmeCode: programmes.code, programmeName: programmes.name, memberCount, agendaCount })
    .from(committeeSessions)
    .innerJoin(programmes, eq(programmes.id, committeeSessions.programmeId));
}

async function isMember(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: committeeMembers.userId })
    .from(committeeMembers)
    .where(and(eq(committeeMembers.sessionId, sessionId), eq(committeeMembers.userId, userId)));
  return Boolean(row);
}

/** Staff see every session; a committee member only those they sit on (others are 404). */
async function loadVisibleSession(db: Db, user: CurrentUser, id: string, options: { lock?: boolean } = {}): Promise<SessionRow> {
  const query = db.select().from(committeeSessions).where(eq(committeeSessions.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new NotFound('thing.committee_session');
  if (isStaff(user)) return row;
  if (user.roles.includes('committee_member') && (await isMember(db, id, user.id))) return row;
  throw new NotFound('thing.committee_session');
}

/** A structure and the nodes above it: where a role must be held to reach it. */
function selfAndAncestors(path: string): string[] {
  return path.split('/').filter(Boolean);
}

async function pathOf(db: Db, structureId: string): Promise<string> {
  const [row] = await db.select({ path: structures.path }).from(structures).where(eq(structures.id, structureId));
  return row?.path ?? '';
}

/** Active people holding the committee member role on one of these structures (memberships, not the account's public roles). */
function committeePeople(db: Db, structureIds: string[], userIds?: string[]) {
  const holdsRole = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, users.id), eq(memberships.role, 'committee_member'), anyOf(memberships.structureId, structureIds)));
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.status, 'active'), exists(holdsRole), userIds ? anyOf(users.id, userIds) : undefined))
    .orderBy(asc(users.name));
}

/** The ids among `userIds` who may sit on a session of this structure: their committee role reaches it. */
async function eligibleMembers(db: Db, structureId: string, userIds: string[]): Promise<Set<string>> {
  const ancestors = selfAndAncestors(await pathOf(db, structureId));
  if (!ancestors.length || !userIds.length) return new Set();
  return new Set((await committeePeople(db, ancestors, userIds)).map((p) => p.id));
}

/**
 * The people staff may seat on a committee: for one programme, those whose committee role reaches its
 * structure; otherwise, those whose role reaches some structure the caller runs.
 */
export async function committeeDirectory(db: Db, user: CurrentUser, programmeId?: string): Promise<CommitteeDirectoryEntry[]> {
  let ancestors: string[];
  if (programmeId) {
    const [programme] = await db.select({ structureId: programmes.structureId }).from(programmes).where(eq(programmes.id, programmeId));
    if (!programme || !reaches(user, programme.structureId, STAFF_ROLES)) throw new NotFound('thing.programme');
    ancestors = selfAndAncestors(await pathOf(db, programme.structureId));
  } else {
    ancestors = [...new Set(structuresReached(user, STAFF_ROLES).flatMap((id) => selfAndAncestors(user.reach.paths[id] ?? '')))];
  }
  if (!ancestors.length) return [];
  return committeePeople(db, ancestors);
}

/** The sessions list, built once: the staff's reach and the committee member's, and who reads, come as values. */
const sessionsList = builtOnce((db) => {
  const mine = sql`exists (select 1 from ${committeeMembers} where ${committeeMembers.sessionId} = ${committeeSessions.id} and ${committeeMembers.userId} = ${sql.placeholder('userId')}::uuid)`;
  return selectSessions(db)
    .where(or(inPlaceholderReach(committeeSessions.structureId), and(mine, anyOfPlaced(committeeSessions.structureId, 'committeeReach', 'uuid'))))
    .orderBy(desc(committeeSessions.heldOn), desc(committeeSessions.createdAt))
    .prepare('essor_committee_sessions');
});

/** Staff see the sessions of the structures they reach; a committee member those they sit on, where their role reaches. */
export async function listSessions(db: Db, user: CurrentUser): Promise<CommitteeSession[]> {
  const rows = await sessionsList(db).execute({
    reach: structuresReached(user, STAFF_ROLES),
    committeeReach: structuresReached(user, ['committee_member']),
    userId: user.id,
  });
  return rows.map(toSession);
}

async function assertAgendaApplications(tx: Db, programmeId: string, applicationIds: string[]): Promise<void> {
  if (!applicationIds.length) return;
  const rows = await tx.select().from(applications).where(anyOf(applications.id, applicationIds));
  if (rows.length !== applicationIds.length) throw new NotFound('thing.application');
  for (const app of rows) {
    if (app.programmeId !== programmeId) throw new Conflict('committee.agenda_other_programme');
    if (app.status !== 'committee') throw new Conflict(msg('committee.agenda_status', { status: named('status', app.status) }));
  }
}

/** Convenes members to a session: one notice per member and session, whether seated at creation or later. */
async function notifyConvened(tx: Db, session: SessionRow, programmeName: string, memberIds: string[]) {
  await notify(tx, {
    kind: 'committee.convened',
    recipients: memberIds,
    structureId: session.structureId,
    eventKey: session.id,
    params: { title: session.title, programmeName, heldOn: session.heldOn },
    link: `/committee/${session.id}`,
  });
}

export async function createSession(db: Db, actor: Actor, user: CurrentUser, input: CreateCommitteeSessionInput): Promise<CommitteeSessionDetail> {
  const id = await db.transaction(async (tx) => {
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, input.programmeId));
    if (!programme) throw new NotFound('thing.programme');
    const grid = programme.scoringGrid as GridCriterion[];
    if (!grid.length) throw new Conflict('committee.grid_first');
    if (input.quorum > input.memberIds.length) throw new Invalid('committee.quorum_above_members', { quorum: [msg('field.at_most', { count: input.memberIds.length })] });
    const eligible = await eligibleMembers(tx, programme.structureId, input.memberIds);
    const invalid = input.memberIds.filter((mid) => !eligible.has(mid));
    if (invalid.length) {
      throw new Unprocessable('committee.members_eligible', 'invalid', { memberIds: invalid.map((id) => msg('field.verbatim', { value: id })) });
    }
    await assertAgendaApplications(tx, input.programmeId, input.applicationIds);
    const [session] = await tx
      .insert(committeeSessions)
      .values({ structureId: programme.structureId, programmeId: input.programmeId, title: input.title, heldOn: input.heldOn, quorum: input.quorum, grid, createdBy: actor.id })
      .returning();
    await tx.insert(committeeMembers).values(input.memberIds.map((userId) => ({ sessionId: session.id, userId })));
    if (input.applicationIds.length) await tx.insert(committeeAgenda).values(input.applicationIds.map((applicationId) => ({ sessionId: session.id, applicationId })));
    await recordAudit(tx, actor, { action: 'committee.create', entity: 'committee_session', entityId: session.id, after: { ...input, grid } });
    await notifyConvened(tx, session, programme.name, input.memberIds);
    return session.id;
  });
  return getSession(db, user, id);
}

/** Seats one more member on an open session (an active account with the committee member role). */
export async function addMember(db: Db, actor: Actor, user: CurrentUser, sessionId: string, userId: string): Promise<CommitteeSessionDetail> {
  try {
    await db.transaction(async (tx) => {
      const session = await loadVisibleSession(tx, user, sessionId, { lock: true });
      if (session.status !== 'open') throw new Conflict('committee.session_closed');
      const [person] = await tx.select().from(users).where(eq(users.id, userId));
      if (!person) throw new NotFound('thing.user');
      if (!(await eligibleMembers(tx, session.structureId, [userId])).has(userId)) {
        throw new Unprocessable('committee.member_eligible', 'invalid', { userId: ['field.not_committee_member'] });
      }
      await tx.insert(committeeMembers).values({ sessionId, userId });
      await recordAudit(tx, actor, { action: 'committee.member', entity: 'committee_session', entityId: sessionId, after: { userId } });
      const [programme] = await tx.select({ name: programmes.name }).from(programmes).where(eq(programmes.id, session.programmeId));
      await notifyConvened(tx, session, programme.name, [userId]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('committee.already_member');
    throw error;
  }
  return getSession(db, user, sessionId);
}

export async function addAgendaItem(db: Db, actor: Actor, user: CurrentUser, sessionId: string, applicationId: string): Promise<CommitteeSessionDetail> {
  try {
    await db.transaction(async (tx) => {
      const session = await loadVisibleSession(tx, user, sessionId, { lock: true });
      if (session.status !== 'open') throw new Conflict('committee.session_closed');
      await assertAgendaApplications(tx, session.programmeId, [applicationId]);
      await tx.insert(committeeAgenda).values({ sessionId, applicationId });
      await recordAudit(tx, actor, { action: 'committee.agenda', entity: 'committee_session', entityId: sessionId, after: { applicationId } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('committee.already_on_agenda');
    throw error;
  }
  return getSession(db, user, sessionId);
}

export async function getSession(db: Db, user: CurrentUser, id: string): Promise<CommitteeSessionDetail> {
  const session = await loadVisibleSession(db, user, id);
  const [row] = await selectSessions(db).where(eq(committeeSessions.id, id));
  const grid = session.grid as GridCriterion[];
  const members = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(committeeMembers)
    .innerJoin(users, eq(users.id, committeeMembers.userId))
    .where(eq(committeeMembers.sessionId, id))
    .orderBy(asc(users.name));
  const agendaRows = await db
    .select({ applicationId: applications.id, status: applications.status, projectTitle: projects.title, organisationName: organisations.name })
    .from(committeeAgenda)
    .innerJoin(applications, eq(applications.id, committeeAgenda.applicationId))
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(eq(committeeAgenda.sessionId, id))
    .orderBy(asc(projects.title));
  const cards = await db.select().from(committeeScorecards).where(eq(committeeScorecards.sessionId, id));
  const conflicts = await db.select().from(committeeConflicts).where(eq(committeeConflicts.sessionId, id));
  // A member's declared conflict hides the application from them entirely, agenda line included.
  const hiddenFromMe = isStaff(user) ? new Set<string>() : new Set(conflicts.filter((c) => c.userId === user.id).map((c) => c.applicationId));
  const decisions = await db.select().from(committeeDecisions).where(eq(committeeDecisions.sessionId, id));
  return {
    ...toSession(row),
    grid,
    members,
    agenda: agendaRows.filter((item) => !hiddenFromMe.has(item.applicationId)).map((item) => {
      const itemCards = cards.filter((c) => c.applicationId === item.applicationId);
      const decision = decisions.find((d) => d.applicationId === item.applicationId);
      return {
        applicationId: item.applicationId,
        projectTitle: item.projectTitle,
        organisationName: item.organisationName,
        status: item.status as ApplicationStatus,
        scorecardCount: itemCards.length,
        conflictedMemberIds: conflicts.filter((c) => c.applicationId === item.applicationId).map((c) => c.userId),
        scoredByMe: itemCards.some((c) => c.userId === user.id),
        quorumReached: quorumReached(itemCards.length, session.quorum),
        decision: decision
          ? {
              decision: decision.decision as CommitteeDecisionKind,
              reasons: decision.reasons,
              averageScore: decision.averageScoreBasisPoints / 100,
              decidedAt: decision.decidedAt.toISOString(),
            }
          : null,
      };
    }),
  };
}

async function assertOnAgenda(db: Db, sessionId: string, applicationId: string) {
  const [row] = await db
    .select({ app: applications })
    .from(committeeAgenda)
    .innerJoin(applications, eq(applications.id, committeeAgenda.applicationId))
    .where(and(eq(committeeAgenda.sessionId, sessionId), eq(committeeAgenda.applicationId, applicationId)));
  if (!row) throw new NotFound('thing.application_on_agenda');
  return row.app;
}

async function hasConflict(db: Db, sessionId: string, applicationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: committeeConflicts.userId })
    .from(committeeConflicts)
    .where(and(eq(committeeConflicts.sessionId, sessionId), eq(committeeConflicts.applicationId, applicationId), eq(committeeConflicts.userId, userId)));
  return Boolean(row);
}

async function assertUndecided(db: Db, sessionId: string, applicationId: string): Promise<void> {
  const [decided] = await db
    .select({ decision: committeeDecisions.decision })
    .from(committeeDecisions)
    .where(and(eq(committeeDecisions.sessionId, sessionId), eq(committeeDecisions.applicationId, applicationId)));
  if (decided) throw new Conflict(msg('committee.already_decided', { decision: named('status', decided.decision) }));
}

/** A member who declares a conflict is excluded from that application; a scorecard they gave is withdrawn with it. */
export async function declareConflict(db: Db, actor: Actor, user: CurrentUser, sessionId: string, applicationId: string, input: DeclareConflictInput) {
  await db.transaction(async (tx) => {
    const session = await loadVisibleSession(tx, user, sessionId, { lock: true });
    if (!(await isMember(tx, sessionId, user.id))) throw new Forbidden('committee.members_declare_conflicts');
    if (session.status !== 'open') throw new Conflict('committee.session_closed');
    await assertOnAgenda(tx, sessionId, applicationId);
    await assertUndecided(tx, sessionId, applicationId);
    if (await hasConflict(tx, sessionId, applicationId, user.id)) throw new Conflict('committee.conflict_already_declared');
    await tx.insert(committeeConflicts).values({ sessionId, applicationId, userId: user.id, reason: input.reason });
    const withdrawn = await tx
      .delete(committeeScorecards)
      .where(and(eq(committeeScorecards.sessionId, sessionId), eq(committeeScorecards.applicationId, applicationId), eq(committeeScorecards.userId, user.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'committee.conflict',
      entity: 'committee_session',
      entityId: sessionId,
      before: withdrawn[0] ? { scorecard: withdrawn[0].scores } : undefined,
      after: { applicationId, reason: input.reason },
    });
  });
  return getSession(db, user, sessionId);
}

function toScorecard(grid: GridCriterion[], row: typeof committeeScorecards.$inferSelect, memberName: string): Scorecard {
  const scores = row.scores as Scores;
  return {
    userId: row.userId,
    memberName,
    scores,
    comment: row.comment,
    weightedScore: round2(weightedScore(grid, scores)),
    submittedAt: row.submittedAt.toISOString(),
  };
}

export async function submitScorecard(db: Db, actor: Actor, user: CurrentUser, sessionId: string, applicationId: string, input: ScorecardInput): Promise<ApplicationScores> {
  try {
    await db.transaction(async (tx) => {
      const session = await loadVisibleSession(tx, user, sessionId);
      if (!(await isMember(tx, sessionId, user.id))) throw new Forbidden('committee.members_score');
      if (session.status !== 'open') throw new Conflict('committee.session_closed');
      const app = await assertOnAgenda(tx, sessionId, applicationId);
      if (await hasConflict(tx, sessionId, applicationId, user.id)) throw new Forbidden('committee.conflicted_no_score');
      if (app.status !== 'committee') throw new Conflict(msg('committee.no_longer_scored', { status: named('status', app.status) }));
      await assertUndecided(tx, sessionId, applicationId);
      const grid = session.grid as GridCriterion[];
      const errors = gridErrors(grid, input.scores);
      if (Object.keys(errors).length) throw new Invalid('committee.scores_misfit', errors);
      await tx.insert(committeeScorecards).values({ sessionId, applicationId, userId: user.id, scores: input.scores, comment: input.comment });
      await recordAudit(tx, actor, {
        action: 'committee.score',
        entity: 'committee_session',
        entityId: sessionId,
        after: { applicationId, scores: input.scores, weightedScore: round2(weightedScore(grid, input.scores)) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('committee.already_scored');
    throw error;
  }
  return getScores(db, user, sessionId, applicationId);
}

/** A member sees others' scorecards only after submitting their own; staff running the session see all. */
async function scorecardsOf(db: Db, grid: GridCriterion[], sessionId: string, applicationId: string): Promise<Scorecard[]> {
  const rows = await db
    .select({ card: committeeScorecards, memberName: users.name })
    .from(committeeScorecards)
    .innerJoin(users, eq(users.id, committeeScorecards.userId))
    .where(and(eq(committeeScorecards.sessionId, sessionId), eq(committeeScorecards.applicationId, applicationId)))
    .orderBy(asc(committeeScorecards.submittedAt), asc(users.name));
  return rows.map((r) => toScorecard(grid, r.card, r.memberName));
}

/** A member sees others' scorecards only after submitting their own; staff running the session see all. */
export async function getScores(db: Db, user: CurrentUser, sessionId: string, applicationId: string): Promise<ApplicationScores> {
  const session = await loadVisibleSession(db, user, sessionId);
  await assertOnAgenda(db, sessionId, applicationId);
  if (!isStaff(user) && (await declaredConflictOn(db, user.id, applicationId))) throw new NotFound('thing.application_on_agenda');
  const grid = session.grid as GridCriterion[];
  const cards = await scorecardsOf(db, grid, sessionId, applicationId);
  const mine = cards.find((c) => c.userId === user.id) ?? null;
  const visible = isStaff(user) || mine !== null;
  const shown = visible ? cards : [];
  return {
    applicationId,
    grid,
    mine,
    others: shown.filter((c) => c.userId !== user.id),
    hidden: !visible,
    scorecardCount: cards.length,
    quorum: session.quorum,
    averageScore: visible && cards.length ? round2(averageScore(grid, cards.map((c) => c.scores))!) : null,
    criterionAverages: visible ? criterionAverages(grid, cards.map((c) => c.scores)) : null,
  };
}

export async function decide(db: Db, actor: Actor, user: CurrentUser, sessionId: string, applicationId: string, input: DecisionInput): Promise<CommitteeSessionDetail> {
  await db.transaction(async (tx) => {
    const session = await loadVisibleSession(tx, user, sessionId, { lock: true });
    if (session.status !== 'open') throw new Conflict('committee.session_closed');
    await assertOnAgenda(tx, sessionId, applicationId);
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
    await assertUndecided(tx, sessionId, applicationId);
    assertMoveAllowed(app.status as ApplicationStatus, input.decision, 'committee');
    const grid = session.grid as GridCriterion[];
    const cards = await tx
      .select({ scores: committeeScorecards.scores })
      .from(committeeScorecards)
      .where(and(eq(committeeScorecards.sessionId, sessionId), eq(committeeScorecards.applicationId, applicationId)));
    if (!quorumReached(cards.length, session.quorum)) {
      throw new Conflict(msg('committee.quorum_not_reached', { count: cards.length, quorum: session.quorum }));
    }
    const average = averageScore(grid, cards.map((c) => c.scores as Scores)) ?? 0;
    await applyMove(tx, actor, app, input.decision, input.reasons);
    if (input.cohortId) await addToCohort(tx, actor, input.cohortId, applicationId);
    await tx.insert(committeeDecisions).values({
      sessionId,
      applicationId,
      decision: input.decision,
      reasons: input.reasons,
      averageScoreBasisPoints: Math.round(average * 100),
      scorecardCount: cards.length,
      cohortId: input.cohortId ?? null,
      decidedBy: actor.id,
    });
    await recordAudit(tx, actor, {
      action: 'committee.decide',
      entity: 'committee_session',
      entityId: sessionId,
      after: { applicationId, decision: input.decision, reasons: input.reasons, averageScore: round2(average), scorecards: cards.length, cohortId: input.cohortId ?? null },
    });
  });
  return getSession(db, user, sessionId);
}

export async function closeSession(db: Db, actor: Actor, user: CurrentUser, sessionId: string): Promise<CommitteeSessionDetail> {
  await db.transaction(async (tx) => {
    const session = await loadVisibleSession(tx, user, sessionId, { lock: true });
    if (session.status !== 'open') throw new Conflict('committee.already_closed');
    await tx.update(committeeSessions).set({ status: 'closed' }).where(eq(committeeSessions.id, sessionId));
    await recordAudit(tx, actor, { action: 'committee.close', entity: 'committee_session', entityId: sessionId, before: { status: 'open' }, after: { status: 'closed' } });
  });
  return getSession(db, user, sessionId);
}

/** Everything the minutes need (the caller may see the session): the session, and per application its scorecards, conflicts and decision. */
export async function minutesData(db: Db, user: CurrentUser, sessionId: string) {
  const detail = await getSession(db, user, sessionId);
  const [programme] = await db.select({ name: programmes.name }).from(programmes).where(eq(programmes.id, detail.programmeId));
  const conflicts = await db.select().from(committeeConflicts).where(eq(committeeConflicts.sessionId, sessionId));
  const items = [];
  for (const item of detail.agenda) {
    const cards = await scorecardsOf(db, detail.grid, sessionId, item.applicationId);
    const average = averageScore(detail.grid, cards.map((c) => c.scores));
    items.push({
      ...item,
      averageScore: average === null ? null : round2(average),
      criterionAverages: criterionAverages(detail.grid, cards.map((c) => c.scores)),
      cards,
      conflicts: conflicts
        .filter((c) => c.applicationId === item.applicationId)
        .map((c) => ({ name: detail.members.find((m) => m.userId === c.userId)?.name ?? c.userId, reason: c.reason })),
    });
  }
  return { detail, programmeName: programme.name, items };
}
