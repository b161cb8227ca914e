// Questions to key respondents, through the API: asking about a published case study (only its
// key respondent is asked), answering by a reply, marking answered by the right people only,
// the lists and their counts, and bad input refused in the caller's language with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, type Member } from '../helpers/forum-fixture.ts';
import { onPostgres } from '../helpers/test-database.ts';
import { ask, caseStudy, keyRespondent, type CaseStudyFixture } from './fixtures.ts';

let t: TestApp;
let kr: Member;
let otherKr: Member;
let asker: Member;
let bystander: Member;
let organizer: Member;
let outsider: Member;
let translator: Member;
let study: CaseStudyFixture;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  kr = await keyRespondent(t, 2, { name: 'Rosa Key' });
  otherKr = await keyRespondent(t, 1, { name: 'Otto Key' });
  [asker, bystander, organizer, outsider] = [
    await member(t, 'participant', 'en'),
    await member(t, 'participant', 'es'),
    await member(t, 'organizer'),
    await member(t, null),
  ];
  const translatorUser = await createUser(t.db, { roles: [{ forumSlug: LIVE, role: 'translator' }] });
  translator = { ...translatorUser, cookie: await signIn(t, translatorUser) };
  study = await caseStudy(t, kr);
});
afterAll(async () => {
  await t?.close();
});

async function postCount() {
  const row = await t.db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function notificationsOf(userId: number, postId: number) {
  return t.db
    .selectFrom('notifications')
    .select(['type', 'in_app', 'email_status'])
    .where('user_id', '=', userId)
    .where('post_id', '=', postId)
    .orderBy('type')
    .execute();
}

describe(`asking a key respondent (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('posts the question in the case study thread, addressed to its key respondent, who alone is told directly', async () => {
    const response = await ask(t, asker, study.id, { bodyMd: '¿Cómo consiguieron **tierra**?', lang: 'es' }).expect(
      201,
    );
    const post = response.body.post;
    expect(post).toMatchObject({
      threadId: study.threadId,
      parentId: null,
      lang: 'es',
      mine: true,
      html: '<p>¿Cómo consiguieron <strong>tierra</strong>?</p>',
    });
    expect(post.question).toEqual({
      addressedTo: { id: kr.id, displayName: 'Rosa Key' },
      answeredAt: null,
      answerPostId: null,
    });
    // The translation policy (es → en) applies as to any post.
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select(['target_lang'])
      .where('item_type', '=', 'post')
      .where('item_id', '=', post.id)
      .execute();
    expect(tasks).toEqual([{ target_lang: 'en' }]);
    // The key respondent hears of it once, directly (emailed at once), not also as a thread post.
    expect(await notificationsOf(kr.id, post.id)).toEqual([
      { type: 'question.asked', in_app: true, email_status: 'queued' },
    ]);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['template', 'payload'])
      .where('user_id', '=', kr.id)
      .where('template', '=', 'question_asked')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.payload).toMatchObject({ questionId: post.id, caseStudyId: study.id });
  });

  it('replays a double submit as the same question', async () => {
    const key = newKey();
    const first = await ask(t, asker, study.id, { idempotencyKey: key }).expect(201);
    const before = await postCount();
    const second = await ask(t, asker, study.id, { idempotencyKey: key }).expect(201);
    expect(second.body.post.id).toBe(first.body.post.id);
    expect(await postCount()).toBe(before);
  });

  it('refuses to address anyone but the case study’s key respondent, and changes nothing', async () => {
    const before = await postCount();
    const crafted = await ask(t, asker, study.id, { addressedTo: otherKr.id }).set('Accept-Language', 'es').expect(403);
    expect(crafted.body.error.code).toBe('question_addressee');
    expect(crafted.body.error.message).toMatch(/ponente clave/);
    await ask(t, asker, study.id, { addressedTo: bystander.id }).expect(403);
    // Naming the right one is fine.
    await ask(t, asker, study.id, { addressedTo: kr.id }).expect(201);
    expect(await postCount()).toBe(before + 1);
  });

  it('refuses a case study not published, one whose author is not its week’s key respondent, and asking oneself', async () => {
    const draft = await caseStudy(t, otherKr, 1, { published: false });
    expect((await ask(t, asker, draft.id).expect(404)).body.error.code).toBe('not_found');
    // otherKr is appointed to week 1: a case study of theirs in week 2 takes no questions.
    const misplaced = await caseStudy(t, otherKr, 2, { title: 'Fuera de su semana' });
    expect((await ask(t, asker, misplaced.id).expect(403)).body.error.code).toBe('question_addressee');
    expect((await ask(t, kr, study.id).expect(409)).body.error.code).toBe('question_to_self');
    expect((await ask(t, asker, 999_999).expect(404)).body.error.code).toBe('not_found');
  });

  it('asks only members who may write in the week', async () => {
    const visitor = await t
      .post(`/api/case-studies/${study.id}/questions`)
      .send({ bodyMd: 'Hola', lang: 'es', idempotencyKey: newKey() })
      .expect(401);
    expect(visitor.body.error.code).toBe('sign_in_required');
    expect((await ask(t, outsider, study.id).expect(403)).body.error.code).toBe('not_a_member');
    await ask(t, translator, study.id).expect(201);
    await ask(t, organizer, study.id).expect(201);
    await ask(t, otherKr, study.id).expect(201);
  });

  it('refuses bad input in the caller’s language and changes nothing', async () => {
    const before = await postCount();
    const empty = await ask(t, bystander, study.id, { bodyMd: '   ' }).set('Accept-Language', 'fr').expect(400);
    expect(empty.body.error.code).toBe('validation');
    expect(empty.body.error.message).not.toMatch(/^[a-z_]+$/);
    await ask(t, bystander, study.id, { lang: 'de' }).expect(400);
    await ask(t, bystander, study.id, { idempotencyKey: 'not-a-uuid' }).expect(400);
    await ask(t, bystander, study.id, { addressedTo: 'me' }).expect(400);
    await t
      .post('/api/case-studies/0/questions')
      .set('Cookie', bystander.cookie)
      .send({ bodyMd: 'x', lang: 'en', idempotencyKey: newKey() })
      .expect(400);
    expect(await postCount()).toBe(before);
  });
});

describe('answering', () => {
  it('marks the question answered when its key respondent replies to it, and tells the asker once', async () => {
    const question = (await ask(t, asker, study.id).expect(201)).body.post;
    // Someone else's reply does not answer it.
    await t
      .post(`/api/threads/${study.threadId}/posts`)
      .set('Cookie', bystander.cookie)
      .send({ parentId: question.id, bodyMd: 'Buena pregunta', lang: 'es', idempotencyKey: newKey() })
      .expect(201);
    let row = await t.db
      .selectFrom('posts')
      .select(['answered_at', 'answer_post_id'])
      .where('id', '=', question.id)
      .executeTakeFirstOrThrow();
    expect(row.answered_at).toBeNull();

    const answer = (
      await t
        .post(`/api/threads/${study.threadId}/posts`)
        .set('Cookie', kr.cookie)
        .send({ parentId: question.id, bodyMd: 'Con un fondo rotatorio.', lang: 'es', idempotencyKey: newKey() })
        .expect(201)
    ).body.post;
    row = await t.db
      .selectFrom('posts')
      .select(['answered_at', 'answer_post_id'])
      .where('id', '=', question.id)
      .executeTakeFirstOrThrow();
    expect(row.answer_post_id).toBe(answer.id);
    expect(row.answered_at).not.toBeNull();
    expect(await notificationsOf(asker.id, answer.id)).toEqual([
      { type: 'question.answered', in_app: true, email_status: 'pending' },
    ]);

    // A second reply by the key respondent leaves the answer as it was.
    await t
      .post(`/api/threads/${study.threadId}/posts`)
      .set('Cookie', kr.cookie)
      .send({ parentId: question.id, bodyMd: 'Y algo más.', lang: 'es', idempotencyKey: newKey() })
      .expect(201);
    const again = await t.db
      .selectFrom('posts')
      .select(['answer_post_id'])
      .where('id', '=', question.id)
      .executeTakeFirstOrThrow();
    expect(again.answer_post_id).toBe(answer.id);

    const page = await t.get(`/api/threads/${study.threadId}`).set('Cookie', asker.cookie).expect(200);
    const shown = page.body.posts.find((p: { id: number }) => p.id === question.id);
    expect(shown.question).toMatchObject({ addressedTo: { id: kr.id }, answerPostId: answer.id });
  });

  it('lets the key respondent, the asker and organizers mark and unmark, and refuses everyone else', async () => {
    const question = (await ask(t, asker, study.id).expect(201)).body.post;
    const reply = (
      await t
        .post(`/api/threads/${study.threadId}/posts`)
        .set('Cookie', bystander.cookie)
        .send({
          parentId: question.id,
          bodyMd: 'Lo hicieron con la intendencia.',
          lang: 'es',
          idempotencyKey: newKey(),
        })
        .expect(201)
    ).body.post;
    const mark = (who: Member | null, body: Record<string, unknown> = {}) => {
      const request = t.post(`/api/posts/${question.id}/answer`).send(body);
      return who ? request.set('Cookie', who.cookie) : request;
    };
    const unmark = (who: Member) => t.delete(`/api/posts/${question.id}/answer`).set('Cookie', who.cookie);

    expect((await mark(null).expect(401)).body.error.code).toBe('sign_in_required');
    expect((await mark(bystander).expect(403)).body.error.code).toBe('forbidden');
    expect((await mark(translator).expect(403)).body.error.code).toBe('forbidden');
    expect((await mark(otherKr).expect(403)).body.error.code).toBe('forbidden');
    expect((await mark(outsider).expect(403)).body.error.code).toBe('not_a_member');
    expect((await unmark(bystander).expect(403)).body.error.code).toBe('forbidden');

    // The asker marks it answered without naming a reply, then takes it back.
    const byAsker = await mark(asker).expect(200);
    expect(byAsker.body.post.question).toMatchObject({ answerPostId: null });
    expect(byAsker.body.post.question.answeredAt).not.toBeNull();
    expect((await unmark(asker).expect(200)).body.post.question).toMatchObject({
      answeredAt: null,
      answerPostId: null,
    });
    // The key respondent marks someone else's reply as the answer.
    expect((await mark(kr, { answerPostId: reply.id }).expect(200)).body.post.question).toMatchObject({
      answerPostId: reply.id,
    });
    // The answer must be a reply below the question.
    const elsewhere = (await ask(t, bystander, study.id).expect(201)).body.post;
    const wrong = await mark(organizer, { answerPostId: elsewhere.id }).set('Accept-Language', 'es').expect(400);
    expect(wrong.body.error.code).toBe('answer_not_below_question');
    expect(wrong.body.error.message).toMatch(/respuesta/);
    const state = await t.db
      .selectFrom('posts')
      .select(['answer_post_id'])
      .where('id', '=', question.id)
      .executeTakeFirstOrThrow();
    expect(state.answer_post_id).toBe(reply.id);
    // Organizers may unmark and mark.
    await unmark(organizer).expect(200);
    await mark(organizer, { answerPostId: reply.id }).expect(200);
    // A post that is not a question has no answer to mark.
    expect(
      (await t.post(`/api/posts/${reply.id}/answer`).set('Cookie', organizer.cookie).send({}).expect(404)).body.error
        .code,
    ).toBe('not_a_question');
    expect(
      (await t.post('/api/posts/999999/answer').set('Cookie', organizer.cookie).send({}).expect(404)).body.error.code,
    ).toBe('not_found');
    await t
      .post(`/api/posts/${question.id}/answer`)
      .set('Cookie', organizer.cookie)
      .send({ answerPostId: 'x' })
      .expect(400);
  });
});

describe('lists and counts', () => {
  it('lists a case study’s questions by state, with counts and the answer beside each', async () => {
    const kr2 = await keyRespondent(t, 2, { name: 'Second Key' });
    const fresh = await caseStudy(t, kr2, 2, { title: 'Otra experiencia' });
    const q1 = (await ask(t, asker, fresh.id, { bodyMd: 'First?' }).expect(201)).body.post;
    const q2 = (await ask(t, bystander, fresh.id, { bodyMd: '¿Segunda?', lang: 'es' }).expect(201)).body.post;
    const answer = (
      await t
        .post(`/api/threads/${fresh.threadId}/posts`)
        .set('Cookie', kr2.cookie)
        .send({ parentId: q1.id, bodyMd: 'Yes.', lang: 'en', idempotencyKey: newKey() })
        .expect(201)
    ).body.post;

    const all = await t.get(`/api/case-studies/${fresh.id}/questions`).set('Cookie', asker.cookie).expect(200);
    expect(all.body.counts).toEqual({ answered: 1, unanswered: 1 });
    expect(all.body.questions.map((q: { post: { id: number } }) => q.post.id)).toEqual([q1.id, q2.id]);
    expect(all.body.questions[0].answer).toMatchObject({ id: answer.id, html: '<p>Yes.</p>' });
    expect(all.body.askBlockedBy).toBeNull();
    // The reading rule: the Spanish question shows as pending for an English-only reader.
    expect(all.body.questions[1].post).toMatchObject({ lang: 'es', translationPending: true });

    const unanswered = await t
      .get(`/api/case-studies/${fresh.id}/questions?state=unanswered`)
      .set('Cookie', asker.cookie)
      .expect(200);
    expect(unanswered.body.questions.map((q: { post: { id: number } }) => q.post.id)).toEqual([q2.id]);
    const answered = await t
      .get(`/api/case-studies/${fresh.id}/questions?state=answered`)
      .set('Cookie', asker.cookie)
      .expect(200);
    expect(answered.body.questions.map((q: { post: { id: number } }) => q.post.id)).toEqual([q1.id]);
    expect(
      (await t.get(`/api/case-studies/${fresh.id}/questions`).set('Cookie', kr2.cookie).expect(200)).body.askBlockedBy,
    ).toBe('question_to_self');
    await t.get(`/api/case-studies/${fresh.id}/questions?state=maybe`).set('Cookie', asker.cookie).expect(400);
    expect((await t.get(`/api/case-studies/${fresh.id}/questions`).expect(401)).body.error.code).toBe(
      'sign_in_required',
    );
    expect(
      (await t.get(`/api/case-studies/${fresh.id}/questions`).set('Cookie', outsider.cookie).expect(403)).body.error
        .code,
    ).toBe('not_a_member');

    // The week page shows the same counts per case study, and the week's total.
    const week = await t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', asker.cookie).expect(200);
    const shown = week.body.week.caseStudies.find((c: { id: number }) => c.id === fresh.id);
    expect(shown.questions).toEqual({ answered: 1, unanswered: 1 });
    const total = week.body.week.caseStudies.reduce(
      (sum: number, c: { questions: { unanswered: number } }) => sum + c.questions.unanswered,
      0,
    );
    expect(week.body.week.questions.unanswered).toBe(total);

    // A hidden question leaves the counts and the lists.
    await t.db
      .updateTable('posts')
      .set({ hidden_at: new Date(), hidden_by: organizer.id, hidden_reason: 'test' })
      .where('id', '=', q2.id)
      .execute();
    const after = await t.get(`/api/case-studies/${fresh.id}/questions`).set('Cookie', asker.cookie).expect(200);
    expect(after.body.counts).toEqual({ answered: 1, unanswered: 0 });
  });

  it('shows a key respondent the questions waiting for them, and nobody else', async () => {
    const mine = await t.get(`/api/forums/${LIVE}/questions/waiting`).set('Cookie', kr.cookie).expect(200);
    expect(mine.body.targetHours).toBe(24);
    expect(mine.body.questions.length).toBeGreaterThan(0);
    for (const item of mine.body.questions) {
      expect(item.post.question).toMatchObject({ addressedTo: { id: kr.id }, answeredAt: null });
      expect(item.caseStudy.title.value).toBeTruthy();
      expect(item.weekNumber).toBe(2);
    }
    const times = mine.body.questions.map((item: { post: { createdAt: string } }) => item.post.createdAt);
    expect([...times].sort()).toEqual(times);
    expect(
      (await t.get(`/api/forums/${LIVE}/questions/waiting`).set('Cookie', asker.cookie).expect(200)).body.questions,
    ).toEqual([]);
    expect((await t.get(`/api/forums/${LIVE}/questions/waiting`).expect(401)).body.error.code).toBe('sign_in_required');
    expect(
      (await t.get(`/api/forums/${LIVE}/questions/waiting`).set('Cookie', outsider.cookie).expect(403)).body.error.code,
    ).toBe('not_a_member');
    await t.get('/api/forums/no-such-forum/questions/waiting').set('Cookie', kr.cookie).expect(404);
  });
});

describe('authorization matrix: admin and organizer of another forum', () => {
  it('lets a site admin act as an organizer and refuses an organizer of another forum everywhere', async () => {
    const adminUser = await createUser(t.db, { isAdmin: true });
    const admin = { ...adminUser, cookie: await signIn(t, adminUser) };
    const elsewhereUser = await createUser(t.db, { roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] });
    const elsewhere = { ...elsewhereUser, cookie: await signIn(t, elsewhereUser) };
    const question = (await ask(t, asker, study.id).expect(201)).body.post;

    expect((await ask(t, elsewhere, study.id).expect(403)).body.error.code).toBe('not_a_member');
    expect(
      (await t.post(`/api/posts/${question.id}/answer`).set('Cookie', elsewhere.cookie).send({}).expect(403)).body.error
        .code,
    ).toBe('not_a_member');
    expect(
      (await t.delete(`/api/posts/${question.id}/answer`).set('Cookie', elsewhere.cookie).expect(403)).body.error.code,
    ).toBe('not_a_member');
    expect(
      (await t.get(`/api/case-studies/${study.id}/questions`).set('Cookie', elsewhere.cookie).expect(403)).body.error
        .code,
    ).toBe('not_a_member');
    expect(
      (await t.get(`/api/forums/${LIVE}/questions/waiting`).set('Cookie', elsewhere.cookie).expect(403)).body.error
        .code,
    ).toBe('not_a_member');
    expect(
      (await t.get(`/api/forums/${LIVE}/questions/overdue`).set('Cookie', elsewhere.cookie).expect(403)).body.error
        .code,
    ).toBe('forbidden');

    await t.post(`/api/posts/${question.id}/answer`).set('Cookie', admin.cookie).send({}).expect(200);
    await t.delete(`/api/posts/${question.id}/answer`).set('Cookie', admin.cookie).expect(200);
    await t.get(`/api/case-studies/${study.id}/questions`).set('Cookie', admin.cookie).expect(200);
    await t.get(`/api/forums/${LIVE}/questions/overdue`).set('Cookie', admin.cookie).expect(200);
  });
});
