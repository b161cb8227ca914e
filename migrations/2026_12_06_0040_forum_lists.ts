// Regions, sectors and the call's prerequisites belong to each forum (organizers define them,
// named in en/es/fr); applications, case studies and members point at a forum's own rows, and
// key-respondent seats can be limited per week and per region. Today's fixed region codes become
// each existing forum's regions. Frozen in time: imports nothing from server/.
import { sql, type Kysely } from 'kysely';

const LISTS = ['forum_regions', 'forum_sectors', 'forum_prerequisites'] as const;

/** The region codes the application form offered until now, with the names the SPA gave them. */
const LEGACY_REGIONS: [key: string, en: string, es: string, fr: string][] = [
  ['canada', 'Canada', 'Canadá', 'Canada'],
  ['mexico', 'Mexico', 'México', 'Mexique'],
  ['central_america', 'Central America', 'Centroamérica', 'Amérique centrale'],
  ['caribbean', 'Caribbean', 'Caribe', 'Caraïbes'],
  ['andean', 'Andean countries', 'Países andinos', 'Pays andins'],
  ['southern_cone', 'Southern Cone', 'Cono Sur', 'Cône Sud'],
  ['brazil', 'Brazil', 'Brasil', 'Brésil'],
  ['other', 'Elsewhere', 'Otra región', 'Ailleurs'],
];

function listTable(name: string, maxLength: number) {
  return `CREATE TABLE ${name} (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,59}$'),
      position integer NOT NULL,
      en text NOT NULL CHECK (length(en) BETWEEN 1 AND ${maxLength}),
      es text NOT NULL CHECK (length(es) BETWEEN 1 AND ${maxLength}),
      fr text NOT NULL CHECK (length(fr) BETWEEN 1 AND ${maxLength}),
      archived_at timestamptz,
      UNIQUE (forum_id, key),
      -- What other tables reference, so a row can only point at its own forum's entries.
      UNIQUE (forum_id, id)
    )`;
}

const statements = [
  listTable('forum_regions', 80),
  listTable('forum_sectors', 80),
  listTable('forum_prerequisites', 300),
  `ALTER TABLE applications
      ADD COLUMN region_id integer, ADD COLUMN sector_id integer,
      ADD COLUMN prerequisites_confirmed integer[] NOT NULL DEFAULT '{}',
      ADD COLUMN research_experience text NOT NULL DEFAULT '',
      ADD COLUMN ground_experience text NOT NULL DEFAULT '',
      ADD COLUMN policy_experience text NOT NULL DEFAULT '',
      ADD CONSTRAINT applications_region_fk FOREIGN KEY (forum_id, region_id) REFERENCES forum_regions (forum_id, id),
      ADD CONSTRAINT applications_sector_fk FOREIGN KEY (forum_id, sector_id) REFERENCES forum_sectors (forum_id, id)`,
  `ALTER TABLE case_studies ADD COLUMN region_id integer,
      ADD CONSTRAINT case_studies_region_fk FOREIGN KEY (forum_id, region_id) REFERENCES forum_regions (forum_id, id)`,
  // A member's region in one forum (the directory, the People page, seats by region).
  `CREATE TABLE forum_member_regions (
      forum_id integer NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      region_id integer NOT NULL,
      PRIMARY KEY (forum_id, user_id),
      FOREIGN KEY (forum_id, region_id) REFERENCES forum_regions (forum_id, id)
    )`,
  `ALTER TABLE weeks
      ADD COLUMN key_respondent_limit integer CHECK (key_respondent_limit >= 0),
      ADD COLUMN key_respondents_per_region integer CHECK (key_respondents_per_region >= 0)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  for (const [index, [key, en, es, fr]] of LEGACY_REGIONS.entries()) {
    await sql`INSERT INTO forum_regions (forum_id, key, position, en, es, fr) SELECT id, ${key}, ${index + 1}, ${en}, ${es}, ${fr} FROM forums`.execute(
      db,
    );
  }
  await sql`UPDATE applications a SET region_id = r.id FROM forum_regions r WHERE r.forum_id = a.forum_id AND r.key = a.region`.execute(
    db,
  );
  await sql`UPDATE case_studies c SET region_id = r.id FROM forum_regions r WHERE r.forum_id = c.forum_id AND r.key = c.region`.execute(
    db,
  );
  // A member's region: what they applied to this forum with, else the code their profile held.
  await sql`INSERT INTO forum_member_regions (forum_id, user_id, region_id)
      SELECT DISTINCT ON (m.forum_id, m.user_id) m.forum_id, m.user_id, coalesce(a.region_id, r.id)
      FROM memberships m JOIN users u ON u.id = m.user_id
      LEFT JOIN applications a ON a.forum_id = m.forum_id AND a.user_id = m.user_id
      LEFT JOIN forum_regions r ON r.forum_id = m.forum_id AND r.key = u.region
      WHERE coalesce(a.region_id, r.id) IS NOT NULL
      ORDER BY m.forum_id, m.user_id`.execute(db);
  // The codes now live as forum regions; a profile keeps only what its owner wrote in words.
  await sql`UPDATE users SET region = '' WHERE region IN (${sql.join(LEGACY_REGIONS.map(([key]) => key))})`.execute(db);
  await sql`ALTER TABLE applications DROP COLUMN region`.execute(db);
  await sql`ALTER TABLE case_studies DROP COLUMN region`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE applications ADD COLUMN region text NOT NULL DEFAULT ''`.execute(db);
  await sql`ALTER TABLE case_studies ADD COLUMN region text NOT NULL DEFAULT ''`.execute(db);
  await sql`UPDATE applications a SET region = r.key FROM forum_regions r WHERE r.id = a.region_id`.execute(db);
  await sql`UPDATE case_studies c SET region = r.key FROM forum_regions r WHERE r.id = c.region_id`.execute(db);
  await sql`ALTER TABLE weeks DROP COLUMN key_respondent_limit, DROP COLUMN key_respondents_per_region`.execute(db);
  await sql`DROP TABLE forum_member_regions`.execute(db);
  await sql`ALTER TABLE case_studies DROP COLUMN region_id`.execute(db);
  await sql`ALTER TABLE applications DROP COLUMN region_id, DROP COLUMN sector_id, DROP COLUMN prerequisites_confirmed,
      DROP COLUMN research_experience, DROP COLUMN ground_experience, DROP COLUMN policy_experience`.execute(db);
  for (const table of [...LISTS].reverse()) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
