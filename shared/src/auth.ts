import { z } from 'zod';
import { roleSchema, selfServiceRoleSchema, staffSideRoleSchema } from './roles';

export const LOCALES = ['fr', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address' })).pipe(z.string().max(254));
export const passwordSchema = z.string().min(10, 'At least 10 characters').max(200);

export const loginInputSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) }).meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof loginInputSchema>;

export const registerInputSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(2).max(120),
    password: passwordSchema,
    role: selfServiceRoleSchema,
    locale: localeSchema.default('fr'),
  })
  .meta({ id: 'RegisterInput' });
export type RegisterInput = z.infer<typeof registerInputSchema>;

/** What sign-up answers, whether the e-mail was new or already known: it reveals neither. */
export const registerAcceptedSchema = z.object({ message: z.string() }).meta({ id: 'RegisterAccepted' });
export type RegisterAccepted = z.infer<typeof registerAcceptedSchema>;

export const changePasswordInputSchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema })
  .meta({ id: 'ChangePasswordInput' });
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export const acceptInvitationInputSchema = z
  .object({ token: z.string().min(20).max(200), password: passwordSchema })
  .meta({ id: 'AcceptInvitationInput' });

export const sessionUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    /** Every role the person holds somewhere: public roles and the roles of their memberships. */
    roles: z.array(roleSchema),
    locale: localeSchema,
    memberships: z.array(z.object({ structureId: z.uuid(), structureName: z.string(), role: staffSideRoleSchema })),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const meSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string(), expiresAt: z.string() })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const CSRF_HEADER = 'x-csrf-token';
/** The structure the admin's switcher narrowed every list and dashboard to; absent for all of mine. */
export const STRUCTURE_HEADER = 'x-essor-structure';
export const STRUCTURE_COOKIE = 'essor_structure';
export const SESSION_COOKIE = 'essor_session';

/** "Forgot password": the answer is the same whether the e-mail has an account or not. */
export const forgotPasswordInputSchema = z.object({ email: emailSchema, locale: localeSchema.optional() }).meta({ id: 'ForgotPasswordInput' });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInputSchema>;

export const resetPasswordInputSchema = z
  .object({ token: z.string().min(20).max(200), password: passwordSchema })
  .meta({ id: 'ResetPasswordInput' });
export type ResetPasswordInput = z.infer<typeof resetPasswordInputSchema>;
