// Threads and replies: the tree and its display rule, the time box per role, locked threads,
// idempotent creation, body limits and the per-user rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let ana: Member;
let ben: Member;
let organizer: Member;
let outsider: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [ana, ben, organizer, outsider] = [
    await member(t, 'participant', 'es'),
    await member(t, 'participant'),
    await member(t, 'organizer'),
    await member(t, null),
  ];
});
afterAll(async () => {
  await t?.close();
});

describe('threads', () => {
  it('starts a thread whose first post is rendered, counted and in the author’s chosen language', async () => {
    const { body } = await startThread(t, ana, 2, {
      lang: 'es',
      title: 'Finanzas solidarias',
      bodyMd: '¿Cómo se financian las **cooperativas** en su región?',
    });
    expect(body.thread).toMatchObject({
      kind: 'discussion',
      title: { lang: 'es', value: 'Finanzas solidarias' },
      replyCount: 0,
      pinned: false,
      locked: false,
    });
    expect(body.post).toMatchObject({
      lang: 'es',
      html: '<p>¿Cómo se financian las <strong>cooperativas</strong> en su región?</p>',
      wordCount: 8,
      displayDepth: 0,
      revision: 1,
      mine: true,
    });
  });

  it('lets only organizers start a prompt', async () => {
    const refused = await t
      .post(`/api/forums/${LIVE}/weeks/2/threads`)
      .set('Cookie', ana.cookie)
      .set('Accept-Language', 'es')
      .send({ kind: 'prompt', title: 'P', bodyMd: 'Q?', lang: 'es', idempotencyKey: newKey() })
      .expect(403);
    expect(refused.body.error.message).toBe('No tiene permiso para hacer eso.');
    await startThread(t, organizer, 2, { kind: 'prompt', requiresOwnAnswer: true });
  });
});

describe('reply tree', () => {
  it('nests replies three levels deep and flattens deeper ones with "in reply to"', async () => {
    const { threadId, firstPostId } = await startThread(t, organizer);
    const level1 = await reply(t, ana, threadId);
    const level2 = await reply(t, ben, threadId, { parentId: level1.id });
    const level3 = await reply(t, ana, threadId, { parentId: level2.id });
    const level4 = await reply(t, ben, threadId, { parentId: level3.id });
    const level5 = await reply(t, ana, threadId, { parentId: level4.id });
    const sibling = await reply(t, ben, threadId);
    expect([level1, level2, level3, level4, level5].map((p) => p.displayDepth)).toEqual([1, 2, 3, 3, 3]);

    const page = (await t.get(`/api/threads/${threadId}`).set('Cookie', ben.cookie).expect(200)).body;
    expect(page.posts.map((p: { id: number }) => p.id)).toEqual([
      firstPostId,
      level1.id,
      level2.id,
      level3.id,
      level4.id,
      level5.id,
      sibling.id,
    ]);
    const byId = Object.fromEntries(page.posts.map((p: { id: number }) => [p.id, p]));
    expect(byId[level3.id].inReplyTo).toBeNull();
    expect(byId[level4.id].inReplyTo).toEqual({ postId: level3.id, authorName: expect.stringMatching(/^User /) });
    expect(byId[level5.id].inReplyTo).toMatchObject({ postId: level4.id });
    expect(page.thread).toMatchObject({
      replyCount: 6,
      forumSlug: LIVE,
      weekNumber: 2,
      canReply: true,
      replyBlockedBy: null,
      canModerate: false,
    });
    expect(page.lastEventId).toBeGreaterThan(0);
  });

  it('refuses a parent from another thread', async () => {
    const a = await startThread(t, ana);
    const b = await startThread(t, ben);
    await t
      .post(`/api/threads/${b.threadId}/posts`)
      .set('Cookie', ben.cookie)
      .send({ parentId: a.firstPostId, bodyMd: 'x', lang: 'en', idempotencyKey: newKey() })
      .expect(404);
  });
});

describe('idempotent creation', () => {
  it('creates exactly one post for the same key sent twice, and answers both times alike', async () => {
    const { threadId } = await startThread(t, organizer);
    const key = newKey();
    const send = () =>
      t
        .post(`/api/threads/${threadId}/posts`)
        .set('Cookie', ana.cookie)
        .send({ bodyMd: 'Solo una vez', lang: 'es', idempotencyKey: key });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const third = await send().expect(201);
    expect(third.body).toEqual(first.body);
    const rows = await t.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('author_id', '=', ana.id)
      .execute();
    expect(rows).toHaveLength(1);
    const thread = await t.db
      .selectFrom('threads')
      .select('post_count')
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    expect(thread.post_count).toBe(2);
  });

  it('answers 8 parallel submissions of one reply from a new author alike: one post, eight 201s', async () => {
    const { threadId } = await startThread(t, organizer);
    const newcomer = await member(t, 'participant', 'fr');
    // Long enough that its renders overlap, as they do for a reader on a slow link whose client retries.
    const body = {
      bodyMd: 'Une **seule** fois, [même](https://example.org/a) _envoyée_ huit fois. '.repeat(600),
      lang: 'fr',
      idempotencyKey: newKey(),
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.post(`/api/threads/${threadId}/posts`).set('Cookie', newcomer.cookie).send(body),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(await t.db.selectFrom('posts').select('id').where('author_id', '=', newcomer.id).execute()).toEqual([
      { id: answers[0]!.body.post.id },
    ]);
    expect(
      (await t.db.selectFrom('threads').select('post_count').where('id', '=', threadId).executeTakeFirstOrThrow())
        .post_count,
    ).toBe(2);
  });

  it('answers 8 parallel submissions of one new thread alike: one thread, eight 201s', async () => {
    const newcomer = await member(t, 'participant');
    const body = {
      title: 'Eight times',
      bodyMd: 'Sent *eight* times [at once](https://example.org/b). '.repeat(700),
      lang: 'en',
      idempotencyKey: newKey(),
    };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.post(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', newcomer.cookie).send(body),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(await t.db.selectFrom('threads').select('id').where('author_id', '=', newcomer.id).execute()).toHaveLength(
      1,
    );
  });

  it('refuses a key reused for a different text', async () => {
    const { threadId } = await startThread(t, organizer);
    const key = newKey();
    await t
      .post(`/api/threads/${threadId}/posts`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'Primero', lang: 'es', idempotencyKey: key })
      .expect(201);
    const clash = await t
      .post(`/api/threads/${threadId}/posts`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'Otro texto', lang: 'es', idempotencyKey: key })
      .expect(409);
    expect(clash.body.error.code).toBe('idempotency_conflict');
  });

  it('makes one thread of a double-submitted new thread', async () => {
    const key = newKey();
    const body = { title: 'Once', bodyMd: 'Only once', lang: 'en', idempotencyKey: key };
    const [a, b] = await Promise.all([
      t.post(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', ben.cookie).send(body),
      t.post(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', ben.cookie).send(body),
    ]);
    expect(a.body.thread.id).toBe(b.body.thread.id);
    const rows = await t.db.selectFrom('threads').select('id').where('title', '=', 'Once').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('time box and roles', () => {
  it('refuses a post before the week opens, except from organizers', async () => {
    const week3 = await t
      .post(`/api/forums/${LIVE}/weeks/3/threads`)
      .set('Cookie', ana.cookie)
      .set('Accept-Language', 'es')
      .send({ title: 'Pronto', bodyMd: 'x', lang: 'es', idempotencyKey: newKey() });
    // The fixture has two weeks: week 3 does not exist.
    expect(week3.status).toBe(404);
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() + 86_400_000) })
      .where('number', '=', 2)
      .where('forum_id', '=', (eb) => eb.selectFrom('forums').select('id').where('slug', '=', LIVE))
      .execute();
    try {
      const early = await t
        .post(`/api/forums/${LIVE}/weeks/2/threads`)
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ title: 'Temprano', bodyMd: 'x', lang: 'es', idempotencyKey: newKey() })
        .expect(403);
      expect(early.body.error.code).toBe('week_not_open');
      await startThread(t, organizer, 2);
    } finally {
      await t.db
        .updateTable('weeks')
        .set({ opens_at: new Date(Date.now() - 3_600_000) })
        .where('number', '=', 2)
        .where('forum_id', '=', (eb) => eb.selectFrom('forums').select('id').where('slug', '=', LIVE))
        .execute();
    }
  });

  it('refuses posts after the forum ends, except from organizers', async () => {
    const { threadId } = await startThread(t, organizer);
    const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow())
      .id;
    const original = await t.db
      .selectFrom('forums')
      .select(['ends_at'])
      .where('id', '=', forumId)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('forums')
      .set({ ends_at: new Date(Date.now() - 1000) })
      .where('id', '=', forumId)
      .execute();
    try {
      const late = await t
        .post(`/api/threads/${threadId}/posts`)
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'fr')
        .send({ bodyMd: 'Trop tard', lang: 'fr', idempotencyKey: newKey() })
        .expect(403);
      expect(late.body.error).toEqual({
        code: 'week_closed',
        message: 'La semaine 2 est fermée\u00a0: vous pouvez la lire, mais vous ne pouvez plus y écrire.',
      });
      await reply(t, organizer, threadId);
    } finally {
      await t.db.updateTable('forums').set({ ends_at: original.ends_at }).where('id', '=', forumId).execute();
    }
  });

  it('closes a week at its end when the forum says so', async () => {
    const { threadId } = await startThread(t, organizer, 1);
    const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow())
      .id;
    await reply(t, ana, threadId);
    await t.db.updateTable('forums').set({ weeks_close_at_end: true }).where('id', '=', forumId).execute();
    try {
      expect(
        (
          await t
            .post(`/api/threads/${threadId}/posts`)
            .set('Cookie', ana.cookie)
            .send({ bodyMd: 'x', lang: 'en', idempotencyKey: newKey() })
            .expect(403)
        ).body.error.code,
      ).toBe('week_closed');
    } finally {
      await t.db.updateTable('forums').set({ weeks_close_at_end: false }).where('id', '=', forumId).execute();
    }
  });

  it('refuses non-members and visitors, and changes nothing', async () => {
    const { threadId } = await startThread(t, organizer);
    expect(
      (
        await t
          .post(`/api/threads/${threadId}/posts`)
          .set('Cookie', outsider.cookie)
          .send({ bodyMd: 'x', lang: 'en', idempotencyKey: newKey() })
          .expect(403)
      ).body.error.code,
    ).toBe('not_a_member');
    expect(
      (
        await t
          .post(`/api/threads/${threadId}/posts`)
          .send({ bodyMd: 'x', lang: 'en', idempotencyKey: newKey() })
          .expect(401)
      ).body.error.code,
    ).toBe('sign_in_required');
    expect((await t.get(`/api/threads/${threadId}`).set('Cookie', outsider.cookie).expect(403)).body.error.code).toBe(
      'not_a_member',
    );
    const week = (await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', ana.cookie).expect(200)).body;
    expect(week.permissions).toEqual({ startThreadBlockedBy: null, canStartPrompt: false, canModerate: false });
    expect(
      (await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', organizer.cookie).expect(200)).body.permissions,
    ).toEqual({ startThreadBlockedBy: null, canStartPrompt: true, canModerate: true });
    const count = await t.db.selectFrom('posts').select('id').where('thread_id', '=', threadId).execute();
    expect(count).toHaveLength(1);
  });

  it('refuses replies in a locked thread except from organizers, and audits the lock', async () => {
    const { threadId } = await startThread(t, ana);
    await t.patch(`/api/threads/${threadId}`).set('Cookie', ben.cookie).send({ locked: true }).expect(403);
    await t
      .patch(`/api/threads/${threadId}`)
      .set('Cookie', organizer.cookie)
      .send({ locked: true, pinned: true })
      .expect(204);
    const refused = await t
      .post(`/api/threads/${threadId}/posts`)
      .set('Cookie', ben.cookie)
      .set('Accept-Language', 'es')
      .send({ bodyMd: 'x', lang: 'en', idempotencyKey: newKey() })
      .expect(403);
    expect(refused.body.error.message).toBe(
      'Este hilo está cerrado: el equipo organizador ya no admite respuestas nuevas.',
    );
    await reply(t, organizer, threadId);
    const list = (await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', ben.cookie).expect(200)).body
      .threads;
    expect(list[0]).toMatchObject({ id: threadId, pinned: true, locked: true });
    const page = (await t.get(`/api/threads/${threadId}`).set('Cookie', ben.cookie).expect(200)).body.thread;
    expect(page).toMatchObject({ canReply: false, replyBlockedBy: 'thread_locked' });
    const audit = (await t.get(`/api/forums/${LIVE}/audit-log`).set('Cookie', organizer.cookie).expect(200)).body
      .entries;
    expect(
      audit
        .slice(0, 2)
        .map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['lock', 'pin']);
    await t.get(`/api/forums/${LIVE}/audit-log`).set('Cookie', ana.cookie).expect(403);
  });
});

describe('limits', () => {
  it('refuses a body over the limit with a clear error and stores nothing', async () => {
    const { threadId } = await startThread(t, organizer);
    const response = await t
      .post(`/api/threads/${threadId}/posts`)
      .set('Cookie', ana.cookie)
      .set('Accept-Language', 'es')
      .send({ bodyMd: 'palabra '.repeat(7000), lang: 'es', idempotencyKey: newKey() })
      .expect(413);
    expect(response.body.error).toEqual({
      code: 'too_long',
      message: '«Texto» es demasiado largo: como máximo 50000 caracteres.',
    });
    expect(await t.db.selectFrom('posts').select('id').where('thread_id', '=', threadId).execute()).toHaveLength(1);
  });

  it('rate-limits post creation per user', async () => {
    const limited = await createTestApp({ postRateLimit: { max: 8, windowMs: 60_000 } });
    try {
      await importFixture(limited);
      const [writer, other] = [await member(limited, 'participant'), await member(limited, 'participant')];
      await rateLimitJourney(limited, writer, other);
    } finally {
      await limited.close();
    }
  });
});

async function rateLimitJourney(t: TestApp, writer: Member, ben: Member) {
  {
    const { threadId } = await startThread(t, ben);
    const statuses: number[] = [];
    const sent: { body: Record<string, unknown>; answer: unknown }[] = [];
    for (let i = 0; i < 9; i++) {
      const body = { bodyMd: `n ${i}`, lang: 'en', idempotencyKey: newKey() };
      const response = await t.post(`/api/threads/${threadId}/posts`).set('Cookie', writer.cookie).send(body);
      statuses.push(response.status);
      sent.push({ body, answer: response.body });
    }
    // The writer's eight; ben's thread counted against ben.
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(201));
    expect(statuses[8]).toBe(429);
    // A retry of a stored submission is a replay, not a new post: the same answer, past the limit.
    for (const { body, answer } of [sent[0]!, sent[7]!]) {
      const retry = await t.post(`/api/threads/${threadId}/posts`).set('Cookie', writer.cookie).send(body);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(answer);
    }
    // A new submission is still limited.
    expect(
      (
        await t
          .post(`/api/threads/${threadId}/posts`)
          .set('Cookie', writer.cookie)
          .send({ bodyMd: 'más', lang: 'en', idempotencyKey: newKey() })
      ).status,
    ).toBe(429);
    // Another writer is not affected.
    await reply(t, ben, threadId);
  }
}
