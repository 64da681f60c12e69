import { z } from 'zod';
import { emailSchema } from './auth';
import { currencySchema, minorUnitsSchema } from './money';
import { staffSideRoleSchema } from './roles';

/** What a node of the territory's tree is: a network or city on top, support structures below. */
export const STRUCTURE_KINDS = ['network', 'city', 'incubator', 'local_agency', 'provincial_committee', 'fund', 'other'] as const;
export const structureKindSchema = z.enum(STRUCTURE_KINDS);
export type StructureKind = z.infer<typeof structureKindSchema>;

export const STRUCTURE_LANGUAGES = ['fr', 'en', 'ar', 'wo', 'zgh', 'es'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const structureSchema = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    name: z.string(),
    kind: structureKindSchema,
    territory: z.string(),
    languages: z.array(z.string()),
    currency: currencySchema,
    logoUrl: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    /** 0 for a top node, 1 for its children ... */
    depth: z.number().int(),
    /** The names from the top node down to this one, for breadcrumbs and the switcher. */
    trail: z.array(z.string()),
    /** Whether the caller is an admin of this node (or above it) and may edit it and its people. */
    canManage: z.boolean(),
  })
  .meta({ id: 'Structure' });
export type Structure = z.infer<typeof structureSchema>;

const structureFields = {
  name: z.string().trim().min(2).max(160),
  kind: structureKindSchema,
  territory: z.string().trim().max(200).default(''),
  languages: z.array(z.enum(STRUCTURE_LANGUAGES)).min(1).max(6).default(['fr']),
  currency: currencySchema,
  logoUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || /^https:\/\//.test(v) || v.startsWith('/'), 'An https:// address or a path on this site')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  contactName: optionalText(160),
  contactEmail: z
    .union([z.literal(''), emailSchema])
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  contactPhone: optionalText(40),
};

export const createStructureInputSchema = z
  .object({ parentId: z.uuid(), ...structureFields })
  .strict()
  .meta({ id: 'CreateStructureInput' });
export type CreateStructureInput = z.infer<typeof createStructureInputSchema>;

export const updateStructureInputSchema = z
  .object({
    parentId: z.uuid().optional(),
    name: structureFields.name.optional(),
    kind: structureKindSchema.optional(),
    territory: z.string().trim().max(200).optional(),
    languages: z.array(z.enum(STRUCTURE_LANGUAGES)).min(1).max(6).optional(),
    currency: currencySchema.optional(),
    logoUrl: structureFields.logoUrl,
    contactName: structureFields.contactName,
    contactEmail: structureFields.contactEmail,
    contactPhone: structureFields.contactPhone,
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateStructureInput' });
export type UpdateStructureInput = z.infer<typeof updateStructureInputSchema>;

export const membershipSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    userName: z.string(),
    userEmail: z.string(),
    structureId: z.uuid(),
    structureName: z.string(),
    role: staffSideRoleSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'Membership' });
export type Membership = z.infer<typeof membershipSchema>;

export const grantMembershipInputSchema = z
  .object({ email: emailSchema, role: staffSideRoleSchema })
  .strict()
  .meta({ id: 'GrantMembershipInput' });
export type GrantMembershipInput = z.infer<typeof grantMembershipInputSchema>;

/** One structure's own figures (rows held by that node itself), for the city view. */
export const structureFiguresSchema = z
  .object({
    structureId: z.uuid(),
    parentId: z.uuid().nullable(),
    name: z.string(),
    kind: structureKindSchema,
    depth: z.number().int(),
    programmes: z.number().int(),
    applications: z.number().int(),
    accepted: z.number().int(),
    cohorts: z.number().int(),
    coachingMinutesHeld: z.number().int(),
    money: z.array(z.object({ currency: currencySchema, committedMinor: minorUnitsSchema, disbursedMinor: minorUnitsSchema })),
  })
  .meta({ id: 'StructureFigures' });
export type StructureFigures = z.infer<typeof structureFiguresSchema>;

export const structureOverviewSchema = z.object({ structures: z.array(structureFiguresSchema) }).meta({ id: 'StructureOverview' });
export type StructureOverview = z.infer<typeof structureOverviewSchema>;
