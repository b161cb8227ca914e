// Realtime: access changes (sign-out, role removal) travel on the event stream without a forum,
// and a resume reads only its own thread's or week's events. Frozen in time: imports nothing
// from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE events ALTER COLUMN forum_id DROP NOT NULL`,
  `CREATE INDEX events_thread_idx ON events (thread_id, id) WHERE thread_id IS NOT NULL`,
  `CREATE INDEX events_week_idx ON events (week_id, id) WHERE week_id IS NOT NULL`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX events_week_idx`.execute(db);
  await sql`DROP INDEX events_thread_idx`.execute(db);
  await sql`DELETE FROM events WHERE forum_id IS NULL`.execute(db);
  await sql`ALTER TABLE events ALTER COLUMN forum_id SET NOT NULL`.execute(db);
}
