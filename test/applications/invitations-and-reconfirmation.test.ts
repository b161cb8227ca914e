// Organizers add people by email (an account joins at once; an address without one gets a
// single-use, expiring link bound to the forum) and ask the cohort to reconfirm new dates
// (single-use links that work without signing in; withdrawing ends writing, posts stay).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { LIVE, member, newKey, type Member } from '../helpers/forum-fixture.ts';
import { applicationBody, forumId, openForApplications } from './cohort-helpers.ts';
import { emailString } from '../../server/mail/email-templates.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';

let t: TestApp;
let organizer: Member;

beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
}, 180_000);
afterAll(async () => t?.close());

const base = `/api/forums/${LIVE}`;

async function inviteUrl(email: string): Promise<string> {
  const row = await t.db
    .selectFrom('outbox')
    .select('payload')
    .where('to_email', '=', email)
    .where('template', '=', 'invitation')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return new URL(String(row.payload.inviteUrl)).pathname;
}

const account = {
  displayName: 'Lucía Mamani',
  password: 'una clave bastante larga',
  interfaceLang: 'es',
  timeZone: 'America/La_Paz',
  acceptTerms: true,
};

describe('invitations', () => {
  it('adds someone who has an account at once, as key respondent of a week', async () => {
    await t
      .patch(`${base}/settings`)
      .set('Cookie', organizer.cookie)
      .send({ keyRespondentLimit: 5, keyRespondentsPerWeek: 2 })
      .expect(200);
    const person = await member(t, null, 'fr');
    const response = await t
      .post(`${base}/invitations`)
      .set('Cookie', organizer.cookie)
      .send({ email: person.email, role: 'key_respondent', week: 2, lang: 'fr' })
      .expect(200);
    expect(response.body).toEqual({ status: 'added' });
    expect((await t.get(base).set('Cookie', person.cookie)).body.forum.myRoles).toEqual([
      'key_respondent',
      'participant',
    ]);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['template', 'lang', 'payload'])
      .where('to_email', '=', person.email)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      template: 'added_to_forum',
      lang: 'fr',
      payload: { role: emailString('fr', '_cohort.key_respondent') },
    });
  });

  it('sends a link that opens the account, joins once, and signs in', async () => {
    const email = 'invitada@example.test';
    await t
      .post(`${base}/invitations`)
      .set('Cookie', organizer.cookie)
      .send({ email, role: 'participant', lang: 'es' })
      .expect(200)
      .expect((r) => expect(r.body).toEqual({ status: 'invited' }));
    const path = await inviteUrl(email);
    const token = path.split('/').pop()!;
    const shown = await t.get(`/api${path}`).expect(200);
    expect(shown.body).toMatchObject({ email, role: 'participant', week: null, hasAccount: false });
    const accepted = await t.post(`/api${path}/accept`).send({ account }).expect(200);
    const cookie = [accepted.headers['set-cookie']]
      .flat()
      .find((c) => c?.startsWith('tertulia_session='))!
      .split(';')[0]!;
    const forum = await t.get(base).set('Cookie', cookie).expect(200);
    expect(forum.body.forum.myRoles).toEqual(['participant']);

    const reused = await t.post(`/api${path}/accept`).set('Accept-Language', 'es').send({ account }).expect(409);
    expect(reused.body.error).toEqual({ code: 'link_used', message: formatErrorMessage('es', 'UTC', 'link_used') });
    // The same token presented for another forum is not a valid link there.
    const other = await t.get(`/api/forums/fixture-2009/invitations/${token}`).expect(404);
    expect(other.body.error.code).toBe('link_invalid');
    const tampered = await t.get(`/api${path.slice(0, -1)}${path.endsWith('a') ? 'b' : 'a'}`).expect(404);
    expect(tampered.body.error.code).toBe('link_invalid');
  });

  it('changes nothing when the link is only opened, as a mail scanner would', async () => {
    const email = 'escaneada@example.test';
    await t
      .post(`${base}/invitations`)
      .set('Cookie', organizer.cookie)
      .send({ email, role: 'participant', lang: 'es' })
      .expect(200);
    const path = await inviteUrl(email);
    for (let i = 0; i < 2; i += 1) {
      await t.get(path);
      await t.get(`/api${path}`).expect(200);
    }
    expect(
      await t.db
        .selectFrom('invitations')
        .select(['accepted_at', 'accepted_by'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow(),
    ).toEqual({ accepted_at: null, accepted_by: null });
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    await t
      .post(`/api${path}/accept`)
      .send({ account: { ...account, displayName: 'Escaneada' } })
      .expect(200);
  });

  it('refuses an expired link and changes nothing', async () => {
    const email = 'tarde@example.test';
    await t
      .post(`${base}/invitations`)
      .set('Cookie', organizer.cookie)
      .send({ email, role: 'participant', lang: 'en' })
      .expect(200);
    await t.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', email)
      .execute();
    const path = await inviteUrl(email);
    expect((await t.post(`/api${path}/accept`).send({ account }).expect(409)).body.error.code).toBe('link_expired');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
  });
});

describe('reconfirmation', () => {
  it('asks applicants and members, records one answer per link, and withdrawal ends writing while posts stay', async () => {
    const stays = await member(t, 'participant');
    const leaves = await member(t, 'participant');
    const applicant = await member(t, null, 'es');
    await t.post(`${base}/application`).set('Cookie', applicant.cookie).send(applicationBody()).expect(201);
    const thread = await t
      .post(`${base}/weeks/2/threads`)
      .set('Cookie', leaves.cookie)
      .send({ title: 'Antes de irme', bodyMd: 'Mi aporte', lang: 'es', idempotencyKey: newKey() })
      .expect(201);

    const request = await t
      .post(`${base}/reconfirmations`)
      .set('Cookie', organizer.cookie)
      .send({ message: 'The forum now starts a week later.' })
      .expect(201);
    expect(request.body.recipients).toBeGreaterThanOrEqual(3);
    const pending = await t.get('/api/me/reconfirmations').set('Cookie', stays.cookie).expect(200);
    expect(pending.body.pending).toMatchObject([
      { forumSlug: LIVE, requestId: request.body.id, message: 'The forum now starts a week later.' },
    ]);

    const links = async (email: string) => {
      const row = await t.db
        .selectFrom('outbox')
        .select('payload')
        .where('to_email', '=', email)
        .where('template', '=', 'reconfirmation_requested')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return { confirm: new URL(String(row.payload.confirmUrl)), withdraw: new URL(String(row.payload.withdrawUrl)) };
    };
    const leaving = await links(leaves.email);
    const token = leaving.withdraw.searchParams.get('token')!;
    expect(leaving.withdraw.searchParams.get('answer')).toBe('withdrawn');
    const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect(
      (await t.post('/api/reconfirmations/answer').send({ token: tampered, answer: 'withdrawn' }).expect(404)).body
        .error.code,
    ).toBe('link_invalid');
    await t
      .post('/api/reconfirmations/answer')
      .send({ token, answer: 'withdrawn' })
      .expect(200)
      .expect((r) => expect(r.body).toEqual({ forumSlug: LIVE, answer: 'withdrawn' }));
    expect(
      (await t.post('/api/reconfirmations/answer').send({ token, answer: 'confirmed' }).expect(409)).body.error.code,
    ).toBe('link_used');

    const staying = await links(stays.email);
    await t
      .post('/api/reconfirmations/answer')
      .send({ token: staying.confirm.searchParams.get('token'), answer: 'confirmed' })
      .expect(200);

    // The one who left cannot write any more; their thread is still there for the others.
    const refused = await t
      .post(`/api/threads/${thread.body.thread.id}/posts`)
      .set('Cookie', leaves.cookie)
      .send({ bodyMd: 'otra vez', lang: 'es', idempotencyKey: newKey() })
      .expect(403);
    expect(refused.body.error.code).toBe('not_a_member');
    const still = await t.get(`/api/threads/${thread.body.thread.id}`).set('Cookie', stays.cookie).expect(200);
    expect(JSON.stringify(still.body)).toContain('Mi aporte');

    const status = await t.get(`${base}/reconfirmations`).set('Cookie', organizer.cookie).expect(200);
    const answerOf = (id: number) => status.body.people.find((p: { userId: number }) => p.userId === id)?.answer;
    expect([answerOf(stays.id), answerOf(leaves.id), answerOf(applicant.id)]).toEqual(['confirmed', 'withdrawn', null]);
    expect(status.body.counts.unanswered).toBe(request.body.recipients - 2);

    // A reminder replaces the links of those who have not answered: the old one stops working.
    const before = await links(applicant.email);
    const reminded = await t
      .post(`${base}/reconfirmations/${request.body.id}/remind`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(reminded.body.reminded).toBe(request.body.recipients - 2);
    expect(
      (
        await t
          .post('/api/reconfirmations/answer')
          .send({ token: before.confirm.searchParams.get('token'), answer: 'confirmed' })
          .expect(404)
      ).body.error.code,
    ).toBe('link_invalid');
    // The in-app notice answers too.
    await t
      .post(`${base}/reconfirmations/answer`)
      .set('Cookie', applicant.cookie)
      .send({ answer: 'confirmed' })
      .expect(200);
    expect((await t.get('/api/me/reconfirmations').set('Cookie', applicant.cookie)).body.pending).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('forum_id', '=', await forumId(t))
      .where('target_type', '=', 'reconfirmation_request')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'reconfirmation.requested',
      'reconfirmation.withdrawn',
      'reconfirmation.confirmed',
      'reconfirmation.reminded',
      'reconfirmation.confirmed',
    ]);
  });

  it('opens a page that says what is asked; opening either link, as a mail scanner would, answers nothing', async () => {
    const person = await member(t, 'participant', 'fr');
    const request = await t
      .post(`${base}/reconfirmations`)
      .set('Cookie', organizer.cookie)
      .send({ message: 'Nous commençons une semaine plus tard.' })
      .expect(201);
    const row = await t.db
      .selectFrom('outbox')
      .select('payload')
      .where('to_email', '=', person.email)
      .where('template', '=', 'reconfirmation_requested')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const confirm = new URL(String(row.payload.confirmUrl));
    const withdraw = new URL(String(row.payload.withdrawUrl));
    const token = confirm.searchParams.get('token')!;
    expect(withdraw.searchParams.get('token')).toBe(token);
    for (const link of [confirm, withdraw]) {
      await t.get(`${link.pathname}${link.search}`);
      const shown = await t.get(`/api/reconfirmations/${token}`).set('Accept-Language', 'fr').expect(200);
      expect(shown.body).toMatchObject({
        forumSlug: LIVE,
        message: 'Nous commençons une semaine plus tard.',
        answer: null,
      });
      expect(shown.body.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const answerOf = async () =>
      (
        await t.db
          .selectFrom('reconfirmations')
          .select('answer')
          .where('request_id', '=', request.body.id)
          .where('user_id', '=', person.id)
          .executeTakeFirstOrThrow()
      ).answer;
    expect(await answerOf()).toBeNull();
    expect((await t.get(base).set('Cookie', person.cookie)).body.forum.myRoles).toEqual(['participant']);
    // Unknown and malformed tokens are refused, in the reader's language.
    const unknown = await t
      .get(`/api/reconfirmations/${'a'.repeat(32)}`)
      .set('Accept-Language', 'es')
      .expect(404);
    expect(unknown.body.error).toEqual({
      code: 'link_invalid',
      message: formatErrorMessage('es', 'UTC', 'link_invalid'),
    });
    await t.get('/api/reconfirmations/NOT-A-TOKEN!').expect(400);

    // The page's button answers; the link then says it was answered.
    await t.post('/api/reconfirmations/answer').send({ token, answer: 'confirmed' }).expect(200);
    expect(await answerOf()).toBe('confirmed');
    expect((await t.get(`/api/reconfirmations/${token}`).expect(200)).body.answer).toBe('confirmed');
  });
});
