// The one hook every feature calls to tell users something: in-app rows and, by each
// recipient's preferences, outbox rows, written in the caller's transaction — so a rolled-back
// cause announces nothing. One SQL statement whatever the number of recipients.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { emailTemplate, notificationRules, type NotificationType } from './notification-types.ts';
import { currentTime } from '../time/clock.ts';

/** pg_notify channel carrying the ids of users whose unread count changed. */
export const NOTIFICATIONS_CHANNEL = 'tertulia_notifications';
/** Immediate emails wait this long, so a burst of replies makes one message. */
export const BATCH_WINDOW_MS = 5 * 60_000;
/** User ids per pg_notify payload (which is limited to 8,000 bytes). */
const IDS_PER_SIGNAL = 800;

export interface NotifyInput {
  type: NotificationType;
  userIds: number[];
  forumId: number | null;
  weekId?: number | null;
  threadId?: number | null;
  postId?: number | null;
  /** Who caused it; never notified of their own act. */
  actorId?: number | null;
  /** Placeholders for the email template and the in-app text (titles, names, URLs). */
  payload?: Record<string, unknown>;
}

/**
 * Notifies `userIds`, dropping those who may not see the subject: with a week, only its
 * forum's members (and admins) once the week is open, organizers earlier; with a post, nobody
 * but organizers while it is hidden.
 */
export async function notify(trx: Transaction<DB>, input: NotifyInput, now = currentTime()): Promise<void> {
  const userIds = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (userIds.length === 0) return;
  const rule = notificationRules[input.type];
  const weekId = input.weekId ?? null;
  const postId = input.postId ?? null;
  const payload = JSON.stringify(input.payload ?? {});
  const batchDue = new Date(now.getTime() + BATCH_WINDOW_MS);
  const emailStatus =
    rule.delivery === 'direct'
      ? sql`CASE WHEN coalesce(s.email, ${rule.email}) OR ${rule.required === true} THEN 'queued' ELSE 'none' END`
      : sql`CASE WHEN NOT coalesce(s.email, ${rule.email}) OR d.schedule = 'off' THEN 'none' ELSE 'pending' END`;
  const dueAt =
    rule.delivery === 'direct'
      ? sql`NULL::timestamptz`
      : sql`CASE WHEN coalesce(d.schedule, 'immediate') = 'immediate' THEN ${batchDue}::timestamptz END`;

  await sql`
    WITH candidates AS (
      SELECT u.id AS user_id, u.email, u.interface_lang,
             coalesce(s.in_app, ${rule.inApp}) AS in_app, ${emailStatus} AS email_status, ${dueAt} AS email_due_at
      FROM unnest(${`{${userIds.join(',')}}`}::int[]) AS r (id)
      JOIN users u ON u.id = r.id
      LEFT JOIN notification_settings s ON s.user_id = u.id AND s.type = ${input.type}
      LEFT JOIN digest_settings d ON d.user_id = u.id AND d.forum_id = ${input.forumId}
      LEFT JOIN weeks w ON w.id = ${weekId}
      LEFT JOIN posts p ON p.id = ${postId}
      WHERE (${weekId}::int IS NULL OR u.is_admin OR EXISTS (
              SELECT 1 FROM memberships m WHERE m.forum_id = w.forum_id AND m.user_id = u.id
                AND (w.opens_at <= ${now} OR m.role = 'organizer')))
        AND (${postId}::int IS NULL OR p.hidden_at IS NULL OR u.is_admin OR EXISTS (
              SELECT 1 FROM memberships m WHERE m.forum_id = ${input.forumId} AND m.user_id = u.id AND m.role = 'organizer'))
    ),
    inserted AS (
      INSERT INTO notifications (user_id, type, forum_id, week_id, thread_id, post_id, actor_id, payload, in_app, email_status, email_due_at, created_at)
      SELECT user_id, ${input.type}, ${input.forumId}, ${weekId}, ${input.threadId ?? null}, ${postId}, ${input.actorId ?? null},
             ${payload}::jsonb, in_app, email_status, email_due_at, ${now}
      FROM candidates WHERE in_app OR email_status <> 'none'
      ON CONFLICT DO NOTHING
      RETURNING id, user_id, in_app, email_status
    ),
    mailed AS (
      INSERT INTO outbox (to_email, lang, template, payload, user_id, unsubscribe, created_at, next_attempt_at)
      SELECT c.email, c.interface_lang, ${emailTemplate(input.type)},
             ${payload}::jsonb || jsonb_build_object('notificationId', i.id), i.user_id,
             ${rule.required ? null : `type:${input.type}`}, ${now}, ${now}
      FROM inserted i JOIN candidates c ON c.user_id = i.user_id
      WHERE i.email_status = 'queued'
    )
    SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, string_agg(user_id::text, ','))
    FROM (SELECT user_id, (row_number() OVER ()) / ${IDS_PER_SIGNAL} AS chunk FROM inserted WHERE in_app) AS signalled
    GROUP BY chunk
  `.execute(trx);
}
