import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * After `vite build`: writes a .br and a .gz beside every text asset of the build, at the strongest levels,
 * once; the server sends the twin the browser accepts (api/src/lib/static-assets.ts) and never compresses
 * on a request.
 */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|webmanifest)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function compressAssets(dir: string): { files: number; bytes: number; brotli: number; gzip: number } {
  const totals = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
  for (const file of filesUnder(dir)) {
    // The manifest under .vite/ is for the build's own tools, not served.
    if (!COMPRESSIBLE.test(file) || file.split(path.sep).includes('.vite')) continue;
    const source = readFileSync(file);
    const brotli = brotliCompressSync(source, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
    });
    const gzip = gzipSync(source, { level: 9 });
    writeFileSync(`${file}.br`, brotli);
    writeFileSync(`${file}.gz`, gzip);
    totals.files += 1;
    totals.bytes += source.length;
    totals.brotli += brotli.length;
    totals.gzip += gzip.length;
  }
  return totals;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'web/dist');
  const totals = compressAssets(dir);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`compressed ${totals.files} files: ${kb(totals.bytes)} -> brotli ${kb(totals.brotli)}, gzip ${kb(totals.gzip)}`);
}
