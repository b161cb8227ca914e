// Organizers invite by email to every role the people console gives (participant, key
// respondent with a week, translator, organizer): the link works once, for this forum, until it
// expires. A suspended member gets back in neither through an invitation nor an application.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { onPostgres } from '../helpers/test-database.ts';
import { applicationBody, forumId, openForApplications } from '../applications/cohort-helpers.ts';
import { emailString } from '../../server/mail/email-templates.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';

let t: TestApp;
let organizer: Member;
let liveId: number;

beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
  liveId = await forumId(t);
}, 180_000);
afterAll(async () => t?.close());

const base = `/api/forums/${LIVE}`;
let counter = 0;
const newEmail = () => `invitee${++counter}-${process.pid}@example.test`;
const account = (lang = 'es') => ({
  displayName: 'Lucía Mamani',
  password: 'una clave bastante larga',
  interfaceLang: lang,
  timeZone: 'America/La_Paz',
  acceptTerms: true,
});
const invite = (cookie: string, body: Record<string, unknown>, slug = LIVE) =>
  t.post(`/api/forums/${slug}/invitations`).set('Cookie', cookie).send(body);

async function linkPath(email: string): Promise<string> {
  const row = await t.db
    .selectFrom('outbox')
    .select('payload')
    .where('to_email', '=', email)
    .where('template', '=', 'invitation')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return new URL(String(row.payload.inviteUrl)).pathname;
}

const rolesOf = (userId: number, table: 'memberships' | 'suspended_roles' = 'memberships') =>
  t.db
    .selectFrom(table)
    .select('role')
    .where('forum_id', '=', liveId)
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute()
    .then((rows) => rows.map((row) => row.role));

const userIdOf = async (email: string) =>
  (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())?.id;

describe(`invitations to every role (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets only the forum’s organizers (and site admins) invite; a refusal sends nothing and records nothing', async () => {
    const translatorUser = await createUser(t.db, { roles: [{ forumSlug: LIVE, role: 'translator' }] });
    const otherOrganizer = await createUser(t.db, { roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] });
    const callers = {
      visitor: '',
      participant: (await member(t, 'participant')).cookie,
      keyRespondent: (await member(t, 'key_respondent')).cookie,
      translator: await signIn(t, translatorUser),
      organizerOfAnotherForum: await signIn(t, otherOrganizer),
    };
    const email = newEmail();
    const count = async () => ({
      invitations: (await t.db.selectFrom('invitations').select('id').execute()).length,
      outbox: (await t.db.selectFrom('outbox').select('id').where('to_email', '=', email).execute()).length,
    });
    const before = await count();
    for (const [who, cookie] of Object.entries(callers)) {
      for (const role of ['participant', 'translator', 'organizer']) {
        const response = await invite(cookie, { email, role, lang: 'en' });
        expect(response.status, `${who} inviting as ${role}`).toBe(who === 'visitor' ? 401 : 403);
      }
    }
    expect(await count()).toEqual(before);

    const admin = await signIn(t, await createUser(t.db, { isAdmin: true }));
    expect((await invite(admin, { email, role: 'translator', lang: 'en' }).expect(200)).body).toEqual({
      status: 'invited',
    });
    expect(
      (await invite(organizer.cookie, { email: newEmail(), role: 'organizer', lang: 'en' }).expect(200)).body,
    ).toEqual({ status: 'invited' });
    // An unknown role is refused by the schema.
    expect(
      (await invite(organizer.cookie, { email: newEmail(), role: 'admin', lang: 'en' }).expect(400)).body.error.code,
    ).toBe('validation');
  });

  it('invites a translator by link: the new account gets the role, once; the email names the role in the invitee’s language', async () => {
    const email = newEmail();
    await invite(organizer.cookie, { email, role: 'translator', lang: 'es' }).expect(200);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['lang', 'payload'])
      .where('to_email', '=', email)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ lang: 'es', payload: { role: emailString('es', '_cohort.translator') } });
    expect(emailString('es', '_cohort.translator')).toBe('traductor o traductora');

    const path = await linkPath(email);
    expect((await t.get(`/api${path}`).expect(200)).body).toMatchObject({
      email,
      role: 'translator',
      week: null,
      hasAccount: false,
    });
    const accepted = await t.post(`/api${path}/accept`).send({ account: account() }).expect(200);
    const cookie = String(accepted.headers['set-cookie']);
    expect((await t.get(base).set('Cookie', cookie).expect(200)).body.forum.myRoles).toEqual(['translator']);
    expect(await rolesOf((await userIdOf(email))!)).toEqual(['translator']);

    // Single use: the same link again, signed in or not, is refused and changes nothing.
    expect((await t.post(`/api${path}/accept`).send({ account: account() }).expect(409)).body.error.code).toBe(
      'link_used',
    );
    expect((await t.get(`/api${path}`).expect(409)).body.error.code).toBe('link_used');
    const sent = (await t.get(`${base}/sent-invitations`).set('Cookie', organizer.cookie).expect(200)).body.invitations;
    expect(sent.find((row: { email: string }) => row.email === email)).toMatchObject({
      role: 'translator',
      week: null,
      status: 'used',
    });
  });

  it('invites an organizer by link: an expired link is refused and opens no account; a fresh one makes an organizer', async () => {
    const email = newEmail();
    await invite(organizer.cookie, { email, role: 'organizer', lang: 'fr' }).expect(200);
    const stale = await linkPath(email);
    await t.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', email)
      .execute();
    const refused = await t
      .post(`/api${stale}/accept`)
      .set('Accept-Language', 'fr')
      .send({ account: account('fr') })
      .expect(409);
    expect(refused.body.error).toEqual({
      code: 'link_expired',
      message: formatErrorMessage('fr', 'UTC', 'link_expired'),
    });
    expect(await userIdOf(email)).toBeUndefined();
    const sent = (await t.get(`${base}/sent-invitations`).set('Cookie', organizer.cookie).expect(200)).body.invitations;
    expect(sent.find((row: { email: string }) => row.email === email)).toMatchObject({
      role: 'organizer',
      status: 'expired',
    });

    await invite(organizer.cookie, { email, role: 'organizer', lang: 'fr' }).expect(200);
    const fresh = await linkPath(email);
    expect(fresh).not.toBe(stale);
    const cookie = String(
      (
        await t
          .post(`/api${fresh}/accept`)
          .send({ account: account('fr') })
          .expect(200)
      ).headers['set-cookie'],
    );
    expect((await t.get(base).set('Cookie', cookie).expect(200)).body.forum.myRoles).toEqual(['organizer']);
    // The new organizer runs the console at once.
    await t.get(`${base}/people`).set('Cookie', cookie).expect(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('forum_id', '=', liveId)
      .where('target_type', '=', 'invitation')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['invitation.sent_organizer', 'invitation.accepted']),
    );
  });

  it('adds someone with an account at once as translator or organizer, and tells them the role', async () => {
    const person = await member(t, null, 'fr');
    expect(
      (await invite(organizer.cookie, { email: person.email, role: 'translator', lang: 'en' }).expect(200)).body,
    ).toEqual({ status: 'added' });
    expect(
      (await invite(organizer.cookie, { email: person.email, role: 'organizer', lang: 'en' }).expect(200)).body,
    ).toEqual({ status: 'added' });
    expect(await rolesOf(person.id)).toEqual(['organizer', 'translator']);
    const mails = await t.db
      .selectFrom('outbox')
      .select(['template', 'lang', 'payload'])
      .where('to_email', '=', person.email)
      .orderBy('id')
      .execute();
    expect(mails.map((mail) => [mail.template, mail.lang, mail.payload.role])).toEqual([
      ['added_to_forum', 'fr', emailString('fr', '_cohort.translator')],
      ['added_to_forum', 'fr', emailString('fr', '_cohort.organizer')],
    ]);
  });

  it('keeps a key respondent’s week and the limits through the link', async () => {
    await t
      .patch(`${base}/settings`)
      .set('Cookie', organizer.cookie)
      .send({ keyRespondentLimit: 10, keyRespondentsPerWeek: 1 })
      .expect(200);
    const email = newEmail();
    await invite(organizer.cookie, { email, role: 'key_respondent', week: 1, lang: 'en' }).expect(200);
    expect(
      (await invite(organizer.cookie, { email: newEmail(), role: 'key_respondent', lang: 'en' }).expect(400)).body.error
        .code,
    ).toBe('validation');
    // Meanwhile week 1's only seat goes to someone else: the link cannot exceed the limit.
    const other = await member(t, 'participant');
    await t
      .put(`${base}/people/${other.id}/roles`)
      .set('Cookie', organizer.cookie)
      .send({ roles: ['participant', 'key_respondent'], week: 1 })
      .expect(200);
    const path = await linkPath(email);
    expect((await t.post(`/api${path}/accept`).send({ account: account() }).expect(409)).body.error.code).toBe(
      'week_limit_reached',
    );
    expect(await userIdOf(email)).toBeUndefined();
    await t
      .put(`${base}/people/${other.id}/roles`)
      .set('Cookie', organizer.cookie)
      .send({ roles: ['participant'] })
      .expect(200);
    await t.post(`/api${path}/accept`).send({ account: account() }).expect(200);
    const people = (await t.get(`${base}/people?role=key_respondent`).set('Cookie', organizer.cookie).expect(200)).body
      .people;
    expect(people.find((person: { email: string }) => person.email === email)).toMatchObject({
      roles: ['key_respondent', 'participant'],
      week: 1,
    });
  });
});

describe(`a suspended member stays out (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  async function suspended(lang: 'en' | 'es' = 'en') {
    const person = await member(t, 'participant', lang);
    await t
      .post(`${base}/people/${person.id}/suspend`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Repeated insults' })
      .expect(200);
    return person;
  }

  it('refuses the organizer who adds a suspended member by invitation, and changes nothing', async () => {
    const person = await suspended();
    for (const role of ['participant', 'translator', 'organizer']) {
      const response = await invite(organizer.cookie, { email: person.email, role, lang: 'en' })
        .set('Accept-Language', 'es')
        .expect(409);
      expect(response.body.error).toEqual({
        code: 'member_suspended',
        message: formatErrorMessage('es', 'UTC', 'member_suspended'),
      });
    }
    expect(await rolesOf(person.id)).toEqual([]);
    expect(await rolesOf(person.id, 'suspended_roles')).toEqual(['participant']);
    expect(await t.db.selectFrom('outbox').select('id').where('to_email', '=', person.email).execute()).toEqual([]);
  });

  it('refuses a suspended person who uses an invitation link, in their language; the link stays unused', async () => {
    const email = newEmail();
    await invite(organizer.cookie, { email, role: 'translator', lang: 'es' }).expect(200);
    const path = await linkPath(email);
    // Meanwhile the address joined, and was suspended.
    const person = await suspended('es');
    await t.db.updateTable('users').set({ email }).where('id', '=', person.id).execute();
    const refused = await t
      .post(`/api${path}/accept`)
      .set('Cookie', person.cookie)
      .set('Accept-Language', 'es')
      .send({})
      .expect(403);
    expect(refused.body.error).toEqual({
      code: 'suspended_from_forum',
      message: formatErrorMessage('es', 'UTC', 'suspended_from_forum'),
    });
    expect(refused.body.error.message).toContain('suspendida');
    expect(await rolesOf(person.id)).toEqual([]);
    expect(await rolesOf(person.id, 'suspended_roles')).toEqual(['participant']);
    const row = await t.db
      .selectFrom('invitations')
      .select(['accepted_at', 'accepted_by'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ accepted_at: null, accepted_by: null });
  });

  it('refuses to accept the application of a suspended person, with a clear error to the organizer', async () => {
    const applicant = await member(t, null);
    const applied = await t
      .post(`${base}/application`)
      .set('Cookie', applicant.cookie)
      .send(applicationBody())
      .expect(201);
    const id = applied.body.application.id as number;
    await t
      .post(`${base}/applications/${id}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept' })
      .expect(200);
    await t.post(`${base}/people/${applicant.id}/suspend`).set('Cookie', organizer.cookie).send({}).expect(200);
    for (const decision of [{ decision: 'accept' }, { decision: 'accept', role: 'key_respondent', week: 2 }]) {
      const response = await t
        .post(`${base}/applications/${id}/decision`)
        .set('Cookie', organizer.cookie)
        .send(decision)
        .expect(409);
      expect(response.body.error.code).toBe('member_suspended');
    }
    // In bulk the accepted application is left as it is (already decided), so no role comes back that way either.
    const bulk = await t
      .post(`${base}/applications/decisions`)
      .set('Cookie', organizer.cookie)
      .send({ ids: [id], decision: 'accept' })
      .expect(200);
    expect(bulk.body).toMatchObject({ decided: 0, skipped: [{ id, status: 'accepted' }] });
    expect(await rolesOf(applicant.id)).toEqual([]);
    expect(await rolesOf(applicant.id, 'suspended_roles')).toEqual(['participant']);
    // Lifting the suspension gives the roles back; accepting works again.
    await t.post(`${base}/people/${applicant.id}/unsuspend`).set('Cookie', organizer.cookie).send({}).expect(200);
    await t
      .post(`${base}/applications/${id}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept' })
      .expect(200);
    expect(await rolesOf(applicant.id)).toEqual(['participant']);
  });
});
