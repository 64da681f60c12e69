import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Env, Hono } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { isPublicShellPath } from '@essor/shared/public-shell';

/** The encodings the build writes beside each asset (tools/compress-assets.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Hashed file names never change content: cached for a year. Anything else is checked on every visit. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** The encodings a request accepts (q=0 refuses one), from its Accept-Encoding header. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** One file of the build, answered with its precompressed twin when the client takes it. */
async function sendFile(c: Context, file: string, cacheControl: string): Promise<Response> {
  const accepted = acceptedEncodings(c.req.header('accept-encoding'));
  const twins = ENCODINGS.filter((encoding) => isFile(file + encoding.suffix));
  const chosen = twins.find((encoding) => accepted.has(encoding.name));
  const body = await readFile(chosen ? file + chosen.suffix : file);
  const headers: Record<string, string> = {
    'Content-Type': getMimeType(file) ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    'Cache-Control': cacheControl,
  };
  if (chosen) headers['Content-Encoding'] = chosen.name;
  // A cache must not hand a gzip body to a client that asked for none.
  if (twins.length) headers.Vary = 'Accept-Encoding';
  return c.req.method === 'HEAD' ? c.body(null, 200, headers) : c.body(new Uint8Array(body), 200, headers);
}

/**
 * Serves the built admin from `root`: hashed assets/ for a year, everything else revalidated, compressed
 * once at build time (never on each request); any other GET outside /api gets a document: the visitor's public
 * one (public.html, a lighter entry) for the public pages' addresses, the admin's shell for the rest.
 */
export function serveWebBuild<E extends Env>(app: Hono<E>, root: string) {
  const base = path.resolve(root);
  const indexHtml = path.join(base, 'index.html');
  // Fail at start, not on the first visit, when the build is incomplete.
  readFileSync(indexHtml);
  const publicHtml = path.join(base, 'public.html');
  const hasPublicHtml = isFile(publicHtml);

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    const file = path.join(base, relative);
    const inside = file.startsWith(base + path.sep) && !relative.split('/').some((segment) => segment === '..' || segment === '.');
    const isAsset = relative.startsWith('/assets/');
    if (inside && isFile(file) && !/\.(br|gz)$/.test(file)) {
      return sendFile(c, file, isAsset && path.basename(file) !== 'index.html' ? IMMUTABLE : REVALIDATE);
    }
    // A missing asset is a 404, not the shell (a stale page asking for an old chunk must see it fail).
    if (isAsset || /\.[a-z0-9]+$/i.test(relative)) return next();
    return sendFile(c, hasPublicHtml && isPublicShellPath(relative) ? publicHtml : indexHtml, REVALIDATE);
  });
}
