// The reading rule follows all the languages a reader reads, in order (interface language
// first): a key respondent with a French interface who also reads English gets the English
// translation of a Spanish post, title, reading or week text, and the "pending" mark while
// only the English one is on its way — on the thread page and in the week's thread list.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import type { Lang } from '../../server/db/schema.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { fixtureContent, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let dir: string;
let lucia: Member;
let organizer: Member;
/** Interface French, reads French and English. */
let marc: Member;
/** Interface French, reads French only. */
let claire: Member;
/** Interface English, reads English and French. */
let sarah: Member;

async function reader(interfaceLang: Lang, readingLangs: Lang[]): Promise<Member> {
  const user = await createUser(t.db, {
    interfaceLang,
    readingLangs,
    roles: [{ forumSlug: LIVE, role: 'participant' }],
  });
  return { ...user, cookie: await signIn(t, user) };
}

async function publishTask(
  itemType: 'post' | 'thread_title' | 'reading' | 'week',
  itemId: number,
  bodyMd: string,
  targetLang: Lang = 'en',
) {
  const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow()).id;
  const task = await t.db
    .selectFrom('translation_tasks')
    .select('id')
    .where('item_type', '=', itemType)
    .where('item_id', '=', itemId)
    .where('target_lang', '=', targetLang)
    .where('forum_id', '=', forumId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', organizer.cookie).expect(200);
  await t
    .post(`/api/translation-tasks/${task.id}/publish`)
    .set('Cookie', organizer.cookie)
    .send({ bodyMd })
    .expect(200);
}

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-reading-langs-'));
  await cp(fixtureContent, dir, { recursive: true });
  // A programme written in Spanish: week 1 has only its Spanish text (the queue translates it),
  // week 2 has a hand-written English version but no French one.
  const forumFile = path.join(dir, 'forums/fixture/forum.yaml');
  await writeFile(forumFile, `original_lang: es\n${await readFile(forumFile, 'utf8')}`);
  const weeks = path.join(dir, 'forums/fixture/weeks');
  for (const file of [
    '01/week.en.md',
    '01/week.fr.md',
    '02/week.fr.md',
    '01/readings/1-solidarity.en.md',
    '01/readings/1-solidarity.fr.md',
  ]) {
    await rm(path.join(weeks, file));
  }
  await importContent(t.db, dir);
  lucia = await member(t, 'participant', 'es');
  organizer = await member(t, 'organizer');
  marc = await reader('fr', ['fr', 'en']);
  claire = await reader('fr', ['fr']);
  sarah = await reader('en', ['en', 'fr']);
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('posts and thread titles', () => {
  it('marks a Spanish post and its title pending for a French reader who reads English, then shows the English translations', async () => {
    const { threadId, firstPostId } = await startThread(t, lucia, 2, {
      lang: 'es',
      title: 'Cooperativas de ahorro',
      bodyMd: 'Las cooperativas financian la vivienda.',
    });
    const threadPage = async (who: Member) =>
      (await t.get(`/api/threads/${threadId}`).set('Cookie', who.cookie).expect(200)).body;
    const listed = async (who: Member) =>
      (await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', who.cookie).expect(200)).body.threads.find(
        (thread: { id: number }) => thread.id === threadId,
      );

    const before = await threadPage(marc);
    expect(before.posts[0]).toMatchObject({ lang: 'es', translation: null, translationPending: true });
    expect(before.thread).toMatchObject({
      title: { lang: 'es', value: 'Cooperativas de ahorro' },
      titleTranslation: null,
      titleTranslationPending: true,
    });
    expect(await listed(marc)).toMatchObject({ titleTranslation: null, titleTranslationPending: true });
    // Nothing is on its way in a language Claire reads: no promise.
    expect((await threadPage(claire)).posts[0]).toMatchObject({ translation: null, translationPending: false });
    expect(await listed(claire)).toMatchObject({ titleTranslation: null, titleTranslationPending: false });
    // Lucía reads the original.
    expect(await listed(lucia)).toMatchObject({ titleTranslation: null, titleTranslationPending: false });

    await publishTask('thread_title', threadId, 'Savings co-operatives');
    await publishTask('post', firstPostId, 'Co-operatives finance housing.');

    const after = await threadPage(marc);
    expect(after.posts[0]).toMatchObject({
      lang: 'es',
      translationPending: false,
      translation: {
        lang: 'en',
        html: '<p>Co-operatives finance housing.</p>',
        outdated: false,
        translator: { role: 'organizer' },
      },
    });
    expect(after.thread).toMatchObject({
      titleTranslation: { lang: 'en', value: 'Savings co-operatives' },
      titleTranslationPending: false,
    });
    expect(await listed(marc)).toMatchObject({
      titleTranslation: { lang: 'en', value: 'Savings co-operatives' },
      titleTranslationPending: false,
    });
    expect((await threadPage(claire)).posts[0]).toMatchObject({ translation: null, translationPending: false });
  });

  it('prefers the interface language, then the other reading languages in order', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'Economía solidaria', lang: 'es' });
    await publishTask('post', post.id, 'Solidarity economy');
    const french = (
      await t
        .post('/api/translation-requests')
        .set('Cookie', organizer.cookie)
        .send({ kind: 'post', itemId: post.id, targetLang: 'fr' })
        .expect(201)
    ).body;
    // Marc sees the English one while the French one is being written: no pending mark, a translation he reads.
    const seen = async (who: Member) =>
      (await t.get(`/api/threads/${threadId}`).set('Cookie', who.cookie).expect(200)).body.posts[1];
    expect(await seen(marc)).toMatchObject({ translation: { lang: 'en' }, translationPending: false });
    expect(await seen(claire)).toMatchObject({ translation: null, translationPending: true });
    await t.post(`/api/translation-tasks/${french.taskId}/claim`).set('Cookie', organizer.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${french.taskId}/publish`)
      .set('Cookie', organizer.cookie)
      .send({ bodyMd: 'Économie solidaire' })
      .expect(200);
    expect(await seen(marc)).toMatchObject({ translation: { lang: 'fr', html: '<p>Économie solidaire</p>' } });
    expect(await seen(sarah)).toMatchObject({ translation: { lang: 'en', html: '<p>Solidarity economy</p>' } });
    // A page asked for in another interface language puts that language first.
    const frenchUi = (
      await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).set('Accept-Language', 'fr').expect(200)
    ).body.posts[1];
    expect(frenchUi).toMatchObject({ translation: { lang: 'fr' } });
  });
});

describe('readings and week texts', () => {
  const week = async (who: Member, number: number) =>
    (await t.get(`/api/forums/${LIVE}/weeks/${number}`).set('Cookie', who.cookie).expect(200)).body.week;

  it('gives the French reader who reads English the English translation of a Spanish reading and week text', async () => {
    const before = await week(marc, 1);
    expect(before.readings[0]).toMatchObject({
      originalLang: 'es',
      body: { lang: 'es' },
      translation: null,
      translationPending: true,
    });
    expect(before).toMatchObject({
      summary: { lang: 'es' },
      summaryTranslation: null,
      summaryTranslationPending: true,
    });
    expect((await week(claire, 1)).readings[0]).toMatchObject({ translation: null, translationPending: false });

    const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow())
      .id;
    const reading = await t.db
      .selectFrom('readings')
      .innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .select('readings.id')
      .where('weeks.forum_id', '=', forumId)
      .where('weeks.number', '=', 1)
      .executeTakeFirstOrThrow();
    const weekRow = await t.db
      .selectFrom('weeks')
      .select('id')
      .where('forum_id', '=', forumId)
      .where('number', '=', 1)
      .executeTakeFirstOrThrow();
    await publishTask('reading', reading.id, 'The reading in English.');
    await publishTask('week', weekRow.id, 'The week in English.');

    const after = await week(marc, 1);
    expect(after.readings[0]).toMatchObject({
      body: { lang: 'es' },
      translation: { lang: 'en', html: '<p>The reading in English.</p>' },
      translationPending: false,
    });
    expect(after).toMatchObject({
      summaryTranslation: { lang: 'en', html: '<p>The week in English.</p>' },
      summaryTranslationPending: false,
    });
  });

  it('gives the French reader who reads English the hand-written English version of a week that has no French one', async () => {
    const shown = await week(marc, 2);
    expect(shown).toMatchObject({
      title: { lang: 'en', value: 'Week 2 en' },
      summary: { lang: 'en' },
      summaryTranslation: null,
      summaryTranslationPending: false,
    });
    expect(await week(claire, 2)).toMatchObject({ summary: { lang: 'es' } });
    expect(await week(lucia, 2)).toMatchObject({ summary: { lang: 'es' } });
  });
});
