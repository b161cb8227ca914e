// People and the moderation queue: a report's outcome (open, dismissed, acted on) with the
// organizer's note; suspensions, which park a member's roles so that no query that reads
// memberships sees them until the suspension ends; indexes for the audit log's filters.
// Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE reports
      ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'acted_on')),
      ADD COLUMN resolution_note text`,
  // Reports resolved before outcomes existed were closed without action.
  `UPDATE reports SET status = 'dismissed' WHERE resolved_at IS NOT NULL`,
  `ALTER TABLE reports ADD CONSTRAINT reports_status_matches_resolution CHECK ((status = 'open') = (resolved_at IS NULL))`,
  `CREATE INDEX reports_reporter_idx ON reports (reporter_id, id)`,
  `CREATE TABLE forum_suspensions (
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      reason text,
      suspended_by integer NOT NULL REFERENCES users (id),
      suspended_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (forum_id, user_id)
    )`,
  // The roles a suspended member held, given back when the suspension ends.
  `CREATE TABLE suspended_roles (
      forum_id integer NOT NULL,
      user_id integer NOT NULL,
      role text NOT NULL CHECK (role IN ('participant', 'key_respondent', 'translator', 'organizer')),
      week_id integer REFERENCES weeks (id) ON DELETE SET NULL,
      PRIMARY KEY (forum_id, user_id, role),
      FOREIGN KEY (forum_id, user_id) REFERENCES forum_suspensions (forum_id, user_id) ON DELETE CASCADE
    )`,
  `CREATE INDEX audit_log_forum_action_idx ON audit_log (forum_id, action, id)`,
  `CREATE INDEX audit_log_forum_actor_idx ON audit_log (forum_id, actor_id, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX audit_log_forum_actor_idx, audit_log_forum_action_idx, reports_reporter_idx`.execute(db);
  await sql`DROP TABLE suspended_roles, forum_suspensions`.execute(db);
  await sql`ALTER TABLE reports DROP CONSTRAINT reports_status_matches_resolution, DROP COLUMN resolution_note, DROP COLUMN status`.execute(
    db,
  );
}
