// The translation queue: tasks that policy creates with each post, the atomic claim, claims
// that expire, publishing and what each reader then sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../server/auth/accounts.service.ts';
import { claim } from '../../server/translations/queue.service.ts';
import { validateSessionToken } from '../../server/auth/session.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { atOnce } from '../helpers/test-database.ts';

let t: TestApp;
let lucia: Member;
let sarah: Member;
let organizer: Member;
let translator: Member;
let translator2: Member;

async function tasksOf(itemType: string, itemId: number) {
  return t.db
    .selectFrom('translation_tasks')
    .select(['target_lang', 'status', 'source_revision'])
    .where('item_type', '=', itemType as 'post')
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  lucia = await member(t, 'participant', 'es');
  sarah = await member(t, 'participant', 'en');
  organizer = await member(t, 'organizer');
  translator = await member(t, 'participant');
  translator2 = await member(t, 'participant');
  for (const m of [translator, translator2])
    await ensureAccount(t.db, {
      email: m.email,
      displayName: 'x',
      password: m.password,
      roles: [{ forumSlug: LIVE, role: 'translator' }],
    });
});
afterAll(async () => {
  await t?.close();
});

describe('tasks from policy', () => {
  it('queues es→en for a Spanish post and its thread title, and nothing for an English one', async () => {
    const { threadId, firstPostId } = await startThread(t, lucia, 2, {
      lang: 'es',
      title: 'Finanzas',
      bodyMd: 'Texto',
    });
    expect(await tasksOf('post', firstPostId)).toEqual([{ target_lang: 'en', status: 'open', source_revision: 1 }]);
    expect(await tasksOf('thread_title', threadId)).toEqual([
      { target_lang: 'en', status: 'open', source_revision: 1 },
    ]);
    const english = await reply(t, sarah, threadId, { bodyMd: 'English reply', lang: 'en' });
    expect(await tasksOf('post', english.id)).toEqual([]);
    const french = await reply(t, sarah, threadId, { bodyMd: 'Réponse', lang: 'fr' });
    // The fixture's policy translates only Spanish.
    expect(await tasksOf('post', french.id)).toEqual([]);
  });
});

describe('claiming', () => {
  it(`gives a task to exactly one of two translators claiming ${atOnce}`, async () => {
    const { firstPostId } = await startThread(t, lucia, 2, { lang: 'es', bodyMd: 'Carrera' });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', 'post')
      .where('item_id', '=', firstPostId)
      .executeTakeFirstOrThrow();
    const [a, b] = await Promise.all([
      t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie),
      t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator2.cookie).set('Accept-Language', 'es'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('task_taken');
    const row = await t.db
      .selectFrom('translation_tasks')
      .select(['status', 'claimed_by'])
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('claimed');
    expect([translator.id, translator2.id]).toContain(row.claimed_by);
  });

  it('lets exactly one of many concurrent domain claims win', async () => {
    const { firstPostId } = await startThread(t, lucia, 2, { lang: 'es', bodyMd: 'Muchos' });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_id', '=', firstPostId)
      .where('item_type', '=', 'post')
      .executeTakeFirstOrThrow();
    const users = await Promise.all(
      [translator, translator2, organizer].map(
        async (m) => (await validateSessionToken(t.db, m.cookie.split('=')[1]!)).user!,
      ),
    );
    const results = await Promise.allSettled(users.map((u) => claim(t.db, task.id, u)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('returns an expired claim to the queue, where another translator can take it', async () => {
    const { firstPostId } = await startThread(t, lucia, 2, { lang: 'es', bodyMd: 'Abandonada' });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_id', '=', firstPostId)
      .where('item_type', '=', 'post')
      .executeTakeFirstOrThrow();
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator2.cookie).expect(409);
    await t.db
      .updateTable('translation_tasks')
      .set({ claim_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', task.id)
      .execute();
    const open = (
      await t.get(`/api/forums/${LIVE}/translation-tasks?status=open`).set('Cookie', translator2.cookie).expect(200)
    ).body.tasks;
    expect(open.find((x: { id: number }) => x.id === task.id)).toMatchObject({
      status: 'open',
      claimedBy: null,
      source: { lang: 'es', html: '<p>Abandonada</p>' },
    });
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator2.cookie).expect(200);
    // The first translator's late publish is refused.
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Late' })
      .expect(409);
  });

  it('lets a claimer release a task', async () => {
    const { firstPostId } = await startThread(t, lucia, 2, { lang: 'es', bodyMd: 'Suelta' });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_id', '=', firstPostId)
      .where('item_type', '=', 'post')
      .executeTakeFirstOrThrow();
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t.post(`/api/translation-tasks/${task.id}/release`).set('Cookie', translator2.cookie).expect(403);
    await t.post(`/api/translation-tasks/${task.id}/release`).set('Cookie', translator.cookie).expect(204);
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator2.cookie).expect(200);
  });
});

describe('publishing and reading', () => {
  it('shows English readers the translation with its translator, Spanish readers and the author the original', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'La **economía solidaria** crece', lang: 'es' });
    const before = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1];
    expect(before).toMatchObject({ lang: 'es', translation: null, translationPending: true });

    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_id', '=', post.id)
      .where('item_type', '=', 'post')
      .executeTakeFirstOrThrow();
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .put(`/api/translation-tasks/${task.id}/draft`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'The solidarity' })
      .expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'The **solidarity economy** grows' })
      .expect(200);

    const english = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1];
    expect(english).toMatchObject({
      lang: 'es',
      html: '<p>La <strong>economía solidaria</strong> crece</p>',
      translationPending: false,
      translation: {
        lang: 'en',
        html: '<p>The <strong>solidarity economy</strong> grows</p>',
        outdated: false,
        translator: { role: 'translator' },
      },
    });
    const spanish = (await t.get(`/api/threads/${threadId}`).set('Cookie', lucia.cookie).expect(200)).body.posts[1];
    expect(spanish).toMatchObject({ translation: null, translationPending: false });
    expect(
      (await t.db.selectFrom('translation_tasks').select('status').where('id', '=', task.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('published');
  });

  it('marks a translation outdated when the original is edited, and queues a task that starts from it', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'Versión uno', lang: 'es' });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_id', '=', post.id)
      .where('item_type', '=', 'post')
      .executeTakeFirstOrThrow();
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', organizer.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', organizer.cookie)
      .send({ bodyMd: 'Version one' })
      .expect(200);
    await t
      .patch(`/api/posts/${post.id}`)
      .set('Cookie', lucia.cookie)
      .send({ bodyMd: 'Versión dos', lang: 'es', baseRevision: 1 })
      .expect(200);

    const seen = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1];
    expect(seen.translation).toMatchObject({
      html: '<p>Version one</p>',
      outdated: true,
      translator: { role: 'organizer' },
    });
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select(['status', 'source_revision', 'draft_md'])
      .where('item_id', '=', post.id)
      .where('item_type', '=', 'post')
      .orderBy('id')
      .execute();
    expect(tasks).toEqual([
      { status: 'published', source_revision: 1, draft_md: null },
      { status: 'open', source_revision: 2, draft_md: 'Version one' },
    ]);
  });

  it('lets the author translate their own post, closing its task', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'Mi texto', lang: 'es' });
    await t
      .post(`/api/posts/${post.id}/translations`)
      .set('Cookie', sarah.cookie)
      .send({ targetLang: 'en', bodyMd: 'x' })
      .expect(403);
    await t
      .post(`/api/posts/${post.id}/translations`)
      .set('Cookie', lucia.cookie)
      .send({ targetLang: 'es', bodyMd: 'x' })
      .expect(400);
    await t
      .post(`/api/posts/${post.id}/translations`)
      .set('Cookie', lucia.cookie)
      .send({ targetLang: 'en', bodyMd: 'My text' })
      .expect(204);
    const seen = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1];
    expect(seen.translation).toMatchObject({ html: '<p>My text</p>', translator: { role: 'author' } });
    expect(await tasksOf('post', post.id)).toEqual([{ target_lang: 'en', status: 'published', source_revision: 1 }]);
  });

  it('withdraws open tasks when the original is hidden and shows no translation of it', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, lucia, threadId, { bodyMd: 'Oculto', lang: 'es' });
    await t.post(`/api/posts/${post.id}/hide`).set('Cookie', organizer.cookie).send({ reason: 'spam' }).expect(204);
    expect(await tasksOf('post', post.id)).toEqual([{ target_lang: 'en', status: 'withdrawn', source_revision: 1 }]);
    const seen = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.posts[1];
    expect(seen).toMatchObject({ html: null, translation: null, translationPending: false });
    await t.post(`/api/posts/${post.id}/unhide`).set('Cookie', organizer.cookie).expect(204);
    expect((await tasksOf('post', post.id)).map((task) => task.status)).toEqual(['withdrawn', 'open']);
  });
});

describe('thread titles', () => {
  it('shows an English reader the translated title of a Spanish thread, and a Spanish reader the original', async () => {
    const { threadId } = await startThread(t, lucia, 2, {
      lang: 'es',
      title: 'Cooperativas de vivienda',
      bodyMd: 'Texto',
    });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', 'thread_title')
      .where('item_id', '=', threadId)
      .executeTakeFirstOrThrow();
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Housing <co-ops>' })
      .expect(200);
    const english = (
      await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', sarah.cookie).expect(200)
    ).body.threads.find((x: { id: number }) => x.id === threadId);
    expect(english).toMatchObject({
      title: { lang: 'es', value: 'Cooperativas de vivienda' },
      titleTranslation: { lang: 'en', value: 'Housing <co-ops>', translator: { role: 'translator' } },
    });
    const page = (await t.get(`/api/threads/${threadId}`).set('Cookie', sarah.cookie).expect(200)).body.thread;
    expect(page.titleTranslation).toMatchObject({ value: 'Housing <co-ops>' });
    const spanish = (
      await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', lucia.cookie).expect(200)
    ).body.threads.find((x: { id: number }) => x.id === threadId);
    expect(spanish.titleTranslation).toBeNull();
  });
});

describe('queue access', () => {
  it('refuses participants and visitors every queue route', async () => {
    const { firstPostId } = await startThread(t, lucia, 2, { lang: 'es', bodyMd: 'Acceso' });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_id', '=', firstPostId)
      .where('item_type', '=', 'post')
      .executeTakeFirstOrThrow();
    const refused = await t
      .get(`/api/forums/${LIVE}/translation-tasks`)
      .set('Cookie', sarah.cookie)
      .set('Accept-Language', 'fr')
      .expect(403);
    expect(refused.body.error.message).toBe('Vous n’avez pas la permission de faire cela.');
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', sarah.cookie).expect(403);
    await t
      .put(`/api/translation-tasks/${task.id}/draft`)
      .set('Cookie', sarah.cookie)
      .send({ bodyMd: 'x' })
      .expect(403);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', sarah.cookie)
      .send({ bodyMd: 'x' })
      .expect(403);
    await t.post(`/api/translation-tasks/${task.id}/release`).set('Cookie', sarah.cookie).expect(403);
    await t.get(`/api/forums/${LIVE}/translation-tasks`).expect(401);
    expect((await tasksOf('post', firstPostId))[0]!.status).toBe('open');
  });

  it('sorts the queue overdue first, then by due time', async () => {
    const tasks = (
      await t
        .get(`/api/forums/${LIVE}/translation-tasks?status=open&source=es&target=en`)
        .set('Cookie', organizer.cookie)
        .expect(200)
    ).body.tasks;
    expect(tasks.length).toBeGreaterThan(1);
    const oldest = tasks.at(-1);
    await t.db
      .updateTable('translation_tasks')
      .set({ due_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', oldest.id)
      .execute();
    const sorted = (
      await t.get(`/api/forums/${LIVE}/translation-tasks?status=open`).set('Cookie', organizer.cookie).expect(200)
    ).body.tasks;
    expect(sorted[0]).toMatchObject({ id: oldest.id, overdue: true });
    expect(sorted.slice(1).every((x: { overdue: boolean }) => !x.overdue)).toBe(true);
  });
});
