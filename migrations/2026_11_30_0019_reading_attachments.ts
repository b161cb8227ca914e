// Readings edited from the console: unpublishing (hidden, never destroyed) and attachments
// whose bytes live in the data folder under their SHA-256. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE readings
      ADD COLUMN unpublished_at timestamptz,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN idempotency_key text`,
  // A create sent twice (a double click, a retried request) makes one reading.
  `CREATE UNIQUE INDEX readings_idempotency_idx ON readings (week_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
  `CREATE TABLE reading_attachments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reading_id integer NOT NULL REFERENCES readings (id) ON DELETE CASCADE,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      file_name text NOT NULL,
      position integer NOT NULL,
      uploaded_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- The same file sent twice to one reading (a double submit) is one attachment.
      UNIQUE (reading_id, sha256)
    )`,
  `CREATE INDEX reading_attachments_sha256_idx ON reading_attachments (sha256)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE reading_attachments`.execute(db);
  await sql`ALTER TABLE readings DROP COLUMN unpublished_at, DROP COLUMN updated_at, DROP COLUMN idempotency_key`.execute(
    db,
  );
}
