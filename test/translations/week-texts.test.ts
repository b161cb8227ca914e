// A programme written in Spanish whose week 1 summary has no English file: the import queues
// es→en, and English readers get the published translation of the week's own text.
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

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-weeks-'));
  await cp(fixtureContent, dir, { recursive: true });
  const forumFile = path.join(dir, 'forums/fixture/forum.yaml');
  await writeFile(forumFile, `original_lang: es\n${await readFile(forumFile, 'utf8')}`);
  await rm(path.join(dir, 'forums/fixture/weeks/01/week.en.md'));
  await importContent(t.db, dir);
  sarah = await member(t, 'participant', 'en');
  organizer = await member(t, 'organizer');
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('week text translations', () => {
  it('queues the missing summary, shows it pending, then translated, and a re-import changes nothing', async () => {
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select(['id', 'forum_id', 'target_lang', 'status'])
      .where('item_type', '=', 'week')
      .execute();
    expect(tasks.map((task) => [task.target_lang, task.status])).toEqual([
      ['en', 'open'],
      ['en', 'open'],
    ]);
    expect((await importContent(t.db, dir)).changedRows).toBe(0);

    const week = async () =>
      (await t.get(`/api/forums/${LIVE}/weeks/1`).set('Cookie', sarah.cookie).expect(200)).body.week;
    expect(await week()).toMatchObject({
      summary: { lang: 'es' },
      summaryTranslation: null,
      summaryTranslationPending: true,
    });

    const liveId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow()).id;
    const task = tasks.find((row) => row.forum_id === liveId)!;
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', organizer.cookie).expect(200);
    const detail = (await t.get(`/api/translation-tasks/${task.id}`).set('Cookie', organizer.cookie).expect(200)).body
      .task;
    expect(detail).toMatchObject({
      kind: 'week',
      threadId: null,
      source: { lang: 'es', markdown: 'Summary of week 1 in es.\n' },
    });
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', organizer.cookie)
      .send({ bodyMd: 'Summary of week one.' })
      .expect(200);
    expect(await week()).toMatchObject({
      summaryTranslation: { lang: 'en', html: '<p>Summary of week one.</p>', outdated: false },
      summaryTranslationPending: false,
    });
  });
});
