// What the queue shows a translator: tasks of weeks that have opened, never a hidden source.
// Organizers prepare weeks ahead and moderate, so they see every task. Every queue route is
// tried: the list (and its week filter), the task as the editor shows it, claiming, drafts,
// publishing, review, release, skip, reopening a translation, and the dashboard.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { fixtureContent, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let dir: string;
let lucia: Member;
let organizer: Member;
let translator: Member;
let reviewer: Member;

interface Task {
  id: number;
  kind: string;
  itemId: number;
  weekNumber: number | null;
}

async function taskOf(itemType: string, itemId: number) {
  return t.db
    .selectFrom('translation_tasks')
    .selectAll()
    .where('item_type', '=', itemType as 'post')
    .where('item_id', '=', itemId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

async function queue(who: Member, query = '') {
  return (await t.get(`/api/forums/${LIVE}/translation-tasks${query}`).set('Cookie', who.cookie).expect(200)).body
    .tasks as Task[];
}

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-queue-visibility-'));
  await cp(fixtureContent, dir, { recursive: true });
  // A third week, not open yet, with a reading written in Spanish only.
  const forumFile = path.join(dir, 'forums/fixture/forum.yaml');
  await writeFile(
    forumFile,
    (await readFile(forumFile, 'utf8'))
      .replace('weeks: 2', 'weeks: 3')
      .replace('ends_on: 2009-11-06', 'ends_on: 2009-11-13'),
  );
  const week3 = path.join(dir, 'forums/fixture/weeks/03');
  await mkdir(path.join(week3, 'readings'), { recursive: true });
  for (const lang of ['en', 'es', 'fr'])
    await writeFile(
      path.join(week3, `week.${lang}.md`),
      `---\ntitle: "Week 3 ${lang}"\n---\nSummary of week 3 in ${lang}.\n`,
    );
  await writeFile(
    path.join(week3, 'readings/1-procurement.es.md'),
    '---\ntitle: "Compras públicas"\noriginal: true\n---\nTexto de la semana tres.\n',
  );
  await importContent(t.db, dir);
  [lucia, organizer, translator, reviewer] = [
    await member(t, 'participant', 'es'),
    await member(t, 'organizer'),
    await member(t, 'participant'),
    await member(t, 'participant'),
  ];
  for (const m of [translator, reviewer])
    await t.put(`/api/forums/${LIVE}/translators/${m.id}`).set('Cookie', organizer.cookie).expect(200);
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('weeks that have not opened', () => {
  let prompt: { threadId: number; firstPostId: number };
  let readingTask: Awaited<ReturnType<typeof taskOf>>;

  beforeAll(async () => {
    // An organizer prepares week 3: a Spanish prompt, written ahead.
    prompt = await startThread(t, organizer, 3, {
      lang: 'es',
      title: 'Pregunta de la semana tres',
      bodyMd: 'Secreto hasta el lunes.',
    });
    const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow())
      .id;
    const reading = await t.db
      .selectFrom('readings')
      .innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .select('readings.id')
      .where('weeks.forum_id', '=', forumId)
      .where('weeks.number', '=', 3)
      .executeTakeFirstOrThrow();
    readingTask = await taskOf('reading', reading.id);
  });

  it('keeps them out of a translator’s queue and refuses the week filter, while organizers see them', async () => {
    const mine = await queue(translator);
    expect(mine.some((task) => task.weekNumber === 3)).toBe(false);
    for (const status of ['open', 'claimed', 'in_review', 'published', 'mine']) {
      expect((await queue(translator, `?status=${status}`)).some((task) => task.weekNumber === 3)).toBe(false);
    }
    const refused = await t
      .get(`/api/forums/${LIVE}/translation-tasks?week=3`)
      .set('Cookie', translator.cookie)
      .set('Accept-Language', 'es')
      .expect(403);
    expect(refused.body.error.code).toBe('week_not_open');
    expect(refused.body.error.message).toMatch(/^La semana 3 todavía no ha comenzado/);

    const ahead = await queue(organizer, '?week=3');
    expect(ahead.map((task) => task.kind).sort()).toEqual(['post', 'reading', 'thread_title']);
    expect((await queue(organizer)).filter((task) => task.weekNumber === 3)).toHaveLength(3);
  });

  it('refuses a translator every route on one of their tasks, and lets an organizer work on them', async () => {
    const task = await taskOf('post', prompt.firstPostId);
    const routes = [
      () => t.get(`/api/translation-tasks/${task.id}`),
      () => t.post(`/api/translation-tasks/${task.id}/claim`),
      () => t.put(`/api/translation-tasks/${task.id}/draft`).send({ bodyMd: 'x' }),
      () => t.post(`/api/translation-tasks/${task.id}/publish`).send({ bodyMd: 'x' }),
      () => t.post(`/api/translation-tasks/${task.id}/release`),
      () => t.post(`/api/translation-tasks/${task.id}/skip`),
      () => t.post(`/api/translation-tasks/${task.id}/approve`).send({}),
      () => t.post(`/api/translation-tasks/${task.id}/reject`),
      () => t.get(`/api/translation-tasks/${readingTask.id}`),
      () => t.post(`/api/translation-tasks/${readingTask.id}/claim`),
    ];
    for (const route of routes) {
      const response = await route().set('Cookie', translator.cookie).expect(403);
      expect(response.body.error.code).toBe('week_not_open');
      expect(JSON.stringify(response.body)).not.toContain('Secreto');
    }
    expect((await taskOf('post', prompt.firstPostId)).status).toBe('open');
    expect(
      await t.db.selectFrom('translation_task_skips').selectAll().where('task_id', '=', task.id).execute(),
    ).toEqual([]);

    const detail = (await t.get(`/api/translation-tasks/${task.id}`).set('Cookie', organizer.cookie).expect(200)).body
      .task;
    expect(detail.source.markdown).toBe('Secreto hasta el lunes.');
    await t.post(`/api/translation-tasks/${readingTask.id}/claim`).set('Cookie', organizer.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${readingTask.id}/publish`)
      .set('Cookie', organizer.cookie)
      .send({ bodyMd: 'Week three text.' })
      .expect(200);
    // Reopening that translation for correction is a translator's right, but not before the week opens.
    const reopen = await t
      .post('/api/translation-requests')
      .set('Cookie', translator.cookie)
      .send({ kind: 'reading', itemId: readingTask.item_id, targetLang: 'en' })
      .expect(403);
    expect(reopen.body.error.code).toBe('week_not_open');
  });

  it('shows the tasks to translators once the week opens', async () => {
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() - 1000) })
      .where('id', '=', (await taskOf('post', prompt.firstPostId)).week_id!)
      .execute();
    expect((await queue(translator, '?week=3')).map((task) => task.kind).sort()).toEqual(['post', 'thread_title']);
    await t
      .get(`/api/translation-tasks/${(await taskOf('post', prompt.firstPostId)).id}`)
      .set('Cookie', translator.cookie)
      .expect(200);
  });
});

describe('hidden originals', () => {
  it('never shows a translator the source of a hidden post, through its withdrawn task or a published one', async () => {
    const { threadId } = await startThread(t, organizer);
    const held = await reply(t, lucia, threadId, { bodyMd: 'Texto ofensivo en borrador', lang: 'es' });
    const done = await reply(t, lucia, threadId, { bodyMd: 'Texto ofensivo publicado', lang: 'es' });
    const heldTask = await taskOf('post', held.id);
    const doneTask = await taskOf('post', done.id);
    await t.post(`/api/translation-tasks/${heldTask.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .put(`/api/translation-tasks/${heldTask.id}/draft`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Draft' })
      .expect(200);
    await t.post(`/api/translation-tasks/${doneTask.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${doneTask.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Published text' })
      .expect(200);
    expect((await queue(translator, '?status=published')).some((task) => task.id === doneTask.id)).toBe(true);

    for (const post of [held, done])
      await t.post(`/api/posts/${post.id}/hide`).set('Cookie', organizer.cookie).send({ reason: 'abuse' }).expect(204);
    expect((await taskOf('post', held.id)).status).toBe('withdrawn');

    for (const status of ['open', 'claimed', 'mine', 'in_review', 'published']) {
      const listed = await queue(translator, `?status=${status}`);
      expect(listed.some((task) => task.id === heldTask.id || task.id === doneTask.id)).toBe(false);
    }
    for (const task of [heldTask, doneTask]) {
      const refused = await t
        .get(`/api/translation-tasks/${task.id}`)
        .set('Cookie', translator.cookie)
        .set('Accept-Language', 'fr')
        .expect(403);
      expect(refused.body.error).toEqual({
        code: 'source_hidden',
        message:
          'L’équipe de modération a masqué ce texte\u00a0: ses tâches de traduction ont été retirées et sa source n’est plus affichée.',
      });
      expect(JSON.stringify(refused.body)).not.toContain('ofensivo');
      for (const action of ['claim', 'release', 'skip', 'reject']) {
        expect(
          (await t.post(`/api/translation-tasks/${task.id}/${action}`).set('Cookie', translator.cookie).expect(403))
            .body.error.code,
        ).toBe('source_hidden');
      }
      await t
        .put(`/api/translation-tasks/${task.id}/draft`)
        .set('Cookie', translator.cookie)
        .send({ bodyMd: 'x' })
        .expect(403);
      await t
        .post(`/api/translation-tasks/${task.id}/publish`)
        .set('Cookie', translator.cookie)
        .send({ bodyMd: 'x' })
        .expect(403);
      await t.post(`/api/translation-tasks/${task.id}/approve`).set('Cookie', reviewer.cookie).send({}).expect(403);
    }
    const reopen = await t
      .post('/api/translation-requests')
      .set('Cookie', translator.cookie)
      .send({ kind: 'post', itemId: done.id, targetLang: 'en' })
      .expect(403);
    expect(reopen.body.error.code).toBe('forbidden');

    // Organizers moderate: they still read it, and see the task as withdrawn.
    const detail = (await t.get(`/api/translation-tasks/${heldTask.id}`).set('Cookie', organizer.cookie).expect(200))
      .body.task;
    expect(detail).toMatchObject({ status: 'withdrawn', source: { markdown: 'Texto ofensivo en borrador' } });
  });
});

describe('prompts that ask for one’s own answer first', () => {
  it('show translators the answers they must translate, while the thread page still holds them back', async () => {
    const { threadId } = await startThread(t, organizer, 2, {
      kind: 'prompt',
      requiresOwnAnswer: true,
      title: 'Su región',
      bodyMd: 'Describa una política.',
    });
    const answer = await reply(t, lucia, threadId, { bodyMd: 'La ley de economía social de Quito', lang: 'es' });
    const task = await taskOf('post', answer.id);

    // The README's rule (Translation, who sees what): appointed translators and organizers read
    // these answers in the queue and the editor, because translating them is their work.
    const listed = (await queue(translator)).find((entry) => entry.id === task.id) as
      (Task & { source: { html: string } }) | undefined;
    expect(listed?.source.html).toContain('Quito');
    const detail = (await t.get(`/api/translation-tasks/${task.id}`).set('Cookie', translator.cookie).expect(200)).body
      .task;
    expect(detail.source.markdown).toBe('La ley de economía social de Quito');
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Quito’s social economy law' })
      .expect(200);

    // Everywhere else the gate holds, for the translator too, and the published translation stays behind it.
    const page = (await t.get(`/api/threads/${threadId}`).set('Cookie', translator.cookie).expect(200)).body;
    expect(page.mustAnswerFirst).toBe(true);
    expect(page.posts).toHaveLength(1);
    expect(JSON.stringify(page)).not.toMatch(/Quito/);
    expect(
      (await t.get(`/api/posts/${answer.id}/revisions`).set('Cookie', translator.cookie).expect(403)).body.error.code,
    ).toBe('answer_first');
  });
});

describe('the dashboard', () => {
  it('is the organizers’ alone', async () => {
    await t.get(`/api/forums/${LIVE}/translation-dashboard`).set('Cookie', translator.cookie).expect(403);
    const dashboard = (
      await t.get(`/api/forums/${LIVE}/translation-dashboard`).set('Cookie', organizer.cookie).expect(200)
    ).body;
    expect(dashboard.openTasks).toBeGreaterThan(0);
  });
});
