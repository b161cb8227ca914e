// All SQL about threads: the week's list with unread counts, one thread, and its counters.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang, ThreadKind } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findThread(db: Handle, id: number) {
  return db.selectFrom('threads').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockThread(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('threads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The week's threads, pinned first then by last activity, with unread counts for a reader (0 for visitors). */
export function listWeekThreads(db: Handle, weekId: number, readerId: number | null) {
  return db
    .selectFrom('threads')
    .innerJoin('users', 'users.id', 'threads.author_id')
    .leftJoin('thread_reads', (join) => join.onRef('thread_reads.thread_id', '=', 'threads.id').on('thread_reads.user_id', '=', readerId ?? 0))
    .select([
      'threads.id', 'threads.kind', 'threads.title', 'threads.original_lang', 'threads.requires_own_answer', 'threads.pinned',
      'threads.locked', 'threads.post_count', 'threads.last_post_at', 'threads.created_at', 'threads.author_id',
      'users.display_name as author_name',
    ])
    .select((eb) => {
      if (readerId === null) return sql<number>`0`.as('unread_count');
      const unread = eb.selectFrom('posts')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('posts.thread_id', '=', 'threads.id')
        .where('posts.id', '>', eb.fn.coalesce('thread_reads.last_read_post_id', sql<number>`0`))
        .where('posts.hidden_at', 'is', null)
        .where('posts.author_id', '<>', readerId);
      return sql<number>`(${unread})`.as('unread_count');
    })
    .where('threads.week_id', '=', weekId)
    .orderBy('threads.pinned', 'desc')
    .orderBy('threads.last_post_at', 'desc')
    .orderBy('threads.id', 'desc')
    .execute();
}

export async function insertThread(trx: Transaction<DB>, thread: {
  forumId: number; weekId: number; kind: ThreadKind; requiresOwnAnswer: boolean; title: string; lang: Lang; authorId: number;
}): Promise<number> {
  const row = await trx.insertInto('threads').values({
    forum_id: thread.forumId, week_id: thread.weekId, kind: thread.kind, requires_own_answer: thread.requiresOwnAnswer,
    title: thread.title, original_lang: thread.lang, author_id: thread.authorId,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function countNewPost(trx: Transaction<DB>, threadId: number): Promise<void> {
  await trx.updateTable('threads').set((eb) => ({ post_count: eb('post_count', '+', 1), last_post_at: sql`now()` }))
    .where('id', '=', threadId).execute();
}

export async function setThreadFlags(trx: Transaction<DB>, threadId: number, flags: { pinned?: boolean; locked?: boolean }): Promise<void> {
  await trx.updateTable('threads').set(flags).where('id', '=', threadId).execute();
}

/** Whether a reader has written in a thread (prompts may hide others' answers until they have). */
export async function hasPostedIn(db: Handle, threadId: number, userId: number): Promise<boolean> {
  const row = await db.selectFrom('posts').select('id').where('thread_id', '=', threadId).where('author_id', '=', userId)
    .limit(1).executeTakeFirst();
  return row !== undefined;
}
