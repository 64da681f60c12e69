import { expireLinks, purgeExpired } from '../auth/public';
import { lapseReservations, PAY_PAYOUTS_JOB, payRunningPayouts, RUN_DUE_PAYOUTS_JOB, runDuePayouts } from '../bonds/public';
import { CHARGE_YEARLY_FEES_JOB, chargeYearlyFees, MOVE_EXPOSURE_JOB, moveExposureFromSchedule } from '../guarantees/public';
import { DELIVER_OUTBOX, deliverDueMessages } from '../mail/public';
import { remindInstalments, remindSessionsOfTomorrow, sendDigests } from '../notifications/public';
import type { JobContext, JobDefinition } from './runner';

/**
 * Producers of the daily reminders and digests (sessions tomorrow, instalments due): each module adds its
 * own here; the daily job runs them in turn.
 */
export const DAILY_REMINDERS: { name: string; run(context: JobContext): Promise<void> }[] = [
  { name: 'sessions.tomorrow', run: async ({ db }) => void (await remindSessionsOfTomorrow(db)) },
  { name: 'instalments.due-and-overdue', run: async ({ db }) => void (await remindInstalments(db)) },
  // Last, so that the reminders just written for people who chose the digest go out in today's.
  { name: 'notifications.digest', run: async ({ db }) => void (await sendDigests(db)) },
];

/** Every scheduled job of Essor, in one list: the admin's jobs page shows them in this order. */
export const JOB_DEFINITIONS: JobDefinition[] = [
  {
    name: DELIVER_OUTBOX,
    description: 'Send the queued e-mails over SMTP (woken when a message is queued; every minute to catch up retries)',
    cron: '* * * * *',
    policy: 'short',
    retryLimit: 2,
    retryDelaySeconds: 30,
    async run({ db, sendMail }) {
      // Without SMTP_URL the messages stay in the outbox, shown to admins as they would have been sent.
      if (!sendMail) return { skipped: 'SMTP_URL is not set' };
      return deliverDueMessages(db, sendMail);
    },
  },
  {
    name: 'auth.expire-links',
    description: 'Expire unused invitations and password reset links; purge old sessions and sign-in attempts',
    cron: '*/15 * * * *',
    retryLimit: 3,
    async run({ db }) {
      const expired = await expireLinks(db);
      await purgeExpired(db);
      return expired;
    },
  },
  {
    name: 'bonds.lapse-reservations',
    description: 'Lapse community bond reservations past their payment deadline, then serve the waitlist in order',
    cron: '*/15 * * * *',
    retryLimit: 3,
    async run({ db }) {
      return lapseReservations(db);
    },
  },
  {
    name: PAY_PAYOUTS_JOB,
    description: 'Pay the bondholders of the community bond payouts started (woken by the run; every 15 minutes resumes a run cut short)',
    cron: '*/15 * * * *',
    policy: 'short',
    retryLimit: 3,
    async run({ db }) {
      return payRunningPayouts(db);
    },
  },
  {
    name: RUN_DUE_PAYOUTS_JOB,
    description: 'Start and pay the community bond coupons and redemptions falling due today or before',
    cron: '0 5 * * *',
    retryLimit: 3,
    async run({ db }) {
      return runDuePayouts(db);
    },
  },
  {
    name: MOVE_EXPOSURE_JOB,
    description: 'Move the exposure of guarantees the bank has not reported on for 45 days along their loan schedule (released when repaid)',
    cron: '0 4 * * *',
    retryLimit: 3,
    async run({ db }) {
      return moveExposureFromSchedule(db);
    },
  },
  {
    name: CHARGE_YEARLY_FEES_JOB,
    description: 'Charge the yearly guarantee fees falling on each anniversary of issue, on the exposure of that day',
    cron: '30 4 * * *',
    retryLimit: 3,
    async run({ db }) {
      return chargeYearlyFees(db);
    },
  },
  {
    name: 'reminders.daily',
    description: 'Daily reminders and digests (each module adds its own)',
    cron: '0 6 * * *',
    retryLimit: 3,
    async run(context) {
      for (const reminder of DAILY_REMINDERS) await reminder.run(context);
      return { ran: DAILY_REMINDERS.map((r) => r.name) };
    },
  },
];
