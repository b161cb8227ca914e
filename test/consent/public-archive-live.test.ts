// The live socket applies the archive's rule like the pages do: a visitor of the public archive
// is told to read the page again (which names each author as they chose), never sent the post
// as written; a member of the forum receives it as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUserByEmail } from '../../server/demo/demo-accounts.ts';
import { seedDemoArchive, type SeededArchive } from '../../server/demo/demo-archive.ts';
import { seedArchiveElements } from '../../server/demo/demo-synthesis.ts';
import { importContent } from '../../server/content/import.service.ts';
import { appendEvent } from '../../server/events/events.queries.ts';
import { createTestApp, createUser, signIn, testConfig, type TestApp } from '../helpers/test-app.ts';
import { connectLive, type LiveTestClient } from '../helpers/live-client.ts';

const ARCHIVE = 'sse-policy-2009';
let t: TestApp;
let url: string;
let archive: SeededArchive;
const open: LiveTestClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await importContent(t.db, testConfig.contentDir);
  archive = (await seedDemoArchive(t.db, ARCHIVE))!;
  const organizer = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'organizer' }] });
  await seedArchiveElements(t.db, ARCHIVE, archive, (await sessionUserByEmail(t.db, organizer.email))!);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  await t?.close();
});

async function following(threadId: number, cookie?: string) {
  const client = await connectLive(url, cookie);
  open.push(client);
  client.send({ type: 'subscribe', forum: ARCHIVE, thread: threadId });
  const answer = await client.waitFor((m) => m.type === 'subscribed' || m.type === 'error');
  expect(answer.type).toBe('subscribed');
  return client;
}

describe('a post edited in the public archive', () => {
  it('reaches a visitor as "read the page again" and a member as written', async () => {
    const postId = archive.posts.get('school-meals')!;
    const post = await t.db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .select(['posts.thread_id', 'threads.week_id', 'threads.forum_id'])
      .where('posts.id', '=', postId)
      .executeTakeFirstOrThrow();
    const member = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'participant' }] });
    const visitor = await following(post.thread_id);
    const reader = await following(post.thread_id, await signIn(t, member));
    await t.db.transaction().execute((trx) =>
      appendEvent(trx, {
        forumId: post.forum_id,
        weekId: post.week_id,
        threadId: post.thread_id,
        type: 'post.edited',
        payload: { post: { id: postId, author: { id: archive.users.get('carla')!.id, displayName: 'Carla Souza' } } },
      }),
    );
    const seen = await visitor.waitFor((m) => m.type === 'event');
    expect(seen.payload).toEqual({ reread: true, threadId: post.thread_id });
    expect(JSON.stringify(visitor.messages)).not.toContain('Carla');
    const written = await reader.waitFor((m) => m.type === 'event');
    expect(written.payload.post.author.displayName).toBe('Carla Souza');
  });
});
