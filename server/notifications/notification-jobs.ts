// The scheduler's work, safe to run from every instance at once and to repeat: week openings
// and translation tasks passing the forum's target (nothing writes at those moments, so a tick
// notices; marker rows taken with a conditional insert make one instance the announcer), batches
// of immediate email whose few minutes are up, and digests whose local hour has come. Each takes
// its rows with SKIP LOCKED.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nextDigestAt } from './digest-clock.ts';
import { notify } from './notify.ts';
import { queueEmail } from '../mail/outbox.queries.ts';
import { LIVE_STATUSES } from '../translation-policy/translation-tasks.queries.ts';
import { currentTime } from '../time/clock.ts';

/** A week opened longer ago than this is not announced (a fresh deployment of an old forum). */
const ANNOUNCE_WITHIN_MS = 24 * 60 * 60_000;

export async function announceWeekOpenings(db: Kysely<DB>, now = currentTime()): Promise<number> {
  const weeks = await db
    .selectFrom('weeks')
    .innerJoin('forums', 'forums.id', 'weeks.forum_id')
    .select(['weeks.id', 'weeks.forum_id', 'weeks.number'])
    .where('forums.published', '=', true)
    .where('weeks.opens_at', '<=', now)
    .where('weeks.opens_at', '>', new Date(now.getTime() - ANNOUNCE_WITHIN_MS))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('week_openings_notified')
            .select('week_id')
            .whereRef('week_openings_notified.week_id', '=', 'weeks.id'),
        ),
      ),
    )
    .execute();
  let announced = 0;
  for (const week of weeks) {
    await db.transaction().execute(async (trx) => {
      const taken = await trx
        .insertInto('week_openings_notified')
        .values({ week_id: week.id, notified_at: now })
        .onConflict((oc) => oc.column('week_id').doNothing())
        .returning('week_id')
        .executeTakeFirst();
      if (!taken) return;
      const members = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('forum_id', '=', week.forum_id)
        .execute();
      await notify(
        trx,
        {
          type: 'week.opened',
          userIds: members.map((m) => m.user_id),
          forumId: week.forum_id,
          weekId: week.id,
          payload: { weekId: week.id, weekNumber: week.number },
        },
        now,
      );
      announced += 1;
    });
  }
  return announced;
}

/**
 * Tells each forum's organizers, in one notification per forum, of the live translation tasks
 * that passed the forum's target since the last tick. The marker rows are claimed in the same
 * transaction as the notification, so a concurrent instance waits on them and then skips them.
 */
export async function announceOverdueTranslations(db: Kysely<DB>, now = currentTime()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{ forum_id: number; source_lang: string; target_lang: string; count: number }>`
      WITH claimed AS (
        INSERT INTO translation_overdue_notified (task_id, notified_at)
        SELECT t.id, ${now} FROM translation_tasks t JOIN forums f ON f.id = t.forum_id
        WHERE f.published AND t.status IN (${sql.join(LIVE_STATUSES)}) AND t.due_at <= ${now}
          AND NOT EXISTS (SELECT 1 FROM translation_overdue_notified n WHERE n.task_id = t.id)
        ON CONFLICT (task_id) DO NOTHING
        RETURNING task_id
      )
      SELECT t.forum_id, t.source_lang, t.target_lang, count(*)::int AS count
      FROM claimed c JOIN translation_tasks t ON t.id = c.task_id
      GROUP BY t.forum_id, t.source_lang, t.target_lang ORDER BY t.forum_id, t.source_lang, t.target_lang`.execute(trx);
    const forums = new Map<number, { from: string; to: string; count: number }[]>();
    for (const row of claimed.rows)
      forums.set(row.forum_id, [
        ...(forums.get(row.forum_id) ?? []),
        { from: row.source_lang, to: row.target_lang, count: row.count },
      ]);
    for (const [forumId, pairs] of forums) {
      const organizers = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('forum_id', '=', forumId)
        .where('role', '=', 'organizer')
        .execute();
      await notify(
        trx,
        {
          type: 'translation.overdue',
          userIds: organizers.map((m) => m.user_id),
          forumId,
          payload: { forumId, count: pairs.reduce((sum, pair) => sum + pair.count, 0), pairs },
        },
        now,
      );
    }
    return forums.size;
  });
}

/**
 * Moves a user's waiting notifications of one forum into one email. Those already read in the
 * app are not mailed. Returns whether an email was queued.
 */
async function mailWaiting(
  trx: Transaction<DB>,
  userId: number,
  forumId: number | null,
  digest: boolean,
  now: Date,
): Promise<boolean> {
  const waiting = await sql<{ id: number; read: boolean }>`
    SELECT id, read_at IS NOT NULL AS read FROM notifications
    WHERE user_id = ${userId} AND forum_id IS NOT DISTINCT FROM ${forumId} AND email_status = 'pending'
      AND ${digest ? sql`email_due_at IS NULL` : sql`email_due_at IS NOT NULL`}
    ORDER BY id FOR UPDATE SKIP LOCKED`.execute(trx);
  if (waiting.rows.length === 0) return false;
  const unread = waiting.rows.filter((row) => !row.read).map((row) => Number(row.id));
  const read = waiting.rows.filter((row) => row.read).map((row) => Number(row.id));
  if (read.length > 0)
    await trx.updateTable('notifications').set({ email_status: 'skipped' }).where('id', 'in', read).execute();
  if (unread.length === 0) return false;
  await trx.updateTable('notifications').set({ email_status: 'queued' }).where('id', 'in', unread).execute();
  const user = await trx
    .selectFrom('users')
    .select(['email', 'interface_lang'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  await queueEmail(
    trx,
    {
      toEmail: user.email,
      lang: user.interface_lang,
      template: digest ? 'notifications_digest' : 'notifications_batch',
      payload: { forumId, notificationIds: unread },
      userId,
      unsubscribe: forumId === null ? null : `digest:${forumId}`,
    },
    now,
  );
  return true;
}

/** Immediate email whose batching window has ended: one message per user and forum. */
export async function queueDueBatches(db: Kysely<DB>, now = currentTime()): Promise<number> {
  const due = await db
    .selectFrom('notifications')
    .select(['user_id', 'forum_id'])
    .distinct()
    .where('email_status', '=', 'pending')
    .where('email_due_at', '<=', now)
    .limit(500)
    .execute();
  let queued = 0;
  for (const { user_id, forum_id } of due) {
    if (await db.transaction().execute((trx) => mailWaiting(trx, user_id, forum_id, false, now))) queued += 1;
  }
  return queued;
}

/** Digests whose local hour has come; nothing is sent when nothing is new. Each is rescheduled. */
export async function queueDueDigests(db: Kysely<DB>, now = currentTime()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await sql<{
      user_id: number;
      forum_id: number;
      schedule: 'daily' | 'weekly';
      hour: number;
      weekday: number;
      time_zone: string;
    }>`
      SELECT d.user_id, d.forum_id, d.schedule, d.hour, d.weekday, u.time_zone
      FROM digest_settings d JOIN users u ON u.id = d.user_id
      WHERE d.next_digest_at <= ${now} AND d.schedule IN ('daily', 'weekly')
      ORDER BY d.next_digest_at LIMIT 200
      FOR UPDATE OF d SKIP LOCKED`.execute(trx);
    let queued = 0;
    for (const row of due.rows) {
      if (await mailWaiting(trx, row.user_id, row.forum_id, true, now)) queued += 1;
      await trx
        .updateTable('digest_settings')
        .set({ next_digest_at: nextDigestAt(row.schedule, row.hour, row.weekday, row.time_zone, now) })
        .where('user_id', '=', row.user_id)
        .where('forum_id', '=', row.forum_id)
        .execute();
    }
    return queued;
  });
}
