// A week can say for itself whether writing closes at its end, overriding the forum's setting
// (an organizer may keep a seminar week open to late replies, or close one that ends a term).
// Null means the week follows the forum. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE weeks ADD COLUMN writing_closes_at_end boolean`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE weeks DROP COLUMN writing_closes_at_end`.execute(db);
}
