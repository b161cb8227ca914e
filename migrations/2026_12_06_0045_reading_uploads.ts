// Files an organizer sends for a reading before saving it: checked and stored (by SHA-256) on
// arrival, then attached in the reading's own transaction, so a reading and its attachments are
// saved all or nothing. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE reading_uploads (
      id uuid PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      uploaded_by integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      file_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  // Unclaimed uploads are cleared by age; a user's own are counted against their limit.
  `CREATE INDEX reading_uploads_created_idx ON reading_uploads (created_at)`,
  `CREATE INDEX reading_uploads_user_idx ON reading_uploads (uploaded_by)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE reading_uploads`.execute(db);
}
