// The sockets of one app instance and what each subscribed to. An event committed by any
// instance arrives here once (LISTEN), is read once, serialized once per audience, and sent to
// every socket whose subscription covers it. A subscriber that says which event it saw last
// first receives what it missed, in order, exactly once.
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { findEventsAfter, type StoredEvent } from './events.queries.ts';

/** Events one resume sends at most; a client further behind reloads the page instead. */
export const MAX_BACKFILL = 1000;
/** A socket this far behind in reading is dropped; it resumes when it reconnects. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface Subscription {
  key: string;
  forumId: number;
  weekId: number | null;
  threadId: number | null;
  isOrganizer: boolean;
  /** Events up to this id were delivered (or predate the subscription). */
  lastDelivered: number;
  /** Live events held back while a resume is being read. */
  pending: StoredEvent[] | null;
}

export interface LiveClient {
  socket: WebSocket;
  user: SessionUser | null;
  subscriptions: Map<string, Subscription>;
}

function covers(subscription: Subscription, event: StoredEvent): boolean {
  if (subscription.forumId !== event.forumId) return false;
  if (subscription.threadId !== null) return subscription.threadId === event.threadId;
  return subscription.weekId === event.weekId;
}

export function eventMessage(event: StoredEvent, subscriptionKey: string, payload = event.payload): string {
  return JSON.stringify({ type: 'event', id: event.id, subscription: subscriptionKey, event: event.type, weekId: event.weekId, threadId: event.threadId, payload });
}

export class LiveHub {
  readonly clients = new Set<LiveClient>();

  constructor(
    private readonly db: Kysely<DB>,
    /** Answers, for an event, which users may not see it in full (prompts awaiting their own answer). */
    private readonly gatedUsers: (event: StoredEvent) => Promise<{ allBut: Set<number> } | null>,
  ) {}

  add(client: LiveClient): void {
    this.clients.add(client);
  }

  remove(client: LiveClient): void {
    this.clients.delete(client);
  }

  /** Starts a subscription; with `after`, first replays the events after that id. */
  async subscribe(client: LiveClient, subscription: Omit<Subscription, 'pending' | 'lastDelivered'>, after: number | null, latestId: number): Promise<void> {
    const entry: Subscription = { ...subscription, lastDelivered: after ?? latestId, pending: after === null ? null : [] };
    client.subscriptions.set(subscription.key, entry);
    if (after === null) return;
    const missed = (await findEventsAfter(this.db, subscription.forumId, after, MAX_BACKFILL)).filter((event) => covers(entry, event));
    const held = entry.pending ?? [];
    entry.pending = null;
    for (const event of [...missed, ...held]) await this.deliver(client, entry, event);
  }

  async dispatch(event: StoredEvent): Promise<void> {
    const gated = await this.gatedUsers(event);
    const full = new Map<string, string>();
    for (const client of this.clients) {
      for (const subscription of client.subscriptions.values()) {
        if (!covers(subscription, event)) continue;
        if (subscription.pending) {
          subscription.pending.push(event);
          continue;
        }
        if (event.id <= subscription.lastDelivered) continue;
        subscription.lastDelivered = event.id;
        const hidden = gated && !subscription.isOrganizer && (!client.user || !gated.allBut.has(client.user.id));
        let message: string;
        if (hidden) {
          message = eventMessage(event, subscription.key, { gated: true, threadId: event.threadId });
        } else {
          message = full.get(subscription.key) ?? eventMessage(event, subscription.key);
          full.set(subscription.key, message);
        }
        this.send(client, message);
      }
    }
  }

  private async deliver(client: LiveClient, subscription: Subscription, event: StoredEvent): Promise<void> {
    if (event.id <= subscription.lastDelivered) return;
    subscription.lastDelivered = event.id;
    const gated = await this.gatedUsers(event);
    const hidden = gated && !subscription.isOrganizer && (!client.user || !gated.allBut.has(client.user.id));
    this.send(client, eventMessage(event, subscription.key, hidden ? { gated: true, threadId: event.threadId } : event.payload));
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
