// Invitations can give every role the people console gives: translator and organizer join
// participant and key respondent. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE invitations DROP CONSTRAINT invitations_role_check,
    ADD CONSTRAINT invitations_role_check CHECK (role IN ('participant', 'key_respondent', 'translator', 'organizer'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  // Invitations for the newer roles cannot survive the older rule.
  await sql`DELETE FROM invitations WHERE role NOT IN ('participant', 'key_respondent')`.execute(db);
  await sql`ALTER TABLE invitations DROP CONSTRAINT invitations_role_check,
    ADD CONSTRAINT invitations_role_check CHECK (role IN ('participant', 'key_respondent'))`.execute(db);
}
