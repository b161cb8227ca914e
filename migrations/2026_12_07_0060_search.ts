// Full-text search: one text search configuration per language the site offers (the built-in
// stemmer with unaccent in front, so `economia` finds `economía` and French accents fold), and
// on every searchable table a stored generated tsvector in the row's own language with a GIN
// index. A generated column is written by the same statement that writes the text, so the index
// follows every insert, edit and hide in its transaction, and adding it here builds it for the
// rows that exist. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const CONFIGS = [
  ['tertulia_en', 'english'],
  ['tertulia_es', 'spanish'],
  ['tertulia_fr', 'french'],
] as const;

// to_tsvector with a constant configuration is immutable, so a CASE on the row's language column
// picks it; `lang::regconfig` on the text column would not be.
function vectorOf(langColumn: string, text: string): string {
  return `CASE ${langColumn}
      WHEN 'es' THEN to_tsvector('tertulia_es'::regconfig, ${text})
      WHEN 'fr' THEN to_tsvector('tertulia_fr'::regconfig, ${text})
      ELSE to_tsvector('tertulia_en'::regconfig, ${text}) END`;
}

// Titles weigh more than bodies, so a word in a case study's title ranks it above a passing mention.
const weighted = (lang: string, title: string, body: string) =>
  `setweight(${vectorOf(lang, title)}, 'A') || setweight(${vectorOf(lang, body)}, 'B')`;

const TABLES: { table: string; expression: string }[] = [
  { table: 'posts', expression: vectorOf('original_lang', 'body_md') },
  { table: 'threads', expression: `setweight(${vectorOf('original_lang', 'title')}, 'A')` },
  { table: 'translations', expression: vectorOf('target_lang', 'body_md') },
  { table: 'reading_texts', expression: weighted('lang', 'title', 'body_md') },
  { table: 'case_studies', expression: weighted('original_lang', 'title', 'body_md') },
  { table: 'policy_elements', expression: vectorOf('original_lang', 'body_md') },
];

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per call: PGlite's extended protocol takes a single statement.
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  for (const [name, base] of CONFIGS) {
    await sql.raw(`CREATE TEXT SEARCH CONFIGURATION ${name} (COPY = ${base})`).execute(db);
    await sql
      .raw(
        `ALTER TEXT SEARCH CONFIGURATION ${name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${base}_stem`,
      )
      .execute(db);
  }
  for (const { table, expression } of TABLES) {
    await sql
      .raw(`ALTER TABLE ${table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${expression}) STORED`)
      .execute(db);
    await sql.raw(`CREATE INDEX ${table}_search_idx ON ${table} USING gin (search_vector)`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of TABLES) await sql.raw(`ALTER TABLE ${table} DROP COLUMN search_vector`).execute(db);
  for (const [name] of CONFIGS) await sql.raw(`DROP TEXT SEARCH CONFIGURATION ${name}`).execute(db);
  // The extension stays: another database object may have come to use it since.
}
