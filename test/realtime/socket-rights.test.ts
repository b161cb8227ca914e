// An open socket has the rights its reader has now: sign-out closes it (at once on the instance
// that signed out, on the others when the event reaches them), a role removed or a membership
// ended re-authorizes it, and what moderation hid since stays hidden when events are replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';
import { announceAccessChange } from '../../server/events/access-changes.ts';
import { createTestApp, createUser, ORIGIN, signIn, testConfig, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { connectLive, type LiveTestClient } from '../helpers/live-client.ts';
import { onPostgres } from '../helpers/test-database.ts';

let a: TestApp;
let b: FastifyInstance;
let urlA: string;
let urlB: string;
let organizer: Member;
let ana: Member;
let forumId: number;
const open: LiveTestClient[] = [];

async function live(url: string, cookie: string) {
  const client = await connectLive(url, cookie);
  open.push(client);
  return client;
}

async function subscribed(client: LiveTestClient, spec: Record<string, unknown>) {
  client.send({ type: 'subscribe', forum: LIVE, ...spec });
  const key = 'thread' in spec ? `thread:${spec.thread}` : `week:${spec.week}`;
  return client.waitFor((m) => (m.type === 'subscribed' && m.subscription === key) || m.type === 'error');
}

const postIds = (client: LiveTestClient) =>
  client.messages.filter((m: any) => m.type === 'event' && m.payload?.post).map((m: any) => m.payload.post.id);

/** What another domain does when it ends a membership or changes a role: the change and the announcement, one transaction. */
async function changeRole(userId: number, role: 'participant' | null) {
  await a.db.transaction().execute(async (trx) => {
    if (role === null)
      await trx.deleteFrom('memberships').where('forum_id', '=', forumId).where('user_id', '=', userId).execute();
    else
      await trx
        .updateTable('memberships')
        .set({ role })
        .where('forum_id', '=', forumId)
        .where('user_id', '=', userId)
        .execute();
    await announceAccessChange(trx, { userId, forumId });
  });
}

beforeAll(async () => {
  a = await createTestApp();
  await importFixture(a);
  b = await buildApp({ config: testConfig, database: await a.testDatabase.openAnother(), logger: false });
  await a.app.listen({ host: '127.0.0.1', port: 0 });
  await b.listen({ host: '127.0.0.1', port: 0 });
  urlA = `http://127.0.0.1:${(a.app.server.address() as { port: number }).port}`;
  urlB = `http://127.0.0.1:${(b.server.address() as { port: number }).port}`;
  [organizer, ana] = [await member(a, 'organizer'), await member(a, 'participant', 'es')];
  forumId = (await a.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  await b?.close();
  await a?.close();
});

describe(`socket rights (${onPostgres ? 'PostgreSQL' : 'PGlite'}, two instances)`, () => {
  it('closes the signed-out session’s sockets on both instances, and only that session’s', async () => {
    const user = await createUser(a.db, { roles: [{ forumSlug: LIVE, role: 'participant' }] });
    const [leaving, staying] = [await signIn(a, user), await signIn(a, user)];
    const { threadId } = await startThread(a, organizer);
    const onA = await live(urlA, leaving);
    const onB = await live(urlB, leaving);
    const otherDevice = await live(urlB, staying);
    for (const client of [onA, onB, otherDevice])
      expect((await subscribed(client, { thread: threadId })).type).toBe('subscribed');

    const token = leaving.slice(leaving.indexOf('=') + 1);
    const serverSideA = [...a.app.liveHub.clients].filter((client) => client.sessionToken === token);
    expect(serverSideA).toHaveLength(1);
    await request(a.app.server).post('/api/auth/sign-out').set('Origin', ORIGIN).set('Cookie', leaving).expect(204);
    // On the instance that signed out, its socket is already closing when the answer is sent.
    expect(serverSideA[0]!.socket.readyState).toBe(serverSideA[0]!.socket.CLOSING);
    expect(await onA.closed()).toBe(4401);
    expect(await onB.closed()).toBe(4401);

    const post = await reply(a, organizer, threadId, { bodyMd: 'después de salir' });
    await otherDevice.waitFor((m) => m.type === 'event' && m.payload?.post?.id === post.id);
    expect(postIds(onA)).not.toContain(post.id);
    expect(postIds(onB)).not.toContain(post.id);

    // The old cookie opens a visitor's socket now, which may not follow a running forum.
    const again = await live(urlB, leaving);
    expect((await subscribed(again, { thread: threadId })).code).toBe('sign_in_required');
  });

  it('ends the subscriptions of a member whose membership ends, and tells them, on both instances', async () => {
    const leaver = await member(a, 'participant', 'fr');
    const { threadId } = await startThread(a, organizer);
    const onA = await live(urlA, leaver.cookie);
    const onB = await live(urlB, leaver.cookie);
    const watcher = await live(urlB, organizer.cookie);
    for (const client of [onA, onB]) {
      await subscribed(client, { week: 2 });
      await subscribed(client, { thread: threadId });
    }
    await subscribed(watcher, { week: 2 });

    await changeRole(leaver.id, null);
    for (const client of [onA, onB]) {
      const ended = await client.waitFor((m) => m.type === 'error' && m.subscription === 'week:2');
      expect(ended).toMatchObject({ code: 'not_a_member' });
      expect(ended.message).toBe(formatErrorMessage('fr', 'America/Toronto', 'not_a_member'));
      await client.waitFor((m) => m.type === 'error' && m.subscription === `thread:${threadId}`);
    }
    const post = await reply(a, organizer, threadId, { bodyMd: 'para los miembros' });
    await watcher.waitFor((m) => m.type === 'event' && m.payload?.post?.id === post.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const client of [onA, onB]) {
      expect(postIds(client)).not.toContain(post.id);
      expect(client.isOpen).toBe(true);
    }
  });

  it('ends a translator’s subscriptions when an organizer withdraws their only role', async () => {
    const user = await createUser(a.db, { interfaceLang: 'es', roles: [{ forumSlug: LIVE, role: 'translator' }] });
    const cookie = await signIn(a, user);
    const onB = await live(urlB, cookie);
    await subscribed(onB, { week: 2 });
    await request(a.app.server)
      .delete(`/api/forums/${LIVE}/translators/${user.id}`)
      .set('Origin', ORIGIN)
      .set('Cookie', organizer.cookie)
      .expect(200);
    const ended = await onB.waitFor((m) => m.type === 'error' && m.subscription === 'week:2');
    expect(ended).toMatchObject({ code: 'not_a_member' });
  });

  it('shows a demoted organizer hidden posts as members see them', async () => {
    const demoted = await member(a, 'organizer');
    const { threadId } = await startThread(a, organizer);
    const post = await reply(a, ana, threadId, { bodyMd: 'texto que se ocultará' });
    const before = await live(urlB, demoted.cookie);
    const stillOrganizer = await live(urlB, organizer.cookie);
    await subscribed(before, { thread: threadId });
    await subscribed(stillOrganizer, { thread: threadId });

    await changeRole(demoted.id, 'participant');
    // The change is applied in commit order: an event written after it is seen with the new rights.
    await request(a.app.server)
      .post(`/api/posts/${post.id}/hide`)
      .set('Origin', ORIGIN)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'spam' })
      .expect(204);
    const seenByOrganizer = await stillOrganizer.waitFor((m) => m.event === 'post.hidden');
    const seenByDemoted = await before.waitFor((m) => m.event === 'post.hidden');
    expect(seenByOrganizer.payload.post.hidden).toEqual({ reason: 'spam' });
    expect(seenByDemoted.payload.post).toMatchObject({ id: post.id, html: null, hidden: { reason: null } });
  });

  it('replays a post hidden since as hidden to members, and with its text to organizers', async () => {
    const { threadId } = await startThread(a, organizer);
    const post = await reply(a, ana, threadId, { bodyMd: 'Un secreto **muy** bien guardado' });
    await request(a.app.server)
      .post(`/api/posts/${post.id}/hide`)
      .set('Origin', ORIGIN)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'fuera de tema' })
      .expect(204);
    const other = await member(a, 'participant');

    const memberSocket = await live(urlB, other.cookie);
    await subscribed(memberSocket, { thread: threadId, after: 0 });
    const created = memberSocket.messages.find(
      (m: any) => m.event === 'post.created' && m.payload.post.id === post.id,
    ) as any;
    expect(created.payload.post).toMatchObject({ html: null, markdown: null, hidden: { reason: null } });
    expect(JSON.stringify(memberSocket.messages)).not.toContain('secreto');

    const weekSocket = await live(urlA, other.cookie);
    await subscribed(weekSocket, { week: 2, after: 0 });
    expect(JSON.stringify(weekSocket.messages)).not.toContain('secreto');

    const organizerSocket = await live(urlA, organizer.cookie);
    await subscribed(organizerSocket, { thread: threadId, after: 0 });
    const seen = organizerSocket.messages.find(
      (m: any) => m.event === 'post.created' && m.payload.post.id === post.id,
    ) as any;
    expect(seen.payload.post).toMatchObject({
      html: '<p>Un secreto <strong>muy</strong> bien guardado</p>',
      hidden: { reason: 'fuera de tema' },
    });
  });

  it('holds back a prompt’s answers in a replay, as live, until the reader has answered', async () => {
    const { threadId } = await startThread(a, organizer, 2, { kind: 'prompt', requiresOwnAnswer: true });
    const answer = await reply(a, ana, threadId, { bodyMd: 'Mi respuesta propia' });
    const reader = await member(a, 'participant');

    const first = await live(urlA, reader.cookie);
    await subscribed(first, { thread: threadId, after: 0 });
    const held = first.messages.find(
      (m: any) => m.type === 'event' && m.event === 'post.created' && !m.payload.thread,
    ) as any;
    expect(held.payload).toEqual({ gated: true, threadId });
    expect(JSON.stringify(first.messages)).not.toContain('respuesta propia');

    await reply(a, reader, threadId, { bodyMd: 'Now mine' });
    const second = await live(urlB, reader.cookie);
    await subscribed(second, { thread: threadId, after: 0 });
    expect(
      second.messages.some(
        (m: any) => m.payload?.post?.id === answer.id && m.payload.post.html === '<p>Mi respuesta propia</p>',
      ),
    ).toBe(true);
  });
});
