import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  addAgendaItemInputSchema,
  addMemberInputSchema,
  applicationScoresSchema,
  committeeDirectoryEntrySchema,
  committeeDirectoryQuerySchema,
  committeeSessionDetailSchema,
  committeeSessionSchema,
  createCommitteeSessionInputSchema,
  decisionInputSchema,
  declareConflictInputSchema,
  scorecardInputSchema,
} from '@essor/shared/committee';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { defineRoute, json, idParams } from '../../lib/route';
import { committeeMinutesPdf } from './minutes';
import { addAgendaItem, addMember, closeSession, committeeDirectory, createSession, decide, declareConflict, getScores, getSession, listSessions, submitScorecard } from './service';

const itemParams = z.object({ id: z.uuid(), applicationId: z.uuid() });
const STAFF = ['admin', 'staff'] as const;
const SEATED = ['admin', 'staff', 'committee_member'] as const;
const MEMBERS = ['committee_member'] as const;
const notFound = { 404: { description: 'Unknown session, or not one you sit on' } };

const directoryRoute = defineRoute(STAFF, {
  method: 'get',
  path: '/directory',
  tags: ['committee'],
  summary: "People who may sit on a committee (active committee members; for a programme, those whose role reaches its structure)",
  request: { query: committeeDirectoryQuerySchema },
  responses: { 200: { description: 'Committee members', ...json(z.object({ items: z.array(committeeDirectoryEntrySchema) })) } },
});

const listRoute = defineRoute(SEATED, {
  method: 'get',
  path: '/sessions',
  tags: ['committee'],
  summary: 'Committee sessions (a member sees those they sit on)',
  responses: { 200: { description: 'Sessions', ...json(z.object({ items: z.array(committeeSessionSchema) })) } },
});

const exportRoute = defineRoute(SEATED, {
  method: 'get',
  path: '/sessions/export.csv',
  tags: ['committee'],
  summary: 'Export the sessions as CSV',
  responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } },
});

const createRoute = defineRoute(STAFF, {
  method: 'post',
  path: '/sessions',
  tags: ['committee'],
  summary: "Convene a session: members, quorum, agenda (the programme's scoring grid is copied into it)",
  // The notifications it writes may queue e-mails: the outbox worker is woken once the request is done.
  request: { body: { ...json(createCommitteeSessionInputSchema), required: true } },
  responses: { 201: { description: 'Convened', ...json(committeeSessionDetailSchema) }, 404: { description: 'Unknown programme or application' }, 409: { description: 'No grid, or application not at the committee stage' }, 422: { description: 'A member is not a committee member' } },
}, { body: { programmeId: 'programme' } });

const getRoute = defineRoute(SEATED, {
  method: 'get',
  path: '/sessions/{id}',
  tags: ['committee'],
  summary: 'A session with its members, grid and agenda',
  request: { params: idParams },
  responses: { 200: { description: 'The session', ...json(committeeSessionDetailSchema) }, ...notFound },
}, { params: { id: 'committee_session' } });

const agendaRoute = defineRoute(STAFF, {
  method: 'post',
  path: '/sessions/{id}/agenda',
  tags: ['committee'],
  summary: "Add an application at the committee stage to the session's agenda",
  request: { params: idParams, body: { ...json(addAgendaItemInputSchema), required: true } },
  responses: { 201: { description: 'Added', ...json(committeeSessionDetailSchema) }, ...notFound, 409: { description: 'Not at the committee stage, or already there' } },
}, { params: { id: 'committee_session' }, body: { applicationId: 'application' } });

const memberRoute = defineRoute(STAFF, {
  method: 'post',
  path: '/sessions/{id}/members',
  tags: ['committee'],
  summary: 'Seat one more committee member on an open session',
  // The notifications it writes may queue e-mails: the outbox worker is woken once the request is done.
  request: { params: idParams, body: { ...json(addMemberInputSchema), required: true } },
  responses: { 201: { description: 'Seated', ...json(committeeSessionDetailSchema) }, ...notFound, 409: { description: 'Already seated, or session closed' }, 422: { description: 'Not a committee member' } },
}, { params: { id: 'committee_session' } });

const conflictRoute = defineRoute(MEMBERS, {
  method: 'post',
  path: '/sessions/{id}/applications/{applicationId}/conflicts',
  tags: ['committee'],
  summary: 'Declare a conflict of interest: you are excluded from scoring this application',
  request: { params: itemParams, body: { ...json(declareConflictInputSchema), required: true } },
  responses: { 201: { description: 'Declared', ...json(committeeSessionDetailSchema) }, ...notFound, 409: { description: 'Already declared or decided' } },
}, { params: { id: 'committee_session', applicationId: 'application' } });

const scoreRoute = defineRoute(MEMBERS, {
  method: 'put',
  path: '/sessions/{id}/applications/{applicationId}/scorecard',
  tags: ['committee'],
  summary: 'Submit your scores for an application (once; every criterion, within the grid)',
  request: { params: itemParams, body: { ...json(scorecardInputSchema), required: true } },
  responses: {
    201: { description: 'Submitted; others’ scores are now visible to you', ...json(applicationScoresSchema) },
    ...notFound,
    409: { description: 'Already scored, decided or closed' },
  },
}, { params: { id: 'committee_session', applicationId: 'application' } });

const scoresRoute = defineRoute(SEATED, {
  method: 'get',
  path: '/sessions/{id}/applications/{applicationId}/scores',
  tags: ['committee'],
  summary: "Scores of an application (a member sees others' only after submitting their own)",
  request: { params: itemParams },
  responses: { 200: { description: 'Scores', ...json(applicationScoresSchema) }, ...notFound },
}, { params: { id: 'committee_session', applicationId: 'application' } });

const decideRoute = defineRoute(STAFF, {
  method: 'post',
  path: '/sessions/{id}/applications/{applicationId}/decision',
  tags: ['committee'],
  summary: "Record the committee's decision with its reasons (quorum required); an acceptance may place the project in a cohort",
  request: { params: itemParams, body: { ...json(decisionInputSchema), required: true } },
  responses: { 201: { description: 'Decided', ...json(committeeSessionDetailSchema) }, ...notFound, 409: { description: 'Quorum not reached, already decided, or cohort full' } },
}, { params: { id: 'committee_session', applicationId: 'application' }, body: { cohortId: 'cohort' } });

const closeRoute = defineRoute(STAFF, {
  method: 'post',
  path: '/sessions/{id}/close',
  tags: ['committee'],
  summary: 'Close the session (no more scores or decisions; members may then read the minutes)',
  request: { params: idParams },
  responses: { 200: { description: 'Closed', ...json(committeeSessionDetailSchema) }, ...notFound, 409: { description: 'Already closed' } },
}, { params: { id: 'committee_session' } });

const minutesRoute = defineRoute(SEATED, {
  method: 'get',
  path: '/sessions/{id}/minutes.pdf',
  tags: ['committee'],
  summary: 'The minutes of the session as a PDF',
  request: { params: idParams },
  responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } }, ...notFound, 409: { description: 'Members get them once closed' } },
}, { params: { id: 'committee_session' } });

export const committeeRoutes = new OpenAPIHono<AppEnv>()
  .openapi(directoryRoute, async (c) => c.json({ items: await committeeDirectory(c.get('db'), requireUser(c.get('user')), c.req.valid('query').programmeId) }, 200))
  .openapi(listRoute, async (c) => c.json({ items: await listSessions(c.get('db'), requireUser(c.get('user'))) }, 200))
  .openapi(exportRoute, async (c) => {
    const rows = await listSessions(c.get('db'), requireUser(c.get('user')));
    const csv = toCsv(rows, [
      { header: 'programme', value: (s) => s.programmeCode },
      { header: 'title', value: (s) => s.title },
      { header: 'held_on', value: (s) => s.heldOn },
      { header: 'status', value: (s) => s.status },
      { header: 'quorum', value: (s) => s.quorum },
      { header: 'members', value: (s) => s.memberCount },
      { header: 'applications', value: (s) => s.agendaCount },
    ]);
    return csvResponse(csv, 'committee-sessions.csv') as never;
  })
  .openapi(createRoute, async (c) => c.json(await createSession(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(getRoute, async (c) => c.json(await getSession(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(agendaRoute, async (c) =>
    c.json(await addAgendaItem(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json').applicationId), 201),
  )
  .openapi(memberRoute, async (c) =>
    c.json(await addMember(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json').userId), 201),
  )
  .openapi(conflictRoute, async (c) => {
    const { id, applicationId } = c.req.valid('param');
    return c.json(await declareConflict(c.get('db'), actorOf(c.var), requireUser(c.get('user')), id, applicationId, c.req.valid('json')), 201);
  })
  .openapi(scoreRoute, async (c) => {
    const { id, applicationId } = c.req.valid('param');
    return c.json(await submitScorecard(c.get('db'), actorOf(c.var), requireUser(c.get('user')), id, applicationId, c.req.valid('json')), 201);
  })
  .openapi(scoresRoute, async (c) => {
    const { id, applicationId } = c.req.valid('param');
    return c.json(await getScores(c.get('db'), requireUser(c.get('user')), id, applicationId), 200);
  })
  .openapi(decideRoute, async (c) => {
    const { id, applicationId } = c.req.valid('param');
    return c.json(await decide(c.get('db'), actorOf(c.var), requireUser(c.get('user')), id, applicationId, c.req.valid('json')), 201);
  })
  .openapi(closeRoute, async (c) => c.json(await closeSession(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(minutesRoute, async (c) => {
    const { pdf, filename } = await committeeMinutesPdf(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id);
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"` },
    }) as never;
  });
