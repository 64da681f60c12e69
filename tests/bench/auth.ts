import { createApp } from '../../api/src/app';
import type { Database } from '../../api/src/db/client';
import { TestClient } from '../support/http';

/**
 * Refused sign-ins, one at a time from fresh addresses (so throttling never answers first), for an
 * e-mail that has an account and for one that has none. The two medians should be close: a large gap
 * would tell a guesser which e-mails exist.
 */
export async function benchSignInRefusals(database: Database, options: { tries?: number } = {}) {
  const tries = options.tries ?? 41;
  const app = createApp({ database });
  async function medianMs(email: string, block: number): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < tries; i++) {
      const client = new TestClient(app, `10.${block}.${Math.floor(i / 250)}.${(i % 250) + 1}`);
      const started = performance.now();
      const res = await client.post('/api/auth/login', { email, password: 'not-the-password' });
      times.push(performance.now() - started);
      if (res.status !== 401) throw new Error(`sign-in refusal answered ${res.status}`);
    }
    return times.sort((a, b) => a - b)[Math.floor(tries / 2)];
  }
  // Alternate, so a slow moment of the machine falls on both sides.
  const known: number[] = [];
  const unknown: number[] = [];
  for (let round = 0; round < 3; round++) {
    known.push(await medianMs('admin@essor.demo', 60 + round));
    unknown.push(await medianMs('nobody-here@example.org', 70 + round));
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[1];
  return { tries: tries * 3, knownMs: Number(mid(known).toFixed(1)), unknownMs: Number(mid(unknown).toFixed(1)), ratio: Number((mid(unknown) / mid(known)).toFixed(2)) };
}
