// Indexes the benchmark showed a thread page needs once a forum holds tens of thousands of
// posts. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  // Unread counts read only visible posts' ids and authors, from the index alone.
  `CREATE INDEX posts_thread_visible_idx ON posts (thread_id, id) INCLUDE (author_id) WHERE hidden_at IS NULL`,
  // One opening post per thread, found without reading the thread.
  `CREATE UNIQUE INDEX posts_thread_root_idx ON posts (thread_id) WHERE parent_id IS NULL`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX posts_thread_root_idx`.execute(db);
  await sql`DROP INDEX posts_thread_visible_idx`.execute(db);
}
