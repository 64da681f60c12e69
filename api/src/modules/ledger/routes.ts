import { OpenAPIHono, z } from '@hono/zod-openapi';
import { accountStatementSchema, balanceQuerySchema, journalEntrySchema, journalQuerySchema, ledgerAccountSchema, statementQuerySchema, trialBalanceSchema } from '@essor/shared/ledger';
import { pageOf } from '@essor/shared/pagination';
import type { AppEnv } from '../../lib/context';
import { csvResponse, csvStream, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, json } from '../../lib/route';
import { viewerOf } from '../../lib/viewer';
import { accountBalances, accountStatement, exportJournal, exportStatement, getJournalEntry, listJournal, trialBalance } from './reports';

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

const trialBalanceExportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/trial-balance/export.csv',
  tags: ['ledger'],
  summary: 'The trial balance as CSV, one row per account',
  request: { query: balanceQuerySchema },
  responses: csvFile,
});

const statementRoute = defineRoute(READERS, {
  method: 'get',
  path: '/accounts/{id}/statement',
  tags: ['ledger'],
  summary: "An account's movements with opening, running and closing balance, a page at a time in date order",
  request: { params: z.object({ id: z.uuid() }), query: statementQuerySchema },
  responses: { 200: { description: 'A page of the statement', ...json(accountStatementSchema) }, 404: { description: 'Unknown account' } },
}, { params: { id: 'ledger_account' } });

const statementExportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/accounts/{id}/statement/export.csv',
  tags: ['ledger'],
  summary: "An account's whole statement as CSV, one row per line with its running balance",
  request: { params: z.object({ id: z.uuid() }), query: statementQuerySchema.omit({ cursor: true, limit: true }) },
  responses: { ...csvFile, 404: { description: 'Unknown account' } },
}, { params: { id: 'ledger_account' } });

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
}, { params: { id: 'journal_entry' } });

export const ledgerRoutes = new OpenAPIHono<AppEnv>()
  .openapi(accountsRoute, async (c) => c.json(await accountBalances(c.get('db'), c.req.valid('query'), viewerOf(c.get('user')!, READERS)), 200))
  .openapi(trialBalanceRoute, async (c) => c.json(await trialBalance(c.get('db'), c.req.valid('query'), viewerOf(c.get('user')!, READERS)), 200))
  .openapi(trialBalanceExportRoute, async (c) => {
    const { rows } = await trialBalance(c.get('db'), c.req.valid('query'), viewerOf(c.get('user')!, READERS));
    const csv = toCsv(rows, [
      { header: 'fund', value: (r) => r.fundCode },
      { header: 'account', value: (r) => r.code },
      { header: 'account_name', value: (r) => r.name },
      { header: 'type', value: (r) => r.type },
      { header: 'currency', value: (r) => r.currency },
      { header: 'debit_minor', value: (r) => r.debitMinor },
      { header: 'credit_minor', value: (r) => r.creditMinor },
      { header: 'balance_minor', value: (r) => r.balanceMinor },
    ]);
    return csvResponse(csv, 'trial-balance.csv') as never;
  })
  .openapi(statementRoute, async (c) => c.json(await accountStatement(c.get('db'), c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(statementExportRoute, async (c) => {
    const csv = await csvStream(exportStatement(c.get('db'), c.req.valid('param').id, c.req.valid('query')), [
      { header: 'date', value: (l) => l.occurredOn },
      { header: 'entry', value: (l) => l.entryId },
      { header: 'kind', value: (l) => l.kind },
      { header: 'description', value: (l) => l.description },
      { header: 'debit_minor', value: (l) => l.debitMinor },
      { header: 'credit_minor', value: (l) => l.creditMinor },
      { header: 'balance_minor', value: (l) => l.balanceMinor },
    ]);
    return csvResponse(csv, 'statement.csv') as never;
  })
  .openapi(journalRoute, async (c) => c.json(await listJournal(c.get('db'), c.req.valid('query'), viewerOf(c.get('user')!, READERS)), 200))
  .openapi(exportRoute, async (c) => {
    const csv = await csvStream(exportJournal(c.get('db'), c.req.valid('query'), viewerOf(c.get('user')!, READERS)), [
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
  .openapi(entryRoute, async (c) => c.json(await getJournalEntry(c.get('db'), c.req.valid('param').id), 200));
