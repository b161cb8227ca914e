// Files attached to case studies, as readings have them: the bytes live in the same attachments
// folder under their SHA-256 (a file attached to both is stored once). Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE case_study_attachments (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_study_id integer NOT NULL REFERENCES case_studies (id) ON DELETE CASCADE,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      file_name text NOT NULL,
      position integer NOT NULL,
      uploaded_by integer REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- The same file sent twice to one case study (a double submit) is one attachment.
      UNIQUE (case_study_id, sha256)
    )`,
  `CREATE INDEX case_study_attachments_sha256_idx ON case_study_attachments (sha256)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE case_study_attachments`.execute(db);
}
