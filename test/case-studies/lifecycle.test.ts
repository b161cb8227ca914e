// A case study from draft to publication through the API: who may write, submit, review and
// read it at each stage, bad input that changes nothing, and repeated requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_LENGTH } from '../../server/discussions/discussions.schemas.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import { renderOutboxRow } from '../../server/mail/outbox-render.ts';
import { importFixture, LIVE, member, newKey, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { forumWeek, keyRespondent, STUDY_ES } from './helpers.ts';

let t: TestApp;
let kr: Member;
let krOther: Member;
let participant: Member;
let translator: Member;
let organizer: Member;
let otherOrganizer: Member;
let admin: Member;
let studyId: number;

const DAY = 86_400_000;

async function signedIn(options: Parameters<typeof createUser>[1]): Promise<Member> {
  const user = await createUser(t.db, options);
  return { ...user, cookie: await signIn(t, user) };
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  // Week 2 opens in two days: the case study is prepared before it.
  const week2 = await forumWeek(t.db, LIVE, 2);
  await t.db
    .updateTable('weeks')
    .set({ opens_at: new Date(Date.now() + 2 * DAY), closes_at: new Date(Date.now() + 9 * DAY) })
    .where('id', '=', week2.id)
    .execute();
  kr = await keyRespondent(t, LIVE, 2, 'es');
  krOther = await keyRespondent(t, LIVE, 1, 'fr');
  participant = await member(t, 'participant', 'en');
  translator = await signedIn({ roles: [{ forumSlug: LIVE, role: 'translator' }] });
  organizer = await member(t, 'organizer');
  otherOrganizer = await signedIn({ roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] });
  admin = await signedIn({ isAdmin: true });
});
afterAll(async () => {
  await t?.close();
});

const create = (cookie: string | null, extra: Record<string, unknown> = {}) => {
  const request = t.post(`/api/forums/${LIVE}/case-studies`);
  if (cookie) request.set('Cookie', cookie);
  return request.send({
    weekNumber: 2,
    title: 'Red de productores de Oruro',
    bodyMd: STUDY_ES,
    lang: 'es',
    region: 'andean',
    theme: 'Finanzas',
    idempotencyKey: newKey(),
    ...extra,
  });
};
const action = (cookie: string | null, path: string, body: Record<string, unknown> = {}) => {
  const request = t.post(`/api/case-studies/${studyId}/${path}`);
  if (cookie) request.set('Cookie', cookie);
  return request.send(body);
};
const read = (cookie: string | null, path = '') => {
  const request = t.get(`/api/case-studies/${studyId}${path}`);
  return cookie ? request.set('Cookie', cookie) : request;
};
const status = async () =>
  await t.db
    .selectFrom('case_studies')
    .select(['status', 'revision', 'submitted_at'])
    .where('id', '=', studyId)
    .executeTakeFirstOrThrow();

describe('writing a case study', () => {
  it('is refused to everyone but the key respondent assigned to the week', async () => {
    expect((await create(null).expect(401)).body.error.code).toBe('sign_in_required');
    for (const someone of [participant, krOther, translator, organizer, otherOrganizer, admin]) {
      const response = await create(someone.cookie).set('Accept-Language', 'es');
      expect(response.status, `user ${someone.id}`).toBe(403);
      expect(response.body.error.code).toBe('not_week_key_respondent');
      expect(response.body.error.message).toBe(
        'Solo el ponente clave asignado a la semana 2 escribe su estudio de caso.',
      );
    }
    expect(await t.db.selectFrom('case_studies').select('id').execute()).toEqual([]);
  });

  it('refuses bad input in the caller’s language and stores nothing', async () => {
    const empty = await create(kr.cookie, { title: '   ' }).set('Accept-Language', 'fr').expect(400);
    expect(empty.body.error).toMatchObject({ code: 'validation' });
    expect(empty.body.error.message).toMatch(/^Vérifiez «\u00a0Titre\u00a0»/);
    const long = await create(kr.cookie, { bodyMd: 'a'.repeat(MAX_BODY_LENGTH + 1) })
      .set('Accept-Language', 'es')
      .expect(413);
    expect(long.body.error.code).toBe('too_long');
    expect(long.body.error.message).toMatch(/^«Texto» es demasiado largo/);
    const unknown = await create(kr.cookie, { lang: 'de' }).set('Accept-Language', 'en').expect(400);
    expect(unknown.body.error.code).toBe('validation');
    expect(unknown.body.error.message).toMatch(/^Please check “Language”/);
    expect((await create(kr.cookie, { region: 'Narnia' }).expect(400)).body.error.code).toBe('validation');
    const titleTooLong = await create(kr.cookie, { title: 'x'.repeat(201) }).expect(413);
    expect(titleTooLong.body.error.code).toBe('too_long');
    expect(await t.db.selectFrom('case_studies').select('id').execute()).toEqual([]);
  });

  it('creates a draft for the week’s key respondent, once even when the request repeats', async () => {
    const key = newKey();
    const first = await create(kr.cookie, { idempotencyKey: key }).expect(201);
    studyId = first.body.caseStudy.id;
    expect(first.body).toMatchObject({
      guidance: { minWords: 500, maxWords: 800 },
      caseStudy: {
        status: 'draft',
        weekNumber: 2,
        revision: 1,
        lang: 'es',
        region: 'andean',
        theme: 'Finanzas',
        mine: true,
        threadId: null,
        title: { lang: 'es', value: 'Red de productores de Oruro' },
        markdown: STUDY_ES,
        author: { id: kr.id, keyRespondent: true },
        permissions: { canEdit: true, canSubmit: true, canApprove: false },
      },
    });
    expect(first.body.caseStudy.wordCount).toBe(countWords(STUDY_ES));
    expect(first.body.caseStudy.html).toContain('<a href="https://example.org/informe"');
    const again = await create(kr.cookie, { idempotencyKey: key }).expect(201);
    expect(again.body.caseStudy.id).toBe(studyId);
    const other = await create(kr.cookie).set('Accept-Language', 'es').expect(409);
    expect(other.body.error).toMatchObject({
      code: 'case_study_exists',
      message: 'Usted ya tiene un estudio de caso para esta semana. Ábralo para seguir escribiendo.',
    });
    expect(await t.db.selectFrom('case_studies').select('id').execute()).toHaveLength(1);
  });

  it('shows the draft to its author and organizers only', async () => {
    expect((await read(kr.cookie).expect(200)).body.caseStudy.markdown).toBe(STUDY_ES);
    expect((await read(organizer.cookie).expect(200)).body.caseStudy.permissions).toMatchObject({
      canEdit: true,
      canApprove: false,
    });
    await read(admin.cookie).expect(200);
    for (const someone of [participant, krOther, translator, otherOrganizer]) {
      expect((await read(someone.cookie).expect(404)).body.error.code).toBe('not_found');
    }
    await read(null).expect(404);
    const mine = await t.get(`/api/forums/${LIVE}/case-studies/mine`).set('Cookie', kr.cookie).expect(200);
    expect(mine.body).toMatchObject({
      assignedWeek: { number: 2 },
      guidance: { minWords: 500, maxWords: 800 },
      caseStudies: [{ id: studyId, status: 'draft' }],
    });
    // The length guidance is the forum's setting.
    await t.db
      .updateTable('forums')
      .set({ case_study_min_words: 400, case_study_max_words: 900 })
      .where('slug', '=', LIVE)
      .execute();
    expect((await read(kr.cookie).expect(200)).body.guidance).toEqual({ minWords: 400, maxWords: 900 });
    await t.db
      .updateTable('forums')
      .set({ case_study_min_words: 500, case_study_max_words: 800 })
      .where('slug', '=', LIVE)
      .execute();
    const notKr = await t.get(`/api/forums/${LIVE}/case-studies/mine`).set('Cookie', participant.cookie).expect(200);
    expect(notKr.body).toMatchObject({ assignedWeek: null, caseStudies: [] });
  });

  it('keeps each saved edit as a revision and refuses an edit over a stale one', async () => {
    const edit = (cookie: string, baseRevision: number, bodyMd = `${STUDY_ES}\n\nUn párrafo más.`) =>
      t.put(`/api/case-studies/${studyId}`).set('Cookie', cookie).send({
        title: 'Red de productores de Oruro',
        bodyMd,
        lang: 'es',
        region: 'andean',
        theme: 'Finanzas',
        baseRevision,
      });
    expect((await edit(kr.cookie, 1).expect(200)).body.caseStudy.revision).toBe(2);
    expect((await edit(kr.cookie, 1).expect(409)).body.error.code).toBe('edit_conflict');
    expect((await edit(participant.cookie, 2).expect(404)).body.error.code).toBe('not_found');
    expect((await edit(krOther.cookie, 2).expect(404)).body.error.code).toBe('not_found');
    await edit(kr.cookie, 2, '').expect(400);
    const revisions = await read(kr.cookie, '/revisions').expect(200);
    expect(revisions.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect((await status()).revision).toBe(2);
    // Revisions follow the case study's own reading rule.
    await read(organizer.cookie, '/revisions').expect(200);
    await read(admin.cookie, '/revisions').expect(200);
    for (const someone of [participant, krOther, translator, otherOrganizer])
      await read(someone.cookie, '/revisions').expect(404);
    await read(null, '/revisions').expect(404);
    // Organizers may correct a case study at any stage; organizers of another forum may not touch it.
    expect((await edit(organizer.cookie, 2, STUDY_ES).expect(200)).body.caseStudy.revision).toBe(3);
    expect((await edit(otherOrganizer.cookie, 3).expect(404)).body.error.code).toBe('not_found');
    await t
      .put(`/api/case-studies/${studyId}`)
      .send({ title: 'x', bodyMd: 'x', lang: 'es', region: '', theme: '', baseRevision: 3 })
      .expect(401);
    await t.get(`/api/forums/${LIVE}/case-studies/mine`).expect(401);
    // Back to the key respondent's text, for what follows.
    expect((await edit(kr.cookie, 3).expect(200)).body.caseStudy.revision).toBe(4);
  });
});

describe('review', () => {
  it('lets only the author submit, and a repeated submit changes nothing', async () => {
    expect((await action(organizer.cookie, 'submit').expect(403)).body.error.code).toBe('forbidden');
    expect((await action(participant.cookie, 'submit').expect(404)).body.error.code).toBe('not_found');
    await action(null, 'submit').expect(401);
    const first = await action(kr.cookie, 'submit').expect(200);
    expect(first.body.caseStudy).toMatchObject({
      status: 'submitted',
      permissions: { canEdit: false, canSubmit: false, canWithdraw: true },
    });
    const at = (await status()).submitted_at;
    expect((await action(kr.cookie, 'submit').expect(200)).body.caseStudy.status).toBe('submitted');
    expect((await status()).submitted_at).toEqual(at);
    const editing = await t
      .put(`/api/case-studies/${studyId}`)
      .set('Cookie', kr.cookie)
      .send({ title: 'Otro', bodyMd: 'Otro texto', lang: 'es', region: '', theme: '', baseRevision: 4 })
      .expect(409);
    expect(editing.body.error.code).toBe('case_study_state');
  });

  it('lists submissions for the forum’s organizers only', async () => {
    const list = await t
      .get(`/api/forums/${LIVE}/case-studies?status=submitted`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(list.body.caseStudies.map((c: { id: number }) => c.id)).toEqual([studyId]);
    expect(
      (await t.get(`/api/forums/${LIVE}/case-studies?status=draft`).set('Cookie', organizer.cookie).expect(200)).body
        .caseStudies,
    ).toEqual([]);
    await t.get(`/api/forums/${LIVE}/case-studies`).set('Cookie', admin.cookie).expect(200);
    for (const someone of [kr, participant, translator]) {
      expect(
        (await t.get(`/api/forums/${LIVE}/case-studies`).set('Cookie', someone.cookie).expect(403)).body.error.code,
      ).toBe('forbidden');
    }
    expect(
      (await t.get(`/api/forums/${LIVE}/case-studies`).set('Cookie', otherOrganizer.cookie).expect(403)).body.error
        .code,
    ).toBe('forbidden');
    await t.get(`/api/forums/${LIVE}/case-studies`).expect(401);
  });

  it('lets organizers of the forum ask for changes, with a comment, which reaches the author', async () => {
    expect((await action(kr.cookie, 'request-changes', { comment: 'Más cifras' }).expect(403)).body.error.code).toBe(
      'forbidden',
    );
    expect((await action(otherOrganizer.cookie, 'request-changes', { comment: 'x' }).expect(404)).body.error.code).toBe(
      'not_found',
    );
    expect((await action(translator.cookie, 'request-changes', { comment: 'x' }).expect(404)).body.error.code).toBe(
      'not_found',
    );
    expect((await action(organizer.cookie, 'request-changes', { comment: '  ' }).expect(400)).body.error.code).toBe(
      'validation',
    );
    await action(organizer.cookie, 'request-changes', {}).expect(400);
    expect((await status()).status).toBe('submitted');
    const asked = await action(organizer.cookie, 'request-changes', {
      comment: 'Please add a figure on members.',
    }).expect(200);
    expect(asked.body.caseStudy).toMatchObject({
      status: 'changes_requested',
      reviewComment: 'Please add a figure on members.',
    });
    // A double click sends one request and one email.
    expect(
      (await action(organizer.cookie, 'request-changes', { comment: 'Please add a figure on members.' }).expect(200))
        .body.caseStudy.status,
    ).toBe('changes_requested');
    const seen = await read(kr.cookie).expect(200);
    expect(seen.body.caseStudy).toMatchObject({
      reviewComment: 'Please add a figure on members.',
      permissions: { canEdit: true, canSubmit: true },
    });
    const notes = await t.db
      .selectFrom('notifications')
      .select(['type', 'email_status', 'payload'])
      .where('user_id', '=', kr.id)
      .execute();
    expect(notes).toEqual([
      {
        type: 'case_study.review',
        email_status: 'queued',
        payload: expect.objectContaining({ action: 'changes_requested', caseStudyId: studyId }),
      },
    ]);
    const mail = await t.db.selectFrom('outbox').select(['template', 'lang']).where('user_id', '=', kr.id).execute();
    expect(mail).toEqual([{ template: 'case_study_review', lang: 'es' }]);
    const row = await t.db.selectFrom('outbox').selectAll().where('user_id', '=', kr.id).executeTakeFirstOrThrow();
    const message = await renderOutboxRow(t.db, row, {
      ...(await t.app.notifications.renderContext()),
      publicUrl: 'https://tertulia.test',
      secret: 'test-secret',
    });
    expect(message.subject).toMatch(/^Su estudio de caso para la semana 2 de .+: se piden cambios$/);
    expect(message.text).toContain('Please add a figure on members.');
    expect(message.text).toContain(`https://tertulia.test/forums/${LIVE}/case-studies/${studyId}`);
    const inApp = await t.get('/api/notifications').set('Cookie', kr.cookie).expect(200);
    expect(inApp.body.groups).toMatchObject([
      { type: 'case_study.review', href: `/forums/${LIVE}/case-studies/${studyId}`, read: false },
    ]);
  });

  it('lets the author withdraw, edit and submit again', async () => {
    const edited = await t
      .put(`/api/case-studies/${studyId}`)
      .set('Cookie', kr.cookie)
      .send({
        title: 'Red de productores de Oruro',
        bodyMd: `${STUDY_ES}\n\nSomos 240 socias y socios.`,
        lang: 'es',
        region: 'andean',
        theme: 'Finanzas',
        baseRevision: 4,
      })
      .expect(200);
    expect(edited.body.caseStudy).toMatchObject({ status: 'changes_requested', revision: 5 });
    await action(kr.cookie, 'submit').expect(200);
    expect((await action(organizer.cookie, 'withdraw').expect(403)).body.error.code).toBe('forbidden');
    expect((await action(participant.cookie, 'withdraw').expect(404)).body.error.code).toBe('not_found');
    await action(null, 'withdraw').expect(401);
    expect((await action(kr.cookie, 'withdraw').expect(200)).body.caseStudy.status).toBe('draft');
    expect((await action(kr.cookie, 'withdraw').expect(200)).body.caseStudy.status).toBe('draft');
    expect((await action(organizer.cookie, 'approve').expect(409)).body.error.code).toBe('case_study_state');
    await action(kr.cookie, 'submit').expect(200);
  });

  it('lets organizers of the forum approve; nothing is published before the week opens', async () => {
    expect((await action(kr.cookie, 'approve').expect(403)).body.error.code).toBe('forbidden');
    expect((await action(participant.cookie, 'approve').expect(404)).body.error.code).toBe('not_found');
    const approved = await action(organizer.cookie, 'approve').expect(200);
    expect(approved.body.caseStudy).toMatchObject({
      status: 'approved',
      threadId: null,
      publishedAt: null,
      reviewComment: null,
    });
    expect((await action(organizer.cookie, 'approve').expect(200)).body.caseStudy.status).toBe('approved');
    expect((await action(kr.cookie, 'withdraw').expect(409)).body.error.code).toBe('case_study_state');
    // Approved but the week has not opened: other members still cannot see it, nor its week.
    for (const someone of [participant, krOther, translator]) await read(someone.cookie).expect(404);
    expect(
      (await t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', participant.cookie).expect(403)).body.error.code,
    ).toBe('week_not_open');
    // The key respondent prepares in the week's material; the week page lists no case study yet.
    const preview = await t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', kr.cookie).expect(200);
    expect(preview.body.week.caseStudies).toEqual([]);
    expect(await t.db.selectFrom('threads').select('id').where('kind', '=', 'case_study').execute()).toEqual([]);
    expect(
      await t.db.selectFrom('translation_tasks').select('id').where('item_type', '=', 'case_study').execute(),
    ).toEqual([]);
    const notes = await t.db
      .selectFrom('notifications')
      .select('payload')
      .where('user_id', '=', kr.id)
      .orderBy('id')
      .execute();
    expect(notes.map((n) => n.payload.action)).toEqual(['changes_requested', 'approved']);
  });

  it('publishes at a read once the week has opened, even if the job has not run', async () => {
    const week2 = await forumWeek(t.db, LIVE, 2);
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() - 60_000) })
      .where('id', '=', week2.id)
      .execute();
    const week = await t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', participant.cookie).expect(200);
    expect(week.body.week.caseStudies).toMatchObject([
      {
        id: studyId,
        status: 'published',
        lang: 'es',
        markdown: null,
        reviewComment: null,
        translation: null,
        translationPending: true,
        author: { id: kr.id, keyRespondent: true },
        questions: { answered: 0, unanswered: 0 },
      },
    ]);
    const read1 = await read(participant.cookie).expect(200);
    expect(read1.body.caseStudy.threadId).toBe(week.body.week.caseStudies[0].threadId);
    const thread = await t
      .get(`/api/threads/${read1.body.caseStudy.threadId}`)
      .set('Cookie', participant.cookie)
      .expect(200);
    expect(thread.body.thread).toMatchObject({
      kind: 'case_study',
      title: { lang: 'es', value: 'Red de productores de Oruro' },
      weekNumber: 2,
    });
    // Visitors still need to be members of a running forum.
    expect((await read(null).expect(401)).body.error.code).toBe('sign_in_required');
    expect((await read(otherOrganizer.cookie).expect(403)).body.error.code).toBe('not_a_member');
  });
});
