// Organizers can revoke an invitation they sent: a revoked link stops working and the list of
// sent invitations tells it apart from a used or expired one. Frozen in time: imports nothing
// from server/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE invitations ADD COLUMN revoked_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE invitations DROP COLUMN revoked_at`.execute(db);
}
