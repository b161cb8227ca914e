// Reading and marking a user's in-app notifications. A notification about a post that has since
// been hidden disappears for everyone but the forum's organizers.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { NOTIFICATIONS_CHANNEL } from './notify.ts';

function stillVisible(eb: ExpressionBuilder<DB, 'notifications'>) {
  return eb.or([
    eb('notifications.post_id', 'is', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('posts')
          .select('posts.id')
          .whereRef('posts.id', '=', 'notifications.post_id')
          .where('posts.hidden_at', 'is not', null),
      ),
    ),
    eb.exists(
      eb
        .selectFrom('memberships')
        .select('memberships.user_id')
        .whereRef('memberships.forum_id', '=', 'notifications.forum_id')
        .whereRef('memberships.user_id', '=', 'notifications.user_id')
        .where('memberships.role', '=', 'organizer'),
    ),
  ]);
}

export async function countUnread(db: Kysely<DB>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('in_app', '=', true)
    .where('read_at', 'is', null)
    .where(stillVisible)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Unread counts of several users at once (for the live push); users with none are absent. */
export async function countUnreadOf(db: Kysely<DB>, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('user_id', 'in', userIds)
    .where('in_app', '=', true)
    .where('read_at', 'is', null)
    .where(stillVisible)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((row) => [row.user_id, Number(row.n)]));
}

/** Newest first, before an id (for paging), with what the page needs to describe and link each one. */
export function findNotifications(db: Kysely<DB>, userId: number, lang: Lang, beforeId: number | null, limit: number) {
  let query = db
    .selectFrom('notifications')
    .leftJoin('forums', 'forums.id', 'notifications.forum_id')
    .leftJoin('forum_texts', (join) =>
      join.onRef('forum_texts.forum_id', '=', 'notifications.forum_id').on('forum_texts.lang', '=', lang),
    )
    .leftJoin('weeks', 'weeks.id', 'notifications.week_id')
    .leftJoin('week_texts', (join) =>
      join.onRef('week_texts.week_id', '=', 'notifications.week_id').on('week_texts.lang', '=', lang),
    )
    .leftJoin('threads', 'threads.id', 'notifications.thread_id')
    .leftJoin('users as actors', 'actors.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.type',
      'notifications.created_at',
      'notifications.read_at',
      'notifications.payload',
      'notifications.thread_id',
      'notifications.post_id',
      'forums.slug as forum_slug',
      'forum_texts.title as forum_title',
      'weeks.number as week_number',
      'week_texts.title as week_title',
      'threads.title as thread_title',
      'threads.original_lang as thread_lang',
      'actors.display_name as actor_name',
      // The page of the thread the post is on (50 posts a page, in tree order), for the link.
      sql<number | null>`(SELECT count(*) FROM posts earlier, posts target WHERE target.id = notifications.post_id
        AND earlier.thread_id = target.thread_id AND earlier.path < target.path)`.as('posts_before'),
    ])
    .where('notifications.user_id', '=', userId)
    .where('notifications.in_app', '=', true)
    .where(stillVisible)
    .orderBy('notifications.id', 'desc')
    .limit(limit);
  if (beforeId !== null) query = query.where('notifications.id', '<', beforeId);
  return query.execute();
}

export async function markRead(db: Kysely<DB>, userId: number, ids: number[], now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markAllRead(db: Kysely<DB>, userId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('in_app', '=', true)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Tells every instance that these users' unread counts changed (delivered on commit). */
export async function signalUnreadChanged(db: Kysely<DB>, userIds: number[]): Promise<void> {
  await sql`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, ${userIds.join(',')})`.execute(db);
}
