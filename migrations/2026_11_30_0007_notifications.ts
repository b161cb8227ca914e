// Notifications: in-app rows, per-user preferences, thread follows, the week-opening marker,
// and a delivery state machine on the email outbox. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      type text NOT NULL,
      forum_id integer REFERENCES forums (id) ON DELETE CASCADE,
      week_id integer REFERENCES weeks (id) ON DELETE CASCADE,
      thread_id integer REFERENCES threads (id) ON DELETE CASCADE,
      post_id integer REFERENCES posts (id) ON DELETE CASCADE,
      actor_id integer REFERENCES users (id) ON DELETE SET NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      in_app boolean NOT NULL,
      email_status text NOT NULL CHECK (email_status IN ('none', 'pending', 'queued', 'skipped')),
      email_due_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`,
  // One notification of a kind per post and reader: a replayed write adds nothing. A post may be
  // reported again after a report on it was resolved, and organizers must hear of it each time.
  `CREATE UNIQUE INDEX notifications_once_per_post_idx ON notifications (user_id, type, post_id) WHERE post_id IS NOT NULL AND type <> 'report.filed'`,
  `CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC) WHERE in_app`,
  `CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE in_app AND read_at IS NULL`,
  `CREATE INDEX notifications_email_pending_idx ON notifications (user_id, forum_id) WHERE email_status = 'pending'`,
  `CREATE TABLE notification_settings (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      type text NOT NULL,
      in_app boolean NOT NULL,
      email boolean NOT NULL,
      PRIMARY KEY (user_id, type)
    )`,
  `CREATE TABLE digest_settings (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      schedule text NOT NULL CHECK (schedule IN ('immediate', 'daily', 'weekly', 'off')),
      hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
      weekday smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
      next_digest_at timestamptz,
      PRIMARY KEY (user_id, forum_id)
    )`,
  `CREATE INDEX digest_settings_due_idx ON digest_settings (next_digest_at) WHERE next_digest_at IS NOT NULL`,
  `CREATE TABLE thread_follows (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      thread_id integer NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
      level text NOT NULL CHECK (level IN ('following', 'muted')),
      explicit boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (thread_id, user_id)
    )`,
  `CREATE INDEX thread_follows_user_idx ON thread_follows (user_id)`,
  `CREATE TABLE week_openings_notified (
      week_id integer PRIMARY KEY REFERENCES weeks (id) ON DELETE CASCADE,
      notified_at timestamptz NOT NULL DEFAULT now()
    )`,
  // Each translation task past the forum's target is announced to organizers once.
  `CREATE TABLE translation_overdue_notified (
      task_id integer PRIMARY KEY REFERENCES translation_tasks (id) ON DELETE CASCADE,
      notified_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE TABLE app_secrets (
      name text PRIMARY KEY,
      value text NOT NULL
    )`,
  `ALTER TABLE outbox
      ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      ADD COLUMN attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN locked_until timestamptz,
      ADD COLUMN last_response text,
      ADD COLUMN user_id integer REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN unsubscribe text`,
  `UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL`,
  `CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP INDEX outbox_due_idx`).execute(db);
  await sql
    .raw(
      `ALTER TABLE outbox DROP COLUMN status, DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN locked_until,
    DROP COLUMN last_response, DROP COLUMN user_id, DROP COLUMN unsubscribe`,
    )
    .execute(db);
  await sql
    .raw(
      `DROP TABLE app_secrets, translation_overdue_notified, week_openings_notified, thread_follows, digest_settings, notification_settings, notifications`,
    )
    .execute(db);
}
