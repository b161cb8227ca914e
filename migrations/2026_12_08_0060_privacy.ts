// What privacy needs the database to remember: when an account was erased (its row stays, emptied,
// so the threads it wrote in keep their shape), which version of the terms and privacy notice a
// person accepted and when, when each email preference was last set, and data exports built in
// the background. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE users ADD COLUMN erased_at timestamptz`,
  // A post its author removed when leaving: its text is gone, its place in the thread stays.
  `ALTER TABLE posts ADD COLUMN removed_at timestamptz`,
  `CREATE TABLE terms_acceptances (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id),
      document text NOT NULL CHECK (document IN ('terms', 'privacy')),
      version text NOT NULL CHECK (version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      accepted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, document, version)
    )`,
  `ALTER TABLE notification_settings ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
  `ALTER TABLE digest_settings ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
  `CREATE TABLE data_exports (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id),
      lang text NOT NULL CHECK (lang IN ('en', 'es', 'fr')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      -- The export itself, kept in the database so every instance can hand it out.
      content jsonb,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      expires_at timestamptz
    )`,
  `CREATE INDEX data_exports_user ON data_exports (user_id, created_at DESC)`,
  `CREATE INDEX data_exports_due ON data_exports (created_at) WHERE status IN ('queued', 'running')`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE data_exports`.execute(db);
  await sql`ALTER TABLE digest_settings DROP COLUMN updated_at`.execute(db);
  await sql`ALTER TABLE notification_settings DROP COLUMN updated_at`.execute(db);
  await sql`DROP TABLE terms_acceptances`.execute(db);
  await sql`ALTER TABLE posts DROP COLUMN removed_at`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN erased_at`.execute(db);
}
