import { JOB_STATES, type JobList, type JobRun, type JobSummary } from '@essor/shared/mail';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../lib/rows';
import type { JobsHandle } from '../../lib/context';
import { JOBS_SCHEMA } from './runner';

interface RunRow {
  id: string;
  name: string;
  state: JobRun['state'];
  retry_count: number;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: unknown;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function outputText(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output === 'object' && 'message' in output && typeof (output as { message: unknown }).message === 'string') return (output as { message: string }).message;
  return JSON.stringify(output).slice(0, 500);
}

function toRun(row: RunRow): JobRun {
  return {
    id: row.id,
    state: row.state,
    retryCount: Number(row.retry_count),
    createdOn: iso(row.created_on)!,
    startedOn: iso(row.started_on),
    completedOn: iso(row.completed_on),
    output: outputText(row.output),
  };
}

/** Each job with its counts by state, its last finished run and its recent runs (failures first to catch the eye). */
export async function listJobs(db: Db, definitions: JobsHandle['definitions'], running: boolean): Promise<JobList> {
  const [exists] = rowsOf<{ found: string | null }>(await db.execute(sql`select to_regclass(${`${JOBS_SCHEMA}.job`})::text as found`));
  const names = definitions.map((d) => d.name);
  let runs: RunRow[] = [];
  const counts = new Map<string, Record<string, number>>();
  if (exists?.found && names.length) {
    const nameList = sql.join(names.map((n) => sql`${n}`), sql`, `);
    const schema = sql.raw(JOBS_SCHEMA);
    runs = rowsOf<RunRow>(
      await db.execute(sql`
        select * from (
          select id::text, name, state::text as state, retry_count, created_on, started_on, completed_on, output,
                 row_number() over (partition by name order by coalesce(completed_on, started_on, created_on) desc) as n
          from (
            select id, name, state, retry_count, created_on, started_on, completed_on, output from ${schema}.job where name in (${nameList})
            union all
            select id, name, state, retry_count, created_on, started_on, completed_on, output from ${schema}.archive where name in (${nameList})
          ) every_run
        ) ranked where n <= 10`),
    );
    for (const row of rowsOf<{ name: string; state: string; n: number | string }>(
      await db.execute(sql`select name, state::text as state, count(*) as n from ${schema}.job where name in (${nameList}) group by name, state`),
    )) {
      const byState = counts.get(row.name) ?? {};
      byState[row.state] = Number(row.n);
      counts.set(row.name, byState);
    }
  }
  const jobs: JobSummary[] = definitions.map((definition) => {
    const mine = runs.filter((r) => r.name === definition.name).map(toRun);
    const finished = mine.filter((r) => r.state === 'completed' || r.state === 'failed');
    return {
      name: definition.name,
      description: definition.description,
      cron: definition.cron ?? null,
      retryLimit: definition.retryLimit ?? 3,
      counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts.get(definition.name)?.[s] ?? 0])) as JobSummary['counts'],
      lastRun: finished[0] ?? null,
      recent: mine,
    };
  });
  return { running, jobs };
}
