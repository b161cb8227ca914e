// What the forum produces: themes per forum (a list like regions), policy elements proposed from
// the items members read and curated by organizers, each member's consent to appear in published
// proceedings, and the proceedings editions a background job generates. Frozen in time: imports
// nothing from server/.
import { sql, type Kysely } from 'kysely';

const ITEM_TYPES = `'post', 'thread_title', 'reading', 'week', 'case_study'`;

const statements = [
  `CREATE TABLE forum_themes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,59}$'),
      position integer NOT NULL,
      en text NOT NULL CHECK (length(en) BETWEEN 1 AND 80),
      es text NOT NULL CHECK (length(es) BETWEEN 1 AND 80),
      fr text NOT NULL CHECK (length(fr) BETWEEN 1 AND 80),
      archived_at timestamptz,
      UNIQUE (forum_id, key),
      UNIQUE (forum_id, id)
    )`,
  `ALTER TABLE forums ADD COLUMN policy_element_word_limit integer NOT NULL DEFAULT 80
      CHECK (policy_element_word_limit BETWEEN 10 AND 400)`,
  `CREATE TABLE policy_elements (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      region_id integer NOT NULL,
      theme_id integer NOT NULL,
      status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'declined', 'merged')),
      original_lang text NOT NULL CHECK (original_lang IN ('en', 'es', 'fr')),
      body_md text NOT NULL,
      body_html text NOT NULL,
      word_count integer NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      proposed_by integer NOT NULL REFERENCES users (id),
      -- The proposing request's key, so a retried or doubled submit returns the same element.
      idempotency_key text NOT NULL,
      -- The week of its first citation: where it came from, for the matrix's week filter.
      week_id integer NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
      merged_into integer REFERENCES policy_elements (id),
      decline_reason text CHECK (length(decline_reason) <= 1000),
      decided_by integer REFERENCES users (id),
      decided_at timestamptz,
      endorsement_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (proposed_by, idempotency_key),
      FOREIGN KEY (forum_id, region_id) REFERENCES forum_regions (forum_id, id),
      FOREIGN KEY (forum_id, theme_id) REFERENCES forum_themes (forum_id, id),
      CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
      CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
    )`,
  `CREATE INDEX policy_elements_forum_idx ON policy_elements (forum_id, status)`,
  `CREATE TABLE policy_element_revisions (
      element_id integer NOT NULL REFERENCES policy_elements (id) ON DELETE CASCADE,
      revision integer NOT NULL,
      original_lang text NOT NULL,
      body_md text NOT NULL,
      body_html text NOT NULL,
      region_id integer NOT NULL,
      theme_id integer NOT NULL,
      editor_id integer NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (element_id, revision)
    )`,
  // What an element cites: a post (an answer is a post) or a published case study.
  `CREATE TABLE policy_element_citations (
      element_id integer NOT NULL REFERENCES policy_elements (id) ON DELETE CASCADE,
      item_type text NOT NULL CHECK (item_type IN ('post', 'case_study')),
      item_id integer NOT NULL,
      week_id integer NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
      cited_by integer NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (element_id, item_type, item_id)
    )`,
  `CREATE INDEX policy_element_citations_item_idx ON policy_element_citations (item_type, item_id)`,
  // Everyone who proposed it: a merge keeps the proposers of every element merged in.
  `CREATE TABLE policy_element_proposers (
      element_id integer NOT NULL REFERENCES policy_elements (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      PRIMARY KEY (element_id, user_id)
    )`,
  `CREATE TABLE policy_element_endorsements (
      element_id integer NOT NULL REFERENCES policy_elements (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (element_id, user_id)
    )`,
  `ALTER TABLE translations DROP CONSTRAINT translations_item_type_check`,
  `ALTER TABLE translations ADD CONSTRAINT translations_item_type_check CHECK (item_type IN (${ITEM_TYPES}, 'policy_element'))`,
  `ALTER TABLE translation_tasks DROP CONSTRAINT translation_tasks_item_type_check`,
  `ALTER TABLE translation_tasks ADD CONSTRAINT translation_tasks_item_type_check CHECK (item_type IN (${ITEM_TYPES}, 'policy_element'))`,
  // A member's current choice per forum, and every choice they made, dated.
  `CREATE TABLE publication_consents (
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      choice text NOT NULL CHECK (choice IN ('named', 'anonymous', 'none')),
      chosen_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (forum_id, user_id)
    )`,
  `CREATE TABLE publication_consent_records (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      choice text NOT NULL CHECK (choice IN ('named', 'anonymous', 'none')),
      source text NOT NULL CHECK (source IN ('application', 'invitation', 'profile', 'import')),
      chosen_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX publication_consent_records_member_idx ON publication_consent_records (forum_id, user_id, chosen_at)`,
  `CREATE TABLE proceedings_editions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      -- The threads the organizer selected; null means every thread an accepted element cites.
      thread_ids integer[],
      progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      step text NOT NULL DEFAULT '',
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      -- A worker's claim: until then no other instance takes the job.
      locked_until timestamptz,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      requested_by integer NOT NULL REFERENCES users (id),
      idempotency_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      published_at timestamptz,
      UNIQUE (forum_id, idempotency_key)
    )`,
  // One generation per forum and language at a time, whoever asks and on whichever instance.
  `CREATE UNIQUE INDEX proceedings_editions_active_idx ON proceedings_editions (forum_id, lang) WHERE status IN ('queued', 'running')`,
  `CREATE TABLE proceedings_files (
      edition_id integer NOT NULL REFERENCES proceedings_editions (id) ON DELETE CASCADE,
      format text NOT NULL CHECK (format IN ('html', 'pdf', 'csv', 'json')),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      PRIMARY KEY (edition_id, format)
    )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'proceedings_files',
    'proceedings_editions',
    'publication_consent_records',
    'publication_consents',
    'policy_element_endorsements',
    'policy_element_proposers',
    'policy_element_citations',
    'policy_element_revisions',
  ])
    await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql`DELETE FROM translation_tasks WHERE item_type = 'policy_element'`.execute(db);
  await sql`DELETE FROM translations WHERE item_type = 'policy_element'`.execute(db);
  await sql`DROP TABLE policy_elements`.execute(db);
  await sql`DROP TABLE forum_themes`.execute(db);
  await sql`ALTER TABLE forums DROP COLUMN policy_element_word_limit`.execute(db);
  for (const table of ['translations', 'translation_tasks']) {
    await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_item_type_check`).execute(db);
    await sql
      .raw(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_item_type_check CHECK (item_type IN (${ITEM_TYPES}))`)
      .execute(db);
  }
}
