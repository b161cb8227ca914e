// Who is notified of what: replies, followed threads, mentions, translations, week openings —
// the right people and nobody else, never about what they may not read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { announceWeekOpenings } from '../../server/notifications/notification-jobs.ts';
import { importFixture, LIVE, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { clearNotifications, notified, person } from './helpers.ts';

let t: TestApp;
let ana: Member;
let ben: Member;
let cara: Member;
let dan: Member;
let organizer: Member;
let translator: Member;
let outsider: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  ana = await person(t, 'participant', { lang: 'es', name: 'Ana Paz' });
  ben = await person(t, 'participant', { lang: 'en', name: 'Ben Hale' });
  cara = await person(t, 'participant', { lang: 'fr', reads: ['fr', 'es'], name: 'Cara Roy' });
  dan = await person(t, 'participant', { lang: 'en', name: 'Dan Wu' });
  organizer = await person(t, 'organizer', { lang: 'en', name: 'Olga Ruiz' });
  translator = await person(t, 'translator', { lang: 'en', reads: ['en', 'es'], name: 'Tom Lee' });
  outsider = await person(t, null, { lang: 'en', name: 'Otto Out' });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await clearNotifications(t);
});

describe('posting', () => {
  it('tells the author of the post answered, and the thread’s followers, each once', async () => {
    const { threadId, firstPostId } = await startThread(t, ana, 2, {
      lang: 'es',
      bodyMd: '¿Cómo financian las cooperativas?',
    });
    const benReply = await reply(t, ben, threadId, { lang: 'en', bodyMd: 'Credit unions mostly.' });
    expect(await notified(t, ana, ben, cara, organizer)).toEqual([[`post.replied:${benReply.id}`], [], [], []]);

    // Ben follows now (he replied); Cara answers Ben: Ben hears of a reply, Ana of a post in her thread.
    const caraReply = await reply(t, cara, threadId, {
      lang: 'fr',
      bodyMd: 'Et les fonds locaux.',
      parentId: benReply.id,
    });
    expect(await notified(t, ana, ben, cara, organizer)).toEqual([
      [`post.replied:${benReply.id}`, `thread.posted:${caraReply.id}`],
      [`post.replied:${caraReply.id}`],
      [],
      [],
    ]);
    expect(firstPostId).toBeGreaterThan(0);
  });

  it('lets a member follow a thread explicitly, and mute one to hear nothing of it', async () => {
    const { threadId } = await startThread(t, ana, 2);
    await t
      .put(`/api/threads/${threadId}/follow`)
      .set('Cookie', dan.cookie)
      .send({ level: 'following' })
      .expect(200, { level: 'following' });
    await t
      .put(`/api/threads/${threadId}/follow`)
      .set('Cookie', ana.cookie)
      .send({ level: 'muted' })
      .expect(200, { level: 'muted' });
    const post = await reply(t, ben, threadId, { lang: 'en' });
    expect(await notified(t, ana, dan)).toEqual([[], [`thread.posted:${post.id}`]]);
    // Replying to a muted thread does not unmute it.
    await reply(t, ana, threadId);
    expect((await t.get(`/api/threads/${threadId}/follow`).set('Cookie', ana.cookie).expect(200)).body).toEqual({
      level: 'muted',
    });
  });

  it('resolves @mentions of members only, by whole name, in preference to other reasons', async () => {
    const { threadId } = await startThread(t, ben, 2);
    await reply(t, cara, threadId, { lang: 'fr' });
    await clearNotifications(t);
    const post = await reply(t, dan, threadId, {
      lang: 'en',
      bodyMd: 'As @Cara Roy and @BenHale said — and @Otto Out, @Ana Pazzo too.',
    });
    // Cara follows (she replied) but hears of the mention only; Ben likewise; the outsider and "Ana Pazzo" nothing.
    expect(await notified(t, cara, ben, outsider, ana)).toEqual([
      [`post.mentioned:${post.id}`],
      [`post.mentioned:${post.id}`],
      [],
      [],
    ]);
  });

  it('says nothing of a week the recipient cannot read yet', async () => {
    const week = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.opens_at'])
      .where('forums.slug', '=', LIVE)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    const { threadId } = await startThread(t, organizer, 2);
    await t.put(`/api/threads/${threadId}/follow`).set('Cookie', dan.cookie).send({ level: 'following' }).expect(200);
    const colleague = await person(t, 'organizer');
    await t
      .put(`/api/threads/${threadId}/follow`)
      .set('Cookie', colleague.cookie)
      .send({ level: 'following' })
      .expect(200);
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() + 86_400_000) })
      .where('id', '=', week.id)
      .execute();
    try {
      const post = await reply(t, organizer, threadId, { lang: 'en', bodyMd: 'Early note for @Ana Paz' });
      expect(await notified(t, ana, dan, colleague)).toEqual([[], [], [`thread.posted:${post.id}`]]);
    } finally {
      await t.db.updateTable('weeks').set({ opens_at: week.opens_at }).where('id', '=', week.id).execute();
    }
  });

  it('drops a notification from the list and the count once its post is hidden, except for organizers', async () => {
    const { threadId } = await startThread(t, ana, 2);
    const post = await reply(t, ben, threadId, { lang: 'en', bodyMd: 'Something to hide, @Olga Ruiz' });
    expect((await t.get('/api/notifications/unread').set('Cookie', ana.cookie).expect(200)).body).toEqual({
      unread: 1,
    });
    await t
      .post(`/api/posts/${post.id}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Off topic' })
      .expect((r) => expect(r.status).toBeLessThan(300));
    expect((await t.get('/api/notifications/unread').set('Cookie', ana.cookie).expect(200)).body).toEqual({
      unread: 0,
    });
    expect((await t.get('/api/notifications').set('Cookie', ana.cookie).expect(200)).body.groups).toEqual([]);
    expect((await t.get('/api/notifications/unread').set('Cookie', organizer.cookie).expect(200)).body).toEqual({
      unread: 1,
    });
  });
});

describe('translations', () => {
  it('tells the author their post was translated, and followers who read only the new language that it is ready', async () => {
    const { threadId } = await startThread(t, ben, 2);
    const post = await reply(t, ana, threadId, { lang: 'es', bodyMd: 'La banca ética llegó tarde.' });
    await reply(t, cara, threadId, { lang: 'fr' });
    await t.put(`/api/threads/${threadId}/follow`).set('Cookie', dan.cookie).send({ level: 'following' }).expect(200);
    await clearNotifications(t);
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', 'post')
      .where('item_id', '=', post.id)
      .where('target_lang', '=', 'en')
      .executeTakeFirstOrThrow();
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Ethical banking came late.' })
      .expect(200);
    // Cara reads Spanish: no need. Dan and Ben read English only.
    expect(await notified(t, ana, ben, dan, cara, translator)).toEqual([
      [`translation.own_published:${post.id}`],
      [`translation.ready:${post.id}`],
      [`translation.ready:${post.id}`],
      [],
      [],
    ]);
  });
});

describe('week openings', () => {
  it('announces an opened week once to the forum’s members, whichever instance ticks, and emails them', async () => {
    const week = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.opens_at'])
      .where('forums.slug', '=', LIVE)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    const justAfter = new Date(week.opens_at.getTime() + 60_000);
    expect(await announceWeekOpenings(t.db, new Date(week.opens_at.getTime() - 60_000))).toBe(0);
    const counts = await Promise.all([announceWeekOpenings(t.db, justAfter), announceWeekOpenings(t.db, justAfter)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(await announceWeekOpenings(t.db, justAfter)).toBe(0);
    const [forAna, forOutsider, forOrganizer] = await notified(t, ana, outsider, organizer);
    expect(forAna).toEqual([`week.opened:week${week.id}`]);
    expect(forOutsider).toEqual([]);
    expect(forOrganizer).toEqual([`week.opened:week${week.id}`]);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['to_email', 'lang', 'template', 'unsubscribe'])
      .where('to_email', '=', ana.email)
      .execute();
    expect(mail).toEqual([
      { to_email: ana.email, lang: 'es', template: 'week_opened', unsubscribe: 'type:week.opened' },
    ]);
  });
});

describe('in-app list', () => {
  it('groups replies per thread, links to the exact post, and marks read per group and all at once', async () => {
    const { threadId } = await startThread(t, ana, 2, { title: 'Finanzas', lang: 'es' });
    const first = await reply(t, ben, threadId, { lang: 'en' });
    await reply(t, cara, threadId, { lang: 'fr' });
    await reply(t, dan, threadId, { lang: 'en', bodyMd: 'Hola @Ana Paz' });
    const list = (await t.get('/api/notifications').set('Cookie', ana.cookie).set('Accept-Language', 'es').expect(200))
      .body;
    expect(list.unread).toBe(3);
    expect(list.groups).toHaveLength(2);
    expect(list.groups[0]).toMatchObject({ type: 'post.mentioned', count: 1, read: false, actors: ['Dan Wu'] });
    expect(list.groups[1]).toMatchObject({
      type: 'post.replied',
      count: 2,
      read: false,
      actors: ['Cara Roy', 'Ben Hale'],
      href: `/forums/${LIVE}/threads/${threadId}#post-${first.id}`,
      thread: { id: threadId, title: { lang: 'es', value: 'Finanzas' } },
      forum: { slug: LIVE },
      week: { number: 2 },
    });
    expect(
      (await t.post('/api/notifications/read').set('Cookie', ana.cookie).send({ ids: list.groups[1].ids }).expect(200))
        .body,
    ).toEqual({ unread: 1 });
    // Someone else's ids change nothing.
    await t.post('/api/notifications/read').set('Cookie', ben.cookie).send({ ids: list.groups[0].ids }).expect(200);
    expect((await t.get('/api/notifications/unread').set('Cookie', ana.cookie).expect(200)).body).toEqual({
      unread: 1,
    });
    expect((await t.post('/api/notifications/read-all').set('Cookie', ana.cookie).expect(200)).body).toEqual({
      unread: 0,
    });
    const after = (await t.get('/api/notifications').set('Cookie', ana.cookie).expect(200)).body;
    expect(after.groups.map((g: { read: boolean }) => g.read)).toEqual([true, true]);
  });

  it('refuses malformed input in the caller’s language and changes nothing', async () => {
    const refused = await t
      .post('/api/notifications/read')
      .set('Cookie', ana.cookie)
      .set('Accept-Language', 'es')
      .send({ ids: [] })
      .expect(400);
    expect(refused.body.error.code).toBe('validation');
    await t
      .post('/api/notifications/read')
      .set('Cookie', ana.cookie)
      .send({ ids: ['x'] })
      .expect(400);
    await t.put('/api/threads/999999/follow').set('Cookie', ana.cookie).send({ level: 'following' }).expect(404);
    await t.put('/api/threads/1/follow').set('Cookie', ana.cookie).send({ level: 'loud' }).expect(400);
    expect(newKey()).toMatch(/-/);
  });
});
