// Threads and posts of each week with their revisions, drafts, read positions, reports, the
// moderation audit log and the realtime event log. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE threads (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      week_id integer NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('discussion', 'prompt')),
      requires_own_answer boolean NOT NULL DEFAULT false,
      title text NOT NULL,
      original_lang text NOT NULL CHECK (original_lang IN ('en', 'es', 'fr')),
      author_id integer NOT NULL REFERENCES users (id),
      pinned boolean NOT NULL DEFAULT false,
      locked boolean NOT NULL DEFAULT false,
      post_count integer NOT NULL DEFAULT 0,
      last_post_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (requires_own_answer = false OR kind = 'prompt')
    )`,
  `CREATE INDEX threads_week_idx ON threads (week_id, pinned DESC, last_post_at DESC)`,
  `CREATE TABLE posts (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      thread_id integer NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
      parent_id integer REFERENCES posts (id),
      path integer[] NOT NULL,
      author_id integer NOT NULL REFERENCES users (id),
      original_lang text NOT NULL CHECK (original_lang IN ('en', 'es', 'fr')),
      body_md text NOT NULL,
      body_html text NOT NULL,
      word_count integer NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      idempotency_key uuid NOT NULL,
      hidden_at timestamptz,
      hidden_by integer REFERENCES users (id),
      hidden_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      UNIQUE (author_id, idempotency_key)
    )`,
  `CREATE INDEX posts_thread_path_idx ON posts (thread_id, path)`,
  `CREATE INDEX posts_thread_id_idx ON posts (thread_id, id)`,
  `CREATE TABLE post_revisions (
      post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      revision integer NOT NULL,
      original_lang text NOT NULL,
      body_md text NOT NULL,
      body_html text NOT NULL,
      editor_id integer NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (post_id, revision)
    )`,
  `CREATE TABLE drafts (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      draft_key text NOT NULL,
      title text NOT NULL DEFAULT '',
      body_md text NOT NULL,
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, draft_key)
    )`,
  `CREATE TABLE thread_reads (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      thread_id integer NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
      last_read_post_id integer NOT NULL,
      PRIMARY KEY (user_id, thread_id)
    )`,
  `CREATE TABLE reports (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      post_id integer NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      reporter_id integer NOT NULL REFERENCES users (id),
      reason text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolved_by integer REFERENCES users (id)
    )`,
  `CREATE UNIQUE INDEX reports_open_once_idx ON reports (post_id, reporter_id) WHERE resolved_at IS NULL`,
  `CREATE INDEX reports_forum_open_idx ON reports (forum_id) WHERE resolved_at IS NULL`,
  `CREATE TABLE audit_log (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      actor_id integer NOT NULL REFERENCES users (id),
      action text NOT NULL,
      target_type text NOT NULL,
      target_id integer NOT NULL,
      reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX audit_log_forum_idx ON audit_log (forum_id, id)`,
  `CREATE TABLE events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      week_id integer REFERENCES weeks (id) ON DELETE CASCADE,
      thread_id integer REFERENCES threads (id) ON DELETE CASCADE,
      type text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX events_forum_idx ON events (forum_id, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE events, audit_log, reports, thread_reads, drafts, post_revisions, posts, threads`.execute(db);
}
