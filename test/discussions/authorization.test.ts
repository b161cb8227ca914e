// Every discussion and moderation route refuses the wrong role, and the refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let participant: Member;
let organizer: Member;
let outsider: Member;
let threadId: number;
let postId: number;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [participant, organizer, outsider] = [
    await member(t, 'participant'),
    await member(t, 'organizer'),
    await member(t, null, 'es'),
  ];
  ({ threadId } = await startThread(t, organizer));
  postId = (await reply(t, participant, threadId)).id;
});
afterAll(async () => {
  await t?.close();
});

async function snapshot() {
  return {
    threads: await t.db.selectFrom('threads').selectAll().orderBy('id').execute(),
    posts: await t.db.selectFrom('posts').selectAll().orderBy('id').execute(),
    reads: await t.db.selectFrom('thread_reads').selectAll().execute(),
    reports: await t.db.selectFrom('reports').selectAll().execute(),
    audit: await t.db.selectFrom('audit_log').selectAll().execute(),
    drafts: await t.db.selectFrom('drafts').selectAll().execute(),
  };
}

describe('wrong roles are refused', () => {
  it('refuses a non-member each write, in their language, changing nothing', async () => {
    const before = await snapshot();
    const as = (request: ReturnType<TestApp['post']>) =>
      request.set('Cookie', outsider.cookie).set('Accept-Language', 'es');
    const refusals = [
      await as(t.post(`/api/forums/${LIVE}/weeks/2/threads`)).send({
        title: 'x',
        bodyMd: 'x',
        lang: 'es',
        idempotencyKey: newKey(),
      }),
      await as(t.post(`/api/forums/${LIVE}/weeks/2/read`)).send(),
      await as(t.put(`/api/threads/${threadId}/read`)).send({ lastReadPostId: postId }),
      await as(t.post(`/api/posts/${postId}/reports`)).send({ reason: 'x' }),
      await as(t.patch(`/api/posts/${postId}`)).send({ bodyMd: 'x', lang: 'es', baseRevision: 1 }),
      await as(t.put(`/api/drafts/reply:thread:${threadId}`)).send({ bodyMd: 'x', lang: 'es' }),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(403);
      expect(response.body.error).toEqual({
        code: 'not_a_member',
        message:
          'El material de este foro es para sus miembros. Únase al foro o presente una solicitud para participar.',
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses participants the organizers’ moderation routes', async () => {
    await t.post(`/api/posts/${postId}/hide`).set('Cookie', organizer.cookie).send({ reason: 'test' }).expect(204);
    const before = await snapshot();
    expect(
      (await t.post(`/api/posts/${postId}/unhide`).set('Cookie', participant.cookie).expect(403)).body.error.code,
    ).toBe('forbidden');
    expect(
      (await t.patch(`/api/threads/${threadId}`).set('Cookie', participant.cookie).send({ pinned: true }).expect(403))
        .body.error.code,
    ).toBe('forbidden');
    await t.get(`/api/forums/${LIVE}/reports`).set('Cookie', participant.cookie).expect(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses visitors every signed-in route with 401', async () => {
    for (const response of [
      await t
        .post(`/api/forums/${LIVE}/weeks/2/threads`)
        .send({ title: 'x', bodyMd: 'x', lang: 'en', idempotencyKey: newKey() }),
      await t.post(`/api/forums/${LIVE}/weeks/2/read`).send(),
      await t.put(`/api/threads/${threadId}/read`).send({ lastReadPostId: postId }),
      await t.post(`/api/posts/${postId}/hide`).send({ reason: 'x' }),
      await t.post(`/api/posts/${postId}/reports`).send({ reason: 'x' }),
      await t.get(`/api/forums/${LIVE}/audit-log`),
      await t.get('/api/drafts/reply:thread:1'),
    ])
      expect(response.status).toBe(401);
  });
});
