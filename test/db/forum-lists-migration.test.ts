// The migration that gives forums their own regions: today's codes become each existing forum's
// regions, and applications, case studies and members point at them; undone, it puts the codes back.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';
import { importFixture } from '../helpers/forum-fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
}, 180_000);
afterAll(async () => t?.close());

describe('forum lists migration', () => {
  it('maps the old region codes of applications, case studies and member profiles onto each forum’s new regions', async () => {
    const db = t.db;
    const [applicant, member, author] = [await createUser(db), await createUser(db), await createUser(db)];
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('2026_12_06_0035_attachment_language');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => [r.migrationName, r.direction])).toEqual([
      ['2026_12_08_0060_privacy', 'Down'],
      ['2026_12_07_0060_search', 'Down'],
      ['2026_12_07_0050_synthesis', 'Down'],
      ['2026_12_06_0045_reading_uploads', 'Down'],
      ['2026_12_06_0040_forum_lists', 'Down'],
    ]);

    const forum = await sql<{ id: number }>`SELECT id FROM forums WHERE slug = 'fixture-live'`.execute(db);
    const forumId = forum.rows[0]!.id;
    const week = (
      await sql<{ id: number }>`SELECT id FROM weeks WHERE forum_id = ${forumId} AND number = 1`.execute(db)
    ).rows[0]!.id;
    await sql`INSERT INTO applications (forum_id, user_id, kind, description, region, langs, lang) VALUES (${forumId}, ${applicant.id}, 'participant', 'x', 'andean', '{es}', 'es')`.execute(
      db,
    );
    await sql`INSERT INTO memberships (forum_id, user_id, role) VALUES (${forumId}, ${applicant.id}, 'participant'), (${forumId}, ${member.id}, 'participant')`.execute(
      db,
    );
    await sql`UPDATE users SET region = 'brazil' WHERE id = ${member.id}`.execute(db);
    await sql`UPDATE users SET region = 'Ontario' WHERE id = ${author.id}`.execute(db);
    await sql`INSERT INTO case_studies (forum_id, week_id, author_id, title, body_md, body_html, original_lang, region)
      VALUES (${forumId}, ${week}, ${author.id}, 'T', 'b', '<p>b</p>', 'es', 'caribbean')`.execute(db);

    expect(await migrateToLatest(db)).toEqual([
      '2026_12_06_0040_forum_lists',
      '2026_12_06_0045_reading_uploads',
      '2026_12_07_0050_synthesis',
      '2026_12_07_0060_search',
      '2026_12_08_0060_privacy',
    ]);
    const regions = await db
      .selectFrom('forum_regions')
      .select(['key', 'en', 'es', 'fr', 'position'])
      .where('forum_id', '=', forumId)
      .orderBy('position')
      .execute();
    expect(regions.map((r) => r.key)).toEqual([
      'canada',
      'mexico',
      'central_america',
      'caribbean',
      'andean',
      'southern_cone',
      'brazil',
      'other',
    ]);
    expect(regions[4]).toMatchObject({ en: 'Andean countries', es: 'Países andinos', fr: 'Pays andins' });
    // Every forum gets them, the archive too.
    expect(await db.selectFrom('forum_regions').select('forum_id').distinct().execute()).toHaveLength(2);
    const keyOf = async (id: number | null) =>
      id === null
        ? null
        : (await db.selectFrom('forum_regions').select('key').where('id', '=', id).executeTakeFirstOrThrow()).key;
    const application = await db
      .selectFrom('applications')
      .select('region_id')
      .where('user_id', '=', applicant.id)
      .executeTakeFirstOrThrow();
    expect(await keyOf(application.region_id)).toBe('andean');
    const caseStudy = await db
      .selectFrom('case_studies')
      .select('region_id')
      .where('author_id', '=', author.id)
      .executeTakeFirstOrThrow();
    expect(await keyOf(caseStudy.region_id)).toBe('caribbean');
    const members = await db
      .selectFrom('forum_member_regions as m')
      .innerJoin('forum_regions as r', 'r.id', 'm.region_id')
      .select(['m.user_id', 'r.key'])
      .where('m.forum_id', '=', forumId)
      .orderBy('m.user_id')
      .execute();
    // The applicant's region from their application; the member's from the code their profile held.
    expect(members).toEqual([
      { user_id: applicant.id, key: 'andean' },
      { user_id: member.id, key: 'brazil' },
    ]);
    const profiles = await db
      .selectFrom('users')
      .select(['id', 'region'])
      .where('id', 'in', [member.id, author.id])
      .orderBy('id')
      .execute();
    // A code leaves the profile; words its owner wrote stay.
    expect(profiles).toEqual([
      { id: member.id, region: '' },
      { id: author.id, region: 'Ontario' },
    ]);
  });
});
