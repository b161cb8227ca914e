// Password reset links are single-use tokens too: the purpose check admits them.
// Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE single_use_tokens DROP CONSTRAINT single_use_tokens_purpose_check`,
  `ALTER TABLE single_use_tokens ADD CONSTRAINT single_use_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM single_use_tokens WHERE purpose = 'reset_password'`.execute(db);
  await sql`ALTER TABLE single_use_tokens DROP CONSTRAINT single_use_tokens_purpose_check`.execute(db);
  await sql`ALTER TABLE single_use_tokens ADD CONSTRAINT single_use_tokens_purpose_check CHECK (purpose IN ('verify_email'))`.execute(
    db,
  );
}
