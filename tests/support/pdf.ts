import { inflateSync } from 'node:zlib';

/**
 * The words a PDF draws: its content streams inflated, then the strings of each text operator decoded
 * (the standard fonts write WinAnsi bytes, Latin-1 for the letters used here), one operator per word run.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const runs: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[(.*?)\]\s*TJ/g)) {
      const parts = [...op[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)].map((p) => (p[1] !== undefined ? Buffer.from(p[1], 'hex').toString('latin1') : p[2]));
      runs.push(parts.join(''));
    }
  }
  return runs.join(' ').replace(/\s+/g, ' ');
}
