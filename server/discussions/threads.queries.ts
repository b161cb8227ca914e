// All SQL about threads: the week's list with unread counts, one thread, and its counters.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Forum, ForumRole, Lang, ThreadKind, Week } from '../db/schema.ts';
import { NOTIFICATIONS_CHANNEL } from '../notifications/notify.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findThread(db: Handle, id: number) {
  return db.selectFrom('threads').selectAll().where('id', '=', id).executeTakeFirst();
}

// Timestamps arrive as ISO strings inside JSON; every other column reads the same as it does
// from a plain select (dates are kept as 'YYYY-MM-DD' strings by the pg type parsers).
const FORUM_TIMESTAMPS = [
  'starts_at',
  'ends_at',
  'application_deadline',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Forum)[];
const WEEK_TIMESTAMPS = ['opens_at', 'closes_at'] as const satisfies readonly (keyof Week)[];

function withDates<T>(json: Record<string, unknown>, timestamps: readonly string[]): T {
  const row: Record<string, unknown> = { ...json };
  for (const column of timestamps) row[column] = new Date(row[column] as string);
  return row as T;
}

/**
 * A thread with its week, its forum and a user's roles in that forum: what every thread route
 * checks, in one round trip instead of four.
 */
export async function findThreadInContext(db: Handle, id: number, userId: number | null) {
  const row = await db
    .selectFrom('threads')
    .innerJoin('weeks', 'weeks.id', 'threads.week_id')
    .innerJoin('forums', 'forums.id', 'threads.forum_id')
    .selectAll('threads')
    .select((eb) => [
      sql<Record<string, unknown>>`to_jsonb(weeks)`.as('week_json'),
      sql<Record<string, unknown>>`to_jsonb(forums)`.as('forum_json'),
      eb
        .selectFrom('memberships')
        .select(sql<ForumRole[]>`coalesce(array_agg(role ORDER BY role), '{}')`.as('roles'))
        .whereRef('memberships.forum_id', '=', 'threads.forum_id')
        .where('memberships.user_id', '=', userId ?? 0)
        .as('roles'),
    ])
    .where('threads.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { week_json, forum_json, roles, ...thread } = row;
  return {
    thread,
    week: withDates<Week>(week_json, WEEK_TIMESTAMPS),
    forum: withDates<Forum>(forum_json, FORUM_TIMESTAMPS),
    roles: roles ?? [],
  };
}

/** The case study a thread of kind 'case_study' belongs to, with its author's name (the thread's author). */
export function findThreadCaseStudy(db: Handle, threadId: number) {
  return db
    .selectFrom('case_studies')
    .innerJoin('users', 'users.id', 'case_studies.author_id')
    .select(['case_studies.id', 'case_studies.author_id', 'users.display_name as author_name'])
    .where('case_studies.thread_id', '=', threadId)
    .executeTakeFirst();
}

export function lockThread(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('threads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The week's threads, pinned first then by last activity, with unread counts for a reader (0 for visitors). */
export function listWeekThreads(db: Handle, weekId: number, readerId: number | null) {
  return (
    db
      .selectFrom('threads')
      .innerJoin('users', 'users.id', 'threads.author_id')
      .leftJoin('thread_reads', (join) =>
        join.onRef('thread_reads.thread_id', '=', 'threads.id').on('thread_reads.user_id', '=', readerId ?? 0),
      )
      .select([
        'threads.id',
        'threads.kind',
        'threads.title',
        'threads.original_lang',
        'threads.requires_own_answer',
        'threads.pinned',
        'threads.locked',
        'threads.post_count',
        'threads.last_post_at',
        'threads.created_at',
        'threads.author_id',
        'users.display_name as author_name',
      ])
      .select((eb) => {
        if (readerId === null) return sql<number>`0`.as('unread_count');
        const unread = eb
          .selectFrom('posts')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('posts.thread_id', '=', 'threads.id')
          .where('posts.id', '>', eb.fn.coalesce('thread_reads.last_read_post_id', sql<number>`0`))
          .where('posts.hidden_at', 'is', null)
          .where('posts.author_id', '<>', readerId);
        return sql<number>`(${unread})`.as('unread_count');
      })
      .where('threads.week_id', '=', weekId)
      // A case study's thread is listed with its case study, first on the week page, not again here.
      .where('threads.kind', '<>', 'case_study')
      .orderBy('threads.pinned', 'desc')
      .orderBy('threads.last_post_at', 'desc')
      .orderBy('threads.id', 'desc')
      .execute()
  );
}

export async function insertThread(
  trx: Transaction<DB>,
  thread: {
    forumId: number;
    weekId: number;
    kind: ThreadKind;
    requiresOwnAnswer: boolean;
    title: string;
    lang: Lang;
    authorId: number;
  },
): Promise<number> {
  const row = await trx
    .insertInto('threads')
    .values({
      forum_id: thread.forumId,
      week_id: thread.weekId,
      kind: thread.kind,
      requires_own_answer: thread.requiresOwnAnswer,
      title: thread.title,
      original_lang: thread.lang,
      author_id: thread.authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countNewPost(trx: Transaction<DB>, threadId: number): Promise<void> {
  await trx
    .updateTable('threads')
    .set((eb) => ({ post_count: eb('post_count', '+', 1), last_post_at: sql`now()` }))
    .where('id', '=', threadId)
    .execute();
}

export async function setThreadFlags(
  trx: Transaction<DB>,
  threadId: number,
  flags: { pinned?: boolean; locked?: boolean },
): Promise<void> {
  await trx.updateTable('threads').set(flags).where('id', '=', threadId).execute();
}

/** Whether a reader has written in a thread (prompts may hide others' answers until they have). */
export async function hasPostedIn(db: Handle, threadId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('posts')
    .select('id')
    .where('thread_id', '=', threadId)
    .where('author_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves a reader's position in a thread forward (never back) to one of its posts and, in the
 * same statement, marks read their notifications about the thread up to that position, telling
 * every instance their unread count changed when any was. False when the post is not the thread's.
 */
export async function recordThreadRead(
  db: Handle,
  userId: number,
  threadId: number,
  postId: number,
  now: Date,
): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    WITH post AS (SELECT id FROM posts WHERE id = ${postId} AND thread_id = ${threadId}),
    position AS (
      INSERT INTO thread_reads (user_id, thread_id, last_read_post_id) SELECT ${userId}, ${threadId}, id FROM post
      ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_post_id = greatest(thread_reads.last_read_post_id, excluded.last_read_post_id)
      RETURNING last_read_post_id
    ),
    seen AS (
      UPDATE notifications SET read_at = ${now}
      WHERE user_id = ${userId} AND thread_id = ${threadId} AND read_at IS NULL AND EXISTS (SELECT 1 FROM post)
        AND (post_id IS NULL OR post_id <= (SELECT last_read_post_id FROM position))
      RETURNING in_app
    )
    SELECT EXISTS (SELECT 1 FROM post) AS found,
           CASE WHEN EXISTS (SELECT 1 FROM seen WHERE in_app) THEN pg_notify(${NOTIFICATIONS_CHANNEL}, ${String(userId)}) END AS signalled
  `.execute(db);
  return result.rows[0]?.found === true;
}
