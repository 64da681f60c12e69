import { z } from 'zod';
import { roleSchema, selfServiceRoleSchema } from './roles';

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

export const acceptInvitationInputSchema = z
  .object({ token: z.string().min(20).max(200), password: passwordSchema })
  .meta({ id: 'AcceptInvitationInput' });

export const sessionUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    locale: localeSchema,
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const meSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string(), expiresAt: z.string() })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'essor_session';
