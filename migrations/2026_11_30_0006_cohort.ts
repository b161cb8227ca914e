// The cohort: applications and their review, key-respondent limits and week assignment,
// invitations, reconfirmation when dates move, continuing-engagement opt-ins and the
// directory's privacy choices. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE forums
      ADD COLUMN description_word_limit integer NOT NULL DEFAULT 150 CHECK (description_word_limit BETWEEN 10 AND 1000),
      ADD COLUMN key_respondent_limit integer NOT NULL DEFAULT 6 CHECK (key_respondent_limit >= 0),
      ADD COLUMN key_respondents_per_week integer NOT NULL DEFAULT 1 CHECK (key_respondents_per_week >= 0)`,
  // A key respondent prepares one week; only key-respondent rows say which.
  `ALTER TABLE memberships ADD COLUMN week_id integer REFERENCES weeks (id) ON DELETE SET NULL,
      ADD CONSTRAINT memberships_week_only_for_key_respondents CHECK (week_id IS NULL OR role = 'key_respondent')`,
  `CREATE INDEX memberships_key_respondent_week_idx ON memberships (forum_id, week_id) WHERE role = 'key_respondent'`,
  // Fields a member hides from other members (organizers still see them).
  `ALTER TABLE users ADD COLUMN directory_hidden text[] NOT NULL DEFAULT '{}'
      CHECK (directory_hidden <@ ARRAY['organisation', 'region', 'country', 'languages']::text[])`,
  `CREATE TABLE applications (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('participant', 'key_respondent')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'waitlisted', 'declined', 'withdrawn')),
      description text NOT NULL,
      statement text NOT NULL DEFAULT '',
      fits_week_id integer REFERENCES weeks (id) ON DELETE SET NULL,
      organisation text NOT NULL DEFAULT '',
      region text NOT NULL DEFAULT '',
      country text NOT NULL DEFAULT '',
      langs text[] NOT NULL CHECK (cardinality(langs) > 0 AND langs <@ ARRAY['en', 'es', 'fr']::text[]),
      heard_from text NOT NULL DEFAULT '',
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      decision_message text,
      decided_by integer REFERENCES users (id),
      decided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (forum_id, user_id),
      CHECK (kind = 'key_respondent' OR (statement = '' AND fits_week_id IS NULL))
    )`,
  `CREATE INDEX applications_forum_status_idx ON applications (forum_id, status, id)`,
  `CREATE TABLE invitations (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('participant', 'key_respondent')),
      week_id integer REFERENCES weeks (id) ON DELETE SET NULL,
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      invited_by integer NOT NULL REFERENCES users (id),
      accepted_by integer REFERENCES users (id),
      accepted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (week_id IS NULL OR role = 'key_respondent')
    )`,
  `CREATE TABLE reconfirmation_requests (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      message text NOT NULL DEFAULT '',
      requested_by integer NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE TABLE reconfirmations (
      request_id integer NOT NULL REFERENCES reconfirmation_requests (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      answer text CHECK (answer IN ('confirmed', 'withdrawn')),
      answered_at timestamptz,
      reminded_at timestamptz,
      PRIMARY KEY (request_id, user_id)
    )`,
  `CREATE INDEX reconfirmations_user_idx ON reconfirmations (user_id) WHERE answer IS NULL`,
  `CREATE TABLE engagement_opt_ins (
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (forum_id, user_id)
    )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE engagement_opt_ins, reconfirmations, reconfirmation_requests, invitations, applications`.execute(
    db,
  );
  await sql`ALTER TABLE users DROP COLUMN directory_hidden`.execute(db);
  await sql`DROP INDEX memberships_key_respondent_week_idx`.execute(db);
  await sql`ALTER TABLE memberships DROP CONSTRAINT memberships_week_only_for_key_respondents, DROP COLUMN week_id`.execute(
    db,
  );
  await sql`ALTER TABLE forums DROP COLUMN description_word_limit, DROP COLUMN key_respondent_limit, DROP COLUMN key_respondents_per_week`.execute(
    db,
  );
}
