// Organizers run a forum from the browser: a forum can take members by invitation only (neither
// open enrolment nor applications), which the two existing flags could not say. Frozen in time:
// imports nothing from server/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE forums ADD COLUMN invitation_only boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT forums_one_enrolment_mode CHECK (NOT (open_enrolment AND invitation_only))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE forums DROP CONSTRAINT forums_one_enrolment_mode, DROP COLUMN invitation_only`.execute(db);
}
