// The scheduler's part for questions: telling each forum's organizers, once per question, of
// questions to key respondents still unanswered past the forum's target. Nothing writes at that
// moment, so a tick notices; marker rows claimed in the notification's transaction make one
// instance the announcer when several tick at once.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notify } from '../notifications/notify.ts';
import { currentTime } from '../time/clock.ts';

/** Returns how many forums' organizers were told. */
export async function announceOverdueQuestions(db: Kysely<DB>, now = currentTime()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{ forum_id: number; week_id: number; count: number; target_hours: number }>`
      WITH claimed AS (
        INSERT INTO question_overdue_notified (post_id, notified_at)
        SELECT p.id, ${now} FROM posts p
        JOIN case_studies c ON c.thread_id = p.thread_id AND c.status = 'published'
        JOIN forums f ON f.id = c.forum_id
        WHERE f.published AND p.addressed_to IS NOT NULL AND p.answered_at IS NULL AND p.hidden_at IS NULL
          AND p.created_at + make_interval(hours => f.question_target_hours) <= ${now}
          AND NOT EXISTS (SELECT 1 FROM question_overdue_notified n WHERE n.post_id = p.id)
        ON CONFLICT (post_id) DO NOTHING
        RETURNING post_id
      )
      SELECT c.forum_id, min(c.week_id) AS week_id, count(*)::int AS count, min(f.question_target_hours) AS target_hours
      FROM claimed JOIN posts p ON p.id = claimed.post_id
      JOIN case_studies c ON c.thread_id = p.thread_id JOIN forums f ON f.id = c.forum_id
      GROUP BY c.forum_id ORDER BY c.forum_id`.execute(trx);
    for (const row of claimed.rows) {
      const organizers = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('forum_id', '=', row.forum_id)
        .where('role', '=', 'organizer')
        .execute();
      await notify(
        trx,
        {
          type: 'question.overdue',
          userIds: organizers.map((m) => m.user_id),
          forumId: row.forum_id,
          payload: { forumId: row.forum_id, count: row.count, targetHours: row.target_hours },
        },
        now,
      );
    }
    return claimed.rows.length;
  });
}
