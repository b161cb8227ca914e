// This instance's view of the event log: it LISTENs for committed events and hands each to the
// hub once, in commit order. When the listening connection drops (a restart, a failover, a
// terminated backend) the instance reports not ready, listens again with backoff, and then
// reads the log after the last event it dispatched, so every socket gets every event committed
// during the gap, in order, once. A failed read is recovered the same way.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import {
  EVENTS_CHANNEL,
  findEventForDispatch,
  findEventsForDispatch,
  latestEventId,
} from '../events/events.queries.ts';
import type { LiveHub } from './live-hub.ts';

const CATCH_UP_PAGE = 500;
const RECOVER_AFTER_MS = 1000;

export class EventStream {
  private listening = false;
  private recovering = false;
  private stopped = false;
  private lastDispatchedId = 0;
  private queue: Promise<void> = Promise.resolve();
  private recoverTimer: ReturnType<typeof setTimeout> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly database: Database,
    private readonly hub: LiveHub,
    private readonly log: FastifyBaseLogger,
  ) {}

  private get db(): Kysely<DB> {
    return this.database.db;
  }

  /** Listening, and nothing committed is left undelivered for want of a notification. */
  get ready(): boolean {
    return this.listening && !this.recovering;
  }

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, {
      onNotify: (payload) => this.enqueue(() => this.dispatchOne(Number(payload))),
      onLost: (error) => {
        this.listening = false;
        this.recovering = true;
        this.log.warn({ err: error }, 'event stream lost; listening again');
      },
      onRestored: () => {
        this.listening = true;
        this.log.info('event stream restored; replaying what it missed');
        this.enqueue(() => this.catchUp());
      },
    });
    // Nothing before this point can concern a socket: none is open yet.
    this.lastDispatchedId = Math.max(this.lastDispatchedId, await latestEventId(this.db));
    this.listening = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.recoverTimer) clearTimeout(this.recoverTimer);
    await this.unlisten?.();
    await this.queue;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error) => {
      this.log.error({ err: error }, 'live event dispatch failed; reading the log again');
      this.recoverLater();
    });
  }

  private async dispatchOne(id: number): Promise<void> {
    // Already dispatched by a catch-up, or skipped while one is pending.
    if (this.recovering || id <= this.lastDispatchedId) return;
    const event = await findEventForDispatch(this.db, id);
    this.lastDispatchedId = id;
    if (event) this.hub.dispatch(event);
  }

  private async catchUp(): Promise<void> {
    if (this.stopped) return;
    this.recovering = true;
    for (;;) {
      const events = await findEventsForDispatch(this.db, this.lastDispatchedId, CATCH_UP_PAGE);
      for (const event of events) {
        this.lastDispatchedId = event.id;
        this.hub.dispatch(event);
      }
      if (events.length < CATCH_UP_PAGE) break;
    }
    // Lost again while reading: the next restore catches up from here.
    if (this.listening) this.recovering = false;
  }

  private recoverLater(): void {
    this.recovering = true;
    if (this.recoverTimer || this.stopped) return;
    this.recoverTimer = setTimeout(() => {
      this.recoverTimer = null;
      if (this.listening) this.enqueue(() => this.catchUp());
    }, RECOVER_AFTER_MS);
  }
}
