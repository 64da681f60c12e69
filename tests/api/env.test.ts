import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { readEnv } from '../../api/src/env';
import { seedPlatform } from '../../seeds/platform';
import { TestClient } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedPlatform(database.db);
});
afterAll(() => database.dispose());

describe('ESSOR_SECURE_COOKIES', () => {
  it.each(['1', 'TRUE', 'yes', 'on', 'True'])('stops the server on %j, naming the setting', (value) => {
    expect(() => readEnv({ ESSOR_SECURE_COOKIES: value })).toThrow(/ESSOR_SECURE_COOKIES/);
  });

  it('reads true and false, and defaults to false', () => {
    expect(readEnv({ ESSOR_SECURE_COOKIES: 'true' }).ESSOR_SECURE_COOKIES).toBe(true);
    expect(readEnv({ ESSOR_SECURE_COOKIES: 'false' }).ESSOR_SECURE_COOKIES).toBe(false);
    expect(readEnv({}).ESSOR_SECURE_COOKIES).toBe(false);
  });

  it('marks the session cookie Secure from the parsed setting, not from process.env', async () => {
    const previous = process.env.ESSOR_SECURE_COOKIES;
    process.env.ESSOR_SECURE_COOKIES = 'false';
    try {
      const secure = new TestClient(createApp({ database, secureCookies: readEnv({ ESSOR_SECURE_COOKIES: 'true' }).ESSOR_SECURE_COOKIES }));
      const res = await secure.post('/api/auth/login', { email: 'staff@essor.demo', password: 'essor-demo' });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      const plain = await new TestClient(createApp({ database })).post('/api/auth/login', { email: 'staff@essor.demo', password: 'essor-demo' });
      expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    } finally {
      if (previous === undefined) delete process.env.ESSOR_SECURE_COOKIES;
      else process.env.ESSOR_SECURE_COOKIES = previous;
    }
  });
});

describe('SMTP_URL and ESSOR_PUBLIC_URL', () => {
  it('reads an smtp:// or smtps:// URL, and leaves mail unsent without one', () => {
    expect(readEnv({ SMTP_URL: 'smtp://user:secret@mail.example.org:587' }).SMTP_URL).toBe('smtp://user:secret@mail.example.org:587');
    expect(readEnv({ SMTP_URL: 'smtps://mail.example.org:465' }).SMTP_URL).toBe('smtps://mail.example.org:465');
    expect(readEnv({}).SMTP_URL).toBeUndefined();
    expect(readEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it.each(['mail.example.org', 'http://mail.example.org', 'smtp://', 'smtp://host with space'])('stops the server on SMTP_URL=%j, naming the setting', (value) => {
    expect(() => readEnv({ SMTP_URL: value })).toThrow(/SMTP_URL/);
  });

  it('refuses a public address that is not a URL', () => {
    expect(() => readEnv({ ESSOR_PUBLIC_URL: 'essor.example.org' })).toThrow(/ESSOR_PUBLIC_URL/);
    expect(readEnv({ ESSOR_PUBLIC_URL: 'https://essor.example.org' }).ESSOR_PUBLIC_URL).toBe('https://essor.example.org');
  });
});
