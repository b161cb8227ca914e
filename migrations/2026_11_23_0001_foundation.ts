// Accounts, sessions, forums with their weeks and readings, memberships and the email outbox.
// Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE users (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      interface_lang text NOT NULL CHECK (interface_lang IN ('en', 'es', 'fr')),
      reading_langs text[] NOT NULL,
      time_zone text NOT NULL,
      organisation text NOT NULL DEFAULT '',
      region text NOT NULL DEFAULT '',
      country text NOT NULL DEFAULT '',
      is_admin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE UNIQUE INDEX users_email_key ON users (lower(email))`,
  `CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX sessions_user_id_idx ON sessions (user_id)`,
  `CREATE TABLE forums (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      time_zone text NOT NULL,
      languages text[] NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      application_deadline timestamptz NOT NULL,
      published boolean NOT NULL DEFAULT false,
      open_enrolment boolean NOT NULL DEFAULT false,
      public_archive boolean NOT NULL DEFAULT false,
      weeks_close_at_end boolean NOT NULL DEFAULT false,
      translation_target_hours integer NOT NULL DEFAULT 24,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      CHECK (ends_at > starts_at)
    )`,
  `CREATE TABLE forum_texts (
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      title text NOT NULL,
      summary text NOT NULL,
      call_md text NOT NULL,
      call_html text NOT NULL,
      PRIMARY KEY (forum_id, lang)
    )`,
  `CREATE TABLE translation_rules (
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      source_lang text NOT NULL CHECK (source_lang IN ('en', 'es', 'fr')),
      target_lang text NOT NULL CHECK (target_lang IN ('en', 'es', 'fr')),
      PRIMARY KEY (forum_id, source_lang, target_lang),
      CHECK (source_lang <> target_lang)
    )`,
  `CREATE TABLE weeks (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      starts_on date NOT NULL,
      opens_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      UNIQUE (forum_id, number),
      CHECK (closes_at > opens_at)
    )`,
  `CREATE TABLE week_texts (
      week_id integer NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      title text NOT NULL,
      summary_md text NOT NULL,
      summary_html text NOT NULL,
      PRIMARY KEY (week_id, lang)
    )`,
  `CREATE TABLE readings (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      week_id integer NOT NULL REFERENCES weeks (id) ON DELETE CASCADE,
      slug text NOT NULL,
      position integer NOT NULL,
      original_lang text NOT NULL CHECK (original_lang IN ('en', 'es', 'fr')),
      UNIQUE (week_id, slug)
    )`,
  `CREATE TABLE reading_texts (
      reading_id integer NOT NULL REFERENCES readings (id) ON DELETE CASCADE,
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      title text NOT NULL,
      body_md text NOT NULL,
      body_html text NOT NULL,
      PRIMARY KEY (reading_id, lang)
    )`,
  `CREATE TABLE memberships (
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('participant', 'key_respondent', 'translator', 'organizer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (forum_id, user_id, role)
    )`,
  `CREATE INDEX memberships_user_id_idx ON memberships (user_id)`,
  `CREATE TABLE outbox (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      to_email text NOT NULL,
      lang text NOT NULL,
      template text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE outbox, memberships, reading_texts, readings, week_texts, weeks,
      translation_rules, forum_texts, forums, sessions, users;
  `.execute(db);
}
