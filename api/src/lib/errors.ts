import type { ErrorCode } from '@essor/shared/errors';

/** A failure the client caused or may see; turned into JSON by the app's one error handler. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class Invalid extends AppError {
  constructor(message: string, fields?: Record<string, string[]>) {
    super(400, 'invalid', message, fields);
  }
}
export class Unauthenticated extends AppError {
  constructor(message = 'Sign in to continue', code: 'unauthenticated' | 'session_expired' = 'unauthenticated') {
    super(401, code, message);
  }
}
export class Forbidden extends AppError {
  constructor(message = 'Your role does not allow this', code: 'forbidden' | 'csrf' = 'forbidden') {
    super(403, code, message);
  }
}
export class NotFound extends AppError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found`);
  }
}
export class Conflict extends AppError {
  constructor(message: string, fields?: Record<string, string[]>) {
    super(409, 'conflict', message, fields);
  }
}
export class Unprocessable extends AppError {
  constructor(message: string, code: ErrorCode = 'invalid', fields?: Record<string, string[]>) {
    super(422, code, message, fields);
  }
}
export class RateLimited extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

/** PostgreSQL unique violations surface as 409s, whichever driver raised them. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}
