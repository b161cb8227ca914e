// The event log behind live updates. A write appends its event in its own transaction and
// calls pg_notify there, so listeners hear of it exactly when it commits. Event writers take
// one transaction-scoped advisory lock first: ids are then handed out in commit order, and a
// client resuming "after id N" can never miss an event that committed late with a smaller id.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export const EVENTS_CHANNEL = 'tertulia_events';
const EVENT_ORDER_LOCK = 727_1;

export type EventType = 'post.created' | 'post.edited' | 'post.hidden' | 'post.unhidden' | 'thread.created' | 'thread.updated' | 'translation.published';

export interface NewEvent {
  forumId: number;
  weekId: number;
  /** Null for events about a week's own material (readings, summary). */
  threadId: number | null;
  type: EventType;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends NewEvent {
  id: number;
}

/** Appends an event; call it last in the transaction, so the lock is held only until commit. */
export async function appendEvent(trx: Transaction<DB>, event: NewEvent): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`.execute(trx);
  const { id } = await trx.insertInto('events')
    .values({ forum_id: event.forumId, week_id: event.weekId, thread_id: event.threadId, type: event.type, payload: JSON.stringify(event.payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${String(id)})`.execute(trx);
  return Number(id);
}

function toStored(row: { id: number; forum_id: number; week_id: number | null; thread_id: number | null; type: string; payload: Record<string, unknown> }): StoredEvent {
  return { id: Number(row.id), forumId: row.forum_id, weekId: row.week_id!, threadId: row.thread_id, type: row.type as EventType, payload: row.payload };
}

export async function findEvent(db: Kysely<DB>, id: number): Promise<StoredEvent | undefined> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStored(row);
}

/** Events after a given id in a forum, oldest first; at most `limit`. */
export async function findEventsAfter(db: Kysely<DB>, forumId: number, afterId: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('forum_id', '=', forumId).where('id', '>', afterId)
    .orderBy('id').limit(limit).execute();
  return rows.map(toStored);
}

export async function latestEventId(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}
