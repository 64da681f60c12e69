import type { ErrorCode } from '@essor/shared/errors';
import { msg, render, renderFields, type Fields, type Locale, type Text, type ThingKey } from './messages/render';

/** A failure the client caused or may see; turned into JSON, in the caller's language, by the app's one error handler. */
export class AppError extends Error {
  /** The English rendering, for logs and for callers that read fields directly. */
  readonly fields?: Record<string, string[]>;

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: ErrorCode,
    readonly text: Text,
    readonly fieldTexts?: Fields,
    readonly headers?: Record<string, string>,
  ) {
    super(render(text, 'en'));
    this.fields = renderFields(fieldTexts, 'en');
  }

  localized(locale: Locale): { message: string; fields?: Record<string, string[]> } {
    return { message: render(this.text, locale), fields: renderFields(this.fieldTexts, locale) };
  }
}

export class Invalid extends AppError {
  constructor(message: Text, fields?: Fields) {
    super(400, 'invalid', message, fields);
  }
}
export class Unauthenticated extends AppError {
  constructor(message: Text = 'error.unauthenticated', code: 'unauthenticated' | 'session_expired' = 'unauthenticated') {
    super(401, code, message);
  }
}
export class Forbidden extends AppError {
  constructor(message: Text = 'error.forbidden', code: 'forbidden' | 'csrf' = 'forbidden') {
    super(403, code, message);
  }
}
export class NotFound extends AppError {
  constructor(what: ThingKey = 'thing.resource') {
    super(404, 'not_found', msg('error.not_found_thing', { thing: { key: what } }));
  }
}
export class Conflict extends AppError {
  constructor(message: Text, fields?: Fields) {
    super(409, 'conflict', message, fields);
  }
}
export class Unprocessable extends AppError {
  constructor(message: Text, code: ErrorCode = 'invalid', fields?: Fields) {
    super(422, code, message, fields);
  }
}
export class RateLimited extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', msg('error.rate_limited_minutes', { minutes: Math.ceil(retryAfterSeconds / 60) }), undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

/** PostgreSQL unique violations surface as 409s, whichever driver raised them. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}
