import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  ESSOR_DATA_DIR: z.string().default('./data'),
  ESSOR_SEED: z.enum(['auto', 'never']).default('auto'),
  // Only the exact words: a "1" or "yes" that silently left the cookie without Secure was worse than a stop.
  ESSOR_SECURE_COOKIES: z
    .enum(['true', 'false', ''], { message: 'Write true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  // smtp://user:pass@host:587 or smtps://...:465; without it the outbox is kept and shown to admins, not sent.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'Write smtp://user:password@host:port or smtps://...')
    .pipe(z.url())
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ESSOR_MAIL_FROM: z.string().min(3).default('Essor <no-reply@essor.localhost>'),
  /** The address people open Essor at: links in e-mails point here (never taken from a request's Host). */
  ESSOR_PUBLIC_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
});

export type Env = z.infer<typeof envSchema>;

/** Parsed once at start; a wrong value stops the server with a readable message. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
