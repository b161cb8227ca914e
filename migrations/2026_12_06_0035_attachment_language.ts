// A reading's attachment may be one language's file (organizers provide "informe.es.pdf" beside
// "report.en.pdf"): readers get the one in their first reading language. Null is a file for
// every reader, as every attachment was until now. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE reading_attachments ADD COLUMN lang text CHECK (lang IN ('en', 'es', 'fr'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE reading_attachments DROP COLUMN lang`.execute(db);
}
