// The editor's view of a task (glossary terms, diff of an edited original), review before
// publishing, skip and reassignment, extra requests, the glossary with its CSV, the dashboard
// and appointing translators — each refused to the wrong role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let lucia: Member;
let sarah: Member;
let organizer: Member;
let translator: Member;
let reviewer: Member;

async function taskFor(postId: number, status = 'open') {
  return t.db
    .selectFrom('translation_tasks')
    .selectAll()
    .where('item_type', '=', 'post')
    .where('item_id', '=', postId)
    .where('status', '=', status as 'open')
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [lucia, sarah, organizer, translator, reviewer] = [
    await member(t, 'participant', 'es'),
    await member(t, 'participant'),
    await member(t, 'organizer'),
    await member(t, 'participant'),
    await member(t, 'participant'),
  ];
  for (const m of [translator, reviewer])
    await t.put(`/api/forums/${LIVE}/translators/${m.id}`).set('Cookie', organizer.cookie).expect(200);
});
afterAll(async () => {
  await t?.close();
});

describe('appointing translators', () => {
  it('lets organizers appoint and withdraw a member, and nobody else', async () => {
    const roles = (
      await t.put(`/api/forums/${LIVE}/translators/${sarah.id}`).set('Cookie', organizer.cookie).expect(200)
    ).body.roles;
    expect(roles).toEqual(['participant', 'translator']);
    expect(
      (await t.delete(`/api/forums/${LIVE}/translators/${sarah.id}`).set('Cookie', organizer.cookie).expect(200)).body,
    ).toEqual({ roles: ['participant'] });
    await t.put(`/api/forums/${LIVE}/translators/${sarah.id}`).set('Cookie', lucia.cookie).expect(403);
    const outsider = await member(t, null);
    expect(
      (await t.put(`/api/forums/${LIVE}/translators/${outsider.id}`).set('Cookie', organizer.cookie).expect(403)).body
        .error.code,
    ).toBe('not_a_member');
    const members = (await t.get(`/api/forums/${LIVE}/members`).set('Cookie', organizer.cookie).expect(200)).body
      .members;
    expect(members.find((m: { id: number }) => m.id === translator.id).roles).toEqual(['participant', 'translator']);
    await t.get(`/api/forums/${LIVE}/members`).set('Cookie', translator.cookie).expect(403);
  });
});

describe('glossary', () => {
  it('is edited by organizers, read by translators, and round-trips through CSV', async () => {
    await t.post(`/api/forums/${LIVE}/glossary`).set('Cookie', translator.cookie).send({ en: 'x' }).expect(403);
    const { id } = (
      await t
        .post(`/api/forums/${LIVE}/glossary`)
        .set('Cookie', organizer.cookie)
        .send({
          en: 'social economy',
          es: 'economía social',
          fr: 'économie sociale',
          note: 'Keep "social", never "societal"',
        })
        .expect(201)
    ).body;
    await t
      .put(`/api/forums/${LIVE}/glossary/${id}`)
      .set('Cookie', organizer.cookie)
      .send({ en: 'social economy', es: 'economía social', fr: 'économie sociale', note: 'Agreed in week 1' })
      .expect(204);
    const csv = (await t.get(`/api/forums/${LIVE}/glossary.csv`).set('Cookie', translator.cookie).expect(200)).text;
    expect(csv).toBe('en,es,fr,note\nsocial economy,economía social,économie sociale,Agreed in week 1\n');

    const imported = await t
      .put(`/api/forums/${LIVE}/glossary.csv`)
      .set('Cookie', organizer.cookie)
      .set('Content-Type', 'text/csv')
      .send(
        'es,en,fr,note\neconomía social,social economy,économie sociale,"Agreed, week 1"\ncompras públicas,public procurement,marchés publics,\n',
      )
      .expect(200);
    expect(imported.body).toMatchObject({ mode: 'merge', terms: 2, added: 1, changed: 1 });
    const terms = (await t.get(`/api/forums/${LIVE}/glossary`).set('Cookie', translator.cookie).expect(200)).body.terms;
    expect(terms.map((term: { en: string; note: string }) => [term.en, term.note])).toEqual([
      ['public procurement', ''],
      ['social economy', 'Agreed, week 1'],
    ]);
  });

  it('rejects a CSV with a bad row, says which line, and keeps the glossary', async () => {
    const before = (await t.get(`/api/forums/${LIVE}/glossary`).set('Cookie', organizer.cookie).expect(200)).body.terms;
    const bad = await t
      .put(`/api/forums/${LIVE}/glossary.csv`)
      .set('Cookie', organizer.cookie)
      .set('Content-Type', 'text/csv')
      .set('Accept-Language', 'es')
      .send('en,es,fr,note\nok,bien,bien,\n,,,empty\n')
      .expect(400);
    expect(bad.body.error).toEqual({
      code: 'invalid_csv',
      message:
        'No se pudo leer el archivo CSV en la línea 3. Necesita las columnas en, es, fr y note, y al menos un término por fila.',
    });
    expect(
      (await t.get(`/api/forums/${LIVE}/glossary`).set('Cookie', organizer.cookie).expect(200)).body.terms,
    ).toEqual(before);
    await t.get(`/api/forums/${LIVE}/glossary`).set('Cookie', sarah.cookie).expect(403);
  });
});

describe('the editor’s task', () => {
  it('shows source paragraphs, the glossary terms found, and after an edit the diff and the old translation', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, {
      bodyMd: 'La Economia Social crece.\n\nSegundo párrafo.',
      lang: 'es',
    });
    const first = await taskFor(post.id);
    await t.post(`/api/translation-tasks/${first.id}/claim`).set('Cookie', translator.cookie).expect(200);
    const detail = (await t.get(`/api/translation-tasks/${first.id}`).set('Cookie', translator.cookie).expect(200)).body
      .task;
    expect(detail).toMatchObject({
      mine: true,
      status: 'claimed',
      sourceLang: 'es',
      targetLang: 'en',
      source: { paragraphs: ['La Economia Social crece.', 'Segundo párrafo.'] },
      glossary: [{ text: 'Economia Social', rendering: 'social economy', note: 'Agreed, week 1', start: 3, end: 18 }],
      previousTranslation: null,
      sourceDiff: null,
    });
    expect(
      (
        await t
          .post(`/api/translation-tasks/${first.id}/publish`)
          .set('Cookie', translator.cookie)
          .send({ bodyMd: 'The social economy grows.\n\nSecond paragraph.' })
          .expect(200)
      ).body,
    ).toEqual({ status: 'published' });

    await t
      .patch(`/api/posts/${post.id}`)
      .set('Cookie', lucia.cookie)
      .send({ bodyMd: 'La economía social crece mucho.\n\nSegundo párrafo.', lang: 'es', baseRevision: 1 })
      .expect(200);
    const second = await taskFor(post.id);
    const redo = (await t.get(`/api/translation-tasks/${second.id}`).set('Cookie', translator.cookie).expect(200)).body
      .task;
    expect(redo.previousTranslation).toEqual({
      markdown: 'The social economy grows.\n\nSecond paragraph.',
      sourceRevision: 1,
    });
    expect(redo.draft).toBe('The social economy grows.\n\nSecond paragraph.');
    const changes = redo.sourceDiff
      .filter((part: { change: string }) => part.change !== 'same')
      .map((part: { change: string; value: string }) => `${part.change}:${part.value.trim()}`);
    expect(changes).toEqual(
      expect.arrayContaining(['removed:Economia Social', 'added:economía social', 'added:mucho']),
    );
  });
});

describe('skip, reassign, request', () => {
  it('lets a translator skip a task for themselves only, and an organizer give it to someone', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'Saltar', lang: 'es' });
    const task = await taskFor(post.id);
    await t.post(`/api/translation-tasks/${task.id}/skip`).set('Cookie', translator.cookie).expect(204);
    const ids = async (m: Member) =>
      (await t.get(`/api/forums/${LIVE}/translation-tasks`).set('Cookie', m.cookie).expect(200)).body.tasks.map(
        (x: { id: number }) => x.id,
      );
    expect(await ids(translator)).not.toContain(task.id);
    expect(await ids(reviewer)).toContain(task.id);

    await t
      .post(`/api/translation-tasks/${task.id}/reassign`)
      .set('Cookie', reviewer.cookie)
      .send({ userId: translator.id })
      .expect(403);
    expect(
      (
        await t
          .post(`/api/translation-tasks/${task.id}/reassign`)
          .set('Cookie', organizer.cookie)
          .send({ userId: sarah.id })
          .expect(409)
      ).body.error.code,
    ).toBe('not_a_translator');
    await t
      .post(`/api/translation-tasks/${task.id}/reassign`)
      .set('Cookie', organizer.cookie)
      .send({ userId: reviewer.id })
      .expect(204);
    const mine = (
      await t.get(`/api/forums/${LIVE}/translation-tasks?status=mine`).set('Cookie', reviewer.cookie).expect(200)
    ).body.tasks;
    expect(mine.map((x: { id: number }) => x.id)).toEqual([task.id]);
  });

  it('lets an organizer request one more language for an English post, once', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, sarah, threadId, { bodyMd: 'Please read this in Spanish too', lang: 'en' });
    await t
      .post('/api/translation-requests')
      .set('Cookie', translator.cookie)
      .send({ kind: 'post', itemId: post.id, targetLang: 'es' })
      .expect(403);
    const a = (
      await t
        .post('/api/translation-requests')
        .set('Cookie', organizer.cookie)
        .send({ kind: 'post', itemId: post.id, targetLang: 'es' })
        .expect(201)
    ).body;
    const b = (
      await t
        .post('/api/translation-requests')
        .set('Cookie', organizer.cookie)
        .send({ kind: 'post', itemId: post.id, targetLang: 'es' })
        .expect(201)
    ).body;
    expect(a.taskId).toBe(b.taskId);
    await t
      .post('/api/translation-requests')
      .set('Cookie', organizer.cookie)
      .send({ kind: 'post', itemId: post.id, targetLang: 'en' })
      .expect(400);
    const spanishReader = (await t.get(`/api/threads/${threadId}`).set('Cookie', lucia.cookie).expect(200)).body
      .posts[1];
    // Lucía reads only Spanish: the English post is now pending translation for her.
    expect(spanishReader).toMatchObject({ lang: 'en', translation: null, translationPending: true });
    const englishReader = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body
      .posts[1];
    expect(englishReader).toMatchObject({ lang: 'en', translation: null, translationPending: false });
  });
});

describe('corrections and previews', () => {
  it('lets a translator reopen a published translation, starting from its text', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'Corregir', lang: 'es' });
    const task = await taskFor(post.id);
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Corect' })
      .expect(200);
    await t
      .post('/api/translation-requests')
      .set('Cookie', sarah.cookie)
      .send({ kind: 'post', itemId: post.id, targetLang: 'en' })
      .expect(403);
    const { taskId } = (
      await t
        .post('/api/translation-requests')
        .set('Cookie', translator.cookie)
        .send({ kind: 'post', itemId: post.id, targetLang: 'en' })
        .expect(201)
    ).body;
    await t.post(`/api/translation-tasks/${taskId}/claim`).set('Cookie', reviewer.cookie).expect(200);
    expect(
      (await t.get(`/api/translation-tasks/${taskId}`).set('Cookie', reviewer.cookie).expect(200)).body.task.draft,
    ).toBe('Corect');
    await t
      .post(`/api/translation-tasks/${taskId}/publish`)
      .set('Cookie', reviewer.cookie)
      .send({ bodyMd: 'Correct' })
      .expect(200);
    const seen = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1];
    expect(seen.translation).toMatchObject({ html: '<p>Correct</p>' });
    const revisions = await t.db
      .selectFrom('translation_revisions')
      .innerJoin('translations', 'translations.id', 'translation_revisions.translation_id')
      .select(['translation_revisions.revision', 'translation_revisions.body_md'])
      .where('translations.item_id', '=', post.id)
      .orderBy('revision')
      .execute();
    expect(revisions).toEqual([
      { revision: 1, body_md: 'Corect' },
      { revision: 2, body_md: 'Correct' },
    ]);
  });

  it('renders a Markdown preview as publishing would, for signed-in users only', async () => {
    const preview = await t
      .post('/api/markdown/preview')
      .set('Cookie', sarah.cookie)
      .send({ bodyMd: '**Hola** <script>x</script>' })
      .expect(200);
    // Inline raw tags are dropped; the text between them stays, as text.
    expect(preview.body).toEqual({ html: '<p><strong>Hola</strong> x</p>' });
    await t.post('/api/markdown/preview').send({ bodyMd: 'x' }).expect(401);
  });

  it('refuses participants the task view, skip and review routes', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'Roles', lang: 'es' });
    const task = await taskFor(post.id);
    await t.get(`/api/translation-tasks/${task.id}`).set('Cookie', sarah.cookie).expect(403);
    await t.post(`/api/translation-tasks/${task.id}/skip`).set('Cookie', sarah.cookie).expect(403);
    await t.post(`/api/translation-tasks/${task.id}/reject`).set('Cookie', sarah.cookie).expect(403);
    await t.get(`/api/translation-tasks/${task.id}`).expect(401);
    expect(
      await t.db.selectFrom('translation_task_skips').selectAll().where('task_id', '=', task.id).execute(),
    ).toEqual([]);
  });
});

describe('review before publishing', () => {
  it('holds a translation until another person approves it', async () => {
    await t.db.updateTable('forums').set({ translation_review_required: true }).where('slug', '=', LIVE).execute();
    try {
      const { threadId } = await startThread(t, organizer);
      const post = await reply(t, lucia, threadId, { bodyMd: 'Revisar', lang: 'es' });
      const task = await taskFor(post.id);
      await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
      expect(
        (
          await t
            .post(`/api/translation-tasks/${task.id}/publish`)
            .set('Cookie', translator.cookie)
            .send({ bodyMd: 'Revew' })
            .expect(200)
        ).body,
      ).toEqual({ status: 'in_review' });
      expect(
        (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1],
      ).toMatchObject({ translation: null, translationPending: true });
      expect(
        (
          await t
            .post(`/api/translation-tasks/${task.id}/approve`)
            .set('Cookie', translator.cookie)
            .send({})
            .expect(409)
        ).body.error.code,
      ).toBe('review_by_another');
      await t.post(`/api/translation-tasks/${task.id}/approve`).set('Cookie', sarah.cookie).send({}).expect(403);
      await t
        .post(`/api/translation-tasks/${task.id}/approve`)
        .set('Cookie', reviewer.cookie)
        .send({ bodyMd: 'Review' })
        .expect(204);
      const seen = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1];
      expect(seen.translation).toMatchObject({ html: '<p>Review</p>', translator: { role: 'translator' } });
    } finally {
      await t.db.updateTable('forums').set({ translation_review_required: false }).where('slug', '=', LIVE).execute();
    }
  });
});

describe('dashboard', () => {
  it('reports depth per pair, overdue, oldest age, median time to publish and throughput on a known queue', async () => {
    const now = Date.now();
    const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow())
      .id;
    // Make the queue's ages known: every live task 2 h old and due in 22 h, one of them overdue by an hour.
    await t.db
      .updateTable('translation_tasks')
      .set({ created_at: new Date(now - 2 * 3_600_000), due_at: new Date(now + 22 * 3_600_000) })
      .where('forum_id', '=', forumId)
      .where('status', 'in', ['open', 'claimed', 'in_review'])
      .execute();
    const live = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('forum_id', '=', forumId)
      .where('status', 'in', ['open', 'claimed', 'in_review'])
      .orderBy('id')
      .execute();
    await t.db
      .updateTable('translation_tasks')
      .set({ created_at: new Date(now - 30 * 3_600_000), due_at: new Date(now - 3_600_000) })
      .where('id', '=', live[0]!.id)
      .execute();
    // Published tasks this week took 1 h, 2 h and 3 h.
    const published = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('forum_id', '=', forumId)
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
    for (const [index, row] of published.entries()) {
      const hours = [1, 2, 3][index % 3]!;
      await t.db
        .updateTable('translation_tasks')
        .set({ created_at: new Date(now - hours * 3_600_000 - 60_000), closed_at: new Date(now - 60_000) })
        .where('id', '=', row.id)
        .execute();
    }
    const dashboard = (
      await t.get(`/api/forums/${LIVE}/translation-dashboard`).set('Cookie', organizer.cookie).expect(200)
    ).body;
    expect(dashboard.openTasks).toBe(live.length);
    expect(dashboard.overdue).toBe(1);
    expect(dashboard.pairs.reduce((sum: number, p: { depth: number }) => sum + p.depth, 0)).toBe(live.length);
    expect(Math.round(dashboard.oldestOpenAgeSeconds / 3600)).toBe(30);
    expect(published.length).toBeGreaterThanOrEqual(2);
    const durations = published.map((_, index) => [1, 2, 3][index % 3]! * 3600).sort((a, b) => a - b);
    const middle = durations.length / 2;
    const median =
      durations.length % 2 ? durations[Math.floor(middle)]! : (durations[middle - 1]! + durations[middle]!) / 2;
    expect(dashboard.medianSecondsToPublish7d).toBe(median);
    expect(dashboard.throughput7d.find((row: { userId: number }) => row.userId === translator.id)).toMatchObject({
      role: 'translator',
    });
    await t.get(`/api/forums/${LIVE}/translation-dashboard`).set('Cookie', translator.cookie).expect(403);
  });
});
