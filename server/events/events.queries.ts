// The event log behind live updates. A write appends its event in its own transaction and
// calls pg_notify there, so listeners hear of it exactly when it commits. Event writers take
// one transaction-scoped advisory lock first: ids are then handed out in commit order, and a
// client resuming "after id N" can never miss an event that committed late with a smaller id.
// Events are read together with the current state of what they concern (is the post hidden
// now, who has answered the prompt), so every delivery and replay applies today's rules.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export const EVENTS_CHANNEL = 'tertulia_events';
const EVENT_ORDER_LOCK = 727_1;

export type ForumEventType =
  | 'post.created'
  | 'post.edited'
  | 'post.hidden'
  | 'post.unhidden'
  | 'thread.created'
  | 'thread.updated'
  | 'translation.published'
  | 'question.answered'
  | 'question.reopened'
  | 'case_study.published'
  | 'case_study.edited'
  /** A policy element was accepted, edited, merged, declined or endorsed: the synthesis page refetches. */
  | 'synthesis.changed'
  /** A proceedings edition moved on (forum-level, no week). */
  | 'proceedings.progress';
/** Someone's rights changed (sign-out, role removed, membership ended): open sockets re-authorize. */
export type AccessEventType = 'access.changed';
export type EventType = ForumEventType | AccessEventType;

export interface NewEvent {
  forumId: number;
  /** Null for events about the whole forum (its synthesis, a proceedings edition's progress). */
  weekId: number | null;
  /** Null for events about a week's own material (readings, summary). */
  threadId: number | null;
  type: ForumEventType;
  payload: Record<string, unknown>;
}

export interface StoredEvent {
  id: number;
  /** Null only for access changes that concern a user in every forum. */
  forumId: number | null;
  weekId: number | null;
  threadId: number | null;
  type: EventType;
  payload: Record<string, unknown>;
}

/** An event with the current state its readers' rights are checked against. */
export interface EventWithState extends StoredEvent {
  /** A prompt that shows answers only to those who have answered (thread events excepted). */
  answerFirst: boolean;
  /** Who has answered that prompt (for a replay: the reader, if they have). */
  answeredBy: ReadonlySet<number>;
  /** The post the event carries is hidden now. */
  postHidden: boolean;
  hiddenReason: string | null;
}

async function insertEvent(trx: Transaction<DB>, event: Omit<StoredEvent, 'id'>): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`.execute(trx);
  const { id } = await trx
    .insertInto('events')
    .values({
      forum_id: event.forumId,
      week_id: event.weekId,
      thread_id: event.threadId,
      type: event.type,
      payload: JSON.stringify(event.payload),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${String(id)})`.execute(trx);
  return Number(id);
}

/** Appends an event; call it last in the transaction, so the lock is held only until commit. */
export function appendEvent(trx: Transaction<DB>, event: NewEvent): Promise<number> {
  return insertEvent(trx, event);
}

export function appendAccessEvent(
  trx: Transaction<DB>,
  change: { userId: number | null; forumId: number | null },
): Promise<number> {
  return insertEvent(trx, {
    forumId: change.forumId,
    weekId: null,
    threadId: null,
    type: 'access.changed',
    payload: change,
  });
}

interface EventStateRow {
  id: number;
  forum_id: number | null;
  week_id: number | null;
  thread_id: number | null;
  type: string;
  payload: Record<string, unknown>;
  answer_first: boolean;
  answered_by: number[];
  post_hidden: boolean;
  hidden_reason: string | null;
}

/**
 * One statement for any number of events. `answeredBy: 'all'` lists every author of a gated
 * prompt (one dispatch serves every reader); a reader id asks only whether that reader answered.
 */
async function eventsWithState(
  db: Kysely<DB>,
  where: RawBuilder<unknown>,
  answeredBy: 'all' | { readerId: number | null },
  limit: number,
): Promise<EventWithState[]> {
  const answered =
    answeredBy === 'all'
      ? sql`ARRAY(SELECT DISTINCT a.author_id FROM posts a WHERE a.thread_id = e.thread_id)`
      : sql`ARRAY(SELECT a.author_id FROM posts a WHERE a.thread_id = e.thread_id AND a.author_id = ${answeredBy.readerId ?? 0} LIMIT 1)`;
  const { rows } = await sql<EventStateRow>`
    SELECT e.id, e.forum_id, e.week_id, e.thread_id, e.type, e.payload,
      coalesce(t.requires_own_answer AND e.type NOT LIKE 'thread.%', false) AS answer_first,
      CASE WHEN t.requires_own_answer AND e.type NOT LIKE 'thread.%' THEN ${answered} ELSE '{}'::integer[] END AS answered_by,
      p.hidden_at IS NOT NULL AS post_hidden, p.hidden_reason
    FROM events e
    LEFT JOIN threads t ON t.id = e.thread_id
    LEFT JOIN posts p ON p.id = (e.payload #>> '{post,id}')::integer
    WHERE ${where}
    ORDER BY e.id
    LIMIT ${limit}`.execute(db);
  return rows.map((row) => ({
    id: Number(row.id),
    forumId: row.forum_id,
    weekId: row.week_id,
    threadId: row.thread_id,
    type: row.type as EventType,
    payload: row.payload,
    answerFirst: row.answer_first,
    answeredBy: new Set(row.answered_by.map(Number)),
    postHidden: row.post_hidden,
    hiddenReason: row.hidden_reason,
  }));
}

/** One event, for dispatch to every socket of this instance. */
export async function findEventForDispatch(db: Kysely<DB>, id: number): Promise<EventWithState | undefined> {
  return (await eventsWithState(db, sql`e.id = ${id}`, 'all', 1))[0];
}

/** Every event after an id, in order, at most `limit`: what an instance missed while not listening. */
export function findEventsForDispatch(db: Kysely<DB>, afterId: number, limit: number): Promise<EventWithState[]> {
  return eventsWithState(db, sql`e.id > ${afterId}`, 'all', limit);
}

/** A thread, a week, or (neither) the forum's synthesis. */
type Scope = { forumId: number; threadId: number | null; weekId: number | null };

function inScope(target: Scope, afterId: number, upToId: number) {
  const scope =
    target.threadId !== null
      ? sql`e.thread_id = ${target.threadId}`
      : target.weekId !== null
        ? sql`e.week_id = ${target.weekId}`
        : sql`e.forum_id = ${target.forumId} AND e.type = 'synthesis.changed'`;
  return sql`${scope} AND e.id > ${afterId} AND e.id <= ${upToId}`;
}

/** How many events of one thread, week or synthesis lie in (afterId, upToId], counting no further than `limit`. */
export async function countSubscriptionEvents(
  db: Kysely<DB>,
  target: Scope,
  afterId: number,
  upToId: number,
  limit: number,
): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM (SELECT 1 FROM events e WHERE ${inScope(target, afterId, upToId)} LIMIT ${limit}) AS s`.execute(
    db,
  );
  return Number(rows[0]!.n);
}

/** The events of one thread or one week in (afterId, upToId], oldest first, as one reader may see them. */
export function findSubscriptionEvents(
  db: Kysely<DB>,
  target: Scope,
  afterId: number,
  upToId: number,
  readerId: number | null,
  limit: number,
): Promise<EventWithState[]> {
  return eventsWithState(db, inScope(target, afterId, upToId), { readerId }, limit);
}

export async function latestEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
