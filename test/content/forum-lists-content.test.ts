// forum.yaml's regions, sectors, prerequisites and week seats: read with the file named in every
// problem, and synced so a re-import adds, renames and reorders; an entry the file drops is
// deleted, or archived while something still points at it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let contentDir: string;
let forumFile: string;
let original: string;

beforeAll(async () => {
  t = await createTestApp();
  contentDir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-lists-'));
  await cp(path.resolve(import.meta.dirname, '../fixtures/content'), contentDir, { recursive: true });
  forumFile = path.join(contentDir, 'forums', 'fixture', 'forum.yaml');
  original = await readFile(forumFile, 'utf8');
  await importContent(t.db, contentDir);
}, 180_000);
afterAll(async () => {
  await t?.close();
  await rm(contentDir, { recursive: true, force: true });
});

const regionsOf = async (slug: string) => t.db.selectFrom('forum_regions').innerJoin('forums', 'forums.id', 'forum_regions.forum_id')
  .select(['forum_regions.key', 'forum_regions.en', (eb) => eb('forum_regions.archived_at', 'is not', null).as('archived')])
  .where('forums.slug', '=', slug).orderBy('forum_regions.position').execute();

describe('forum lists in content files', () => {
  it('adds, renames, reorders, deletes what is unused and archives what is used', async () => {
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', 'fixture-live').executeTakeFirstOrThrow();
    const mexico = await t.db.selectFrom('forum_regions').select('id').where('forum_id', '=', forum.id).where('key', '=', 'mexico').executeTakeFirstOrThrow();
    const person = await createUser(t.db);
    await t.db.insertInto('applications').values({ forum_id: forum.id, user_id: person.id, kind: 'participant', description: 'x', langs: ['es'], lang: 'es', region_id: mexico.id }).execute();
    const lists = `regions:
  - { key: brazil, name: { en: Brazil (all states), es: Brasil, fr: Brésil } }
  - { key: quebec, name: { en: Quebec, es: Quebec, fr: Québec } }
sectors:
  - { key: ngo, name: { en: NGO, es: ONG, fr: OSBL } }
`;
    const edited = original.replace(/regions:\n( {2}- .*\n)+/, lists).replace('    week_open_on_import: 2\n', '    week_open_on_import: 2\n    week_seats: { 2: { limit: 3, per_region: 1 } }\n');
    await writeFile(forumFile, edited);
    await importContent(t.db, contentDir);
    expect(await regionsOf('fixture-live')).toEqual([
      { key: 'brazil', en: 'Brazil (all states)', archived: false },
      { key: 'quebec', en: 'Quebec', archived: false },
      // Left out by the file but chosen by an application: kept, archived, after the file's.
      { key: 'mexico', en: 'Mexico', archived: true },
    ]);
    expect((await regionsOf('fixture-2009')).map((r) => r.key)).toEqual(['brazil', 'quebec']);
    const week = await t.db.selectFrom('weeks').select(['key_respondent_limit', 'key_respondents_per_region']).where('forum_id', '=', forum.id).where('number', '=', 2).executeTakeFirstOrThrow();
    expect(week).toEqual({ key_respondent_limit: 3, key_respondents_per_region: 1 });
    // The same files again change nothing.
    expect((await importContent(t.db, contentDir)).changedRows).toBe(0);
  });

  it('refuses a list it cannot read, naming the file, and writes nothing', async () => {
    const before = await regionsOf('fixture-live');
    for (const bad of [
      'regions:\n  - { key: quebec, name: { en: Quebec, es: Quebec, fr: Québec } }\n  - { key: quebec, name: { en: Q, es: Q, fr: Q } }\n',
      'regions:\n  - { key: Quebec City, name: { en: Quebec, es: Quebec, fr: Québec } }\n',
      'regions:\n  - { key: quebec, name: { en: Quebec, es: Quebec } }\n',
    ]) {
      await writeFile(forumFile, original.replace(/regions:\n( {2}- .*\n)+/, bad));
      await expect(importContent(t.db, contentDir)).rejects.toThrow(/forum\.yaml: "regions" entry/);
    }
    await writeFile(forumFile, original.replace('    week_open_on_import: 2\n', '    week_open_on_import: 2\n    week_seats: { 9: { limit: 1 } }\n'));
    await expect(importContent(t.db, contentDir)).rejects.toThrow(/week_seats/);
    expect(await regionsOf('fixture-live')).toEqual(before);
    await writeFile(forumFile, original);
  });
});
