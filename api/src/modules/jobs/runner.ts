import PgBoss from 'pg-boss';
import type { Database, Db } from '../../db/client';
import type { SendMail } from '../mail/public';

/** What a job may use: the database, and the mail sender when SMTP_URL is set. */
export interface JobContext {
  db: Db;
  sendMail: SendMail | null;
}

export interface JobDefinition {
  /** Queue name, `<module>.<what>`. */
  name: string;
  description: string;
  /** 5-field cron in UTC; absent for jobs only sent on demand. */
  cron?: string;
  /** Retries after the first failure before the run is marked failed (and shown to admins). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** `short`: at most one waiting run at a time (repeated wake-ups fold into one). */
  policy?: 'standard' | 'short';
  run(context: JobContext, data: Record<string, unknown>): Promise<unknown>;
}

export interface JobRunnerOptions {
  database: Pick<Database, 'db' | 'jobsConnection'>;
  definitions: JobDefinition[];
  sendMail: SendMail | null;
  /** Seconds between polls of a queue in each worker; a wake-up in this process does not wait for it. */
  pollingIntervalSeconds?: number;
  /** Overrides every definition's retry delay (tests retry at once). */
  retryDelaySeconds?: number;
}

export interface JobOutcome {
  name: string;
  id: string;
  ok: boolean;
  error?: string;
}

export const JOBS_SCHEMA = 'pgboss';

/**
 * One job runner backed by the database (pg-boss): every Essor process on one PostgreSQL may run workers,
 * and a job is fetched by exactly one of them (SELECT ... FOR UPDATE SKIP LOCKED in pg-boss). Cron
 * schedules live in the database too, so several processes still send each scheduled run once.
 */
export class JobRunner {
  private bossOrNull: PgBoss | null = null;
  private readonly byName: Map<string, JobDefinition>;
  private readonly workers = new Map<string, string>();
  private stopping = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.byName = new Map(options.definitions.map((d) => [d.name, d]));
  }

  private get boss(): PgBoss {
    if (!this.bossOrNull) throw new Error('The job runner is not started');
    return this.bossOrNull;
  }

  get definitions(): JobDefinition[] {
    return [...this.byName.values()];
  }

  get isWorking(): boolean {
    return this.workers.size > 0;
  }

  /** Creates pg-boss's tables and the queues; with `work`, also polls the queues and keeps the cron schedules. */
  async start(options: { work?: boolean } = {}): Promise<void> {
    if (this.bossOrNull) throw new Error('The job runner is already started');
    const connection = this.options.database.jobsConnection;
    const boss = new PgBoss({
      ...('connectionString' in connection ? { connectionString: connection.connectionString, max: 3 } : { db: connection }),
      schema: JOBS_SCHEMA,
      // Cron scheduling and maintenance run on pg-boss's own timers: only in a process that works;
      // tests drive the runner with runDueJobs() instead.
      schedule: Boolean(options.work),
      supervise: Boolean(options.work),
    });
    boss.on('error', (error) => {
      if (!this.stopping) console.error(`Job runner: ${error instanceof Error ? error.message : String(error)}`);
    });
    await boss.start();
    this.bossOrNull = boss;
    this.stopping = false;
    for (const job of this.byName.values()) {
      await boss.createQueue(job.name, {
        name: job.name,
        policy: job.policy ?? 'standard',
        retryLimit: job.retryLimit ?? 3,
        retryDelay: this.options.retryDelaySeconds ?? job.retryDelaySeconds ?? 30,
        retryBackoff: this.options.retryDelaySeconds === undefined,
        expireInSeconds: 15 * 60,
      });
    }
    if (!options.work) return;
    for (const job of this.byName.values()) {
      if (job.cron) await this.boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      const id = await this.boss.work(job.name, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async ([run]) =>
        this.execute(job, run.data as Record<string, unknown>),
      );
      this.workers.set(job.name, id);
    }
  }

  private execute(job: JobDefinition, data: Record<string, unknown> | null) {
    return job.run({ db: this.options.database.db, sendMail: this.options.sendMail }, data ?? {});
  }

  /** Queues one run now; returns its id, or null when a `short` queue already has one waiting. */
  async trigger(name: string, data: Record<string, unknown> = {}): Promise<string | null> {
    if (!this.byName.has(name)) throw new Error(`No job named ${name}`);
    // Due a second ago: pg-boss fetches runs with `start_after < now()`, and the embedded database's clock
    // ticks in milliseconds, so a run fetched in the millisecond it was queued would otherwise be skipped.
    return this.boss.send(name, data, { singletonKey: this.byName.get(name)!.policy === 'short' ? name : undefined, startAfter: '-1 second' });
  }

  /**
   * Asks for a run soon (after a message was queued): the worker of this process is woken at once,
   * the others find it at their next poll. Never throws: the cron run catches up whatever this misses.
   */
  wake(name: string): void {
    void this.trigger(name)
      .then(() => {
        const worker = this.workers.get(name);
        if (worker) this.bossOrNull?.notifyWorker(worker);
      })
      .catch((error) => {
        if (!this.stopping) console.error(`Job runner: could not wake ${name}: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  /**
   * Runs every job that is due, here and now, until the queues are empty or only hold retries that are
   * not due yet: what tests call instead of waiting for a worker's poll.
   */
  async runDueJobs(names: string[] = [...this.byName.keys()]): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    for (let round = 0; round < 50; round++) {
      let ran = 0;
      for (const name of names) {
        const job = this.byName.get(name)!;
        const fetched = await this.boss.fetch(name, { batchSize: 10 });
        for (const run of fetched ?? []) {
          ran++;
          try {
            const output = await this.execute(job, run.data as Record<string, unknown>);
            await this.boss.complete(name, run.id, output && typeof output === 'object' ? (output as object) : undefined);
            outcomes.push({ name, id: run.id, ok: true });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            await this.boss.fail(name, run.id, { message });
            outcomes.push({ name, id: run.id, ok: false, error: message });
          }
        }
      }
      if (ran === 0) break;
    }
    return outcomes;
  }

  async stop(): Promise<void> {
    if (!this.bossOrNull) return;
    this.stopping = true;
    await this.bossOrNull.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.bossOrNull = null;
    this.workers.clear();
  }
}
