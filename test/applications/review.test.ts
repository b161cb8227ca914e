// Organizers review applications: filters and counts, decisions with a message in the audit
// log and to the applicant, bulk decisions, and key-respondent seats that hold under
// concurrent acceptance (the test's name says whether the engine ran the two at once or in turns).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { atOnce } from '../helpers/test-database.ts';
import { applicationBody, candidateBody, forumId, openForApplications } from './cohort-helpers.ts';
import { emailString } from '../../server/mail/email-templates.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';

let t: TestApp;
let organizer: Member;

beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
}, 180_000);
afterAll(async () => t?.close());

const base = `/api/forums/${LIVE}`;

async function applicant(body: Record<string, unknown>, lang: 'en' | 'es' | 'fr' = 'en') {
  const person = await member(t, null, lang);
  const response = await t.post(`${base}/application`).set('Cookie', person.cookie).send(body).expect(201);
  return { ...person, applicationId: response.body.application.id as number };
}

async function limits(total: number, perWeek: number) {
  await t
    .patch(`${base}/settings`)
    .set('Cookie', organizer.cookie)
    .send({ keyRespondentLimit: total, keyRespondentsPerWeek: perWeek })
    .expect(200);
}

async function clearKeyRespondents() {
  await t.db
    .deleteFrom('memberships')
    .where('forum_id', '=', await forumId(t))
    .where('role', '=', 'key_respondent')
    .execute();
}

describe('reviewing applications', () => {
  it('filters by kind, region, country, language, status and week, with counts', async () => {
    const andean = await applicant(candidateBody({ region: 'andean', country: 'Bolivia', langs: ['es'], fitsWeek: 2 }));
    await applicant(applicationBody({ region: 'southern_cone', country: 'Chile', langs: ['es', 'en'] }));
    await applicant(applicationBody({ region: 'canada', country: 'Canada', langs: ['fr'] }));

    const byRegion = await t.get(`${base}/applications?region=andean`).set('Cookie', organizer.cookie).expect(200);
    expect(byRegion.body.applications.map((a: { id: number }) => a.id)).toEqual([andean.applicationId]);
    expect(byRegion.body.applications[0]).toMatchObject({
      email: andean.email,
      kind: 'key_respondent',
      fitsWeek: 2,
      country: 'Bolivia',
    });
    expect(byRegion.body.counts).toEqual({ total: 1, byStatus: { pending: 1 }, byKind: { key_respondent: 1 } });

    const spanish = await t
      .get(`${base}/applications?lang=es&kind=participant`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(spanish.body.applications.map((a: { country: string }) => a.country)).toEqual(['Chile']);
    const byCountry = await t
      .get(`${base}/applications?country=bolivia&week=2&status=pending`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(byCountry.body.counts.total).toBe(1);
    const bad = await t.get(`${base}/applications?region=atlantis`).set('Cookie', organizer.cookie).expect(400);
    expect(bad.body.error.code).toBe('validation');
  });

  it('accepts a participant, who becomes a member; the decision is audited and the applicant told in their language', async () => {
    const person = await applicant(applicationBody(), 'es');
    const decided = await t
      .post(`${base}/applications/${person.applicationId}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', message: 'Bienvenida al foro.' })
      .expect(200);
    expect(decided.body.application).toMatchObject({
      status: 'accepted',
      decisionMessage: 'Bienvenida al foro.',
      assignedWeek: null,
    });
    const forum = await t.get(`${base}`).set('Cookie', person.cookie).expect(200);
    expect(forum.body.forum.myRoles).toEqual(['participant']);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', 'application')
      .where('target_id', '=', person.applicationId)
      .execute();
    expect(audit).toMatchObject([
      { action: 'application.accepted', actor_id: organizer.id, reason: 'Bienvenida al foro.' },
    ]);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['template', 'lang', 'payload'])
      .where('to_email', '=', person.email)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      template: 'application_decided',
      lang: 'es',
      payload: { decision: emailString('es', '_cohort.accepted'), message: 'Bienvenida al foro.' },
    });
    const mine = await t.get('/api/me/applications').set('Cookie', person.cookie).expect(200);
    expect(mine.body.applications).toEqual([
      {
        forumSlug: LIVE,
        kind: 'participant',
        status: 'accepted',
        assignedWeek: null,
        decisionMessage: 'Bienvenida al foro.',
      },
    ]);
  });

  it('waitlists, then accepts as key respondent for a week; declining later takes the roles away', async () => {
    await clearKeyRespondents();
    await limits(2, 1);
    const person = await applicant(candidateBody());
    const url = `${base}/applications/${person.applicationId}/decision`;
    await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'waitlist', message: 'Les places sont presque prises.' })
      .expect(200);
    expect((await t.get(`${base}/application`).set('Cookie', person.cookie)).body.application).toMatchObject({
      status: 'waitlisted',
    });
    const noWeek = await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent' })
      .expect(400);
    expect(noWeek.body.error.code).toBe('validation');
    const accepted = await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 2 })
      .expect(200);
    expect(accepted.body.application).toMatchObject({ status: 'accepted', assignedWeek: 2 });
    expect((await t.get(`${base}`).set('Cookie', person.cookie)).body.forum.myRoles).toEqual([
      'key_respondent',
      'participant',
    ]);
    const list = await t.get(`${base}/applications`).set('Cookie', organizer.cookie).expect(200);
    expect(list.body.seats).toMatchObject({ limit: 2, perWeek: 1, taken: 1, byWeek: { 2: 1 } });

    await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'decline', confirmRoleRemoval: true })
      .expect(200);
    expect((await t.get(`${base}`).set('Cookie', person.cookie)).body.forum.myRoles).toEqual([]);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', person.applicationId)
      .where('target_type', '=', 'application')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'application.waitlisted',
      'application.accepted_key_respondent_week_2',
      'application.declined',
    ]);
  });

  it('holds the per-week and total limits, and changes nothing when refusing', async () => {
    await clearKeyRespondents();
    await limits(2, 1);
    const [a, b, c] = [
      await applicant(candidateBody()),
      await applicant(candidateBody()),
      await applicant(candidateBody()),
    ];
    await t
      .post(`${base}/applications/${a.applicationId}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 1 })
      .expect(200);
    const sameWeek = await t
      .post(`${base}/applications/${b.applicationId}/decision`)
      .set('Cookie', organizer.cookie)
      .set('Accept-Language', 'fr')
      .send({ decision: 'accept', role: 'key_respondent', week: 1 })
      .expect(409);
    expect(sameWeek.body.error).toEqual({
      code: 'week_limit_reached',
      message: formatErrorMessage('fr', 'UTC', 'week_limit_reached', { number: 1, max: 1 }),
    });
    expect(sameWeek.body.error.message).toMatch(/^La semaine 1 /);
    expect((await t.get(`${base}/application`).set('Cookie', b.cookie)).body.application.status).toBe('pending');
    expect((await t.get(`${base}`).set('Cookie', b.cookie)).body.forum.myRoles).toEqual([]);
    await t
      .post(`${base}/applications/${b.applicationId}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 2 })
      .expect(200);
    const full = await t
      .post(`${base}/applications/${c.applicationId}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 2 })
      .expect(409);
    expect(full.body.error.code).toBe('key_respondent_limit_reached');
    // Moving a key respondent to another week frees their old seat rather than taking a second.
    await t
      .post(`${base}/applications/${a.applicationId}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 1 })
      .expect(200);
  });

  it(`gives the last seat to exactly one of two organizers accepting ${atOnce}`, async () => {
    await clearKeyRespondents();
    await limits(1, 1);
    const second = await member(t, 'organizer');
    for (let round = 0; round < 3; round++) {
      await clearKeyRespondents();
      const [a, b] = [await applicant(candidateBody()), await applicant(candidateBody())];
      const responses = await Promise.all([
        t
          .post(`${base}/applications/${a.applicationId}/decision`)
          .set('Cookie', organizer.cookie)
          .send({ decision: 'accept', role: 'key_respondent', week: 1 }),
        t
          .post(`${base}/applications/${b.applicationId}/decision`)
          .set('Cookie', second.cookie)
          .send({ decision: 'accept', role: 'key_respondent', week: 2 }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('key_respondent_limit_reached');
      const seats = await t.db
        .selectFrom('memberships')
        .select('user_id')
        .where('forum_id', '=', await forumId(t))
        .where('role', '=', 'key_respondent')
        .execute();
      expect(seats).toHaveLength(1);
    }
  });

  it('decides a filtered list in bulk, all or nothing', async () => {
    const people = [
      await applicant(applicationBody({ region: 'caribbean' })),
      await applicant(applicationBody({ region: 'caribbean' })),
    ];
    const list = await t
      .get(`${base}/applications?region=caribbean&status=pending`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    const ids = list.body.applications.map((a: { id: number }) => a.id);
    expect(ids).toEqual(people.map((p) => p.applicationId));
    await t
      .post(`${base}/applications/decisions`)
      .set('Cookie', organizer.cookie)
      .send({ ids: [...ids, 999999], decision: 'accept' })
      .expect(404);
    expect(
      (await t.get(`${base}/applications?region=caribbean&status=pending`).set('Cookie', organizer.cookie)).body.counts
        .total,
    ).toBe(2);
    const done = await t
      .post(`${base}/applications/decisions`)
      .set('Cookie', organizer.cookie)
      .send({ ids, decision: 'waitlist', message: 'Merci !' })
      .expect(200);
    expect(done.body).toEqual({ decided: 2, skipped: [] });
    expect(
      (await t.get(`${base}/applications?region=caribbean`).set('Cookie', organizer.cookie)).body.counts.byStatus,
    ).toEqual({ waitlisted: 2 });
  });

  it('skips already-decided rows in bulk and names them, so a key respondent keeps their seat', async () => {
    await clearKeyRespondents();
    await limits(6, 2);
    const keyRespondent = await applicant(
      applicationBody({ region: 'brazil', kind: 'key_respondent', statement: 'Um banco comunitário.', fitsWeek: 1 }),
    );
    const declined = await applicant(applicationBody({ region: 'brazil' }));
    const waitlisted = await applicant(applicationBody({ region: 'brazil' }));
    const pending = await applicant(applicationBody({ region: 'brazil' }));
    const decision = (id: number) => `${base}/applications/${id}/decision`;
    await t
      .post(decision(keyRespondent.applicationId))
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 1 })
      .expect(200);
    await t
      .post(decision(declined.applicationId))
      .set('Cookie', organizer.cookie)
      .send({ decision: 'decline' })
      .expect(200);
    await t
      .post(decision(waitlisted.applicationId))
      .set('Cookie', organizer.cookie)
      .send({ decision: 'waitlist' })
      .expect(200);
    const ids = [keyRespondent, declined, waitlisted, pending].map((p) => p.applicationId);
    const mailsBefore = await t.db
      .selectFrom('outbox')
      .select('id')
      .where('template', '=', 'application_decided')
      .execute();

    const accepted = await t
      .post(`${base}/applications/decisions`)
      .set('Cookie', organizer.cookie)
      .send({ ids, decision: 'accept' })
      .expect(200);
    expect(accepted.body.decided).toBe(2);
    expect(accepted.body.skipped).toEqual([
      { id: keyRespondent.applicationId, displayName: expect.any(String), status: 'accepted', assignedWeek: 1 },
      { id: declined.applicationId, displayName: expect.any(String), status: 'declined', assignedWeek: null },
    ]);
    expect((await t.get(`${base}`).set('Cookie', keyRespondent.cookie)).body.forum.myRoles).toEqual([
      'key_respondent',
      'participant',
    ]);
    expect((await t.get(`${base}`).set('Cookie', declined.cookie)).body.forum.myRoles).toEqual([]);
    for (const person of [waitlisted, pending])
      expect((await t.get(`${base}`).set('Cookie', person.cookie)).body.forum.myRoles).toEqual(['participant']);
    // Only the two decided were told; the skipped heard nothing.
    const mailsAfter = await t.db
      .selectFrom('outbox')
      .select('id')
      .where('template', '=', 'application_decided')
      .execute();
    expect(mailsAfter.length - mailsBefore.length).toBe(2);
    const seats = await t.get(`${base}/applications`).set('Cookie', organizer.cookie).expect(200);
    expect(seats.body.seats.byWeek).toEqual({ 1: 1 });
    // Every row decided already: nothing changes, all reported.
    const again = await t
      .post(`${base}/applications/decisions`)
      .set('Cookie', organizer.cookie)
      .send({ ids, decision: 'decline' })
      .expect(200);
    expect(again.body.decided).toBe(0);
    expect(again.body.skipped.map((row: { id: number }) => row.id)).toEqual(ids);
  });

  it('takes a seat or a place away only when the organizer confirms it, and says so in their language', async () => {
    await clearKeyRespondents();
    await limits(6, 2);
    const person = await applicant(candidateBody({ fitsWeek: 2 }));
    const url = `${base}/applications/${person.applicationId}/decision`;
    await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 2 })
      .expect(200);
    const name = (
      await t.db.selectFrom('users').select('display_name').where('id', '=', person.id).executeTakeFirstOrThrow()
    ).display_name;

    const demote = await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .set('Accept-Language', 'es')
      .send({ decision: 'accept', role: 'participant' })
      .expect(409);
    expect(demote.body.error).toEqual({
      code: 'decision_removes_seat',
      message: formatErrorMessage('es', 'UTC', 'decision_removes_seat', { name, number: 2 }),
    });
    expect(demote.body.error.message).toContain('semana 2');
    const decline = await t.post(url).set('Cookie', organizer.cookie).send({ decision: 'decline' }).expect(409);
    expect(decline.body.error.code).toBe('decision_removes_seat');
    expect((await t.get(`${base}`).set('Cookie', person.cookie)).body.forum.myRoles).toEqual([
      'key_respondent',
      'participant',
    ]);
    // Moving the seat to another week takes nothing away.
    await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 1 })
      .expect(200);

    const confirmed = await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'participant', confirmRoleRemoval: true })
      .expect(200);
    expect(confirmed.body.application).toMatchObject({ status: 'accepted', assignedWeek: null });
    expect((await t.get(`${base}`).set('Cookie', person.cookie)).body.forum.myRoles).toEqual(['participant']);
    const waitlist = await t
      .post(url)
      .set('Cookie', organizer.cookie)
      .set('Accept-Language', 'fr')
      .send({ decision: 'waitlist' })
      .expect(409);
    expect(waitlist.body.error.code).toBe('decision_removes_membership');
    expect(waitlist.body.error.message).toContain(name);
    expect((await t.get(`${base}`).set('Cookie', person.cookie)).body.forum.myRoles).toEqual(['participant']);
  });

  it('refuses bulk decisions to a participant of the forum', async () => {
    const participant = await member(t, 'participant');
    const someone = await applicant(applicationBody());
    await t
      .post(`${base}/applications/decisions`)
      .set('Cookie', participant.cookie)
      .send({ ids: [someone.applicationId], decision: 'accept' })
      .expect(403);
  });
});
