// One WebSocket to /api/live for the whole app, shared by the pages that want live updates.
// Each subscription remembers the id of the last event it received; after a dropped connection
// it subscribes again with `after`, and the server replays what was missed, in order, once.
// Reconnects back off from 1 s to 30 s (with jitter, so a cohort does not return all at once),
// and try again at once when the browser comes back online or the tab becomes visible.
// A page that has just read its data subscribes "after" the event id that answer gave, so
// nothing written in between is missed and the page need not read its data a second time.
// When the server cannot replay that much it sends `reset`, and the page reads its data again.

import type { Static } from 'typebox';
import type { UnreadMessage } from '../../../server/notifications/notifications.plugin.ts';
import type { EventMessage } from '../../../server/realtime/event-view.ts';
import type { Kind } from '../../../server/translations/translations.schemas.ts';

/** A week, a thread, or the forum's synthesis (its forum-level 'synthesis.changed' events). */
export type LiveSpec =
  { forum: string; week: number } | { forum: string; thread: number } | { forum: string; synthesis: true };

export type LiveEvent = EventMessage;
export type LiveEventType = LiveEvent['event'];

/** The payload of `translation.published`: which item now has a translation into which language. */
export interface TranslationPublished {
  itemType: Static<typeof Kind>;
  itemId: number;
  targetLang: string;
}

/** A message for the signed-in user: their unread notification count changed. */
export type PersonalMessage = UnreadMessage;

export type PersonalListener = (message: PersonalMessage | null) => void;

export interface LiveListener {
  onEvent(event: LiveEvent): void;
  /** The subscription is active; `resumed` when it continued from an earlier event id. */
  onReady?(resumed: boolean): void;
}

interface Subscription {
  spec: LiveSpec;
  listeners: Set<LiveListener>;
  /** Last event id received (or that the server said was current); null before the first. */
  lastEventId: number | null;
  /** The server has answered "subscribed" at least once. */
  confirmed: boolean;
}

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A socket with no subscriptions left is kept this long, for the next page to reuse. */
const IDLE_CLOSE_MS = 10_000;

export function subscriptionKey(spec: LiveSpec): string {
  if ('synthesis' in spec) return 'synthesis';
  return 'thread' in spec ? `thread:${spec.thread}` : `week:${spec.week}`;
}

export function backoffDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
  // "Equal jitter": between half the ceiling and the ceiling.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class LiveConnection {
  private socket: WebSocket | null = null;
  private readonly subscriptions = new Map<string, Subscription>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private listening = false;
  /** Listeners of the messages addressed to the signed-in user (unread counts), not to a subscription. */
  private readonly personal = new Set<PersonalListener>();

  constructor(private readonly url: () => string) {}

  /**
   * Hears the user's own messages (`{"type":"notifications","unread":n}`) and, with `null`,
   * each (re)opened socket, after which what was missed must be read again. Keeps the socket open.
   */
  onPersonal(listener: PersonalListener): () => void {
    this.personal.add(listener);
    this.clearIdle();
    this.listen();
    this.ensureOpen();
    return () => {
      this.personal.delete(listener);
      if (!this.wanted()) this.idleTimer = setTimeout(() => this.close(), IDLE_CLOSE_MS);
    };
  }

  private wanted(): boolean {
    return this.subscriptions.size > 0 || this.personal.size > 0;
  }

  /**
   * `after`: the last event id the page's data already reflects (from the API's answer); the
   * server then replays whatever came after it.
   */
  subscribe(spec: LiveSpec, listener: LiveListener, after: number | null = null): () => void {
    const key = subscriptionKey(spec);
    let subscription = this.subscriptions.get(key);
    const joining = subscription !== undefined && subscription.spec.forum === spec.forum && subscription.confirmed;
    if (!subscription || subscription.spec.forum !== spec.forum) {
      subscription = { spec, listeners: new Set(), lastEventId: after, confirmed: false };
      this.subscriptions.set(key, subscription);
      this.sendSubscribe(subscription);
    }
    subscription.listeners.add(listener);
    // Joining a subscription that is already running: it is ready for this listener too, and
    // "resumed" only if it has delivered nothing newer than what this listener's data shows.
    const seen = subscription.lastEventId;
    if (joining) queueMicrotask(() => listener.onReady?.(after !== null && seen !== null && seen <= after));
    this.clearIdle();
    this.listen();
    this.ensureOpen();
    const added = subscription;
    return () => {
      added.listeners.delete(listener);
      if (added.listeners.size || this.subscriptions.get(key) !== added) return;
      this.subscriptions.delete(key);
      this.send({ type: 'unsubscribe', subscription: key });
      if (!this.wanted()) this.idleTimer = setTimeout(() => this.close(), IDLE_CLOSE_MS);
    };
  }

  /** Opens a new socket, e.g. after sign-in or sign-out, so the server knows who is reading. */
  restart(): void {
    this.socket?.close(1000, 'restart');
    this.socket = null;
    this.attempt = 0;
    this.ensureOpen();
  }

  private ensureOpen(): void {
    if (this.socket || this.retryTimer || !this.wanted()) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      for (const subscription of this.subscriptions.values()) this.sendSubscribe(subscription);
      for (const listener of [...this.personal]) listener(null);
    };
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = () => {
      if (this.socket !== socket) return; // replaced on purpose
      this.socket = null;
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    if (this.retryTimer || !this.wanted()) return;
    const delay = backoffDelay(this.attempt);
    this.attempt = Math.min(this.attempt + 1, 10);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ensureOpen();
    }, delay);
  }

  /** Back online or back in view: try now instead of waiting for the backoff. */
  private readonly wake = () => {
    if (document.visibilityState === 'hidden' || this.socket) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.attempt = 0;
    this.ensureOpen();
  };

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    addEventListener('online', this.wake);
    document.addEventListener('visibilitychange', this.wake);
  }

  private receive(raw: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.type === 'notifications') {
      for (const listener of [...this.personal]) listener(message as unknown as PersonalMessage);
      return;
    }
    const subscription =
      typeof message.subscription === 'string' ? this.subscriptions.get(message.subscription) : undefined;
    if (message.type === 'subscribed' && subscription) {
      this.attempt = 0;
      const resumed = subscription.lastEventId !== null;
      subscription.confirmed = true;
      subscription.lastEventId = Math.max(subscription.lastEventId ?? 0, Number(message.lastEventId) || 0);
      for (const listener of [...subscription.listeners]) listener.onReady?.(resumed);
    } else if (message.type === 'reset' && subscription) {
      // Too far behind for the server to replay: the page reads its data again and follows from here.
      subscription.lastEventId = Math.max(subscription.lastEventId ?? 0, Number(message.lastEventId) || 0);
      for (const listener of [...subscription.listeners]) listener.onReady?.(false);
    } else if (message.type === 'event' && subscription) {
      const event = message as unknown as LiveEvent;
      if (subscription.lastEventId !== null && event.id <= subscription.lastEventId) return; // already seen
      subscription.lastEventId = event.id;
      for (const listener of [...subscription.listeners]) listener.onEvent(event);
    }
    // {"type":"error"} answers a refused subscription (signed out, not a member): the page
    // itself already says so, and retrying would be refused again.
  }

  private sendSubscribe(subscription: Subscription): void {
    const after = subscription.lastEventId;
    this.send({ type: 'subscribe', ...subscription.spec, ...(after === null ? {} : { after }) });
  }

  private send(message: unknown): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private close(): void {
    this.idleTimer = null;
    if (this.wanted()) return;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'idle');
  }
}

export const live = new LiveConnection(
  () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`,
);
