// Live updates over @fastify/websocket. Each instance LISTENs on the events channel of the
// shared database and fans out to its own sockets, so instances need no other broker.
//
// Client → server: {"type":"subscribe","forum":"slug","week":2,"after":123}
//                  {"type":"subscribe","forum":"slug","thread":45}   ("after" optional)
//                  {"type":"unsubscribe","subscription":"week:2"}
// Server → client: {"type":"subscribed","subscription":"week:2","lastEventId":130}
//                  {"type":"event","id":131,"subscription":"week:2","event":"post.created",...}
//                  {"type":"error","code":"week_not_open","message":"…"}
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { DomainError } from '../errors/domain-error.ts';
import { assertMayReadWeek, forumAccessBySlug } from '../forums/forum-access.ts';
import { findWeek } from '../forums/forums.queries.ts';
import { loadThreadContext } from '../discussions/write-context.ts';
import { translatorFor } from '../i18n/i18n.ts';
import { callerLang } from '../plugins/language.plugin.ts';
import { EVENTS_CHANNEL, findEvent, latestEventId, type StoredEvent } from './events.queries.ts';
import { LiveHub, type LiveClient } from './live-hub.ts';

const ClientMessage = Type.Union([
  Type.Object({
    type: Type.Literal('subscribe'),
    forum: Type.String({ maxLength: 80 }),
    week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
    thread: Type.Optional(Type.Integer({ minimum: 1 })),
    after: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  Type.Object({ type: Type.Literal('unsubscribe'), subscription: Type.String({ maxLength: 40 }) }),
]);
type ClientMessage = Static<typeof ClientMessage>;

const HEARTBEAT_MS = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
  }
}

export default fp<{ allowedOrigins: readonly string[] }>(async (app, { allowedOrigins }) => {
  const db = app.db;
  const hub = new LiveHub(db, async (event: StoredEvent) => {
    if (event.type === 'thread.created' || event.type === 'thread.updated') return null;
    const thread = await db.selectFrom('threads').select('requires_own_answer').where('id', '=', event.threadId).executeTakeFirst();
    if (!thread?.requires_own_answer) return null;
    const authors = await db.selectFrom('posts').select('author_id').distinct().where('thread_id', '=', event.threadId).execute();
    return { allBut: new Set(authors.map((row) => row.author_id)) };
  });
  app.decorate('liveHub', hub);

  // Notifications are handled one at a time, in the order the database committed them.
  let queue = Promise.resolve();
  const unlisten = await app.database.listen(EVENTS_CHANNEL, (payload) => {
    queue = queue.then(async () => {
      const event = await findEvent(db, Number(payload));
      if (event) await hub.dispatch(event);
    }).catch((error) => app.log.error({ err: error }, 'live event dispatch failed'));
  });
  app.addHook('preClose', async () => {
    for (const client of hub.clients) client.socket.close(1001, 'server closing');
  });
  app.addHook('onClose', async () => {
    await unlisten();
    await queue;
  });

  await app.register(websocket, {
    options: {
      maxPayload: 16 * 1024,
      // The handshake carries the user's cookie: a browser page of another site must not open
      // it. Browsers always send Origin here; non-browser clients send none.
      verifyClient: ({ origin, req }, done) => {
        if (origin === undefined || allowedOrigins.includes(origin)) return done(true);
        try {
          done(new URL(origin).host === req.headers.host, 403);
        } catch {
          done(false, 403);
        }
      },
    },
  });

  async function subscribe(client: LiveClient, request: FastifyRequest, message: Extract<ClientMessage, { type: 'subscribe' }>) {
    const now = new Date();
    const access = await forumAccessBySlug(db, message.forum, client.user);
    let weekId: number | null = null;
    let threadId: number | null = null;
    if (message.thread !== undefined) {
      const context = await loadThreadContext(db, message.thread, client.user, now);
      if (context.thread.forum_id !== access.forum.id) throw new DomainError('not_found');
      threadId = context.thread.id;
    } else if (message.week !== undefined) {
      const week = await findWeek(db, access.forum.id, message.week);
      if (!week) throw new DomainError('not_found');
      assertMayReadWeek(access, week, now);
      weekId = week.id;
    } else {
      throw new DomainError('validation', { field: 'week' });
    }
    const key = threadId !== null ? `thread:${threadId}` : `week:${message.week}`;
    const latest = await latestEventId(db);
    await hub.subscribe(client, { key, forumId: access.forum.id, weekId, threadId, isOrganizer: access.isOrganizer }, message.after ?? null, latest);
    client.socket.send(JSON.stringify({ type: 'subscribed', subscription: key, lastEventId: Math.max(latest, client.subscriptions.get(key)?.lastDelivered ?? 0) }));
    request.log.debug({ key }, 'live subscription');
  }

  app.get('/api/live', { websocket: true, config: { access: 'public' }, schema: { tags: ['realtime'], hide: true } }, (socket, request) => {
    const client: LiveClient = { socket, user: request.user, subscriptions: new Map() };
    hub.add(client);
    const lang = callerLang(request);
    let alive = true;
    socket.on('pong', () => { alive = true; });
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    socket.on('close', () => {
      clearInterval(heartbeat);
      hub.remove(client);
    });
    socket.on('message', (raw) => {
      let message: unknown;
      try {
        message = JSON.parse(String(raw));
      } catch {
        message = undefined;
      }
      const reply = (code: string, params: Record<string, unknown> = {}) =>
        socket.send(JSON.stringify({ type: 'error', code, message: translatorFor(lang)(code, params) }));
      if (!Value.Check(ClientMessage, message)) return reply('validation', { field: 'message' });
      if (message.type === 'unsubscribe') {
        client.subscriptions.delete(message.subscription);
        return;
      }
      subscribe(client, request, message).catch((error) => {
        if (error instanceof DomainError) return reply(error.code, error.params);
        request.log.error({ err: error }, 'live subscription failed');
        return reply('internal');
      });
    });
  });
}, { name: 'realtime', dependencies: ['db', 'auth'] });
