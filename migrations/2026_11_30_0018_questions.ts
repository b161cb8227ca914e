// Questions to key respondents (posts addressed to one member, marked answered by a reply or by
// hand), the forum's target time for answering them, and what the "this week" home remembers:
// when a member last visited it and which readings and case studies they have opened.
// Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE posts
      ADD COLUMN addressed_to integer REFERENCES users (id),
      ADD COLUMN answered_at timestamptz,
      ADD COLUMN answered_by integer REFERENCES users (id),
      ADD COLUMN answer_post_id integer REFERENCES posts (id) ON DELETE SET NULL,
      ADD CONSTRAINT posts_answered_only_questions CHECK (answered_at IS NULL OR addressed_to IS NOT NULL),
      ADD CONSTRAINT posts_answer_needs_mark CHECK (answer_post_id IS NULL OR answered_at IS NOT NULL)`,
  // "Waiting for you" and the organizers' overdue list read unanswered questions by addressee / age.
  `CREATE INDEX posts_unanswered_questions_idx ON posts (addressed_to, created_at) WHERE addressed_to IS NOT NULL AND answered_at IS NULL`,
  `CREATE INDEX posts_thread_questions_idx ON posts (thread_id, created_at) WHERE addressed_to IS NOT NULL`,
  // A case study's thread opens with the case study, not a post: its top-level posts (questions,
  // comments) are all roots. Other threads still get exactly one, from thread creation.
  `DROP INDEX posts_thread_root_idx`,
  `CREATE INDEX posts_thread_root_idx ON posts (thread_id, id) WHERE parent_id IS NULL`,
  // The rule the unique index kept cannot be a partial index (it depends on the thread's kind),
  // so a trigger keeps it: under the thread's row lock, so two writers cannot both pass the check.
  `CREATE FUNCTION posts_one_root_per_thread() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM 1 FROM threads WHERE id = NEW.thread_id AND kind <> 'case_study' FOR UPDATE;
      IF FOUND AND EXISTS (SELECT 1 FROM posts WHERE thread_id = NEW.thread_id AND parent_id IS NULL AND id <> NEW.id) THEN
        RAISE EXCEPTION 'thread % already has its first post', NEW.thread_id USING ERRCODE = 'unique_violation';
      END IF;
      RETURN NEW;
    END $$`,
  `CREATE TRIGGER posts_one_root_per_thread BEFORE INSERT OR UPDATE OF parent_id, thread_id ON posts
    FOR EACH ROW WHEN (NEW.parent_id IS NULL) EXECUTE FUNCTION posts_one_root_per_thread()`,
  // The home counts what is new since a member's previous visit: a range, not the forum's history.
  `CREATE INDEX posts_created_at_idx ON posts (created_at)`,
  `CREATE INDEX translations_forum_published_idx ON translations (forum_id, published_at)`,
  `ALTER TABLE forums ADD COLUMN question_target_hours integer NOT NULL DEFAULT 24 CHECK (question_target_hours BETWEEN 1 AND 720)`,
  `CREATE TABLE question_overdue_notified (
      post_id integer PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
      notified_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE TABLE item_opens (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      item_type text NOT NULL CHECK (item_type IN ('reading', 'case_study')),
      item_id integer NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, item_type, item_id)
    )`,
  `CREATE TABLE home_visits (
      user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      last_visit_at timestamptz NOT NULL,
      previous_visit_at timestamptz
    )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE home_visits, item_opens, question_overdue_notified`.execute(db);
  await sql`ALTER TABLE forums DROP COLUMN question_target_hours`.execute(db);
  await sql`DROP INDEX translations_forum_published_idx`.execute(db);
  await sql`DROP INDEX posts_created_at_idx`.execute(db);
  await sql`DROP INDEX posts_thread_questions_idx`.execute(db);
  await sql`DROP TRIGGER posts_one_root_per_thread ON posts`.execute(db);
  await sql`DROP FUNCTION posts_one_root_per_thread()`.execute(db);
  await sql`DROP INDEX posts_thread_root_idx`.execute(db);
  await sql`CREATE UNIQUE INDEX posts_thread_root_idx ON posts (thread_id) WHERE parent_id IS NULL`.execute(db);
  await sql`DROP INDEX posts_unanswered_questions_idx`.execute(db);
  await sql`ALTER TABLE posts DROP CONSTRAINT posts_answer_needs_mark, DROP CONSTRAINT posts_answered_only_questions,
    DROP COLUMN answer_post_id, DROP COLUMN answered_by, DROP COLUMN answered_at, DROP COLUMN addressed_to`.execute(db);
}
