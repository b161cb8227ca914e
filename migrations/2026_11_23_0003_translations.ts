// Hand translation: published translations with revisions, the task queue that policy fills,
// and each forum's glossary. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  // A reading's revision counts changes to its original text, so translations can be outdated.
  `ALTER TABLE readings ADD COLUMN revision integer NOT NULL DEFAULT 1`,
  // A week's summary is written in its programme's language; its revision counts changes to it.
  `ALTER TABLE weeks ADD COLUMN original_lang text NOT NULL DEFAULT 'en' CHECK (original_lang IN ('en', 'es', 'fr')),
      ADD COLUMN revision integer NOT NULL DEFAULT 1`,
  `ALTER TABLE forums
      ADD COLUMN translation_claim_minutes integer NOT NULL DEFAULT 120 CHECK (translation_claim_minutes > 0),
      ADD COLUMN translation_review_required boolean NOT NULL DEFAULT false`,
  `CREATE TABLE translations (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      item_type text NOT NULL CHECK (item_type IN ('post', 'thread_title', 'reading', 'week')),
      item_id integer NOT NULL,
      source_lang text NOT NULL CHECK (source_lang IN ('en', 'es', 'fr')),
      target_lang text NOT NULL CHECK (target_lang IN ('en', 'es', 'fr')),
      source_revision integer NOT NULL,
      body_md text NOT NULL,
      body_html text NOT NULL,
      translator_id integer NOT NULL REFERENCES users (id),
      translator_role text NOT NULL CHECK (translator_role IN ('organizer', 'translator', 'author')),
      revision integer NOT NULL DEFAULT 1,
      published_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (item_type, item_id, target_lang),
      CHECK (source_lang <> target_lang)
    )`,
  `CREATE TABLE translation_revisions (
      translation_id integer NOT NULL REFERENCES translations (id) ON DELETE CASCADE,
      revision integer NOT NULL,
      source_revision integer NOT NULL,
      body_md text NOT NULL,
      translator_id integer NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (translation_id, revision)
    )`,
  `CREATE TABLE translation_tasks (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      week_id integer REFERENCES weeks (id) ON DELETE CASCADE,
      item_type text NOT NULL CHECK (item_type IN ('post', 'thread_title', 'reading', 'week')),
      item_id integer NOT NULL,
      source_lang text NOT NULL CHECK (source_lang IN ('en', 'es', 'fr')),
      target_lang text NOT NULL CHECK (target_lang IN ('en', 'es', 'fr')),
      source_revision integer NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'in_review', 'published', 'withdrawn', 'superseded')),
      claimed_by integer REFERENCES users (id),
      translated_by integer REFERENCES users (id),
      claim_expires_at timestamptz,
      draft_md text,
      draft_updated_at timestamptz,
      due_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      closed_by integer REFERENCES users (id),
      CHECK ((status = 'claimed') = (claimed_by IS NOT NULL AND claim_expires_at IS NOT NULL))
    )`,
  // At most one live task per item and target language; done ones stay as history.
  `CREATE UNIQUE INDEX translation_tasks_live_idx ON translation_tasks (item_type, item_id, target_lang) WHERE status IN ('open', 'claimed', 'in_review')`,
  `CREATE TABLE translation_task_skips (
      task_id integer NOT NULL REFERENCES translation_tasks (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      PRIMARY KEY (task_id, user_id)
    )`,
  `CREATE INDEX translation_tasks_queue_idx ON translation_tasks (forum_id, status, due_at)`,
  // Readers' "translation pending" lookups pass statuses as parameters, which the partial
  // unique index above cannot serve.
  `CREATE INDEX translation_tasks_item_idx ON translation_tasks (item_type, item_id, target_lang)`,
  `CREATE TABLE glossary_terms (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      en text NOT NULL DEFAULT '',
      es text NOT NULL DEFAULT '',
      fr text NOT NULL DEFAULT '',
      note text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE glossary_terms, translation_task_skips, translation_tasks, translation_revisions, translations`.execute(
    db,
  );
  await sql`ALTER TABLE forums DROP COLUMN translation_claim_minutes, DROP COLUMN translation_review_required`.execute(
    db,
  );
  await sql`ALTER TABLE readings DROP COLUMN revision`.execute(db);
  await sql`ALTER TABLE weeks DROP COLUMN original_lang, DROP COLUMN revision`.execute(db);
}
