import { z } from 'zod';
import { emailSchema, localeSchema } from './auth';
import { pageQuerySchema } from './pagination';
import { roleSchema, staffSideRoleSchema } from './roles';

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export const userStatusSchema = z.enum(USER_STATUSES);

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    /** Public roles of the account and every role held in a structure. */
    roles: z.array(roleSchema),
    memberships: z.array(z.object({ id: z.uuid(), structureId: z.uuid(), structureName: z.string(), role: staffSideRoleSchema })),
    locale: localeSchema,
    status: userStatusSchema,
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

const rolesInput = z.array(roleSchema).min(1, 'Pick at least one role').max(7).refine((r) => new Set(r).size === r.length, 'Roles repeat');

export const inviteUserInputSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(2).max(120),
    roles: rolesInput,
    /** Where roles other than holder and investor are held; the admin's own structure when omitted. */
    structureId: z.uuid().optional(),
    locale: localeSchema.default('fr'),
  })
  .meta({ id: 'InviteUserInput' });
export type InviteUserInput = z.infer<typeof inviteUserInputSchema>;

export const invitationSchema = z
  .object({ user: userSchema, invitationToken: z.string(), expiresAt: z.string() })
  .meta({ id: 'Invitation' });

export const updateUserInputSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    roles: rolesInput.optional(),
    /** The structure whose roles `roles` replaces; the admin's own structure when omitted. */
    structureId: z.uuid().optional(),
    status: z.enum(['active', 'disabled']).optional(),
    locale: localeSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateUserInput' });
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const userListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
