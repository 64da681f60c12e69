import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { inviteUser } from '../../api/src/modules/users/service';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

/** The audit trail as an administrator reads it: filters, their edges, the page cursor and the names shown. */
let ctx: TestContext;
let admin: TestClient;
const robot = { id: null, email: 'robot_50%@audit.test', requestId: null };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type Entry = { id: string; action: string; actorEmail: string; entityLabel: string | null; actorName: string | null };
const trail = async (query: string): Promise<{ items: Entry[]; nextCursor: string | null }> => {
  const res = await admin.get(`/api/audit?${query}`);
  expect(res.status).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.as('admin');
  for (const n of [1, 2, 3]) {
    await inviteUser(ctx.database.db, robot, { email: `invited${n}@audit.test`, name: `Invitée ${n}`, roles: ['coach'], structureId: ROOT_STRUCTURE_ID, locale: 'fr' });
  }
});
afterAll(() => ctx.close());

describe('the audit trail', () => {
  it('filters by author (the pattern taken literally), by action prefix and by day, and pages by cursor', async () => {
    const byRobot = await trail(`actor=${encodeURIComponent('robot_50%')}&limit=100`);
    expect(byRobot.items.map((e) => [e.action, e.actorEmail])).toEqual(Array(3).fill(['user.invite', robot.email]));
    // '%' and '_' are the author's characters, not wildcards.
    expect((await trail(`actor=${encodeURIComponent('robot%50')}`)).items).toEqual([]);
    expect((await trail(`actor=${encodeURIComponent('robot_5_')}`)).items).toEqual([]);
    expect((await trail(`action=user.inv&actor=robot&limit=100`)).items).toHaveLength(3);
    expect((await trail(`action=inv&actor=robot`)).items).toEqual([]);
    // Days are whole days: today's rows from today to today, none from tomorrow nor up to yesterday.
    expect((await trail(`actor=robot&from=${day(0)}&to=${day(0)}`)).items).toHaveLength(3);
    expect((await trail(`actor=robot&from=${day(1)}`)).items).toEqual([]);
    expect((await trail(`actor=robot&to=${day(-1)}`)).items).toEqual([]);
    // One a page, newest first, each once.
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await trail(`actor=robot&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...page.items.map((e) => Number(e.id)));
      cursor = page.nextCursor;
    } while (cursor && ids.length < 10);
    expect(ids).toHaveLength(3);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });

  it('names the row each entry is about and its author', async () => {
    const invited = (await (await admin.get('/api/users?q=invited2@audit.test')).json()).items[0];
    expect((await admin.patch(`/api/users/${invited.id}`, { name: 'Invitée deux' })).status).toBe(200);
    const [entry] = (await trail(`entity=user&entityId=${invited.id}&action=user.update`)).items;
    expect(entry.entityLabel).toBe('Invitée deux');
    expect(entry.actorEmail).toBe('admin@essor.demo');
    expect(entry.actorName).not.toBeNull();
  });
});
