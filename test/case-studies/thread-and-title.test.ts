// A case study's thread: it exists only from publication, is listed with its case study (not a
// second time among the week's ordinary threads), names its case study for the thread page's
// link back, and carries the case study's title. A title changed after publication outdates
// the title's translations and queues new title tasks as the forum's policy says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCaseStudy } from '../../server/case-studies/case-studies.service.ts';
import { importFixture, LIVE, member, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { forumWeek, keyRespondent, sessionUser, STUDY_ES, submitted } from './helpers.ts';

let t: TestApp;
let kr: Member;
let organizer: Member;
let participant: Member;
let englishReader: Member;
let studyId: number;
let threadId: number;

const titleTasks = (id: number) =>
  t.db
    .selectFrom('translation_tasks')
    .select(['target_lang', 'source_revision', 'status'])
    .where('item_type', '=', 'thread_title')
    .where('item_id', '=', id)
    .where('target_lang', '=', 'en')
    .orderBy('id')
    .execute();

async function publishTitleTask(id: number, text: string) {
  const [task] = await t.db
    .selectFrom('translation_tasks')
    .select('id')
    .where('item_type', '=', 'thread_title')
    .where('item_id', '=', id)
    .where('target_lang', '=', 'en')
    .where('status', '=', 'open')
    .execute();
  await t.post(`/api/translation-tasks/${task!.id}/claim`).set('Cookie', organizer.cookie).send().expect(200);
  await t
    .post(`/api/translation-tasks/${task!.id}/publish`)
    .set('Cookie', organizer.cookie)
    .send({ bodyMd: text })
    .expect(200);
}

function edit(title: string, baseRevision: number) {
  return t
    .put(`/api/case-studies/${studyId}`)
    .set('Cookie', kr.cookie)
    .send({ title, bodyMd: STUDY_ES, lang: 'es', region: 'andean', theme: 'Finanzas', baseRevision })
    .expect(200);
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  kr = await keyRespondent(t, LIVE, 1, 'es');
  organizer = await member(t, 'organizer');
  participant = await member(t, 'participant');
  const user = await createUser(t.db, {
    interfaceLang: 'en',
    readingLangs: ['en'],
    roles: [{ forumSlug: LIVE, role: 'participant' }],
  });
  englishReader = { ...user, cookie: await signIn(t, user) };
  studyId = (await submitted(t, LIVE, kr, 1)).id;
});
afterAll(async () => {
  await t?.close();
});

describe('the thread of a case study', () => {
  it('does not exist before publication, so nothing can reach it', async () => {
    const week = await forumWeek(t.db, LIVE, 1);
    // Approved with a clock before the week opened: approved, not yet published.
    const approved = await approveCaseStudy(
      t.db,
      studyId,
      await sessionUser(t.db, organizer.id),
      { user: null, lang: 'en' },
      new Date(week.opens_at.getTime() - 60_000),
    );
    expect(approved.caseStudy).toMatchObject({ status: 'approved', threadId: null });
    expect(await t.db.selectFrom('threads').select('id').where('kind', '=', 'case_study').execute()).toEqual([]);
  });

  it('is made at publication (here by a reader’s request after the opening)', async () => {
    const seen = await t.get(`/api/case-studies/${studyId}`).set('Cookie', participant.cookie).expect(200);
    expect(seen.body.caseStudy).toMatchObject({ status: 'published', threadId: expect.any(Number) });
    threadId = seen.body.caseStudy.threadId;
  });

  it('is not listed a second time among the week’s ordinary threads', async () => {
    const ordinary = await startThread(t, participant, 1);
    const list = await t.get(`/api/forums/${LIVE}/weeks/1/threads`).set('Cookie', participant.cookie).expect(200);
    const ids = list.body.threads.map((thread: { id: number }) => thread.id);
    expect(ids).toContain(ordinary.threadId);
    expect(ids).not.toContain(threadId);
    expect(list.body.threads.every((thread: { kind: string }) => thread.kind !== 'case_study')).toBe(true);
  });

  it('names its case study and its author on the thread page; an ordinary thread names none', async () => {
    const page = await t.get(`/api/threads/${threadId}`).set('Cookie', participant.cookie).expect(200);
    expect(page.body.thread).toMatchObject({
      id: threadId,
      kind: 'case_study',
      caseStudyId: studyId,
      author: { id: kr.id },
      title: { lang: 'es', value: 'Red de productores de Oruro' },
    });
    expect(page.body.thread.author.displayName).not.toBe('');
    const ordinary = await startThread(t, participant, 1, { title: 'Another thread' });
    const other = await t.get(`/api/threads/${ordinary.threadId}`).set('Cookie', participant.cookie).expect(200);
    expect(other.body.thread.caseStudyId).toBeNull();
  });
});

describe('a title changed after publication', () => {
  it('shows the published title translation while the title is unchanged', async () => {
    expect(await titleTasks(threadId)).toEqual([{ target_lang: 'en', source_revision: 1, status: 'open' }]);
    await publishTitleTask(threadId, 'The Oruro producers’ network');
    const view = await t.get(`/api/case-studies/${studyId}`).set('Cookie', englishReader.cookie).expect(200);
    expect(view.body.caseStudy).toMatchObject({
      titleTranslation: { lang: 'en', value: 'The Oruro producers’ network' },
      titleTranslationPending: false,
    });
  });

  it('an edit that keeps the title queues no title task', async () => {
    await edit('Red de productores de Oruro', 1);
    const thread = await t.db
      .selectFrom('threads')
      .select(['title_revision'])
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    expect(thread.title_revision).toBe(1);
    expect(await titleTasks(threadId)).toEqual([{ target_lang: 'en', source_revision: 1, status: 'published' }]);
  });

  it('a new title outdates its translation: readers get the original, marked pending, and a new title task is queued', async () => {
    await edit('Red de productoras y productores de Oruro', 2);
    const thread = await t.db
      .selectFrom('threads')
      .select(['title', 'title_revision'])
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    expect(thread).toEqual({ title: 'Red de productoras y productores de Oruro', title_revision: 2 });
    expect(await titleTasks(threadId)).toEqual([
      { target_lang: 'en', source_revision: 1, status: 'published' },
      { target_lang: 'en', source_revision: 2, status: 'open' },
    ]);
    const view = await t.get(`/api/case-studies/${studyId}`).set('Cookie', englishReader.cookie).expect(200);
    expect(view.body.caseStudy).toMatchObject({
      title: { value: 'Red de productoras y productores de Oruro' },
      titleTranslation: null,
      titleTranslationPending: true,
    });
    const page = await t.get(`/api/threads/${threadId}`).set('Cookie', englishReader.cookie).expect(200);
    expect(page.body.thread).toMatchObject({ titleTranslation: null, titleTranslationPending: true });
    // The translator starts from the old translation, against the new title.
    const [task] = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', 'thread_title')
      .where('item_id', '=', threadId)
      .where('status', '=', 'open')
      .where('target_lang', '=', 'en')
      .execute();
    const detail = await t.get(`/api/translation-tasks/${task!.id}`).set('Cookie', organizer.cookie).expect(200);
    expect(detail.body.task).toMatchObject({
      kind: 'thread_title',
      sourceRevision: 2,
      currentSourceRevision: 2,
      draft: 'The Oruro producers’ network',
      source: { markdown: 'Red de productoras y productores de Oruro' },
    });
  });

  it('shows the new title translation once published', async () => {
    await publishTitleTask(threadId, 'The Oruro network of women and men producers');
    const view = await t.get(`/api/case-studies/${studyId}`).set('Cookie', englishReader.cookie).expect(200);
    expect(view.body.caseStudy).toMatchObject({
      titleTranslation: { lang: 'en', value: 'The Oruro network of women and men producers' },
      titleTranslationPending: false,
    });
    const row = await t.db
      .selectFrom('translations')
      .select(['source_revision', 'revision'])
      .where('item_type', '=', 'thread_title')
      .where('item_id', '=', threadId)
      .where('target_lang', '=', 'en')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source_revision: 2, revision: 2 });
  });
});
