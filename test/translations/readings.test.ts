// Readings whose content files lack a language the policy asks for get a task at import; the
// published translation shows on the week page, and an edited original makes it outdated.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { fixtureContent, LIVE, member, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let dir: string;
let sarah: Member;
let organizer: Member;
const readingDir = () => path.join(dir, 'forums/fixture/weeks/01/readings');

async function readingTasks() {
  return t.db
    .selectFrom('translation_tasks')
    .innerJoin('forums', 'forums.id', 'translation_tasks.forum_id')
    .select([
      'translation_tasks.id',
      'forums.slug',
      'translation_tasks.status',
      'translation_tasks.source_revision',
      'translation_tasks.target_lang',
    ])
    .where('item_type', '=', 'reading')
    .orderBy('translation_tasks.id')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-readings-'));
  await cp(fixtureContent, dir, { recursive: true });
  // The Spanish-original reading loses its hand-written English.
  await rm(path.join(readingDir(), '1-solidarity.en.md'));
  await importContent(t.db, dir);
  sarah = await member(t, 'participant', 'en');
  organizer = await member(t, 'organizer');
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('reading translations', () => {
  it('queues es→en for the reading in each edition, once, and a re-import changes nothing', async () => {
    expect(await readingTasks()).toEqual([
      expect.objectContaining({ slug: 'fixture-2009', status: 'open', source_revision: 1, target_lang: 'en' }),
      expect.objectContaining({ slug: 'fixture-live', status: 'open', source_revision: 1, target_lang: 'en' }),
    ]);
    expect((await importContent(t.db, dir)).changedRows).toBe(0);
    expect(await readingTasks()).toHaveLength(2);
  });

  it('shows an English reader the pending original, then the published translation, then marks it outdated after an edit', async () => {
    const week = async () =>
      (await t.get(`/api/forums/${LIVE}/weeks/1`).set('Cookie', sarah.cookie).expect(200)).body.week.readings[0];
    expect(await week()).toMatchObject({
      originalLang: 'es',
      body: { lang: 'es' },
      translation: null,
      translationPending: true,
    });

    const task = (await readingTasks()).find((row) => row.slug === LIVE)!;
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', organizer.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', organizer.cookie)
      .send({ bodyMd: 'Reading in English' })
      .expect(200);
    expect(await week()).toMatchObject({
      translation: {
        lang: 'en',
        html: '<p>Reading in English</p>',
        outdated: false,
        translator: { role: 'organizer' },
      },
      translationPending: false,
    });

    const file = path.join(readingDir(), '1-solidarity.es.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Reading body in es.', 'Texto revisado.'));
    await importContent(t.db, dir);
    expect(await week()).toMatchObject({ translation: { outdated: true } });
    const live = (await readingTasks()).filter((row) => row.slug === LIVE);
    expect(live.map((row) => [row.status, row.source_revision])).toEqual([
      ['published', 1],
      ['open', 2],
    ]);
  });
});
