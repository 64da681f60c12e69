import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  ESSOR_DATA_DIR: z.string().default('./data'),
  ESSOR_SEED: z.enum(['auto', 'never']).default('auto'),
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
