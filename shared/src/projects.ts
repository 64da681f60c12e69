import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from './money';
import { pageQuerySchema } from './pagination';

export const LEGAL_FORMS = [
  'cooperative',
  'association',
  'non_profit',
  'mutual',
  'social_enterprise',
  'economic_interest_group',
  'informal_group',
] as const;
export const legalFormSchema = z.enum(LEGAL_FORMS).meta({ id: 'LegalForm' });
export type LegalForm = z.infer<typeof legalFormSchema>;

/** The forms an informal group can be on its way to. */
export const targetLegalFormSchema = z.enum(LEGAL_FORMS.filter((f) => f !== 'informal_group') as [Exclude<LegalForm, 'informal_group'>, ...Exclude<LegalForm, 'informal_group'>[]]);
export type TargetLegalForm = z.infer<typeof targetLegalFormSchema>;

export const PROJECT_NEEDS = ['coaching', 'co_financing', 'equipment', 'guarantee', 'community_bonds'] as const;
export const projectNeedSchema = z.enum(PROJECT_NEEDS).meta({ id: 'ProjectNeed' });
export type ProjectNeed = z.infer<typeof projectNeedSchema>;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const count = z.number().int().min(0).max(100_000);

export const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    legalForm: legalFormSchema,
    targetLegalForm: targetLegalFormSchema.nullable(),
    sector: z.string(),
    district: z.string(),
    territory: z.string(),
    foundersCount: z.number().int(),
    womenCount: z.number().int(),
    youthCount: z.number().int(),
    description: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof organisationSchema>;

const organisationFields = z.object({
  name: text(2, 200),
  legalForm: legalFormSchema,
  targetLegalForm: targetLegalFormSchema.nullable().default(null),
  sector: text(2, 120),
  district: text(2, 120),
  territory: text(2, 120),
  foundersCount: count,
  womenCount: count,
  youthCount: count,
  description: z.string().trim().max(4000).default(''),
  contactName: text(2, 120).nullable().default(null),
  contactEmail: z.email().max(254).nullable().default(null),
  contactPhone: text(4, 40).nullable().default(null),
});

type OrganisationCounts = { legalForm?: LegalForm; targetLegalForm?: string | null; foundersCount?: number; womenCount?: number; youthCount?: number };
function organisationRules<T extends z.ZodType<OrganisationCounts>>(schema: T) {
  return schema
    .refine((v) => v.foundersCount === undefined || ((v.womenCount ?? 0) <= v.foundersCount && (v.youthCount ?? 0) <= v.foundersCount), {
      message: 'Women and youth are counted among the founders',
      path: ['foundersCount'],
    })
    .refine((v) => !v.targetLegalForm || v.legalForm === undefined || v.legalForm === 'informal_group', {
      message: 'Only an informal group is on its way to a legal form',
      path: ['targetLegalForm'],
    });
}

export const organisationInputSchema = organisationRules(organisationFields).meta({ id: 'OrganisationInput' });
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const updateOrganisationInputSchema = organisationRules(organisationFields.partial())
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateOrganisationInput' });
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationInputSchema>;

export const projectSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    legalForm: legalFormSchema,
    programmeId: z.uuid().nullable(),
    programmeCode: z.string().nullable(),
    programmeName: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    needs: z.array(projectNeedSchema),
    district: z.string(),
    totalBudgetMinor: minorUnitsSchema,
    currency: currencySchema,
    stage: z.string(),
    holderUserId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof projectSchema>;

export const projectInputSchema = z
  .object({
    title: text(3, 200),
    description: z.string().trim().max(8000).default(''),
    needs: z.array(projectNeedSchema).max(PROJECT_NEEDS.length).refine((n) => new Set(n).size === n.length, 'Needs repeat').default([]),
    district: text(2, 120),
    totalBudgetMinor: minorUnitsSchema.nonnegative(),
    currency: currencySchema,
  })
  .meta({ id: 'ProjectInput' });
export type ProjectInput = z.infer<typeof projectInputSchema>;

export const updateProjectInputSchema = z
  .object({
    title: text(3, 200).optional(),
    description: z.string().trim().max(8000).optional(),
    needs: z.array(projectNeedSchema).max(PROJECT_NEEDS.length).refine((n) => new Set(n).size === n.length, 'Needs repeat').optional(),
    district: text(2, 120).optional(),
    totalBudgetMinor: minorUnitsSchema.nonnegative().optional(),
    stage: z.enum(['applicant', 'selected', 'incubated', 'financed', 'alumni', 'stopped']).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateProjectInput' });
export type UpdateProjectInput = z.infer<typeof updateProjectInputSchema>;

export const projectListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  programmeId: z.uuid().optional(),
  stage: z.string().trim().max(40).optional(),
  legalForm: legalFormSchema.optional(),
});
export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;

export const organisationListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  legalForm: legalFormSchema.optional(),
  territory: z.string().trim().max(120).optional(),
});
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;
