// Key respondents' case studies: written, reviewed by organizers, published at their week's
// opening with a thread of their own, revised after publication like posts, and translated as
// a new kind of item. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE forums
      ADD COLUMN case_study_min_words integer NOT NULL DEFAULT 500 CHECK (case_study_min_words >= 0),
      ADD COLUMN case_study_max_words integer NOT NULL DEFAULT 800,
      ADD CONSTRAINT forums_case_study_words_order CHECK (case_study_max_words >= case_study_min_words)`,
  `ALTER TABLE threads DROP CONSTRAINT threads_kind_check`,
  `ALTER TABLE threads ADD CONSTRAINT threads_kind_check CHECK (kind IN ('discussion', 'prompt', 'case_study'))`,
  // A case study's title can change after publication (its thread carries it): title
  // translations then compare their source revision with this one, as post translations do.
  `ALTER TABLE threads ADD COLUMN title_revision integer NOT NULL DEFAULT 1 CHECK (title_revision >= 1)`,
  `ALTER TABLE translations DROP CONSTRAINT translations_item_type_check`,
  `ALTER TABLE translations ADD CONSTRAINT translations_item_type_check CHECK (item_type IN ('post', 'thread_title', 'reading', 'week', 'case_study'))`,
  `ALTER TABLE translation_tasks DROP CONSTRAINT translation_tasks_item_type_check`,
  `ALTER TABLE translation_tasks ADD CONSTRAINT translation_tasks_item_type_check CHECK (item_type IN ('post', 'thread_title', 'reading', 'week', 'case_study'))`,
  `CREATE TABLE case_studies (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      week_id integer NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
      author_id integer NOT NULL REFERENCES users (id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'changes_requested', 'approved', 'published')),
      title text NOT NULL,
      body_md text NOT NULL,
      body_html text NOT NULL,
      original_lang text NOT NULL CHECK (original_lang IN ('en', 'es', 'fr')),
      region text NOT NULL DEFAULT '',
      theme text NOT NULL DEFAULT '',
      word_count integer NOT NULL DEFAULT 0,
      revision integer NOT NULL DEFAULT 1,
      idempotency_key uuid,
      review_comment text,
      reviewed_by integer REFERENCES users (id),
      thread_id integer REFERENCES threads (id) ON DELETE SET NULL,
      submitted_at timestamptz,
      approved_at timestamptz,
      approved_by integer REFERENCES users (id),
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (week_id, author_id),
      CHECK ((status = 'published') = (published_at IS NOT NULL)),
      CHECK (status NOT IN ('approved', 'published') OR approved_at IS NOT NULL)
    )`,
  `CREATE INDEX case_studies_forum_status_idx ON case_studies (forum_id, status)`,
  // The publication job's scan: approved ones only.
  `CREATE INDEX case_studies_approved_idx ON case_studies (week_id) WHERE status = 'approved'`,
  `CREATE UNIQUE INDEX case_studies_thread_idx ON case_studies (thread_id) WHERE thread_id IS NOT NULL`,
  `CREATE TABLE case_study_revisions (
      case_study_id integer NOT NULL REFERENCES case_studies (id) ON DELETE CASCADE,
      revision integer NOT NULL,
      title text NOT NULL,
      original_lang text NOT NULL,
      body_md text NOT NULL,
      body_html text NOT NULL,
      editor_id integer NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_study_id, revision)
    )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE case_study_revisions, case_studies`.execute(db);
  await sql`DELETE FROM translation_tasks WHERE item_type = 'case_study'`.execute(db);
  await sql`DELETE FROM translations WHERE item_type = 'case_study'`.execute(db);
  await sql`ALTER TABLE translation_tasks DROP CONSTRAINT translation_tasks_item_type_check`.execute(db);
  await sql`ALTER TABLE translation_tasks ADD CONSTRAINT translation_tasks_item_type_check CHECK (item_type IN ('post', 'thread_title', 'reading', 'week'))`.execute(
    db,
  );
  await sql`ALTER TABLE translations DROP CONSTRAINT translations_item_type_check`.execute(db);
  await sql`ALTER TABLE translations ADD CONSTRAINT translations_item_type_check CHECK (item_type IN ('post', 'thread_title', 'reading', 'week'))`.execute(
    db,
  );
  await sql`DELETE FROM threads WHERE kind = 'case_study'`.execute(db);
  await sql`ALTER TABLE threads DROP CONSTRAINT threads_kind_check`.execute(db);
  await sql`ALTER TABLE threads ADD CONSTRAINT threads_kind_check CHECK (kind IN ('discussion', 'prompt'))`.execute(db);
  await sql`ALTER TABLE threads DROP COLUMN title_revision`.execute(db);
  await sql`ALTER TABLE forums DROP CONSTRAINT forums_case_study_words_order, DROP COLUMN case_study_min_words, DROP COLUMN case_study_max_words`.execute(
    db,
  );
}
