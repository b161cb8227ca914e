// Each member chooses how their words may appear in published proceedings: with their name,
// anonymously by region, or not at all. Every change is dated and kept; once an edition is
// published the choice is fixed; organizers see the counts over current members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { applicationBody, forumId, openForApplications } from '../applications/cohort-helpers.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';

let t: TestApp;
let organizer: Member;

beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
}, 180_000);
afterAll(async () => t?.close());

const url = `/api/forums/${LIVE}/consent`;

async function recordsOf(userId: number) {
  return t.db
    .selectFrom('publication_consent_records')
    .select(['choice', 'source'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

describe('a member’s own choice', () => {
  it('starts unanswered, changes, and keeps each change with its date', async () => {
    const person = await member(t, 'participant');
    const first = await t.get(url).set('Cookie', person.cookie).expect(200);
    expect(first.body).toEqual({ choice: null, chosenAt: null, editable: true, records: [] });

    const named = await t.put(url).set('Cookie', person.cookie).send({ choice: 'named' }).expect(200);
    expect(named.body).toMatchObject({ choice: 'named', editable: true });
    expect(Date.parse(named.body.chosenAt)).not.toBeNaN();
    // The same choice again (a double submit) is not a new decision.
    await t.put(url).set('Cookie', person.cookie).send({ choice: 'named' }).expect(200);
    const anonymous = await t.put(url).set('Cookie', person.cookie).send({ choice: 'anonymous' }).expect(200);
    expect(anonymous.body.choice).toBe('anonymous');
    expect(anonymous.body.records.map((r: { choice: string; source: string }) => [r.choice, r.source])).toEqual([
      ['anonymous', 'profile'],
      ['named', 'profile'],
    ]);
    for (const record of anonymous.body.records) expect(Date.parse(record.chosenAt)).not.toBeNaN();
    expect(anonymous.body.chosenAt).toBe(anonymous.body.records[0].chosenAt);
    expect(await recordsOf(person.id)).toHaveLength(2);
  });

  it('refuses an invalid choice and writes nothing', async () => {
    const person = await member(t, 'participant');
    for (const body of [{ choice: 'public' }, {}, { choice: null }, { choice: ['named'] }]) {
      const response = await t.put(url).set('Cookie', person.cookie).send(body);
      expect(response.status).toBe(400);
    }
    expect(await recordsOf(person.id)).toEqual([]);
    expect(
      await t.db.selectFrom('publication_consents').select('choice').where('user_id', '=', person.id).execute(),
    ).toEqual([]);
  });

  it('refuses the wrong callers', async () => {
    await t.get(url).expect(401);
    await t.put(url).send({ choice: 'named' }).expect(401);
    const outsider = await member(t, null);
    const read = await t.get(url).set('Cookie', outsider.cookie).expect(403);
    expect(read.body.error.code).toBe('not_a_member');
    await t.put(url).set('Cookie', outsider.cookie).send({ choice: 'named' }).expect(403);
    expect(await recordsOf(outsider.id)).toEqual([]);
    await t.get(`/api/forums/no-such-forum/consent`).set('Cookie', outsider.cookie).expect(404);
  });
});

describe('the organizers’ counts', () => {
  it('counts current members by choice, and only organizers see them', async () => {
    await t.get(`${url}/counts`).expect(401);
    const participant = await member(t, 'participant');
    await t.get(`${url}/counts`).set('Cookie', participant.cookie).expect(403);
    const outsider = await member(t, null);
    await t.get(`${url}/counts`).set('Cookie', outsider.cookie).expect(403);

    const before = (await t.get(`${url}/counts`).set('Cookie', organizer.cookie).expect(200)).body;
    const [a, b, c] = [
      await member(t, 'participant'),
      await member(t, 'participant'),
      await member(t, 'key_respondent'),
    ];
    await member(t, 'participant');
    await t.put(url).set('Cookie', a.cookie).send({ choice: 'named' }).expect(200);
    await t.put(url).set('Cookie', b.cookie).send({ choice: 'none' }).expect(200);
    await t.put(url).set('Cookie', c.cookie).send({ choice: 'anonymous' }).expect(200);
    // An outsider's choice (say, from an application not yet accepted) is not a member's.
    await t.db
      .insertInto('publication_consents')
      .values({ forum_id: await forumId(t), user_id: outsider.id, choice: 'named' })
      .execute();
    const after = (await t.get(`${url}/counts`).set('Cookie', organizer.cookie).expect(200)).body;
    // Four new members: three answered, one did not.
    expect(after).toEqual({
      named: before.named + 1,
      anonymous: before.anonymous + 1,
      none: before.none + 1,
      unanswered: before.unanswered + 1,
    });
  });
});

describe('consent asked on joining', () => {
  it('records the choice of an application with its source', async () => {
    const applicant = await member(t, null);
    await t
      .post(`/api/forums/${LIVE}/application`)
      .set('Cookie', applicant.cookie)
      .send(applicationBody({ publicationConsent: 'anonymous' }))
      .expect(201);
    expect(await recordsOf(applicant.id)).toEqual([{ choice: 'anonymous', source: 'application' }]);
    const own = await t.get(`/api/forums/${LIVE}/application`).set('Cookie', applicant.cookie).expect(200);
    expect(own.body.publicationConsent).toBe('anonymous');
  });

  it('refuses a new application without a choice, or with an invalid one, and stores nothing', async () => {
    const applicant = await member(t, null);
    for (const publicationConsent of [undefined, 'public']) {
      const body: Record<string, unknown> = applicationBody({ publicationConsent });
      if (publicationConsent === undefined) delete body.publicationConsent;
      await t.post(`/api/forums/${LIVE}/application`).set('Cookie', applicant.cookie).send(body).expect(400);
    }
    expect(await recordsOf(applicant.id)).toEqual([]);
    expect(await t.db.selectFrom('applications').select('id').where('user_id', '=', applicant.id).execute()).toEqual(
      [],
    );
  });

  it('records the choice given when accepting an invitation', async () => {
    const email = 'consentida@example.test';
    await t
      .post(`/api/forums/${LIVE}/invitations`)
      .set('Cookie', organizer.cookie)
      .send({ email, role: 'participant', lang: 'es' })
      .expect(200);
    const row = await t.db
      .selectFrom('outbox')
      .select('payload')
      .where('to_email', '=', email)
      .where('template', '=', 'invitation')
      .executeTakeFirstOrThrow();
    const path = new URL(String(row.payload.inviteUrl)).pathname;
    const account = {
      displayName: 'Rosa Quispe',
      password: 'una clave bastante larga',
      interfaceLang: 'es',
      timeZone: 'America/La_Paz',
      acceptTerms: true,
    };
    await t.post(`/api${path}/accept`).send({ account, publicationConsent: 'bogus' }).expect(400);
    await t.post(`/api${path}/accept`).send({ account, publicationConsent: 'none' }).expect(200);
    const user = await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    expect(await recordsOf(user.id)).toEqual([{ choice: 'none', source: 'invitation' }]);
  });
});

describe('after publication', () => {
  it('keeps the choice fixed once an edition is published, saying why in the caller’s language', async () => {
    const person = await member(t, 'participant', 'fr');
    await t.put(url).set('Cookie', person.cookie).send({ choice: 'named' }).expect(200);
    const forum = await forumId(t);
    // An unpublished edition does not lock anything.
    const draft = await t.db
      .insertInto('proceedings_editions')
      .values({
        forum_id: forum,
        lang: 'es',
        requested_by: organizer.id,
        idempotency_key: 'consent-draft',
        thread_ids: null,
        last_error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.put(url).set('Cookie', person.cookie).send({ choice: 'anonymous' }).expect(200);
    await t.db
      .updateTable('proceedings_editions')
      .set({ status: 'done', published_at: new Date() })
      .where('id', '=', draft.id)
      .execute();
    try {
      const refused = await t
        .put(url)
        .set('Cookie', person.cookie)
        .set('Accept-Language', 'fr')
        .send({ choice: 'none' })
        .expect(409);
      expect(refused.body.error).toEqual({
        code: 'consent_locked',
        message: formatErrorMessage('fr', 'UTC', 'consent_locked'),
      });
      const shown = await t.get(url).set('Cookie', person.cookie).expect(200);
      expect(shown.body).toMatchObject({ choice: 'anonymous', editable: false });
      expect(shown.body.records).toHaveLength(2);
    } finally {
      await t.db.deleteFrom('proceedings_editions').where('id', '=', draft.id).execute();
    }
  });
});
