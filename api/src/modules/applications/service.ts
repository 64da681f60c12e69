import {
  APPLICATION_STATUSES,
  BOARD_COLUMN_SIZE,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  ATTACHMENTS_PER_APPLICATION,
  PIPELINE,
  type ApplicationDetail,
  type ApplicationListQuery,
  type ApplicationMessage,
  type ApplicationStatus,
  type ApplicationSummary,
  type Attachment,
  type Board,
  type CreateApplicationInput,
  type Funnel,
  type MoveApplicationInput,
  type PostMessageInput,
  type Screening,
  type ScreeningInput,
  type UpdateApplicationInput,
  type UploadAttachmentInput,
} from '@essor/shared/applications';
import type { EligibilityCriterion } from '@essor/shared/programmes';
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applicationAttachments, applicationEvents, applicationMessages, applications, screeningResults } from '../../db/schema/applications';
import { users } from '../../db/schema/auth';
import { cohorts, programmes } from '../../db/schema/programmes';
import { cohortMembers, organisations, projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeTimeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { msg, named } from '../../lib/messages/render';
import { AppError, Conflict, Forbidden, Invalid, NotFound } from '../../lib/errors';
import { builtOnce, builtPerShape } from '../../lib/prepared';
import { groupBy } from '../../lib/group';
import { inPlaceholderReach, inReach, structuresReached } from '../../lib/scope';
import { isCallOpen } from '../programmes/public';
import { getOrganisation, getProject } from '../projects/public';
import { enterInventory } from '../territory/public';
import { isHolderOf, isStaff, loadVisibleApplication, STAFF_ROLES, type ApplicationRow } from './access';
import { applyMove, assertReason, moverOf } from './pipeline';
import { containsPattern } from '../../lib/like';

const summaryColumns = {
  application: applications,
  programmeCode: programmes.code,
  programmeName: programmes.name,
  projectTitle: projects.title,
  organisationName: organisations.name,
  legalForm: organisations.legalForm,
  holderName: users.name,
};

type SummaryRow = {
  application: ApplicationRow;
  programmeCode: string;
  programmeName: string;
  projectTitle: string;
  organisationName: string;
  legalForm: string;
  holderName: string;
};

function toSummary(row: SummaryRow): ApplicationSummary {
  const a = row.application;
  return {
    id: a.id,
    structureId: a.structureId,
    programmeId: a.programmeId,
    programmeCode: row.programmeCode,
    programmeName: row.programmeName,
    projectId: a.projectId,
    projectTitle: row.projectTitle,
    organisationName: row.organisationName,
    legalForm: row.legalForm,
    holderUserId: a.holderUserId,
    holderName: row.holderName,
    status: a.status as ApplicationStatus,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

function selectSummaries(db: Db) {
  return db
    .select(summaryColumns)
    .from(applications)
    .innerJoin(programmes, eq(programmes.id, applications.programmeId))
    .innerJoin(projects, eq(projects.id, applications.projectId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .innerJoin(users, eq(users.id, applications.holderUserId));
}

const FILTERS = ['programmeId', 'projectId', 'status', 'q'] as const;

/**
 * A page of applications, built once per shape: whether the reader is a holder (who sees their own, wherever they
 * applied), the filters given, first page or after a cursor. Staff see those of the structures they reach.
 */
const applicationsPage = builtPerShape((db, has, shape) => {
  const staffSide = inPlaceholderReach(applications.structureId);
  const where: SQL[] = [has('holder') ? or(staffSide, eq(applications.holderUserId, sql.placeholder('userId')))! : staffSide];
  if (has('programmeId')) where.push(eq(applications.programmeId, sql.placeholder('programmeId')));
  if (has('projectId')) where.push(eq(applications.projectId, sql.placeholder('projectId')));
  if (has('status')) where.push(eq(applications.status, sql.placeholder('status')));
  if (has('q')) where.push(or(ilike(projects.title, sql.placeholder('q')), ilike(organisations.name, sql.placeholder('q')))!);
  if (has('cursor')) where.push(sql`(${applications.createdAt}, ${applications.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  return selectSummaries(db)
    .where(and(...where))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_applications_${shape}`);
});

export async function listApplications(db: Db, user: CurrentUser, query: ApplicationListQuery) {
  const [at, id] = query.cursor ? decodeTimeCursor(query.cursor) : [null, null];
  const shape = [user.roles.includes('project_holder') && 'holder', ...FILTERS.map((name) => Boolean(query[name]) && name), Boolean(at) && 'cursor'];
  const rows = await applicationsPage(db, shape).execute({
    reach: structuresReached(user, STAFF_ROLES),
    userId: user.id,
    programmeId: query.programmeId ?? null,
    projectId: query.projectId ?? null,
    status: query.status ?? null,
    q: query.q ? containsPattern(query.q) : null,
    at,
    id,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.application.createdAt.toISOString(), row.application.id));
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}

export function exportApplications(db: Db, user: CurrentUser, query: Omit<ApplicationListQuery, 'cursor' | 'limit'>): AsyncGenerator<ApplicationSummary[]> {
  return allPages((cursor) => listApplications(db, user, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}

export async function applicationBoard(db: Db, user: CurrentUser, programmeId: string | undefined): Promise<Board> {
  const scope = and(inReach(applications.structureId, user, STAFF_ROLES), programmeId ? eq(applications.programmeId, programmeId) : undefined);
  const totals = await db.select({ status: applications.status, n: count() }).from(applications).where(scope).groupBy(applications.status);
  // Each column its own longest-waiting cards, so a crowded stage never pushes another's out of view.
  const columns = await Promise.all(
    APPLICATION_STATUSES.map(async (status) => {
      const rows = await selectSummaries(db)
        .where(and(scope, eq(applications.status, status)))
        .orderBy(asc(applications.updatedAt), asc(applications.id))
        .limit(BOARD_COLUMN_SIZE);
      return { status, total: Number(totals.find((t) => t.status === status)?.n ?? 0), items: rows.map(toSummary) };
    }),
  );
  return { columns };
}

/** The funnel's two reads, built once: the programmes in reach and their applications counted by status. */
const funnelProgrammes = builtOnce((db) =>
  db.select({ id: programmes.id, code: programmes.code, name: programmes.name }).from(programmes).where(inPlaceholderReach(programmes.structureId)).orderBy(asc(programmes.code)).prepare('essor_funnel_programmes'),
);
const funnelCounts = builtOnce((db) =>
  db
    .select({ programmeId: applications.programmeId, status: applications.status, n: count() })
    .from(applications)
    .where(inPlaceholderReach(applications.structureId))
    .groupBy(applications.programmeId, applications.status)
    .prepare('essor_funnel_counts'),
);

export async function applicationFunnel(db: Db, user: CurrentUser): Promise<Funnel> {
  const values = { reach: structuresReached(user, STAFF_ROLES) };
  const [programmeRows, counts] = await Promise.all([funnelProgrammes(db).execute(values), funnelCounts(db).execute(values)]);
  const countsOf = groupBy(counts, (row) => row.programmeId);
  return {
    programmes: programmeRows.map((p) => {
      const byStatus = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>;
      for (const row of countsOf.get(p.id) ?? []) byStatus[row.status as ApplicationStatus] = Number(row.n);
      return {
        programmeId: p.id,
        programmeCode: p.code,
        programmeName: p.name,
        counts: byStatus,
        total: Object.values(byStatus).reduce((a, b) => a + b, 0),
      };
    }),
  };
}

/** The moves this user may make now: the board and buttons offer only these. */
export function allowedMovesFor(user: CurrentUser, app: ApplicationRow): ApplicationStatus[] {
  const from = app.status as ApplicationStatus;
  return (Object.entries(PIPELINE[from]) as [ApplicationStatus, string][])
    .filter(([, mover]) => (mover === 'holder' && isHolderOf(user, app)) || (mover === 'staff' && isStaff(user)))
    .map(([to]) => to);
}

function toAttachment(row: Pick<typeof applicationAttachments.$inferSelect, 'id' | 'filename' | 'contentType' | 'sizeBytes' | 'createdAt'>): Attachment {
  return { id: row.id, filename: row.filename, contentType: row.contentType, sizeBytes: row.sizeBytes, createdAt: row.createdAt.toISOString() };
}

export async function getApplication(db: Db, user: CurrentUser, id: string): Promise<ApplicationDetail> {
  const app = await loadVisibleApplication(db, user, id);
  const [summary] = await selectSummaries(db).where(eq(applications.id, id));
  const events = await db
    .select({ event: applicationEvents, actorName: users.name })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorId))
    .where(eq(applicationEvents.applicationId, id))
    .orderBy(asc(applicationEvents.id));
  const attachments = await db
    .select({
      id: applicationAttachments.id,
      filename: applicationAttachments.filename,
      contentType: applicationAttachments.contentType,
      sizeBytes: applicationAttachments.sizeBytes,
      createdAt: applicationAttachments.createdAt,
    })
    .from(applicationAttachments)
    .where(eq(applicationAttachments.applicationId, id))
    .orderBy(asc(applicationAttachments.createdAt));
  const [cohort] = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .where(and(eq(cohortMembers.projectId, app.projectId), eq(cohorts.programmeId, app.programmeId)));
  const project = await getProject(db, app.projectId);
  return {
    ...toSummary(summary),
    motivation: app.motivation,
    locale: app.locale as ApplicationDetail['locale'],
    organisation: await getOrganisation(db, project.organisationId),
    project,
    events: events.map(({ event, actorName }) => ({
      id: event.id,
      fromStatus: event.fromStatus as ApplicationStatus | null,
      toStatus: event.toStatus as ApplicationStatus,
      reason: event.reason,
      actorName,
      at: event.at.toISOString(),
    })),
    attachments: attachments.map(toAttachment),
    allowedMoves: allowedMovesFor(user, app),
    cohort: cohort ?? null,
  };
}

export async function createApplication(db: Db, actor: Actor, user: CurrentUser, input: CreateApplicationInput): Promise<ApplicationDetail> {
  const id = await db.transaction(async (tx) => {
    const [programmeRow] = await tx.select().from(programmes).where(eq(programmes.id, input.programmeId));
    if (!programmeRow) throw new NotFound('thing.programme');
    if (!isCallOpen(programmeRow, new Date().toISOString().slice(0, 10))) throw new Conflict('applications.call_not_open');
    // The project and its application belong to the structure that runs the programme.
    const structureId = programmeRow.structureId;
    const [org] = await tx
      .insert(organisations)
      .values({ ...input.organisation, ownerUserId: user.id })
      .returning({ id: organisations.id });
    await enterInventory(tx, { structureId, organisationId: org.id });
    const [project] = await tx
      .insert(projects)
      .values({ ...input.project, structureId, organisationId: org.id, programmeId: input.programmeId, holderUserId: user.id, stage: 'applicant' })
      .returning({ id: projects.id });
    const [app] = await tx
      .insert(applications)
      .values({ structureId, programmeId: input.programmeId, projectId: project.id, holderUserId: user.id, motivation: input.motivation, locale: input.locale })
      .returning();
    await tx.insert(applicationEvents).values({ applicationId: app.id, fromStatus: null, toStatus: 'draft', actorId: actor.id });
    await recordAudit(tx, actor, {
      action: 'application.create',
      entity: 'application',
      entityId: app.id,
      after: { programmeId: input.programmeId, projectId: project.id, organisationId: org.id, organisation: input.organisation.name, title: input.project.title },
    });
    return app.id;
  });
  return getApplication(db, user, id);
}

export async function updateDraft(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateApplicationInput): Promise<ApplicationDetail> {
  await db.transaction(async (tx) => {
    const app = await loadVisibleApplication(tx, user, id, { lock: true });
    if (!isHolderOf(user, app)) throw new Forbidden('applications.holder_edits');
    if (app.status !== 'draft') throw new Conflict('applications.draft_only');
    const [project] = await tx.select().from(projects).where(eq(projects.id, app.projectId));
    const now = new Date();
    if (input.organisation) await tx.update(organisations).set({ ...input.organisation, updatedAt: now }).where(eq(organisations.id, project.organisationId));
    if (input.project) await tx.update(projects).set({ ...input.project, updatedAt: now }).where(eq(projects.id, app.projectId));
    await tx
      .update(applications)
      .set({
        ...(input.motivation !== undefined ? { motivation: input.motivation } : {}),
        ...(input.locale ? { locale: input.locale } : {}),
        updatedAt: now,
      })
      .where(eq(applications.id, id));
    await recordAudit(tx, actor, { action: 'application.update', entity: 'application', entityId: id, before: { motivation: app.motivation }, after: input });
  });
  return getApplication(db, user, id);
}

async function screeningOf(db: Db, app: ApplicationRow): Promise<Screening> {
  const [programme] = await db.select({ criteria: programmes.eligibilityCriteria }).from(programmes).where(eq(programmes.id, app.programmeId));
  const criteria = programme.criteria as EligibilityCriterion[];
  const results = await db.select().from(screeningResults).where(eq(screeningResults.applicationId, app.id));
  const lines = criteria.map((c) => {
    const r = results.find((x) => x.criterionKey === c.key);
    return { key: c.key, label: c.label, passed: r?.passed ?? null, reason: r?.reason ?? null, checkedAt: r?.checkedAt.toISOString() ?? null };
  });
  const complete = lines.every((l) => l.passed !== null);
  return { applicationId: app.id, complete, eligible: complete && lines.every((l) => l.passed), lines };
}

export async function moveApplication(db: Db, actor: Actor, user: CurrentUser, id: string, input: MoveApplicationInput): Promise<ApplicationDetail> {
  await db.transaction(async (tx) => {
    const app = await loadVisibleApplication(tx, user, id, { lock: true });
    const from = app.status as ApplicationStatus;
    if (input.from && input.from !== from) throw new Conflict(msg('applications.status_changed', { now: named('status', from), expected: named('status', input.from) }));
    const mover = moverOf(from, input.to);
    if (!mover) throw new Conflict(msg('applications.move_not_allowed', { from: named('status', from), to: named('status', input.to) }));
    if (mover === 'committee') throw new Conflict(msg('applications.move_by_committee', { from: named('status', from), to: named('status', input.to) }));
    if (mover === 'holder' && !isHolderOf(user, app)) throw new Forbidden(msg('applications.move_by_holder_only', { from: named('status', from), to: named('status', input.to) }));
    if (mover === 'staff' && !isStaff(user)) throw new Forbidden(msg('applications.move_by_staff_only', { from: named('status', from), to: named('status', input.to) }));
    assertReason(input.to, input.reason);
    if (input.to === 'submitted') {
      const [programme] = await tx.select().from(programmes).where(eq(programmes.id, app.programmeId));
      if (!isCallOpen(programme, new Date().toISOString().slice(0, 10))) throw new Conflict('applications.call_closed');
    }
    if (from === 'screening' && (input.to === 'committee' || input.to === 'rejected')) {
      const screening = await screeningOf(tx, app);
      if (!screening.complete) throw new Conflict('applications.checklist_incomplete');
      if (input.to === 'committee' && !screening.eligible) throw new Conflict('applications.not_eligible_for_committee');
      if (input.to === 'rejected' && screening.eligible) throw new Conflict('applications.eligible_goes_to_committee');
    }
    await applyMove(tx, actor, app, input.to, input.reason ?? null);
  });
  return getApplication(db, user, id);
}

export async function getScreening(db: Db, user: CurrentUser, id: string): Promise<Screening> {
  const app = await loadVisibleApplication(db, user, id);
  return screeningOf(db, app);
}

export async function recordScreening(db: Db, actor: Actor, user: CurrentUser, id: string, input: ScreeningInput): Promise<Screening> {
  return db.transaction(async (tx) => {
    const app = await loadVisibleApplication(tx, user, id, { lock: true });
    if (app.status !== 'screening') throw new Conflict(msg('applications.checklist_in_screening', { status: named('status', app.status) }));
    const before = await screeningOf(tx, app);
    const known = new Set(before.lines.map((l) => l.key));
    const unknown = input.results.filter((r) => !known.has(r.key)).map((r) => r.key);
    if (unknown.length) throw new Invalid('applications.unknown_criteria', { results: unknown.map((k) => msg('field.unknown_criterion', { key: k })) });
    if (new Set(input.results.map((r) => r.key)).size !== input.results.length) throw new Invalid('applications.criterion_twice', { results: ['field.criteria_repeat'] });
    const now = new Date();
    for (const r of input.results) {
      const values = { applicationId: id, criterionKey: r.key, passed: r.passed, reason: r.reason, checkedBy: actor.id, checkedAt: now };
      await tx
        .insert(screeningResults)
        .values(values)
        .onConflictDoUpdate({ target: [screeningResults.applicationId, screeningResults.criterionKey], set: { passed: values.passed, reason: values.reason, checkedBy: values.checkedBy, checkedAt: now } });
    }
    const after = await screeningOf(tx, app);
    await recordAudit(tx, actor, { action: 'application.screen', entity: 'application', entityId: id, before: before.lines, after: after.lines });
    return after;
  });
}

export async function listMessages(db: Db, user: CurrentUser, id: string): Promise<ApplicationMessage[]> {
  await loadVisibleApplication(db, user, id);
  const rows = await db
    .select({ message: applicationMessages, authorName: users.name })
    .from(applicationMessages)
    .leftJoin(users, eq(users.id, applicationMessages.authorId))
    .where(and(eq(applicationMessages.applicationId, id), isStaff(user) ? undefined : eq(applicationMessages.audience, 'holder')))
    .orderBy(asc(applicationMessages.id));
  return rows.map(({ message, authorName }) => ({
    id: message.id,
    audience: message.audience as ApplicationMessage['audience'],
    body: message.body,
    authorName,
    at: message.at.toISOString(),
  }));
}

export async function postMessage(db: Db, actor: Actor, user: CurrentUser, id: string, input: PostMessageInput): Promise<ApplicationMessage> {
  return db.transaction(async (tx) => {
    const app = await loadVisibleApplication(tx, user, id);
    if (!isStaff(user) && !isHolderOf(user, app)) throw new Forbidden('applications.who_writes');
    // A holder's message is always addressed to the programme team, never an internal note.
    const audience = isStaff(user) ? input.audience : 'holder';
    const [row] = await tx.insert(applicationMessages).values({ applicationId: id, authorId: actor.id, audience, body: input.body }).returning();
    await recordAudit(tx, actor, { action: 'application.message', entity: 'application', entityId: id, after: { audience, body: input.body } });
    return { id: row.id, audience, body: row.body, authorName: user.name, at: row.at.toISOString() };
  });
}

const SIGNATURES: Record<(typeof ATTACHMENT_TYPES)[number], number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** Decodes and checks an upload: declared type allowed, bytes really of that type, size within the limit. */
export function checkAttachment(input: UploadAttachmentInput): Buffer {
  const type = input.contentType.toLowerCase() as (typeof ATTACHMENT_TYPES)[number];
  if (!ATTACHMENT_TYPES.includes(type)) throw new AppError(415, 'unsupported_media_type', msg('applications.attachment_type', { type: input.contentType }));
  if (input.contentBase64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(input.contentBase64)) {
    throw new Invalid('applications.attachment_base64', { contentBase64: ['field.not_base64'] });
  }
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new AppError(413, 'payload_too_large', msg('applications.attachment_size', { kb: ATTACHMENT_MAX_BYTES / 1024 }));
  const signature = SIGNATURES[type];
  if (bytes.length < signature.length || signature.some((b, i) => bytes[i] !== b)) {
    throw new AppError(415, 'unsupported_media_type', msg('applications.attachment_content', { type: input.contentType }));
  }
  return bytes;
}

const HOLDER_ATTACHES_WHILE: readonly ApplicationStatus[] = ['draft', 'submitted', 'screening'];

export async function uploadAttachment(db: Db, actor: Actor, user: CurrentUser, id: string, input: UploadAttachmentInput): Promise<Attachment> {
  const bytes = checkAttachment(input);
  return db.transaction(async (tx) => {
    const app = await loadVisibleApplication(tx, user, id, { lock: true });
    if (!isStaff(user)) {
      if (!isHolderOf(user, app)) throw new Forbidden('applications.who_attaches');
      if (!HOLDER_ATTACHES_WHILE.includes(app.status as ApplicationStatus)) throw new Conflict(msg('applications.attach_closed', { status: named('status', app.status) }));
    }
    const [{ n }] = await tx.select({ n: count() }).from(applicationAttachments).where(eq(applicationAttachments.applicationId, id));
    if (n >= ATTACHMENTS_PER_APPLICATION) throw new Conflict(msg('applications.attachments_limit', { max: ATTACHMENTS_PER_APPLICATION }));
    const [row] = await tx
      .insert(applicationAttachments)
      .values({ applicationId: id, filename: input.filename, contentType: input.contentType.toLowerCase(), sizeBytes: bytes.length, content: bytes, uploadedBy: actor.id })
      .returning();
    const attachment = toAttachment(row);
    await recordAudit(tx, actor, { action: 'application.attach', entity: 'application', entityId: id, after: attachment });
    return attachment;
  });
}

export async function readAttachment(db: Db, user: CurrentUser, id: string, attachmentId: string) {
  await loadVisibleApplication(db, user, id);
  const [row] = await db
    .select()
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, id)));
  if (!row) throw new NotFound('thing.attachment');
  return row;
}

export async function deleteAttachment(db: Db, actor: Actor, user: CurrentUser, id: string, attachmentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const app = await loadVisibleApplication(tx, user, id, { lock: true });
    if (!isHolderOf(user, app)) throw new Forbidden('applications.holder_removes');
    if (app.status !== 'draft') throw new Conflict('applications.remove_in_draft');
    const [row] = await tx
      .delete(applicationAttachments)
      .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, id)))
      .returning({ id: applicationAttachments.id, filename: applicationAttachments.filename });
    if (!row) throw new NotFound('thing.attachment');
    await recordAudit(tx, actor, { action: 'application.detach', entity: 'application', entityId: id, before: row });
  });
}
