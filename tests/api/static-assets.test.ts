import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type EssorApp } from '../../api/src/app';
import { acceptedEncodings } from '../../api/src/lib/static-assets';

// A fake build: one hashed script with its precompressed twins (deliberately different bytes, to see which is sent),
// a hashed stylesheet with none, and the shell.
const SCRIPT = 'console.log("essor");\n'.repeat(50);
const SCRIPT_BR = Buffer.from('brotli bytes');
const SCRIPT_GZ = Buffer.from('gzip bytes');
const SHELL = '<!doctype html><html><body><div id="root"></div></body></html>';
const PUBLIC_SHELL = '<!doctype html><html><body><div id="root" data-public></div></body></html>';

let dir: string;
let app: EssorApp;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'essor-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets/app-abc123.js'), SCRIPT);
  writeFileSync(path.join(dir, 'assets/app-abc123.js.br'), SCRIPT_BR);
  writeFileSync(path.join(dir, 'assets/app-abc123.js.gz'), SCRIPT_GZ);
  writeFileSync(path.join(dir, 'assets/style-def456.css'), 'body{margin:0}');
  writeFileSync(path.join(dir, 'index.html'), SHELL);
  writeFileSync(path.join(dir, 'index.html.br'), brotliCompressSync(SHELL));
  writeFileSync(path.join(dir, 'index.html.gz'), gzipSync(SHELL));
  writeFileSync(path.join(dir, 'public.html'), PUBLIC_SHELL);
  writeFileSync(path.join(dir, 'public.html.br'), brotliCompressSync(PUBLIC_SHELL));
  // Static serving reads only the build; the API's database is never reached by these requests.
  app = createApp({ database: { db: null as never, kind: 'pglite' }, webDist: dir, logErrors: false });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, acceptEncoding?: string) => app.request(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('the built admin, served compressed once at build time', () => {
  it('sends the brotli twin first when the browser takes it', async () => {
    const res = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await bytesOf(res);
    expect(body.equals(SCRIPT_BR)).toBe(true);
    expect(res.headers.get('content-length')).toBe(String(SCRIPT_BR.length));
  });

  it('sends the gzip twin when brotli is not taken (or refused with q=0)', async () => {
    for (const header of ['gzip, deflate', 'br;q=0, gzip;q=0.8']) {
      const res = await get('/assets/app-abc123.js', header);
      expect(res.headers.get('content-encoding'), header).toBe('gzip');
      expect((await bytesOf(res)).equals(SCRIPT_GZ), header).toBe(true);
    }
  });

  it('sends the file as built to a client that takes no encoding, still saying the answer varies', async () => {
    for (const header of [undefined, 'identity']) {
      const res = await get('/assets/app-abc123.js', header);
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(await res.text()).toBe(SCRIPT);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('sends a file without twins as is, with no Vary', async () => {
    const res = await get('/assets/style-def456.css', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/text\/css/);
    expect(await res.text()).toBe('body{margin:0}');
  });

  it('has the shell revalidated on every visit, compressed too, for / and for client-side routes', async () => {
    for (const url of ['/', '/index.html', '/projects', '/invest/6f1c/subscribe', '/login']) {
      const res = await get(url, 'br');
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
      expect(res.headers.get('content-type'), url).toMatch(/text\/html/);
      expect(res.headers.get('content-encoding'), url).toBe('br');
      expect((await bytesOf(res)).equals(brotliCompressSync(SHELL)), url).toBe(true);
    }
    const plain = await get('/projects', '');
    expect(await plain.text()).toBe(SHELL);
  });

  it("answers the visitor's public pages with the lighter public document, and only those", async () => {
    for (const url of ['/apply', '/applications/new/abc', '/invest', '/invest/', '/invest/6f1c', '/open-data', '/open-data/montreal?year=2025']) {
      const res = await get(url, 'br, gzip');
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
      expect(res.headers.get('content-encoding'), url).toBe('br');
      expect((await bytesOf(res)).equals(brotliCompressSync(PUBLIC_SHELL)), url).toBe(true);
    }
    // Without a gzip twin, a gzip-only client gets the document as built.
    expect(await (await get('/invest', 'gzip')).text()).toBe(PUBLIC_SHELL);
    // Deeper, signed-in or admin paths keep the admin's shell, which has every route.
    for (const url of ['/invest/6f1c/subscribe', '/my/bonds', '/applications/new', '/applications/abc/edit', '/apply-now', '/open-database']) {
      expect(await (await get(url, '')).text(), url).toBe(SHELL);
    }
  });

  it('answers 404 for a missing asset instead of the shell, and never leaves the build folder', async () => {
    expect((await get('/assets/app-old999.js', 'br')).status).toBe(404);
    expect((await get('/assets/app-abc123.js.br', 'br')).status).toBe(404);
    const escape = await get('/assets/..%2f..%2fetc/passwd');
    expect(escape.status).toBe(404);
  });

  it('leaves /api to the API', async () => {
    const res = await get('/api/nowhere', 'br');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});

describe('Accept-Encoding', () => {
  it('reads names and refusals', () => {
    expect([...acceptedEncodings('gzip, deflate, br;q=1.0')]).toEqual(['gzip', 'deflate', 'br']);
    expect([...acceptedEncodings('br;q=0, gzip')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
