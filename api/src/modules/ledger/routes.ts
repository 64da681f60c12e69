import { OpenAPIHono, z } from '@hono/zod-openapi';
import { accountStatementSchema, balanceQuerySchema, journalEntrySchema, journalQuerySchema, ledgerAccountSchema, reverseEntryInputSchema, statementQuerySchema, trialBalanceSchema } from '@essor/shared/ledger';
import { pageOf } from '@essor/shared/pagination';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { idempotencyHeaderSchema, idempotentReply } from '../../lib/idempotency';
import { defineRoute } from '../../lib/route';
import { accountBalances, accountStatement, exportJournal, getJournalEntry, listJournal, trialBalance } from './service';
import { reverseCorrection } from './corrections';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const READERS = ['admin', 'staff', 'fund_manager'] as const;

const accountsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/accounts',
  tags: ['ledger'],
  summary: 'Chart of accounts with balances, optionally at the end of a day',
  request: { query: balanceQuerySchema },
  responses: { 200: { description: 'Accounts', ...json(z.array(ledgerAccountSchema)) } },
});

const trialBalanceRoute = defineRoute(READERS, {
  method: 'get',
  path: '/trial-balance',
  tags: ['ledger'],
  summary: 'Trial balance (all funds or one), optionally at the end of a day',
  request: { query: balanceQuerySchema },
  responses: { 200: { description: 'Trial balance', ...json(trialBalanceSchema) } },
});

const statementRoute = defineRoute(READERS, {
  method: 'get',
  path: '/accounts/{id}/statement',
  tags: ['ledger'],
  summary: "An account's movements with opening, running and closing balance",
  request: { params: z.object({ id: z.uuid() }), query: statementQuerySchema },
  responses: { 200: { description: 'Statement', ...json(accountStatementSchema) }, 404: { description: 'Unknown account' } },
});

const journalRoute = defineRoute(READERS, {
  method: 'get',
  path: '/entries',
  tags: ['ledger'],
  summary: 'The journal, newest first',
  request: { query: journalQuerySchema },
  responses: { 200: { description: 'A page of entries', ...json(pageOf(journalEntrySchema)) } },
});

const exportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/entries/export.csv',
  tags: ['ledger'],
  summary: 'The journal as CSV, one row per line',
  request: { query: journalQuerySchema.omit({ cursor: true, limit: true }) },
  responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } },
});

const entryRoute = defineRoute(READERS, {
  method: 'get',
  path: '/entries/{id}',
  tags: ['ledger'],
  summary: 'One journal entry with its lines',
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: { 200: { description: 'Entry', ...json(journalEntrySchema) }, 404: { description: 'Unknown entry' } },
});

const reverseRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/entries/{id}/reverse',
  tags: ['ledger'],
  summary: 'Reverse a capital contribution recorded by mistake (other entries are reversed by their business action)',
  request: { params: z.object({ id: z.coerce.number().int().positive() }), headers: idempotencyHeaderSchema, body: { ...json(reverseEntryInputSchema), required: true } },
  responses: { 201: { description: 'The reversing entry', ...json(journalEntrySchema) }, 404: { description: 'Unknown entry' }, 409: { description: 'Already reversed, or would spend committed money' } },
});

export const ledgerRoutes = new OpenAPIHono<AppEnv>()
  .openapi(accountsRoute, async (c) => c.json(await accountBalances(c.get('db'), c.req.valid('query')), 200))
  .openapi(trialBalanceRoute, async (c) => c.json(await trialBalance(c.get('db'), c.req.valid('query')), 200))
  .openapi(statementRoute, async (c) => c.json(await accountStatement(c.get('db'), c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(journalRoute, async (c) => c.json(await listJournal(c.get('db'), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const rows = await exportJournal(c.get('db'), c.req.valid('query'));
    const csv = toCsv(rows, [
      { header: 'entry', value: (r) => r.entryId },
      { header: 'date', value: (r) => r.occurredOn },
      { header: 'fund', value: (r) => r.fundCode },
      { header: 'kind', value: (r) => r.kind },
      { header: 'description', value: (r) => r.description },
      { header: 'account', value: (r) => r.accountCode },
      { header: 'account_name', value: (r) => r.accountName },
      { header: 'currency', value: (r) => r.currency },
      { header: 'debit_minor', value: (r) => r.debitMinor },
      { header: 'credit_minor', value: (r) => r.creditMinor },
      { header: 'reverses_entry', value: (r) => r.reversesEntryId },
    ]);
    return csvResponse(csv, 'journal.csv') as never;
  })
  .openapi(entryRoute, async (c) => c.json(await getJournalEntry(c.get('db'), c.req.valid('param').id), 200))
  .openapi(reverseRoute, async (c) => {
    const id = c.req.valid('param').id;
    const input = c.req.valid('json');
    return idempotentReply(c, { id, ...input }, 201, (tx) => reverseCorrection(tx, actorOf(c.var), id, input));
  });
