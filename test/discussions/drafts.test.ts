// Server drafts belong to something their writer may write in now, and each writer keeps a
// bounded number and size of them: over a limit, a localized error and nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFT_CHARS_PER_USER, MAX_DRAFTS_PER_USER } from '../../server/discussions/drafts.service.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

const ARCHIVE = 'fixture-2009';

let t: TestApp;
let ana: Member;
let ben: Member;
let organizer: Member;
let liveThread: number;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [ana, ben, organizer] = [
    await member(t, 'participant', 'es'),
    await member(t, 'participant', 'fr'),
    await member(t, 'organizer'),
  ];
  liveThread = (await startThread(t, organizer)).threadId;
});
afterAll(async () => {
  await t?.close();
});

async function draftsOf(user: { id: number }) {
  const rows = await t.db
    .selectFrom('drafts')
    .select(['draft_key', 'body_md'])
    .where('user_id', '=', user.id)
    .orderBy('draft_key')
    .execute();
  return rows.map((row) => ({ key: row.draft_key, length: row.body_md.length }));
}

async function clearDrafts(user: { id: number }) {
  await t.db.deleteFrom('drafts').where('user_id', '=', user.id).execute();
}

/** Drafts stored directly, to fill a writer's allowance without a thread for each. */
async function storeDrafts(user: { id: number }, count: number, bodyLength: number) {
  await t.db
    .insertInto('drafts')
    .values(
      Array.from({ length: count }, (_, i) => ({
        user_id: user.id,
        draft_key: `reply:post:${900_000 + i}`,
        title: '',
        body_md: 'x'.repeat(bodyLength),
        lang: 'en' as const,
      })),
    )
    .execute();
}

describe('what a draft may be for', () => {
  it('refuses 30 large drafts for threads that do not exist, and stores none', async () => {
    const body = 'a'.repeat(50_000);
    for (let i = 0; i < 30; i += 1) {
      const response = await t
        .put(`/api/drafts/reply:thread:${1_000_000 + i}`)
        .set('Cookie', ana.cookie)
        .send({ bodyMd: body, lang: 'es' })
        .expect(404);
      expect(response.body.error.code).toBe('not_found');
    }
    expect(await draftsOf(ana)).toEqual([]);
  });

  it('refuses posts and weeks that do not exist, and ids beyond the column’s range', async () => {
    await t
      .put('/api/drafts/reply:post:999999')
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'x', lang: 'es' })
      .expect(404);
    await t.put('/api/drafts/edit:post:999999').set('Cookie', ana.cookie).send({ bodyMd: 'x', lang: 'es' }).expect(404);
    await t
      .put('/api/drafts/thread:week:999999')
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'x', lang: 'es' })
      .expect(404);
    const huge = await t
      .put('/api/drafts/reply:thread:9999999999')
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'x', lang: 'es' })
      .expect(400);
    expect(huge.body.error.code).toBe('validation');
    expect(await draftsOf(ana)).toEqual([]);
  });

  it('keeps drafts for a thread, a post, a week and one’s own post while the writer may write there', async () => {
    const post = await reply(t, ana, liveThread, { bodyMd: 'Mi respuesta' });
    const week = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select('weeks.id')
      .where('forums.slug', '=', LIVE)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    const keys = [
      `reply:thread:${liveThread}`,
      `reply:post:${post.id}`,
      `thread:week:${week.id}`,
      `edit:post:${post.id}`,
    ];
    for (const key of keys)
      await t
        .put(`/api/drafts/${key}`)
        .set('Cookie', ana.cookie)
        .send({ title: '', bodyMd: `texto de ${key}`, lang: 'es' })
        .expect(200);
    expect((await draftsOf(ana)).map((d) => d.key).sort()).toEqual([...keys].sort());
    await clearDrafts(ana);
  });

  it('refuses an edit draft for someone else’s post or a hidden one', async () => {
    const bens = await reply(t, ben, liveThread, { bodyMd: 'Ben’s answer' });
    const other = await t
      .put(`/api/drafts/edit:post:${bens.id}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'x', lang: 'es' })
      .expect(403);
    expect(other.body.error.code).toBe('forbidden');
    const own = await reply(t, ana, liveThread, { bodyMd: 'Algo que se ocultará' });
    await t.post(`/api/posts/${own.id}/hide`).set('Cookie', organizer.cookie).send({ reason: 'off topic' }).expect(204);
    await t
      .put(`/api/drafts/edit:post:${own.id}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'x', lang: 'es' })
      .expect(403);
    expect(await draftsOf(ana)).toEqual([]);
  });

  it('refuses a non-member, and a member of a forum that has ended, in their language', async () => {
    const outsider = await member(t, null, 'fr');
    const refused = await t
      .put(`/api/drafts/reply:thread:${liveThread}`)
      .set('Cookie', outsider.cookie)
      .send({ bodyMd: 'x', lang: 'fr' })
      .expect(403);
    expect(refused.body.error.code).toBe('not_a_member');

    const archiveOrganizer = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'organizer' }] });
    const archived = await t
      .post(`/api/forums/${ARCHIVE}/weeks/1/threads`)
      .set('Cookie', await signIn(t, archiveOrganizer))
      .send({ title: 'Looking back', bodyMd: 'What stayed with you?', lang: 'en', idempotencyKey: crypto.randomUUID() })
      .expect(201);
    const veteran = await createUser(t.db, {
      interfaceLang: 'es',
      roles: [{ forumSlug: ARCHIVE, role: 'participant' }],
    });
    const cookie = await signIn(t, veteran);
    const closed = await t
      .put(`/api/drafts/reply:thread:${archived.body.thread.id}`)
      .set('Cookie', cookie)
      .send({ bodyMd: 'x', lang: 'es' })
      .expect(403);
    expect(closed.body.error).toEqual({ code: 'week_closed', message: expect.stringContaining('semana 1') });
    const archiveWeek = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select('weeks.id')
      .where('forums.slug', '=', ARCHIVE)
      .where('weeks.number', '=', 1)
      .executeTakeFirstOrThrow();
    await t
      .put(`/api/drafts/thread:week:${archiveWeek.id}`)
      .set('Cookie', cookie)
      .send({ title: 'T', bodyMd: 'x', lang: 'es' })
      .expect(403);
    expect(await draftsOf(veteran)).toEqual([]);
    expect(await draftsOf(outsider)).toEqual([]);
  });

  it('still gives back and deletes a draft after the right to write has gone', async () => {
    const { threadId } = await startThread(t, organizer);
    const key = `reply:thread:${threadId}`;
    await t
      .put(`/api/drafts/${key}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'A medio escribir', lang: 'es' })
      .expect(200);
    await t.patch(`/api/threads/${threadId}`).set('Cookie', organizer.cookie).send({ locked: true }).expect(204);
    await t
      .put(`/api/drafts/${key}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'A medio escribir, más', lang: 'es' })
      .expect(403);
    expect((await t.get(`/api/drafts/${key}`).set('Cookie', ana.cookie).expect(200)).body.draft.bodyMd).toBe(
      'A medio escribir',
    );
    await t.delete(`/api/drafts/${key}`).set('Cookie', ana.cookie).expect(204);
    expect(await draftsOf(ana)).toEqual([]);
  });
});

describe('how many drafts, and how much text, a writer keeps', () => {
  it(`refuses a draft beyond ${MAX_DRAFTS_PER_USER}, in the writer’s language, yet still updates one already kept`, async () => {
    const key = `reply:thread:${liveThread}`;
    await t.put(`/api/drafts/${key}`).set('Cookie', ben.cookie).send({ bodyMd: 'premier jet', lang: 'fr' }).expect(200);
    await storeDrafts(ben, MAX_DRAFTS_PER_USER - 1, 10);
    const post = await reply(t, ana, liveThread, { bodyMd: 'Otra respuesta' });
    const refused = await t
      .put(`/api/drafts/reply:post:${post.id}`)
      .set('Cookie', ben.cookie)
      .send({ bodyMd: 'un de trop', lang: 'fr' })
      .expect(409);
    expect(refused.body.error).toEqual({
      code: 'too_many_drafts',
      message: `Vous avez déjà ${MAX_DRAFTS_PER_USER} brouillons enregistrés. Envoyez-en ou supprimez-en un avant d’en commencer un autre.`,
    });
    expect((await draftsOf(ben)).some((d) => d.key === `reply:post:${post.id}`)).toBe(false);
    await t.put(`/api/drafts/${key}`).set('Cookie', ben.cookie).send({ bodyMd: 'second jet', lang: 'fr' }).expect(200);
    expect(await draftsOf(ben)).toHaveLength(MAX_DRAFTS_PER_USER);
    await clearDrafts(ben);
  });

  it(`refuses a draft that would take the writer past ${MAX_DRAFT_CHARS_PER_USER} characters, and stores nothing`, async () => {
    await storeDrafts(ana, 10, (MAX_DRAFT_CHARS_PER_USER - 20_000) / 10);
    const key = `reply:thread:${liveThread}`;
    const refused = await t
      .put(`/api/drafts/${key}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'b'.repeat(20_001), lang: 'es' })
      .expect(413);
    expect(refused.body.error).toEqual({
      code: 'drafts_too_large',
      message:
        'Sus borradores guardados superarían en conjunto los 500.000 caracteres. Envíe o descarte alguno antes de guardar este.',
    });
    expect(
      await t.db
        .selectFrom('drafts')
        .select('draft_key')
        .where('user_id', '=', ana.id)
        .where('draft_key', '=', key)
        .executeTakeFirst(),
    ).toBeUndefined();
    await t
      .put(`/api/drafts/${key}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'b'.repeat(20_000), lang: 'es' })
      .expect(200);
    await clearDrafts(ana);
  });

  it('refuses one draft longer than a post may be', async () => {
    const response = await t
      .put(`/api/drafts/reply:thread:${liveThread}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'c'.repeat(50_001), lang: 'es' })
      .expect(413);
    expect(response.body.error.code).toBe('too_long');
    expect(await draftsOf(ana)).toEqual([]);
  });

  it('lets only one of two drafts saved at once take the last place', async () => {
    await storeDrafts(ben, MAX_DRAFTS_PER_USER - 1, 10);
    const first = await reply(t, ana, liveThread, { bodyMd: 'Uno' });
    const second = await reply(t, ana, liveThread, { bodyMd: 'Dos' });
    const answers = await Promise.all(
      [first, second].map((post) =>
        t.put(`/api/drafts/reply:post:${post.id}`).set('Cookie', ben.cookie).send({ bodyMd: 'course', lang: 'fr' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await draftsOf(ben)).toHaveLength(MAX_DRAFTS_PER_USER);
    await clearDrafts(ben);
  });
});
