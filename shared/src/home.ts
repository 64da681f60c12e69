import { z } from 'zod';
import { applicationStatusSchema } from './applications';
import { currencySchema } from './money';

/**
 * What waits for one person, each kind counted and linked to the admin list that shows it.
 * A kind is listed only when the person's roles make it theirs (its count may be zero).
 */
export const HOME_ITEM_KINDS = [
  'applications_to_screen',
  'scorecards_to_fill',
  'decisions_to_record',
  'approvals_waiting',
  'sessions_today',
  'sessions_this_week',
  'attendance_to_record',
  'action_items_due',
  'milestones_overdue',
  'visits_at_risk',
  'instalments_late',
  'tranches_to_disburse',
] as const;
export const homeItemKindSchema = z.enum(HOME_ITEM_KINDS).meta({ id: 'HomeItemKind' });
export type HomeItemKind = z.infer<typeof homeItemKindSchema>;

export const homeItemSchema = z
  .object({
    kind: homeItemKindSchema,
    count: z.number().int().nonnegative(),
    /** The admin path of the list that shows these rows. */
    link: z.string(),
  })
  .meta({ id: 'HomeItem' });
export type HomeItem = z.infer<typeof homeItemSchema>;

const month = z.string().regex(/^\d{4}-\d{2}$/);

export const homeFiguresSchema = z
  .object({
    /** Applications submitted per month of the current year (January to the current month). */
    applicationsPerMonth: z.array(z.object({ month, count: z.number().int().nonnegative() })).nullable(),
    /** Where this month's submitted applications stand now, per status. */
    pipelineThisMonth: z.array(z.object({ status: applicationStatusSchema, count: z.number().int().nonnegative() })).nullable(),
    /** Money committed (net of releases) and disbursed per month of the current year, per currency. */
    money: z
      .array(
        z.object({
          currency: currencySchema,
          months: z.array(z.object({ month, committedMinor: z.number().int(), disbursedMinor: z.number().int() })),
        }),
      )
      .nullable(),
  })
  .meta({ id: 'HomeFigures' });
export type HomeFigures = z.infer<typeof homeFiguresSchema>;

export const holderHomeSchema = z
  .object({
    applications: z.array(
      z.object({ id: z.uuid(), projectTitle: z.string(), programmeName: z.string(), status: applicationStatusSchema, link: z.string() }),
    ),
    nextSession: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), coachName: z.string(), link: z.string() }).nullable(),
    openActionItems: z.object({ count: z.number().int().nonnegative(), overdue: z.number().int().nonnegative(), link: z.string() }),
    nextInstalments: z.array(
      z.object({
        loanId: z.uuid(),
        loanNumber: z.number().int(),
        seq: z.number().int(),
        dueOn: z.string(),
        amountMinor: z.number().int(),
        currency: currencySchema,
        overdue: z.boolean(),
        link: z.string(),
      }),
    ),
    /** Where to apply when the person has no application yet. */
    applyLink: z.string(),
  })
  .meta({ id: 'HolderHome' });
export type HolderHome = z.infer<typeof holderHomeSchema>;

export const homeSchema = z
  .object({
    /** The staff-side work waiting for the person, in their structures (narrowed by the switcher). */
    items: z.array(homeItemSchema),
    figures: homeFiguresSchema,
    /** A project holder's own things; null for someone who is not one. */
    holder: holderHomeSchema.nullable(),
    /** A welcome for an investor, or for someone with neither a staff role nor an application. */
    welcome: z.object({ kind: z.enum(['investor', 'newcomer']), bondOfferingsOpen: z.boolean() }).nullable(),
  })
  .meta({ id: 'Home' });
export type Home = z.infer<typeof homeSchema>;
