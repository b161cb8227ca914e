// The sockets of one app instance and what each subscribed to. An event committed by any
// instance arrives here once, in commit order, read once with the current state of what it
// concerns, serialized once per audience, and sent to every socket whose subscription covers
// it. A subscriber that says which event it saw last first receives what it missed, in order,
// exactly once, or is told to reload when that is too much. When someone's rights change, their
// sockets hold live events back, re-authorize, and go on with the rights they have now.
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { validateSessionToken, type SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import { formatErrorMessage } from '../i18n/error-message.ts';
import { audienceOf, eventMessage, type Reader } from './event-view.ts';
import {
  countSubscriptionEvents,
  findSubscriptionEvents,
  latestEventId,
  type EventWithState,
} from '../events/events.queries.ts';
import { authorizeSubscription, type SubscribeSpec, type SubscriptionTarget } from './live-access.ts';
import { TokenBucket } from './token-bucket.ts';
import { currentTime } from '../time/clock.ts';

/** Events one resume sends at most; a client further behind is told to reload instead. */
export const MAX_BACKFILL = 1000;
/** Subscriptions one socket may hold; the SPA needs two or three. */
export const MAX_SUBSCRIPTIONS = 10;
/** Events read per page while replaying. */
const REPLAY_PAGE = 250;
/** A socket this far behind in reading is dropped; it resumes when it reconnects. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A replay waits for the socket to drain below this before its next page. */
const REPLAY_DRAIN_BYTES = 512 * 1024;
/** Close code for a socket whose session ended (sign-out, expiry, deleted account). */
export const SESSION_ENDED_CLOSE = 4401;

export interface Subscription extends SubscriptionTarget {
  spec: SubscribeSpec;
  /** Events up to this id were delivered (or predate the subscription). */
  lastDelivered: number;
  /** Live events held back while a replay or a re-authorization runs; null when none does. */
  held: EventWithState[] | null;
  holds: number;
}

export interface LiveClient {
  socket: WebSocket;
  /** Whose sockets this one counts among: the user's, or an anonymous reader's address. */
  owner: string;
  user: SessionUser | null;
  sessionToken: string | null;
  /** When the session must be checked again even if no event says so. */
  sessionExpiresAt: Date | null;
  lang: Lang;
  subscriptions: Map<string, Subscription>;
  /** Subscribing and re-authorizing run one at a time per socket, in the order asked. */
  work: Promise<void>;
  /** Events this socket may still have replayed: a burst of two full resumes, then one a minute. */
  replayBudget: TokenBucket;
  /** Counts access changes that concern this socket's reader. */
  accessEpoch: number;
}

export function newClient(
  socket: WebSocket,
  fields: Pick<LiveClient, 'owner' | 'user' | 'sessionToken' | 'sessionExpiresAt' | 'lang'>,
): LiveClient {
  return {
    socket,
    ...fields,
    subscriptions: new Map(),
    work: Promise.resolve(),
    replayBudget: new TokenBucket(2 * MAX_BACKFILL, MAX_BACKFILL / 60),
    accessEpoch: 0,
  };
}

function covers(subscription: Subscription, event: EventWithState): boolean {
  if (subscription.forumId !== event.forumId) return false;
  if (subscription.threadId !== null) return subscription.threadId === event.threadId;
  // Neither a week nor a thread: the forum's synthesis, which hears only its own events.
  if (subscription.weekId === null) return event.type === 'synthesis.changed';
  return subscription.weekId === event.weekId;
}

function sameTarget(a: SubscriptionTarget, b: SubscriptionTarget): boolean {
  return a.forumId === b.forumId && a.weekId === b.weekId && a.threadId === b.threadId;
}

export class LiveHub {
  readonly clients = new Set<LiveClient>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly onFailure: (error: unknown, what: string) => void,
  ) {}

  private readonly perOwner = new Map<string, number>();

  /** Sockets one owner holds open on this instance. */
  openBy(owner: string): number {
    return this.perOwner.get(owner) ?? 0;
  }

  add(client: LiveClient): void {
    this.clients.add(client);
    this.perOwner.set(client.owner, this.openBy(client.owner) + 1);
  }

  remove(client: LiveClient): void {
    if (!this.clients.delete(client)) return;
    const left = this.openBy(client.owner) - 1;
    if (left > 0) this.perOwner.set(client.owner, left);
    else this.perOwner.delete(client.owner);
  }

  /** Runs a socket's next piece of work after the ones before it. */
  enqueue(client: LiveClient, task: () => Promise<void>): void {
    client.work = client.work.then(task).catch((error) => {
      this.onFailure(error, 'live socket work failed');
      client.socket.close(1011, 'internal error');
    });
  }

  sendError(client: LiveClient, code: ErrorCode, params: Record<string, unknown> = {}, subscription?: string): void {
    const message = formatErrorMessage(client.lang, client.user?.timeZone ?? 'UTC', code, params);
    this.send(client, JSON.stringify({ type: 'error', code, message, ...(subscription ? { subscription } : {}) }));
  }

  /**
   * Starts (or replaces) a subscription; with `after`, first replays the events after that id.
   * Re-subscribing to the same thing on the same socket never sends an event twice.
   */
  async subscribe(client: LiveClient, spec: SubscribeSpec, after: number | null): Promise<void> {
    let target: SubscriptionTarget;
    // Rights read before an access change that arrived meanwhile are read again.
    for (;;) {
      const epoch = client.accessEpoch;
      target = await authorizeSubscription(this.db, client.user, spec, currentTime());
      if (epoch === client.accessEpoch) break;
    }
    const existing = client.subscriptions.get(target.key);
    if (!existing && client.subscriptions.size >= MAX_SUBSCRIPTIONS)
      throw new DomainError('too_many_subscriptions', { max: MAX_SUBSCRIPTIONS });
    let from = after;
    // The same thing again continues from what this socket already has.
    if (existing && sameTarget(existing, target)) from = Math.max(from ?? 0, existing.lastDelivered);
    // Held from before the log is read: whatever is dispatched from now on waits for the replay,
    // and whatever was dispatched before has an id the replay reads.
    const entry: Subscription = { ...target, spec, lastDelivered: from ?? 0, held: null, holds: 0 };
    client.subscriptions.set(target.key, entry);
    this.hold(entry);
    let latest: number;
    try {
      latest = await latestEventId(this.db);
      if (from === null) entry.lastDelivered = latest;
      else await this.replay(client, entry, from, latest);
    } finally {
      this.release(client, entry);
    }
    if (client.subscriptions.get(target.key) !== entry) return;
    this.send(
      client,
      JSON.stringify({
        type: 'subscribed',
        subscription: target.key,
        lastEventId: Math.max(latest, entry.lastDelivered),
      }),
    );
  }

  unsubscribe(client: LiveClient, key: string): void {
    client.subscriptions.delete(key);
  }

  /**
   * Sends the subscription's own events in (from, latest], page by page; later ones are held and
   * follow. More than one resume's worth, or more than the socket's budget, is a `reset` instead.
   */
  private async replay(client: LiveClient, entry: Subscription, from: number, latest: number): Promise<void> {
    const allowed = Math.min(MAX_BACKFILL, client.replayBudget.available());
    const count = await countSubscriptionEvents(this.db, entry, from, latest, allowed + 1);
    if (client.subscriptions.get(entry.key) !== entry) return;
    // An id beyond the log's end comes from another database (restored, or reset): reload too.
    if (count > allowed || from > latest) {
      entry.lastDelivered = latest;
      this.send(client, JSON.stringify({ type: 'reset', subscription: entry.key, lastEventId: latest }));
      return;
    }
    client.replayBudget.take(count);
    const readerId = client.user?.id ?? null;
    for (let cursor = from; ;) {
      const page = await findSubscriptionEvents(this.db, entry, cursor, latest, readerId, REPLAY_PAGE);
      if (client.subscriptions.get(entry.key) !== entry) return;
      for (const event of page) this.deliver(client, entry, event);
      if (page.length < REPLAY_PAGE) break;
      cursor = page.at(-1)!.id;
      await drained(client.socket);
    }
    entry.lastDelivered = Math.max(entry.lastDelivered, latest);
  }

  dispatch(event: EventWithState): void {
    if (event.type === 'access.changed') {
      const change = event.payload as { userId: number | null; forumId: number | null };
      this.accessChanged(change.userId, change.forumId);
      return;
    }
    const messages = new Map<string, string>();
    for (const client of this.clients) {
      for (const subscription of client.subscriptions.values()) {
        if (!covers(subscription, event)) continue;
        if (subscription.held) {
          subscription.held.push(event);
          continue;
        }
        if (event.id <= subscription.lastDelivered) continue;
        subscription.lastDelivered = event.id;
        const audience = audienceOf(event, readerOf(client, subscription));
        const cacheKey = `${audience} ${subscription.key}`;
        let message = messages.get(cacheKey);
        if (message === undefined) {
          message = eventMessage(event, subscription.key, audience);
          messages.set(cacheKey, message);
        }
        this.send(client, message);
      }
    }
  }

  /** Sign-out on this instance: its sockets on this session close now, before any notification. */
  endSession(sessionToken: string): void {
    for (const client of this.clients) {
      if (client.sessionToken === sessionToken) client.socket.close(SESSION_ENDED_CLOSE, 'session ended');
    }
  }

  /** A password reset on this instance: that account's sockets close now, before the access event. */
  endUserSessions(userId: number): void {
    for (const client of this.clients) {
      if (client.user?.id === userId) client.socket.close(SESSION_ENDED_CLOSE, 'session ended');
    }
  }

  /**
   * Re-checks the session (when the change names the user) and the subscriptions in the forum
   * concerned; events that arrive meanwhile wait and then go out under the rights found.
   */
  reauthorize(client: LiveClient, checkSession: boolean, forumId: number | null): void {
    client.accessEpoch += 1;
    const subscriptions = [...client.subscriptions.values()].filter(
      (subscription) => forumId === null || subscription.forumId === forumId,
    );
    for (const subscription of subscriptions) this.hold(subscription);
    this.enqueue(client, async () => {
      try {
        if (checkSession && client.sessionToken) {
          const { session, user } = await validateSessionToken(this.db, client.sessionToken);
          if (!session) {
            client.socket.close(SESSION_ENDED_CLOSE, 'session ended');
            return;
          }
          client.user = user;
          client.sessionExpiresAt = session.expiresAt;
        }
        for (const subscription of subscriptions) {
          if (client.subscriptions.get(subscription.key) !== subscription) continue;
          try {
            const rights = await authorizeSubscription(this.db, client.user, subscription.spec, currentTime());
            subscription.isOrganizer = rights.isOrganizer;
            subscription.readsAsArchive = rights.readsAsArchive;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            client.subscriptions.delete(subscription.key);
            this.sendError(client, error.code, error.params, subscription.key);
          }
        }
      } finally {
        for (const subscription of subscriptions) this.release(client, subscription);
      }
    });
  }

  private accessChanged(userId: number | null, forumId: number | null): void {
    for (const client of this.clients) {
      if (userId !== null && client.user?.id !== userId) continue;
      if (
        userId === null &&
        ![...client.subscriptions.values()].some((subscription) => subscription.forumId === forumId)
      )
        continue;
      this.reauthorize(client, userId !== null, forumId);
    }
  }

  private hold(subscription: Subscription): void {
    subscription.holds += 1;
    subscription.held ??= [];
  }

  /** Ends one hold; when none is left, the events held back go out in order. */
  private release(client: LiveClient, subscription: Subscription): void {
    subscription.holds -= 1;
    if (subscription.holds > 0) return;
    const held = subscription.held ?? [];
    subscription.held = null;
    if (client.subscriptions.get(subscription.key) !== subscription) return;
    for (const event of held) this.deliver(client, subscription, event);
  }

  private deliver(client: LiveClient, subscription: Subscription, event: EventWithState): void {
    if (event.id <= subscription.lastDelivered) return;
    subscription.lastDelivered = event.id;
    const audience = audienceOf(event, readerOf(client, subscription));
    this.send(client, eventMessage(event, subscription.key, audience));
  }

  private send(client: LiveClient, message: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.socket.terminate();
      return;
    }
    client.socket.send(message);
  }
}

/** Waits (briefly) for a socket's send buffer to drain, so a replay does not outrun a slow reader. */
async function drained(socket: WebSocket): Promise<void> {
  for (let waited = 0; socket.bufferedAmount > REPLAY_DRAIN_BYTES && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function readerOf(client: LiveClient, subscription: Subscription): Reader {
  return {
    userId: client.user?.id ?? null,
    isOrganizer: subscription.isOrganizer,
    readsAsArchive: subscription.readsAsArchive,
  };
}
