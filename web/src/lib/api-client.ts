import { CSRF_HEADER } from '@essor/shared/auth';
import type { ErrorBody } from '@essor/shared/errors';

/** An error the API answered with: its status, code, message and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Set from /api/auth/me and from sign-in; every mutation sends it back. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = (data as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, error?.code ?? 'internal', error?.message ?? res.statusText, error?.fields ?? {});
  }
  return data as T;
}

/** Builds a query string from the set values only. */
export function toQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A fresh idempotency key for one money-moving action (kept across retries of that action). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
