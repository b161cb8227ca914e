// Questions live and late: a question and its answered mark reach a socket subscribed to the
// case study's thread (and not a socket without the right to read it); organizers list the
// questions unanswered past the forum's target, oldest first, and are told of them once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { LIVE, member, newKey, type Member } from '../helpers/forum-fixture.ts';
import { connectLive } from '../helpers/live-client.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';
import { onPostgres } from '../helpers/test-database.ts';
import { questionsOverdue } from '../../server/questions/questions.service.ts';
import { announceOverdueQuestions } from '../../server/questions/question-jobs.ts';
import { findSessionUser } from '../home/session-user.ts';
import { ask, questionScene, type CaseStudyFixture } from './fixtures.ts';

let t: TestApp;
let url: string;
let kr: Member;
let asker: Member;
let organizer: Member;
let study: CaseStudyFixture;

beforeAll(async () => {
  t = await createTestApp();
  ({ kr, asker, organizer, study } = await questionScene(t, { krName: 'Rosa Key' }));
  url = await listenOnLoopback(t.app);
});
afterAll(async () => {
  await t?.close();
});

describe(`questions live (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('delivers a new question and its answered mark to a subscriber of the thread, and nothing to an outsider', async () => {
    const live = await connectLive(url, asker.cookie);
    const outsider = await member(t, null);
    const outside = await connectLive(url, outsider.cookie);
    try {
      live.send({ type: 'subscribe', forum: LIVE, thread: study.threadId });
      await live.waitFor((m) => m.type === 'subscribed');
      outside.send({ type: 'subscribe', forum: LIVE, thread: study.threadId });
      const refused = await outside.waitFor((m) => m.type === 'error' || m.type === 'subscribed');
      expect(refused.type).toBe('error');

      const question = (await ask(t, asker, study.id, { bodyMd: 'Live question?' }).expect(201)).body.post;
      const created = await live.waitFor(
        (m) => m.type === 'event' && m.event === 'post.created' && m.payload.post.id === question.id,
        15_000,
      );
      expect(created.payload.post.question).toEqual({
        addressedTo: { id: kr.id, displayName: 'Rosa Key' },
        answeredAt: null,
        answerPostId: null,
      });

      const answer = (
        await t
          .post(`/api/threads/${study.threadId}/posts`)
          .set('Cookie', kr.cookie)
          .send({ parentId: question.id, bodyMd: 'Live answer.', lang: 'en', idempotencyKey: newKey() })
          .expect(201)
      ).body.post;
      const marked = await live.waitFor(
        (m) => m.type === 'event' && m.event === 'question.answered' && m.payload.questionId === question.id,
        15_000,
      );
      expect(marked).toMatchObject({ threadId: study.threadId, payload: { answerPostId: answer.id } });
      // The answer arrives before its mark, so a client can show both at once.
      const order = live.messages.filter((m) => m.type === 'event').map((m) => (m as { id: number }).id);
      expect([...order].sort((x, y) => x - y)).toEqual(order);

      await t.delete(`/api/posts/${question.id}/answer`).set('Cookie', asker.cookie).expect(200);
      const reopened = await live.waitFor(
        (m) => m.type === 'event' && m.event === 'question.reopened' && m.payload.questionId === question.id,
        15_000,
      );
      expect(reopened.payload).toMatchObject({ answerPostId: null, answeredAt: null });
      expect(outside.messages.filter((m) => m.type === 'event')).toEqual([]);
    } finally {
      await live.close();
      await outside.close();
    }
  });
});

describe('questions past the target', () => {
  it('lists unanswered questions past the forum’s target, oldest first, to organizers only, and tells them once', async () => {
    const base = Date.now();
    const hoursAgo = (h: number) => new Date(base - h * 3600_000);
    const ids: number[] = [];
    for (const [h, text] of [
      [30, 'Oldest?'],
      [26, 'Older?'],
      [2, 'Recent?'],
    ] as const) {
      const id = (await ask(t, asker, study.id, { bodyMd: text }).expect(201)).body.post.id as number;
      await t.db
        .updateTable('posts')
        .set({ created_at: hoursAgo(h) })
        .where('id', '=', id)
        .execute();
      ids.push(id);
    }
    const answeredLate = (await ask(t, asker, study.id, { bodyMd: 'Answered?' }).expect(201)).body.post.id as number;
    await t.db
      .updateTable('posts')
      .set({ created_at: hoursAgo(40) })
      .where('id', '=', answeredLate)
      .execute();
    await t.post(`/api/posts/${answeredLate}/answer`).set('Cookie', asker.cookie).send({}).expect(200);

    const now = new Date(base);
    const list = await questionsOverdue(t.db, await findSessionUser(t, organizer.id), LIVE, 'en', now);
    expect(list.targetHours).toBe(24);
    const mine = list.questions.filter((q) => ids.includes(q.post.id));
    expect(mine.map((q) => q.post.id)).toEqual([ids[0], ids[1]]);
    expect(mine[0]!.dueAt).toBe(new Date(hoursAgo(30).getTime() + 24 * 3600_000).toISOString());
    // A shorter target brings the recent one in; the clock is the caller's.
    await t.db.updateTable('forums').set({ question_target_hours: 1 }).where('slug', '=', LIVE).execute();
    const stricter = await questionsOverdue(t.db, await findSessionUser(t, organizer.id), LIVE, 'en', now);
    expect(stricter.questions.filter((q) => ids.includes(q.post.id)).map((q) => q.post.id)).toEqual(ids);
    const earlier = await questionsOverdue(t.db, await findSessionUser(t, organizer.id), LIVE, 'en', hoursAgo(29));
    expect(earlier.questions.filter((q) => ids.includes(q.post.id)).map((q) => q.post.id)).toEqual([ids[0]]);
    await t.db.updateTable('forums').set({ question_target_hours: 24 }).where('slug', '=', LIVE).execute();

    const http = await t.get(`/api/forums/${LIVE}/questions/overdue`).set('Cookie', organizer.cookie).expect(200);
    expect(http.body.questions.map((q: { post: { id: number } }) => q.post.id)).toEqual(
      expect.arrayContaining([ids[0], ids[1]]),
    );
    expect(
      (await t.get(`/api/forums/${LIVE}/questions/overdue`).set('Cookie', asker.cookie).expect(403)).body.error.code,
    ).toBe('forbidden');
    expect(
      (await t.get(`/api/forums/${LIVE}/questions/overdue`).set('Cookie', kr.cookie).expect(403)).body.error.code,
    ).toBe('forbidden');
    expect((await t.get(`/api/forums/${LIVE}/questions/overdue`).expect(401)).body.error.code).toBe('sign_in_required');
    const otherOrganizer = await member(t, null);
    const otherForum = await t.db
      .selectFrom('forums')
      .select('id')
      .where('slug', '=', 'fixture-2009')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('memberships')
      .values({ forum_id: otherForum.id, user_id: otherOrganizer.id, role: 'organizer' })
      .execute();
    expect(
      (await t.get(`/api/forums/${LIVE}/questions/overdue`).set('Cookie', otherOrganizer.cookie).expect(403)).body.error
        .code,
    ).toBe('forbidden');

    // The job tells the forum's organizers once, whatever the number of ticks.
    expect(await announceOverdueQuestions(t.db, now)).toBe(1);
    expect(await announceOverdueQuestions(t.db, now)).toBe(0);
    const told = await t.db
      .selectFrom('notifications')
      .select(['type', 'payload'])
      .where('user_id', '=', organizer.id)
      .where('type', '=', 'question.overdue')
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({ count: 2, targetHours: 24 });
    // Its link opens the organizers' list of overdue questions.
    const inbox = (await t.get('/api/notifications').set('Cookie', organizer.cookie).expect(200)).body;
    expect(inbox.groups.find((group: { type: string }) => group.type === 'question.overdue')).toMatchObject({
      href: `/forums/${LIVE}/questions/overdue`,
    });
  });
});
