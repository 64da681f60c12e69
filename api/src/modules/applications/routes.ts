import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  APPLICATION_STATUSES,
  applicationDetailSchema,
  applicationListQuerySchema,
  applicationMessageSchema,
  applicationSummarySchema,
  attachmentSchema,
  boardQuerySchema,
  boardSchema,
  createApplicationInputSchema,
  funnelSchema,
  moveApplicationInputSchema,
  postMessageInputSchema,
  screeningInputSchema,
  screeningSchema,
  updateApplicationInputSchema,
  uploadAttachmentInputSchema,
} from '@essor/shared/applications';
import { pageOf } from '@essor/shared/pagination';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, csvStream, toCsv } from '../../lib/csv';
import { defineRoute, json, idParams } from '../../lib/route';
import {
  applicationBoard,
  applicationFunnel,
  createApplication,
  deleteAttachment,
  exportApplications,
  getApplication,
  getScreening,
  listApplications,
  listMessages,
  moveApplication,
  postMessage,
  readAttachment,
  recordScreening,
  updateDraft,
  uploadAttachment,
} from './service';

const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const csvContent = { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } };
const STAFF = ['admin', 'staff'] as const;
const STAFF_AND_HOLDERS = ['admin', 'staff', 'project_holder'] as const;
const READERS = ['admin', 'staff', 'project_holder', 'committee_member'] as const;
const HOLDERS = ['project_holder'] as const;
const notFound = { 404: { description: 'Unknown application, or not yours' } };

const listRoute = defineRoute(STAFF_AND_HOLDERS, {
  method: 'get',
  path: '/',
  tags: ['applications'],
  summary: 'Applications (staff: all; a project holder: their own)',
  request: { query: applicationListQuerySchema },
  responses: { 200: { description: 'A page of applications', ...json(pageOf(applicationSummarySchema)) } },
});

const exportRoute = defineRoute(STAFF_AND_HOLDERS, {
  method: 'get',
  path: '/export.csv',
  tags: ['applications'],
  summary: 'Export the filtered applications as CSV',
  request: { query: applicationListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvContent,
});

const boardRoute = defineRoute(STAFF, {
  method: 'get',
  path: '/board',
  tags: ['applications'],
  summary: 'Applications grouped by pipeline stage (the kanban board)',
  request: { query: boardQuerySchema },
  responses: { 200: { description: 'One column per stage', ...json(boardSchema) } },
});

const funnelRoute = defineRoute(STAFF, {
  method: 'get',
  path: '/funnel',
  tags: ['applications'],
  summary: 'Applications per stage per programme',
  responses: { 200: { description: 'The funnel', ...json(funnelSchema) } },
});

const funnelExportRoute = defineRoute(STAFF, {
  method: 'get',
  path: '/funnel/export.csv',
  tags: ['applications'],
  summary: 'Export the funnel as CSV',
  responses: csvContent,
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['applications'],
  summary: 'One application with its timeline, files and the moves the caller may make',
  request: { params: idParams },
  responses: { 200: { description: 'The application', ...json(applicationDetailSchema) }, ...notFound },
}, { params: { id: 'application' } });

const createRoute = defineRoute(HOLDERS, {
  method: 'post',
  path: '/',
  tags: ['applications'],
  summary: 'Start an application (saved as a draft) for an open call',
  request: { body: { ...json(createApplicationInputSchema), required: true } },
  responses: { 201: { description: 'Draft saved', ...json(applicationDetailSchema) }, 404: { description: 'Unknown programme' }, 409: { description: 'Call not open' } },
}, { body: { programmeId: 'programme' } });

const updateRoute = defineRoute(HOLDERS, {
  method: 'patch',
  path: '/{id}',
  tags: ['applications'],
  summary: 'Save changes to a draft',
  request: { params: idParams, body: { ...json(updateApplicationInputSchema), required: true } },
  responses: { 200: { description: 'Draft saved', ...json(applicationDetailSchema) }, ...notFound, 409: { description: 'No longer a draft' } },
}, { params: { id: 'application' } });

const moveRoute = defineRoute(STAFF_AND_HOLDERS, {
  method: 'post',
  path: '/{id}/moves',
  tags: ['applications'],
  summary: 'Move an application along the pipeline (submit, screen, send to committee, withdraw ...)',
  // The notifications it writes may queue e-mails: the outbox worker is woken once the request is done.
  request: { params: idParams, body: { ...json(moveApplicationInputSchema), required: true } },
  responses: { 200: { description: 'Moved', ...json(applicationDetailSchema) }, ...notFound, 409: { description: 'The pipeline does not allow this move' } },
}, { params: { id: 'application' } });

const getScreeningRoute = defineRoute(STAFF, {
  method: 'get',
  path: '/{id}/screening',
  tags: ['applications'],
  summary: "The programme's eligibility checklist as filled in for this application",
  request: { params: idParams },
  responses: { 200: { description: 'The checklist', ...json(screeningSchema) }, ...notFound },
}, { params: { id: 'application' } });

const putScreeningRoute = defineRoute(STAFF, {
  method: 'put',
  path: '/{id}/screening',
  tags: ['applications'],
  summary: 'Fill in checklist lines (a failed criterion needs its reason)',
  request: { params: idParams, body: { ...json(screeningInputSchema), required: true } },
  responses: { 200: { description: 'The checklist', ...json(screeningSchema) }, ...notFound, 409: { description: 'Not in screening' } },
}, { params: { id: 'application' } });

const listMessagesRoute = defineRoute(STAFF_AND_HOLDERS, {
  method: 'get',
  path: '/{id}/messages',
  tags: ['applications'],
  summary: 'Messages on an application (a holder sees those addressed to them)',
  request: { params: idParams },
  responses: { 200: { description: 'Messages', ...json(z.object({ items: z.array(applicationMessageSchema) })) }, ...notFound },
}, { params: { id: 'application' } });

const postMessageRoute = defineRoute(STAFF_AND_HOLDERS, {
  method: 'post',
  path: '/{id}/messages',
  tags: ['applications'],
  summary: 'Write to the holder (or an internal note); a holder writes to the programme team',
  request: { params: idParams, body: { ...json(postMessageInputSchema), required: true } },
  responses: { 201: { description: 'Posted', ...json(applicationMessageSchema) }, ...notFound },
}, { params: { id: 'application' } });

const uploadRoute = defineRoute(STAFF_AND_HOLDERS, {
  method: 'post',
  path: '/{id}/attachments',
  tags: ['applications'],
  summary: 'Attach a PDF, PNG or JPEG file (base64, at most 512 KB)',
  request: { params: idParams, body: { ...json(uploadAttachmentInputSchema), required: true } },
  responses: {
    201: { description: 'Attached', ...json(attachmentSchema) },
    ...notFound,
    409: { description: 'Too many files, or application closed to files' },
    413: { description: 'File too big' },
    415: { description: 'File type not accepted' },
  },
}, { params: { id: 'application' } });

const downloadRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/attachments/{attachmentId}',
  tags: ['applications'],
  summary: 'Download an attached file',
  request: { params: attachmentParams },
  responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string() } } }, ...notFound },
}, { params: { id: 'application' } });

const deleteAttachmentRoute = defineRoute(HOLDERS, {
  method: 'delete',
  path: '/{id}/attachments/{attachmentId}',
  tags: ['applications'],
  summary: 'Remove a file from a draft',
  request: { params: attachmentParams },
  responses: { 204: { description: 'Removed' }, ...notFound, 409: { description: 'No longer a draft' } },
}, { params: { id: 'application' } });

export const applicationsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listApplications(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const rows = exportApplications(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    const csv = await csvStream(rows, [
      { header: 'id', value: (a) => a.id },
      { header: 'programme', value: (a) => a.programmeCode },
      { header: 'project', value: (a) => a.projectTitle },
      { header: 'organisation', value: (a) => a.organisationName },
      { header: 'legal_form', value: (a) => a.legalForm },
      { header: 'holder', value: (a) => a.holderName },
      { header: 'status', value: (a) => a.status },
      { header: 'submitted_at', value: (a) => a.submittedAt },
      { header: 'decided_at', value: (a) => a.decidedAt },
      { header: 'created_at', value: (a) => a.createdAt },
    ]);
    return csvResponse(csv, 'applications.csv') as never;
  })
  .openapi(boardRoute, async (c) => c.json(await applicationBoard(c.get('db'), requireUser(c.get('user')), c.req.valid('query').programmeId), 200))
  .openapi(funnelRoute, async (c) => c.json(await applicationFunnel(c.get('db'), requireUser(c.get('user'))), 200))
  .openapi(funnelExportRoute, async (c) => {
    const funnel = await applicationFunnel(c.get('db'), requireUser(c.get('user')));
    const csv = toCsv(funnel.programmes, [
      { header: 'programme', value: (p) => p.programmeCode },
      { header: 'name', value: (p) => p.programmeName },
      ...APPLICATION_STATUSES.map((status) => ({ header: status, value: (p: (typeof funnel.programmes)[number]) => p.counts[status] })),
      { header: 'total', value: (p) => p.total },
    ]);
    return csvResponse(csv, 'funnel.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await getApplication(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(createRoute, async (c) =>
    c.json(await createApplication(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201),
  )
  .openapi(updateRoute, async (c) =>
    c.json(await updateDraft(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(moveRoute, async (c) =>
    c.json(await moveApplication(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(getScreeningRoute, async (c) => c.json(await getScreening(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(putScreeningRoute, async (c) =>
    c.json(await recordScreening(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(listMessagesRoute, async (c) =>
    c.json({ items: await listMessages(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id) }, 200),
  )
  .openapi(postMessageRoute, async (c) =>
    c.json(await postMessage(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(uploadRoute, async (c) =>
    c.json(await uploadAttachment(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(downloadRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const file = await readAttachment(c.get('db'), requireUser(c.get('user')), id, attachmentId);
    return new Response(new Uint8Array(file.content), {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-length': String(file.sizeBytes),
        'content-disposition': `attachment; filename="${encodeURIComponent(file.filename)}"`,
        'x-content-type-options': 'nosniff',
      },
    }) as never;
  })
  .openapi(deleteAttachmentRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    await deleteAttachment(c.get('db'), actorOf(c.var), requireUser(c.get('user')), id, attachmentId);
    return c.body(null, 204);
  });
