// The one-query thread context must read the forum and week exactly as plain selects do: a
// timestamp left as a string would pass type-checking and break the time box.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findThreadInContext } from '../../server/discussions/threads.queries.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, member, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let organizer: Member;
let outsider: Member;
let threadId: number;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [organizer, outsider] = [await member(t, 'organizer'), await member(t, null)];
  ({ threadId } = await startThread(t, organizer));
});
afterAll(async () => {
  await t?.close();
});

describe('thread context', () => {
  it('reads thread, week and forum as plain selects do, with the reader’s roles', async () => {
    const thread = await t.db.selectFrom('threads').selectAll().where('id', '=', threadId).executeTakeFirstOrThrow();
    const week = await t.db.selectFrom('weeks').selectAll().where('id', '=', thread.week_id).executeTakeFirstOrThrow();
    const forum = await t.db
      .selectFrom('forums')
      .selectAll()
      .where('id', '=', thread.forum_id)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('memberships')
      .values({ forum_id: forum.id, user_id: organizer.id, role: 'translator' })
      .execute();

    const context = await findThreadInContext(t.db, threadId, organizer.id);
    expect(context).toEqual({ thread, week, forum, roles: ['organizer', 'translator'] });
    expect(context!.week.opens_at).toBeInstanceOf(Date);
    expect((await findThreadInContext(t.db, threadId, outsider.id))!.roles).toEqual([]);
    expect((await findThreadInContext(t.db, threadId, null))!.roles).toEqual([]);
    expect(await findThreadInContext(t.db, threadId + 1000, organizer.id)).toBeUndefined();
  });
});
