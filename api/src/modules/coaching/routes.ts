import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageOf } from '@essor/shared/pagination';
import {
  actionItemListQuerySchema,
  actionItemSchema,
  attendanceInputSchema,
  calendarFeedSchema,
  calendarQuerySchema,
  cancelSessionInputSchema,
  coachingPlanSchema,
  coachingSessionSchema,
  coachListQuerySchema,
  coachSchema,
  createActionItemInputSchema,
  createCoachInputSchema,
  createSessionInputSchema,
  expertPaymentsQuerySchema,
  expertPaymentsSchema,
  holderActionItemInputSchema,
  holderSessionSchema,
  hoursReportSchema,
  myCalendarQuerySchema,
  planListQuerySchema,
  reportQuerySchema,
  rosterSchema,
  savePlanInputSchema,
  updateActionItemInputSchema,
  updateCoachInputSchema,
  updateSessionInputSchema,
} from '@essor/shared/coaching';
import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import { actorOf, type AppEnv } from '../../lib/context';
import { requireUser } from '../../lib/authz';
import { csvResponse, toCsv } from '../../lib/csv';
import { defineRoute, json, jsonBody, idParams } from '../../lib/route';
import { structureForCreate } from '../../lib/scope';
import { coachCalendarFeed } from './calendar-feed';
import { coachingRoster, createCoach, getCoach, listCoaches, rotateCalendarToken, updateCoach } from './coaches-service';
import { getPlan, listHolderPlans, listPlans, savePlan } from './plans-service';
import { expertPayments, hoursReport } from './reports-service';
import { addActionItem, listHolderActionItems, setHolderActionItemStatus, updateActionItem } from './action-items';
import { cancelSession, createSession, updateSession } from './session-booking';
import { getSession, listCalendar, listHolderSessions, listMySessions } from './session-listing';
import { recordAttendance } from './session-attendance';
import { holderProjectIds } from '../../lib/holder-projects';
import { COACHING_MANAGERS as MANAGERS, COACHING_TEAM } from './viewer';

const csv = { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } };

const HOLDER = ['project_holder'] as const;
const tags = ['coaching'];

const listCoachesRoute = defineRoute(COACHING_TEAM, {
  method: 'get',
  path: '/coaches',
  tags,
  summary: 'Coaches: staff and external experts, by specialty, language and kind',
  request: { query: coachListQuerySchema },
  responses: { 200: { description: 'Coaches', ...json(z.array(coachSchema)) } },
});
const exportCoachesRoute = defineRoute(COACHING_TEAM, {
  method: 'get',
  path: '/coaches/export.csv',
  tags,
  summary: 'Export the coaches as CSV (same filters as the list)',
  request: { query: coachListQuerySchema },
  responses: csv,
});
const getCoachRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'get',
    path: '/coaches/{id}',
    tags,
    summary: 'One coach',
    request: { params: idParams },
    responses: { 200: { description: 'The coach', ...json(coachSchema) }, 404: { description: 'Unknown coach' } },
  },
  { params: { id: 'coach' } },
);
const createCoachRoute = defineRoute(MANAGERS, {
  method: 'post',
  path: '/coaches',
  tags,
  summary: 'Add a coach (an external expert carries an hourly rate)',
  request: { ...jsonBody(createCoachInputSchema) },
  responses: { 201: { description: 'Created', ...json(coachSchema) }, 409: { description: 'Account already linked' }, 422: { description: 'Unknown or unfit account' } },
});
const updateCoachRoute = defineRoute(
  MANAGERS,
  {
    method: 'patch',
    path: '/coaches/{id}',
    tags,
    summary: "Change a coach's profile, rate, availability or activity",
    request: { params: idParams, ...jsonBody(updateCoachInputSchema) },
    responses: { 200: { description: 'Updated', ...json(coachSchema) }, 404: { description: 'Unknown coach' } },
  },
  { params: { id: 'coach' } },
);
const rotateFeedRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'post',
    path: '/coaches/{id}/calendar-token',
    tags,
    summary: "Issue a new secret address for a coach's calendar feed (the old one stops working)",
    request: { params: idParams },
    responses: { 200: { description: 'The feed address, shown once', ...json(calendarFeedSchema) }, 404: { description: 'Unknown coach' } },
  },
  { params: { id: 'coach' } },
);
// No scope: the token is the only key, and a calendar application calls without a session.
const feedRoute = defineRoute('public', {
  method: 'get',
  path: '/coaches/{id}/calendar.ics',
  tags,
  summary: "A coach's sessions as iCalendar; the secret token in the address is the only key",
  request: { params: idParams, query: z.object({ token: z.string().min(1).max(200) }) },
  responses: { 200: { description: 'iCalendar', content: { 'text/calendar': { schema: z.string() } } }, 404: { description: 'Unknown coach or wrong token' } },
});
const rosterRoute = defineRoute(COACHING_TEAM, {
  method: 'get',
  path: '/roster',
  tags,
  summary: 'Cohorts and their projects, to choose from when planning sessions',
  responses: { 200: { description: 'Cohorts with projects', ...json(rosterSchema) } },
});

const listPlansRoute = defineRoute(COACHING_TEAM, {
  method: 'get',
  path: '/plans',
  tags,
  summary: 'Coaching plans with hours consumed and scheduled against the budget of each type',
  request: { query: planListQuerySchema },
  responses: { 200: { description: 'A page of plans, by cohort then project', ...json(pageOf(coachingPlanSchema)) } },
});
const getPlanRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'get',
    path: '/plans/{id}',
    tags,
    summary: 'One coaching plan',
    request: { params: idParams },
    responses: { 200: { description: 'The plan', ...json(coachingPlanSchema) }, 404: { description: 'Unknown plan' } },
  },
  { params: { id: 'coaching_plan' } },
);
const savePlanRoute = defineRoute(
  MANAGERS,
  {
    method: 'put',
    path: '/plans',
    tags,
    summary: "Create or replace a project's coaching plan in a cohort",
    request: { ...jsonBody(savePlanInputSchema) },
    responses: { 200: { description: 'The plan', ...json(coachingPlanSchema) }, 422: { description: 'Project not in the cohort' } },
  },
  { body: { cohortId: 'cohort', projectId: 'project' } },
);
const holderPlansRoute = defineRoute(HOLDER, {
  method: 'get',
  path: '/holder/plans',
  tags,
  summary: "The coaching plans of the holder's own projects",
  responses: { 200: { description: 'Plans', ...json(z.array(coachingPlanSchema)) } },
});

const calendarRoute = defineRoute(COACHING_TEAM, {
  method: 'get',
  path: '/sessions',
  tags,
  summary: 'Sessions in a date range (calendar); notes only for staff and the session’s coach',
  request: { query: calendarQuerySchema },
  responses: { 200: { description: 'Sessions', ...json(z.array(coachingSessionSchema)) } },
});
const mySessionsRoute = defineRoute(['coach'], {
  method: 'get',
  path: '/me/sessions',
  tags,
  summary: "The signed-in coach's own sessions",
  request: { query: myCalendarQuerySchema },
  responses: { 200: { description: 'Sessions', ...json(z.array(coachingSessionSchema)) } },
});
const getSessionRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'get',
    path: '/sessions/{id}',
    tags,
    summary: 'One session with attendees and action items',
    request: { params: idParams },
    responses: { 200: { description: 'The session', ...json(coachingSessionSchema) }, 404: { description: 'Unknown session' } },
  },
  { params: { id: 'coaching_session' } },
);
const createSessionRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'post',
    path: '/sessions',
    tags,
    summary: 'Book or log a session (a coach only for themselves); 409 when the coach is already booked',
    // Coach and holders are notified (e-mail and invite): the outbox worker is woken once the request is done.
    request: { ...jsonBody(createSessionInputSchema) },
    responses: {
      201: { description: 'Created', ...json(coachingSessionSchema) },
      409: { description: 'The coach has an overlapping session' },
      422: { description: 'Unknown coach or cohort, non-member attendees, over the plan budget' },
    },
  },
  { body: { cohortId: 'cohort', coachId: 'coach', projectId: 'project' } },
);
const updateSessionRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'patch',
    path: '/sessions/{id}',
    tags,
    summary: 'Reschedule a session, mark it held, write notes and decisions',
    // Coach and holders are notified (e-mail and invite): the outbox worker is woken once the request is done.
    request: { params: idParams, ...jsonBody(updateSessionInputSchema) },
    responses: {
      200: { description: 'Updated', ...json(coachingSessionSchema) },
      404: { description: 'Unknown session' },
      409: { description: 'Overlap, or the session is cancelled' },
    },
  },
  { params: { id: 'coaching_session' }, body: { coachId: 'coach' } },
);
const cancelSessionRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'post',
    path: '/sessions/{id}/cancel',
    tags,
    summary: 'Cancel a session; it stays in the history and frees the coach',
    // Coach and holders are notified (e-mail and invite): the outbox worker is woken once the request is done.
    request: { params: idParams, ...jsonBody(cancelSessionInputSchema) },
    responses: { 200: { description: 'Cancelled', ...json(coachingSessionSchema) }, 404: { description: 'Unknown session' }, 409: { description: 'Already cancelled or held' } },
  },
  { params: { id: 'coaching_session' } },
);
const attendanceRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'put',
    path: '/sessions/{id}/attendance',
    tags,
    summary: 'Record who attended (projects of the cohort only)',
    request: { params: idParams, ...jsonBody(attendanceInputSchema) },
    responses: { 200: { description: 'The session', ...json(coachingSessionSchema) }, 404: { description: 'Unknown session' }, 409: { description: 'The session has not started yet, or is cancelled' }, 422: { description: 'Project not in the cohort' } },
  },
  { params: { id: 'coaching_session' } },
);
const addActionItemRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'post',
    path: '/sessions/{id}/action-items',
    tags,
    summary: 'Add an action item to a session',
    request: { params: idParams, ...jsonBody(createActionItemInputSchema) },
    responses: { 201: { description: 'Created', ...json(actionItemSchema) }, 404: { description: 'Unknown session' } },
  },
  { params: { id: 'coaching_session' }, body: { projectId: 'project' } },
);
const updateActionItemRoute = defineRoute(
  COACHING_TEAM,
  {
    method: 'patch',
    path: '/action-items/{id}',
    tags,
    summary: 'Change an action item',
    request: { params: idParams, ...jsonBody(updateActionItemInputSchema) },
    responses: { 200: { description: 'Updated', ...json(actionItemSchema) }, 404: { description: 'Unknown action item' } },
  },
  { params: { id: 'action_item' } },
);

const holderSessionsRoute = defineRoute(HOLDER, {
  method: 'get',
  path: '/holder/sessions',
  tags,
  summary: "The holder's own sessions with their action items (never the notes)",
  responses: { 200: { description: 'Sessions', ...json(z.array(holderSessionSchema)) } },
});
const holderActionItemsRoute = defineRoute(HOLDER, {
  method: 'get',
  path: '/holder/action-items',
  tags,
  summary: "The holder's action items",
  request: { query: actionItemListQuerySchema },
  responses: { 200: { description: 'Action items', ...json(z.array(actionItemSchema)) } },
});
const holderActionItemRoute = defineRoute(
  HOLDER,
  {
    method: 'patch',
    path: '/holder/action-items/{id}',
    tags,
    summary: 'Mark one of your action items done, or reopen it',
    request: { params: idParams, ...jsonBody(holderActionItemInputSchema) },
    responses: { 200: { description: 'Updated', ...json(actionItemSchema) }, 404: { description: 'Not one of your action items' } },
  },
  { params: { id: 'action_item' } },
);

const hoursReportRoute = defineRoute(MANAGERS, {
  method: 'get',
  path: '/reports/hours',
  tags,
  summary: 'Hours delivered (held sessions) per type of support, cohort or coach',
  request: { query: reportQuerySchema },
  responses: { 200: { description: 'Report', ...json(hoursReportSchema) } },
});
const hoursCsvRoute = defineRoute(MANAGERS, {
  method: 'get',
  path: '/reports/hours.csv',
  tags,
  summary: 'Hours delivered as CSV',
  request: { query: reportQuerySchema },
  responses: csv,
});
const paymentsRoute = defineRoute(MANAGERS, {
  method: 'get',
  path: '/reports/expert-payments',
  tags,
  summary: "External experts' hours times their rate, for payment",
  request: { query: expertPaymentsQuerySchema },
  responses: { 200: { description: 'Amounts owed', ...json(expertPaymentsSchema) } },
});
const paymentsCsvRoute = defineRoute(MANAGERS, {
  method: 'get',
  path: '/reports/expert-payments.csv',
  tags,
  summary: "External experts' payments as CSV",
  request: { query: expertPaymentsQuerySchema },
  responses: csv,
});

/** Decimal hours for CSV cells, from whole minutes. */
const hours = (minutes: number) => (minutes / 60).toFixed(2);
/** The amount in major units with its currency's exact decimals, computed on integers, for accounting software. */
function decimalAmount(minor: number, currency: CurrencyCode): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent ? `.${digits.slice(-exponent)}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${fraction}`;
}

export const coachingRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listCoachesRoute, async (c) => c.json(await listCoaches(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportCoachesRoute, async (c) => {
    const rows = await listCoaches(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    const body = toCsv(rows, [
      { header: 'structure', value: (r) => r.structureName },
      { header: 'name', value: (r) => r.name },
      { header: 'kind', value: (r) => r.kind },
      { header: 'profession', value: (r) => r.profession },
      { header: 'firm', value: (r) => r.firm },
      { header: 'email', value: (r) => r.email },
      { header: 'specialties', value: (r) => r.specialties.join('; ') },
      { header: 'languages', value: (r) => r.languages.join('; ') },
      { header: 'hourly_rate', value: (r) => (r.hourlyRateMinor === null || !r.currency ? null : decimalAmount(r.hourlyRateMinor, r.currency)) },
      { header: 'hourly_rate_minor', value: (r) => r.hourlyRateMinor },
      { header: 'currency', value: (r) => r.currency },
      { header: 'active', value: (r) => (r.active ? 'yes' : 'no') },
    ]);
    return csvResponse(body, 'coaches.csv') as never;
  })
  .openapi(rosterRoute, async (c) => c.json(await coachingRoster(c.get('db'), requireUser(c.get('user'))), 200))
  .openapi(getCoachRoute, async (c) => c.json(await getCoach(c.get('db'), c.req.valid('param').id), 200))
  .openapi(createCoachRoute, async (c) => {
    const input = c.req.valid('json');
    const structureId = structureForCreate(requireUser(c.get('user')), input.structureId, MANAGERS);
    return c.json(await createCoach(c.get('db'), actorOf(c.var), structureId, input), 201);
  })
  .openapi(updateCoachRoute, async (c) => c.json(await updateCoach(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(rotateFeedRoute, async (c) => {
    const id = c.req.valid('param').id;
    const { token } = await rotateCalendarToken(c.get('db'), actorOf(c.var), requireUser(c.get('user')), id);
    return c.json({ token, url: `/api/coaching/coaches/${id}/calendar.ics?token=${token}` }, 200);
  })
  .openapi(feedRoute, async (c) => {
    const body = await coachCalendarFeed(c.get('db'), c.req.valid('param').id, c.req.valid('query').token);
    return new Response(body, { status: 200, headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' } }) as never;
  })
  .openapi(listPlansRoute, async (c) => c.json(await listPlans(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(getPlanRoute, async (c) => c.json(await getPlan(c.get('db'), c.req.valid('param').id), 200))
  .openapi(savePlanRoute, async (c) => c.json(await savePlan(c.get('db'), actorOf(c.var), c.req.valid('json')), 200))
  .openapi(calendarRoute, async (c) => c.json(await listCalendar(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(mySessionsRoute, async (c) => c.json(await listMySessions(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(getSessionRoute, async (c) => c.json(await getSession(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(createSessionRoute, async (c) => c.json(await createSession(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(updateSessionRoute, async (c) =>
    c.json(await updateSession(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(cancelSessionRoute, async (c) =>
    c.json(await cancelSession(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json').reason), 200),
  )
  .openapi(attendanceRoute, async (c) =>
    c.json(await recordAttendance(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(addActionItemRoute, async (c) =>
    c.json(await addActionItem(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(updateActionItemRoute, async (c) =>
    c.json(await updateActionItem(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(holderSessionsRoute, async (c) => c.json(await listHolderSessions(c.get('db'), requireUser(c.get('user'))), 200))
  .openapi(holderActionItemsRoute, async (c) =>
    c.json(await listHolderActionItems(c.get('db'), requireUser(c.get('user')), c.req.valid('query').status), 200),
  )
  .openapi(holderActionItemRoute, async (c) =>
    c.json(
      await setHolderActionItemStatus(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json').status),
      200,
    ),
  )
  .openapi(holderPlansRoute, async (c) => {
    const projectIds = await holderProjectIds(c.get('db'), requireUser(c.get('user')).id);
    return c.json(await listHolderPlans(c.get('db'), projectIds), 200);
  })
  .openapi(hoursReportRoute, async (c) => c.json(await hoursReport(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(hoursCsvRoute, async (c) => {
    const report = await hoursReport(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    const body = toCsv(report.rows, [
      { header: report.groupBy, value: (r) => r.label },
      { header: 'sessions', value: (r) => r.sessions },
      { header: 'hours', value: (r) => hours(r.minutes) },
      { header: 'minutes', value: (r) => r.minutes },
    ]);
    return csvResponse(body, `coaching-hours-${report.groupBy}-${report.from}-${report.to}.csv`) as never;
  })
  .openapi(paymentsRoute, async (c) => c.json(await expertPayments(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(paymentsCsvRoute, async (c) => {
    const report = await expertPayments(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    const body = toCsv(report.rows, [
      { header: 'coach', value: (r) => r.coachName },
      { header: 'profession', value: (r) => r.profession },
      { header: 'sessions', value: (r) => r.sessions },
      { header: 'hours', value: (r) => hours(r.minutes) },
      { header: 'hourly_rate', value: (r) => decimalAmount(r.hourlyRateMinor, r.currency) },
      { header: 'amount', value: (r) => decimalAmount(r.amountMinor, r.currency) },
      { header: 'amount_minor', value: (r) => r.amountMinor },
      { header: 'currency', value: (r) => r.currency },
    ]);
    return csvResponse(body, `expert-payments-${report.from}-${report.to}.csv`) as never;
  });
