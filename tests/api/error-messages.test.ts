import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '@essor/shared/errors';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, Conflict, NotFound } from '../../api/src/lib/errors';
import { MESSAGES } from '../../api/src/lib/messages/catalogue';
import { msg, render, replyLocale, type MessageKey } from '../../api/src/lib/messages/render';
import { VALIDATION_TEXTS } from '../../api/src/lib/messages/validation';
import { createTestContext, type TestContext } from '../support/http';

const KEYS = Object.keys(MESSAGES) as MessageKey[];
/** Texts that read the same in both languages (proper nouns, loanwords, placeholders). */
const SAME_IN_BOTH = new Set<MessageKey>([
  'field.verbatim',
  'thing.structure',
  'thing.programme',
  'thing.organisation',
  'thing.message',
  'holding.programmes',
  'support.marketing',
]);

const paramsOf = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has a default message for every error code, in French and English', () => {
    for (const code of ERROR_CODES) {
      const entry = MESSAGES[`code.${code}`];
      expect(entry, code).toBeDefined();
      expect(entry.en.trim(), code).not.toBe('');
      expect(entry.fr.trim(), code).not.toBe('');
      expect(entry.fr, code).not.toBe(entry.en);
    }
  });

  it('gives every key both languages, the same parameters, and a French text of its own', () => {
    for (const key of KEYS) {
      const { en, fr } = MESSAGES[key] as { en: string; fr: string };
      expect(en.trim(), key).not.toBe('');
      expect(fr.trim(), key).not.toBe('');
      expect(paramsOf(fr), key).toEqual(paramsOf(en));
      if (!SAME_IN_BOTH.has(key)) expect(fr, key).not.toBe(en);
    }
  });

  it('maps each message of the shared schemas to a key whose English text is that message', () => {
    for (const [english, key] of Object.entries(VALIDATION_TEXTS)) expect(MESSAGES[key].en, key).toBe(english);
  });

  it('renders parameters, nested messages and the English text of an error for the logs', () => {
    const full = new Conflict(msg('cohorts.full', { capacity: 12 }));
    expect(full.localized('fr').message).toBe(MESSAGES['cohorts.full'].fr.replace('{{capacity}}', '12'));
    expect(full.message).toBe(MESSAGES['cohorts.full'].en.replace('{{capacity}}', '12'));
    const missing = new NotFound('thing.cohort');
    expect(missing.localized('fr').message).toBe(render(msg('error.not_found_thing', { thing: { key: 'thing.cohort' } }), 'fr'));
    expect(missing.localized('fr').message).toContain(MESSAGES['thing.cohort'].fr);
    expect(missing.localized('en').message).toContain(MESSAGES['thing.cohort'].en);
  });

  it('chooses the profile language first, then the best of Accept-Language, else French', () => {
    expect(replyLocale('en', 'fr')).toBe('en');
    expect(replyLocale('fr', 'en')).toBe('fr');
    expect(replyLocale(null, 'en-GB,en;q=0.9')).toBe('en');
    expect(replyLocale(null, 'de-DE, en;q=0.4, fr;q=0.7')).toBe('fr');
    expect(replyLocale(null, 'de-DE, en;q=0.4')).toBe('en');
    expect(replyLocale(null, 'en;q=0')).toBe('fr');
    expect(replyLocale(undefined, 'de')).toBe('fr');
    expect(replyLocale(undefined, undefined)).toBe('fr');
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The text of each `new X(...)` of an error class, up to its closing parenthesis. */
function errorConstructions(source: string): string[] {
  const found: string[] = [];
  const start = /new (?:Invalid|Conflict|NotFound|Forbidden|Unauthenticated|Unprocessable|RateLimited|AppError)\(/g;
  for (let match = start.exec(source); match; match = start.exec(source)) {
    let depth = 1;
    let i = match.index + match[0].length;
    while (depth > 0 && i < source.length) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')') depth--;
      i++;
    }
    found.push(source.slice(match.index, i));
  }
  return found;
}

describe('the API source', () => {
  const root = path.resolve(__dirname, '../../api/src');
  const files = sourceFiles(root);

  it('gives no error a bare sentence: every message is a catalogue key', () => {
    const offenders: string[] = [];
    let constructions = 0;
    for (const file of files) {
      for (const call of errorConstructions(readFileSync(file, 'utf8'))) {
        constructions++;
        const literals = [...call.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
        for (const literal of literals) {
          const bare = literal.replace(/\$\{[^}]*\}/g, '');
          const sentence = /[A-Za-z]\s+[A-Za-z]/.test(bare) || /^[A-Z][a-z]/.test(bare);
          const unknownKey = /^[a-z_]+\.[a-z_.]+$/.test(literal) && !(literal in MESSAGES);
          if (sentence || unknownKey) offenders.push(`${path.relative(root, file)}: ${literal}`);
        }
      }
    }
    expect(constructions).toBeGreaterThan(200);
    expect(offenders).toEqual([]);
  });
});

describe('errors through HTTP', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const duplicate = { email: 'staff@essor.demo', name: 'Doublon', roles: ['staff'] };

  it('answers a French user in French and an English one in English, with the same code and fields', async () => {
    const admin = await ctx.as('admin');
    const inFrench = await admin.post('/api/users', duplicate, { headers: { 'accept-language': 'en' } });
    expect(inFrench.status).toBe(409);
    const fr = (await inFrench.json()).error;
    expect(fr.code).toBe('conflict');
    expect(fr.message).toBe(MESSAGES['users.email_taken'].fr);
    expect(fr.fields).toEqual({ email: [MESSAGES['field.already_registered'].fr] });

    await ctx.database.db.execute(sql`update users set locale = 'en' where email = 'admin@essor.demo'`);
    try {
      const inEnglish = await admin.post('/api/users', duplicate, { headers: { 'accept-language': 'fr' } });
      expect(inEnglish.status).toBe(409);
      const en = (await inEnglish.json()).error;
      expect(en.code).toBe(fr.code);
      expect(en.message).toBe(MESSAGES['users.email_taken'].en);
      expect(en.message).not.toBe(fr.message);
      expect(Object.keys(en.fields)).toEqual(Object.keys(fr.fields));
    } finally {
      await ctx.database.db.execute(sql`update users set locale = 'fr' where email = 'admin@essor.demo'`);
    }
  });

  it("gives zod's field messages and the shared schemas' own in the caller's language, under the same paths", async () => {
    const admin = await ctx.as('admin');
    const bad = { email: 'not-an-address', name: 42, roles: [] };
    const fr = (await (await admin.post('/api/users', bad)).json()).error;
    expect(fr.code).toBe('invalid');
    expect(fr.message).toBe(MESSAGES['code.invalid'].fr);
    expect(fr.fields.email).toEqual([MESSAGES['validation.email'].fr]);
    expect(fr.fields.roles).toEqual([MESSAGES['validation.pick_a_role'].fr]);
    // zod's own French, with the type actually sent
    expect(fr.fields.name[0]).toMatch(/attendu/);
    expect(fr.fields.name[0]).toMatch(/nombre reçu/);

    await ctx.database.db.execute(sql`update users set locale = 'en' where email = 'admin@essor.demo'`);
    try {
      const en = (await (await admin.post('/api/users', bad)).json()).error;
      expect(en.code).toBe('invalid');
      expect(en.message).toBe(MESSAGES['code.invalid'].en);
      expect(Object.keys(en.fields).sort()).toEqual(Object.keys(fr.fields).sort());
      expect(en.fields.email).toEqual([MESSAGES['validation.email'].en]);
      expect(en.fields.name[0]).toMatch(/expected string, received number/);
    } finally {
      await ctx.database.db.execute(sql`update users set locale = 'fr' where email = 'admin@essor.demo'`);
    }
  });

  it('keeps a message a schema wrote itself and not in the catalogue as written', async () => {
    const admin = await ctx.as('admin');
    const res = await admin.patch(`/api/users/${admin.me!.user.id}`, {});
    expect(res.status).toBe(400);
    const body = (await res.json()).error;
    expect(Object.values(body.fields).flat()).toContain(MESSAGES['validation.nothing_to_change'].fr);
  });

  it('follows Accept-Language for an anonymous caller, French by default', async () => {
    const wrong = { email: 'fund@essor.demo', password: 'wrong-password-1' };
    const ask = async (language?: string) => {
      const res = await ctx.client().post('/api/auth/login', wrong, language ? { headers: { 'accept-language': language } } : {});
      expect(res.status).toBe(401);
      return (await res.json()).error as { code: string; message: string };
    };
    const en = await ask('en-US,en;q=0.9');
    const fr = await ask('fr-CA');
    const none = await ask();
    const other = await ask('de-DE, en;q=0.5');
    expect([en.code, fr.code, none.code, other.code]).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated']);
    expect(en.message).toBe(MESSAGES['auth.wrong_credentials'].en);
    expect(fr.message).toBe(MESSAGES['auth.wrong_credentials'].fr);
    expect(none.message).toBe(fr.message);
    expect(other.message).toBe(en.message);

    const missing = (await (await ctx.client().post('/api/auth/login', {}, { headers: { 'accept-language': 'fr' } })).json()).error;
    expect(Object.keys(missing.fields).sort()).toEqual(['email', 'password']);
    expect(missing.fields.email[0]).toMatch(/attendu/);
  });

  it('answers the errors built by the app itself in the caller language too', async () => {
    const unknownFr = (await (await ctx.client().get('/api/no-such-thing')).json()).error;
    expect(unknownFr.code).toBe('not_found');
    expect(unknownFr.message).toBe(render(msg('error.no_route', { method: 'GET', path: '/api/no-such-thing' }), 'fr'));
    const malformed = await ctx.client().request('POST', '/api/auth/login', { raw: '{not json', headers: { 'accept-language': 'en' } });
    const body = (await malformed.json()).error;
    expect(body.code).toBe('malformed_json');
    expect(body.message).toBe(MESSAGES['code.malformed_json'].en);
  });

  it('keeps the English rendering as the error message for the logs', () => {
    const error = new AppError(409, 'conflict', 'committee.session_closed');
    expect(error.message).toBe(MESSAGES['committee.session_closed'].en);
    expect(error.localized('fr').message).toBe(MESSAGES['committee.session_closed'].fr);
  });
});
