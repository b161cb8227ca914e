// The forum's figures, aggregated in the database: one statement per measure, grouped by week,
// over visible posts only (a hidden post counts nowhere).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export interface PostCountRow {
  week_id: number;
  lang: Lang;
  region_id: number | null;
  posts: number;
}

/** Visible posts per week, original language and the author's region in this forum. */
export async function countPosts(db: Handle, forumId: number) {
  const { rows } = await sql<PostCountRow>`
    SELECT t.week_id, p.original_lang AS lang, r.region_id, count(*)::int AS posts
    FROM posts p
    JOIN threads t ON t.id = p.thread_id
    LEFT JOIN forum_member_regions r ON r.forum_id = t.forum_id AND r.user_id = p.author_id
    WHERE t.forum_id = ${forumId} AND p.hidden_at IS NULL
    GROUP BY t.week_id, p.original_lang, r.region_id`.execute(db);
  return rows;
}

/** Distinct authors per week, and (week_id null) over the whole forum: a member active in two weeks counts once there. */
export async function countActiveMembers(db: Handle, forumId: number) {
  const { rows } = await sql<{ week_id: number | null; members: number }>`
    SELECT t.week_id, count(DISTINCT p.author_id)::int AS members
    FROM posts p
    JOIN threads t ON t.id = p.thread_id
    WHERE t.forum_id = ${forumId} AND p.hidden_at IS NULL
    GROUP BY GROUPING SETS ((t.week_id), ())`.execute(db);
  return rows;
}

export interface OnTimeRow {
  week_id: number;
  due: number;
  on_time: number;
}

/**
 * Translation tasks of visible posts per week; withdrawn and superseded tasks were never owed.
 * On time: published no later than the task's due time.
 */
export async function countPostTranslations(db: Handle, forumId: number) {
  const { rows } = await sql<OnTimeRow>`
    SELECT t.week_id, count(*)::int AS due,
           (count(*) FILTER (WHERE k.status = 'published' AND k.closed_at <= k.due_at))::int AS on_time
    FROM translation_tasks k
    JOIN posts p ON p.id = k.item_id
    JOIN threads t ON t.id = p.thread_id AND t.forum_id = k.forum_id
    WHERE k.forum_id = ${forumId} AND k.item_type = 'post' AND k.status NOT IN ('withdrawn', 'superseded')
      AND p.hidden_at IS NULL
    GROUP BY t.week_id`.execute(db);
  return rows;
}

/** Visible questions to key respondents per week; on time by the questions domain's due time (asked + the forum's target hours). */
export async function countQuestions(db: Handle, forumId: number) {
  const { rows } = await sql<OnTimeRow>`
    SELECT t.week_id, count(*)::int AS due,
           (count(*) FILTER (WHERE p.answered_at <= p.created_at + make_interval(hours => f.question_target_hours)))::int AS on_time
    FROM posts p
    JOIN threads t ON t.id = p.thread_id
    JOIN forums f ON f.id = t.forum_id
    WHERE t.forum_id = ${forumId} AND p.addressed_to IS NOT NULL AND p.hidden_at IS NULL
    GROUP BY t.week_id`.execute(db);
  return rows;
}

export function findRegions(db: Handle, forumId: number) {
  return db
    .selectFrom('forum_regions')
    .select(['id', 'en', 'es', 'fr', 'archived_at'])
    .where('forum_id', '=', forumId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}
