// One /api/live connection: reads the client's messages within a rate, subscribes one request
// at a time, answers errors in the reader's language and zone, and keeps the connection alive.
//
// Client → server: {"type":"subscribe","forum":"slug","week":2,"after":123}
//                  {"type":"subscribe","forum":"slug","thread":45}   ("after" optional)
//                  {"type":"subscribe","forum":"slug","synthesis":true}   (the forum's synthesis; subscription "synthesis")
//                  {"type":"unsubscribe","subscription":"week:2"}
// Server → client: {"type":"subscribed","subscription":"week:2","lastEventId":130}
//                  {"type":"event","id":131,"subscription":"week:2","event":"post.created",...}
//                  {"type":"reset","subscription":"week:2","lastEventId":5400}  (too far behind: reload, then follow from there)
//                  {"type":"error","code":"week_not_open","message":"…"}  ("subscription" when an active one ended)
// The server closes with 4401 when the session ends (sign-out elsewhere, expiry, account gone),
// and with 4429 (after an error message saying why) a socket past its owner's limit.
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { DomainError } from '../errors/domain-error.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { IdSchema } from '../http/common.schemas.ts';
import { callerLang } from '../plugins/language.plugin.ts';
import { newClient, type LiveHub } from './live-hub.ts';
import { TokenBucket } from './token-bucket.ts';
import { currentTime } from '../time/clock.ts';

const ClientMessage = Type.Union([
  Type.Object({
    type: Type.Literal('subscribe'),
    forum: SlugParams.properties.slug,
    week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
    thread: Type.Optional(IdSchema),
    /** The forum's synthesis: its forum-level 'synthesis.changed' events. */
    synthesis: Type.Optional(Type.Boolean()),
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  }),
  Type.Object({ type: Type.Literal('unsubscribe'), subscription: Type.String({ maxLength: 40 }) }),
]);
type ClientMessage = Static<typeof ClientMessage>;

const HEARTBEAT_MS = 30_000;
/** Messages a socket may send: a burst, then a steady rate a page's navigation never reaches. */
const MESSAGE_BURST = 20;
const MESSAGES_PER_SECOND = 5;
/** A client that keeps sending past its rate after being told is disconnected. */
const MAX_REFUSED = 100;
/**
 * Sockets one user may hold open on an instance (a tab each, and a reconnecting one while the
 * old closes); an anonymous address more, as a public archive may be read from a shared office.
 */
export const MAX_SOCKETS_PER_USER = 20;
export const MAX_SOCKETS_PER_ADDRESS = 60;
export const TOO_MANY_SOCKETS_CLOSE = 4429;

export function acceptLiveSocket(hub: LiveHub, socket: WebSocket, request: FastifyRequest): void {
  const owner = request.user ? `user:${request.user.id}` : `ip:${request.ip}`;
  const client = newClient(socket, {
    owner,
    user: request.user,
    sessionToken: request.sessionToken,
    sessionExpiresAt: request.session?.expiresAt ?? null,
    lang: callerLang(request),
  });
  const max = request.user ? MAX_SOCKETS_PER_USER : MAX_SOCKETS_PER_ADDRESS;
  if (hub.openBy(owner) >= max) {
    hub.sendError(client, 'too_many_connections', { max });
    socket.close(TOO_MANY_SOCKETS_CLOSE, 'too many connections');
    return;
  }
  hub.add(client);
  const rate = new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SECOND);
  let refused = 0;

  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const heartbeat = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
    // A session that expired with no event to say so is checked again.
    if (client.sessionExpiresAt && client.sessionExpiresAt <= currentTime()) hub.reauthorize(client, true, null);
  }, HEARTBEAT_MS);
  socket.on('close', () => {
    clearInterval(heartbeat);
    hub.remove(client);
  });

  socket.on('message', (raw) => {
    if (!rate.take()) {
      refused += 1;
      if (refused === 1) hub.sendError(client, 'rate_limited');
      if (refused > MAX_REFUSED) socket.close(1008, 'too many messages');
      return;
    }
    refused = 0;
    let message: unknown;
    try {
      // ws hands a Buffer: binaryType is left at nodebuffer.
      message = JSON.parse((raw as Buffer).toString());
    } catch {
      message = undefined;
    }
    if (!Value.Check(ClientMessage, message)) return hub.sendError(client, 'validation', { field: 'message' });
    if (message.type === 'unsubscribe') return hub.unsubscribe(client, message.subscription);
    const { forum, week, thread, synthesis, after } = message;
    hub.enqueue(client, async () => {
      try {
        await hub.subscribe(client, { forum, week, thread, synthesis }, after ?? null);
        request.log.debug({ forum, week, thread, synthesis }, 'live subscription');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        hub.sendError(client, error.code, error.params);
      }
    });
  });
}
