// Email verification before a self-registered account may sign in, and single-use links in
// general (verification now; password reset and invitations later): only a link's SHA-256 is
// stored, with what it is for, whom it is for, when it expires and when it was used.
// Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE users ADD COLUMN email_verified_at timestamptz`,
  // Every account made before this rule has been signing in: it stays able to.
  `UPDATE users SET email_verified_at = created_at`,
  `CREATE TABLE single_use_tokens (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('verify_email')),
      token_hash text NOT NULL UNIQUE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  `CREATE INDEX single_use_tokens_user_idx ON single_use_tokens (user_id, purpose) WHERE used_at IS NULL`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE single_use_tokens`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN email_verified_at`.execute(db);
}
