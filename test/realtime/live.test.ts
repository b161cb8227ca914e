// Live updates: an event written through one app instance reaches a socket on another instance
// of the same database; a reconnecting client receives what it missed, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createTestApp, ORIGIN, testConfig, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { connectLive } from '../helpers/live-client.ts';
import { onPostgres } from '../helpers/test-database.ts';

let a: TestApp;
let b: FastifyInstance;
let urlA: string;
let urlB: string;
let ana: Member;
let organizer: Member;

beforeAll(async () => {
  a = await createTestApp();
  await importFixture(a);
  // Instance B: its own app (and on PostgreSQL its own connection pool) on the same database.
  b = await buildApp({ config: testConfig, database: await a.testDatabase.openAnother(), logger: false });
  await a.app.listen({ host: '127.0.0.1', port: 0 });
  await b.listen({ host: '127.0.0.1', port: 0 });
  urlA = `http://127.0.0.1:${(a.app.server.address() as { port: number }).port}`;
  urlB = `http://127.0.0.1:${(b.server.address() as { port: number }).port}`;
  [ana, organizer] = [await member(a, 'participant', 'es'), await member(a, 'organizer')];
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe(`live updates (${onPostgres ? 'PostgreSQL, two pools' : 'PGlite, two apps on one database'})`, () => {
  it('delivers a post made through instance A to a socket on instance B', async () => {
    const { threadId } = await startThread(a, organizer);
    const live = await connectLive(urlB, ana.cookie);
    try {
      live.send({ type: 'subscribe', forum: LIVE, week: 2 });
      await live.waitFor((m) => m.type === 'subscribed');
      const post = await reply(a, organizer, threadId, { bodyMd: 'Hola a **todos**', lang: 'es' });
      const event = await live.waitFor((m) => m.type === 'event' && m.event === 'post.created');
      expect(event).toMatchObject({
        subscription: 'week:2',
        threadId,
        payload: { post: { id: post.id, html: '<p>Hola a <strong>todos</strong></p>', lang: 'es' } },
      });
    } finally {
      await live.close();
    }
  });

  it('sends a reconnecting client the two posts it missed, in order and once', async () => {
    const { threadId } = await startThread(a, organizer);
    const first = await connectLive(urlB, ana.cookie);
    first.send({ type: 'subscribe', forum: LIVE, thread: threadId });
    const subscribed = await first.waitFor((m) => m.type === 'subscribed');
    const lastSeen = subscribed.lastEventId as number;
    await first.close();

    const p1 = await reply(a, organizer, threadId, { bodyMd: 'uno' });
    const p2 = await reply(a, organizer, threadId, { bodyMd: 'dos' });

    const again = await connectLive(urlA, ana.cookie);
    try {
      again.send({ type: 'subscribe', forum: LIVE, thread: threadId, after: lastSeen });
      await again.waitFor((m) => m.type === 'event' && m.payload?.post?.id === p2.id);
      // A post made after the resume arrives live too, and nothing twice.
      const p3 = await reply(a, organizer, threadId, { bodyMd: 'tres' });
      await again.waitFor((m) => m.type === 'event' && m.payload?.post?.id === p3.id);
      const delivered = again.messages.filter((m) => m.type === 'event').map((m: any) => m.payload.post.id);
      expect(delivered).toEqual([p1.id, p2.id, p3.id]);
    } finally {
      await again.close();
    }
  });

  it('delivers edits and hides, without the hidden text', async () => {
    const { threadId } = await startThread(a, organizer);
    const post = await reply(a, ana, threadId, { bodyMd: 'antes' });
    const live = await connectLive(urlB, ana.cookie);
    try {
      live.send({ type: 'subscribe', forum: LIVE, thread: threadId });
      await live.waitFor((m) => m.type === 'subscribed');
      await request(a.app.server)
        .patch(`/api/posts/${post.id}`)
        .set('Origin', ORIGIN)
        .set('Cookie', ana.cookie)
        .send({ bodyMd: 'después', lang: 'es', baseRevision: 1 })
        .expect(200);
      const edited = await live.waitFor((m) => m.event === 'post.edited');
      expect(edited.payload.post).toMatchObject({ id: post.id, html: '<p>después</p>', revision: 2 });
      await request(a.app.server)
        .post(`/api/posts/${post.id}/hide`)
        .set('Origin', ORIGIN)
        .set('Cookie', organizer.cookie)
        .send({ reason: 'spam' })
        .expect(204);
      const hidden = await live.waitFor((m) => m.event === 'post.hidden');
      expect(hidden.payload.post).toMatchObject({ id: post.id, html: null, hidden: { reason: null } });
    } finally {
      await live.close();
    }
  });

  it('refuses a subscription the reader may not read, in their language', async () => {
    const outsider = await member(a, null, 'fr');
    const live = await connectLive(urlA, outsider.cookie);
    try {
      live.send({ type: 'subscribe', forum: LIVE, week: 2 });
      const error = await live.waitFor((m) => m.type === 'error');
      expect(error.code).toBe('not_a_member');
      live.send({ nonsense: true });
      await live.waitFor((m) => m.type === 'error' && m.code === 'validation');
    } finally {
      await live.close();
    }
  });

  it('delivers a published translation to an open page on the other instance', async () => {
    const { threadId } = await startThread(a, organizer);
    const post = await reply(a, ana, threadId, { bodyMd: 'Traducir', lang: 'es' });
    const live = await connectLive(urlB, organizer.cookie);
    try {
      live.send({ type: 'subscribe', forum: LIVE, thread: threadId });
      await live.waitFor((m) => m.type === 'subscribed');
      const task = await a.db
        .selectFrom('translation_tasks')
        .select('id')
        .where('item_type', '=', 'post')
        .where('item_id', '=', post.id)
        .executeTakeFirstOrThrow();
      await request(a.app.server)
        .post(`/api/translation-tasks/${task.id}/claim`)
        .set('Origin', ORIGIN)
        .set('Cookie', organizer.cookie)
        .expect(200);
      await request(a.app.server)
        .post(`/api/translation-tasks/${task.id}/publish`)
        .set('Origin', ORIGIN)
        .set('Cookie', organizer.cookie)
        .send({ bodyMd: 'Translate' })
        .expect(200);
      const event = await live.waitFor((m) => m.event === 'translation.published');
      expect(event.payload).toEqual({ itemType: 'post', itemId: post.id, targetLang: 'en' });
    } finally {
      await live.close();
    }
  });

  it('lets an idempotent retry emit no second event', async () => {
    const { threadId } = await startThread(a, organizer);
    const key = newKey();
    const send = () =>
      request(a.app.server)
        .post(`/api/threads/${threadId}/posts`)
        .set('Origin', ORIGIN)
        .set('Cookie', ana.cookie)
        .send({ bodyMd: 'una vez', lang: 'es', idempotencyKey: key });
    await send().expect(201);
    await send().expect(201);
    const events = await a.db
      .selectFrom('events')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('type', '=', 'post.created')
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe('websocket origin', () => {
  it('refuses a handshake from another site’s page', async () => {
    const WebSocket = (await import('ws')).default;
    const socket = new WebSocket(`${urlA.replace('http', 'ws')}/api/live`, {
      headers: { origin: 'https://evil.example', cookie: ana.cookie },
    });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (request, response) => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });

  it('refuses a handshake from this host under another scheme, and accepts its own', async () => {
    const WebSocket = (await import('ws')).default;
    const host = new URL(urlA).host;
    const handshake = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${urlA.replace('http', 'ws')}/api/live`, {
          headers: { origin, cookie: ana.cookie },
        });
        socket.on('unexpected-response', (request, response) => {
          request.destroy();
          resolve(response.statusCode ?? 0);
        });
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
      });
    expect(await handshake(`https://${host}`)).toBe(403);
    expect(await handshake(`http://${host}`)).toBe(101);
  });
});
