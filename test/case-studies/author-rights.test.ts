// Review findings on the author's side of a case study: the history readers see starts at the
// published text; the author writes only while still the key respondent of the week (not once
// suspended or reassigned) and not after the forum ends; an ordinary thread keeps exactly one
// first post now that case-study threads have many.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseStudy, editCaseStudy } from '../../server/case-studies/case-studies.service.ts';
import { DomainError } from '../../server/errors/domain-error.ts';
import { importFixture, LIVE, member, newKey, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { forumWeek, keyRespondent, sessionUser, STUDY_ES, submitted } from './helpers.ts';

let t: TestApp;
let kr: Member;
let participant: Member;
let organizer: Member;
let studyId: number;

const edit = (cookie: string, baseRevision: number, bodyMd = `${STUDY_ES}\n\nRevisión ${baseRevision + 1}.`) =>
  t.put(`/api/case-studies/${studyId}`).set('Cookie', cookie).send({
    title: 'Red de productores de Oruro',
    bodyMd,
    lang: 'es',
    region: 'andean',
    theme: 'Finanzas',
    baseRevision,
  });
const revisionsSeenBy = async (cookie: string) =>
  (
    (await t.get(`/api/case-studies/${studyId}/revisions`).set('Cookie', cookie).expect(200)).body.revisions as {
      revision: number;
    }[]
  ).map((row) => row.revision);
const revision = async () =>
  (await t.db.selectFrom('case_studies').select('revision').where('id', '=', studyId).executeTakeFirstOrThrow())
    .revision;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  kr = await keyRespondent(t, LIVE, 2, 'es');
  participant = await member(t, 'participant', 'en');
  organizer = await member(t, 'organizer');
  // Written, sent back once, rewritten, approved: week 2 is open, so approval publishes it.
  studyId = (await submitted(t, LIVE, kr, 2)).id;
  await t
    .post(`/api/case-studies/${studyId}/request-changes`)
    .set('Cookie', organizer.cookie)
    .send({ comment: 'Añada cifras.' })
    .expect(200);
  await edit(kr.cookie, 1).expect(200);
  await t.post(`/api/case-studies/${studyId}/submit`).set('Cookie', kr.cookie).send().expect(200);
  const approved = await t
    .post(`/api/case-studies/${studyId}/approve`)
    .set('Cookie', organizer.cookie)
    .send()
    .expect(200);
  expect(approved.body.caseStudy.status).toBe('published');
});
afterAll(async () => {
  await t?.close();
});

describe('the history of a published case study', () => {
  it('shows readers the published text and later edits, not the drafts the organizers sent back', async () => {
    await edit(kr.cookie, 2).expect(200);
    expect(await revisionsSeenBy(participant.cookie)).toEqual([3, 2]);
    expect(await revisionsSeenBy(kr.cookie)).toEqual([3, 2, 1]);
    expect(await revisionsSeenBy(organizer.cookie)).toEqual([3, 2, 1]);
  });
});

describe('the author writes only while key respondent of the week', () => {
  it('refuses the edits of an author reassigned to another week, and changes nothing', async () => {
    const week1 = await forumWeek(t.db, LIVE, 1);
    const week2 = await forumWeek(t.db, LIVE, 2);
    await t.db
      .updateTable('memberships')
      .set({ week_id: week1.id })
      .where('user_id', '=', kr.id)
      .where('role', '=', 'key_respondent')
      .execute();
    const before = await revision();
    const refused = await edit(kr.cookie, before).set('Accept-Language', 'fr').expect(403);
    expect(refused.body.error.code).toBe('not_week_key_respondent');
    expect(refused.body.error.message).toContain('2');
    expect(await revision()).toBe(before);
    await t.db
      .updateTable('memberships')
      .set({ week_id: week2.id })
      .where('user_id', '=', kr.id)
      .where('role', '=', 'key_respondent')
      .execute();
    await edit(kr.cookie, before).expect(200);
  });

  it('refuses the edits of a suspended author; the organizers still edit', async () => {
    await t
      .post(`/api/forums/${LIVE}/people/${kr.id}/suspend`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Mensajes ofensivos' })
      .expect(200);
    const before = await revision();
    expect((await edit(kr.cookie, before).expect(403)).body.error.code).toBe('not_week_key_respondent');
    expect(await revision()).toBe(before);
    await edit(organizer.cookie, before).expect(200);
    await t.post(`/api/forums/${LIVE}/people/${kr.id}/unsuspend`).set('Cookie', organizer.cookie).send({}).expect(200);
    await edit(kr.cookie, before + 1).expect(200);
  });

  it("refuses the author's edit and a new case study once the forum has ended", async () => {
    const forum = await t.db.selectFrom('forums').select('ends_at').where('slug', '=', LIVE).executeTakeFirstOrThrow();
    const before = await revision();
    const input = { title: 'Tarde', bodyMd: 'Demasiado tarde.', lang: 'es' as const, region: '' as const, theme: '' };
    const user = await sessionUser(t.db, kr.id);
    const refusals = [
      await editCaseStudy(
        t.db,
        studyId,
        user,
        { ...input, baseRevision: before },
        { user: null, lang: 'es' },
        forum.ends_at,
      ).catch((error: unknown) => error),
      await createCaseStudy(
        t.db,
        LIVE,
        user,
        { ...input, weekNumber: 2, idempotencyKey: newKey() },
        { user: null, lang: 'es' },
        forum.ends_at,
      ).catch((error: unknown) => error),
    ];
    expect(refusals.map((refusal) => (refusal instanceof DomainError ? refusal.code : refusal))).toEqual([
      'week_closed',
      'week_closed',
    ]);
    expect(await revision()).toBe(before);
  });
});

describe('an ordinary thread keeps one first post', () => {
  it('refuses a second top-level post in the database, while a case study thread takes many', async () => {
    const { threadId } = await startThread(t, participant);
    const second = t.db
      .insertInto('posts')
      .values({
        thread_id: threadId,
        parent_id: null,
        path: [],
        author_id: participant.id,
        original_lang: 'en',
        body_md: 'x',
        body_html: '<p>x</p>',
        word_count: 1,
        idempotency_key: newKey(),
      })
      .execute();
    await expect(second).rejects.toThrow(/already has its first post/);
    const roots = await t.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('parent_id', 'is', null)
      .execute();
    expect(roots).toHaveLength(1);
    const { thread_id: caseThread } = await t.db
      .selectFrom('case_studies')
      .select('thread_id')
      .where('id', '=', studyId)
      .executeTakeFirstOrThrow();
    for (const body of ['¿Cuántas familias?', '¿Qué fondo?']) {
      await t.db
        .insertInto('posts')
        .values({
          thread_id: caseThread!,
          parent_id: null,
          path: [],
          author_id: participant.id,
          original_lang: 'es',
          body_md: body,
          body_html: `<p>${body}</p>`,
          word_count: 2,
          idempotency_key: newKey(),
        })
        .execute();
    }
  });
});
