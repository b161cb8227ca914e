// Review findings on questions: asking after the case study's week closed is refused in the
// caller's language and changes nothing; a question hidden by moderation leaves every channel
// that counts or lists questions (the case study's list and counts, the week page, "waiting for
// you", the home, the organizers' overdue list) and comes back when unhidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../server/errors/domain-error.ts';
import { askQuestion } from '../../server/questions/questions.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { LIVE, newKey, type Member } from '../helpers/forum-fixture.ts';
import { sessionUser } from '../case-studies/helpers.ts';
import { ask, questionScene, type CaseStudyFixture } from './fixtures.ts';

let t: TestApp;
let kr: Member;
let asker: Member;
let organizer: Member;
let study: CaseStudyFixture;

beforeAll(async () => {
  t = await createTestApp();
  ({ kr, asker, organizer, study } = await questionScene(t));
});
afterAll(async () => {
  await t?.close();
});

const questionCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('thread_id', '=', study.threadId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the time box', () => {
  it('refuses a question once the week has closed, and posts nothing', async () => {
    const week = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.closes_at', 'forums.ends_at', 'forums.weeks_close_at_end'])
      .where('weeks.id', '=', study.weekId)
      .executeTakeFirstOrThrow();
    const closed = week.weeks_close_at_end ? week.closes_at : week.ends_at;
    const before = await questionCount();
    const refusal = await askQuestion(
      t.db,
      await sessionUser(t.db, asker.id),
      study.id,
      { bodyMd: 'Too late?', lang: 'en', idempotencyKey: newKey() },
      closed,
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('week_closed');
    expect(await questionCount()).toBe(before);
  });
});

describe('a hidden question', () => {
  it('leaves the lists and counts of every channel while hidden, and returns when unhidden', async () => {
    const question = (await ask(t, asker, study.id).expect(201)).body.post as { id: number };
    // Overdue for the organizers' list: asked long before the forum's target.
    await t.db
      .updateTable('posts')
      .set({ created_at: new Date(Date.now() - 3 * 86_400_000) })
      .where('id', '=', question.id)
      .execute();
    const seen = async () => {
      const list = (await t.get(`/api/case-studies/${study.id}/questions`).set('Cookie', asker.cookie).expect(200))
        .body;
      const week = (await t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', asker.cookie).expect(200)).body.week;
      const waiting = (await t.get(`/api/forums/${LIVE}/questions/waiting`).set('Cookie', kr.cookie).expect(200)).body
        .questions;
      const overdue = (await t.get(`/api/forums/${LIVE}/questions/overdue`).set('Cookie', organizer.cookie).expect(200))
        .body.questions;
      const krHome = (await t.get('/api/home').set('Cookie', kr.cookie).expect(200)).body.forums.find(
        (f: { slug: string }) => f.slug === LIVE,
      );
      const askerHome = (await t.get('/api/home').set('Cookie', asker.cookie).expect(200)).body.forums.find(
        (f: { slug: string }) => f.slug === LIVE,
      );
      const ids = (rows: { id?: number; post?: { id: number } }[]) => rows.map((row) => row.post?.id ?? row.id);
      return {
        list: ids(list.questions),
        counts: list.counts,
        week: week.caseStudies.find((s: { id: number }) => s.id === study.id).questions,
        waiting: ids(waiting),
        overdue: ids(overdue),
        krHome: ids(krHome.questionsWaiting),
        askerHome: ids(askerHome.myUnansweredQuestions),
      };
    };
    const shown = {
      list: [question.id],
      counts: { answered: 0, unanswered: 1 },
      week: { answered: 0, unanswered: 1 },
      waiting: [question.id],
      overdue: [question.id],
      krHome: [question.id],
      askerHome: [question.id],
    };
    expect(await seen()).toEqual(shown);
    await t
      .post(`/api/posts/${question.id}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Off topic' })
      .expect(204);
    expect(await seen()).toEqual({
      list: [],
      counts: { answered: 0, unanswered: 0 },
      week: { answered: 0, unanswered: 0 },
      waiting: [],
      overdue: [],
      krHome: [],
      askerHome: [],
    });
    // Nor may the asker mark it answered while it is hidden.
    expect(
      (await t.post(`/api/posts/${question.id}/answer`).set('Cookie', asker.cookie).send({}).expect(403)).body.error
        .code,
    ).toBe('forbidden');
    await t.post(`/api/posts/${question.id}/unhide`).set('Cookie', organizer.cookie).send().expect(204);
    expect(await seen()).toEqual(shown);
  });

  it("is not answered by the key respondent's reply while hidden, so its asker is told of nothing", async () => {
    const question = (await ask(t, asker, study.id).expect(201)).body.post as { id: number };
    await t
      .post(`/api/posts/${question.id}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Off topic' })
      .expect(204);
    await t
      .post(`/api/threads/${study.threadId}/posts`)
      .set('Cookie', kr.cookie)
      .send({ parentId: question.id, bodyMd: 'Une réponse.', lang: 'fr', idempotencyKey: newKey() })
      .expect(201);
    const row = await t.db
      .selectFrom('posts')
      .select(['answered_at', 'answer_post_id'])
      .where('id', '=', question.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ answered_at: null, answer_post_id: null });
    const told = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', asker.id)
      .where('type', '=', 'question.answered')
      .execute();
    expect(told).toEqual([]);
  });
});
