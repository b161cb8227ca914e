// The organizers' cohort tools: the country filter's choices with their counts, the call's
// settings (description word limit, last day to apply), and the invitations they sent, listed
// with their state and revocable, refused to everyone but the forum's organizers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { applicationBody, setDeadline, openForApplications } from './cohort-helpers.ts';
import { addDays, startOfLocalDay } from '../../server/forums/forum-calendar.ts';

let t: TestApp;
let organizer: Member;

beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
}, 180_000);
afterAll(async () => t?.close());

const base = `/api/forums/${LIVE}`;

async function applyAs(body: Record<string, unknown>) {
  const person = await member(t, null);
  await t.post(`${base}/application`).set('Cookie', person.cookie).send(applicationBody(body)).expect(201);
}

describe('the country filter', () => {
  it('offers every country applied from with its count, under the other filters', async () => {
    await applyAs({ country: 'Bolivia', region: 'andean', langs: ['es'] });
    await applyAs({ country: 'bolivia', region: 'andean', langs: ['es', 'en'] });
    await applyAs({ country: 'Chile', region: 'southern_cone', langs: ['es'] });
    await applyAs({ country: 'Canada', region: 'canada', langs: ['fr'] });
    const all = await t.get(`${base}/applications`).set('Cookie', organizer.cookie).expect(200);
    expect(all.body.countries).toEqual([
      { country: 'Bolivia', count: 2 },
      { country: 'Canada', count: 1 },
      { country: 'Chile', count: 1 },
    ]);
    const spanishInBolivia = await t
      .get(`${base}/applications?lang=es&country=Bolivia`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(spanishInBolivia.body.counts.total).toBe(2);
    // The country choices ignore the country filter itself, so the other countries stay in reach.
    expect(spanishInBolivia.body.countries).toEqual([
      { country: 'Bolivia', count: 2 },
      { country: 'Chile', count: 1 },
    ]);
  });
});

describe("the call's settings (forum settings, as the cohort tools save them)", () => {
  it("change the description word limit and the last day to apply, in the forum's calendar, under the console's deadline rule", async () => {
    // The last day to apply must come before the forum's first day; it closes at the next midnight in Toronto.
    const forum = await t.db
      .selectFrom('forums')
      .select(['starts_on', 'ends_on'])
      .where('slug', '=', LIVE)
      .executeTakeFirstOrThrow();
    const dayBefore = addDays(String(forum.starts_on), -1);
    const saved = await t
      .patch(`${base}/settings`)
      .set('Cookie', organizer.cookie)
      .send({ descriptionWordLimit: 40, applicationDeadlineOn: dayBefore })
      .expect(200);
    expect(saved.body.settings).toMatchObject({ descriptionWordLimit: 40, applicationDeadlineOn: dayBefore });
    const call = (await t.get(`${base}/application`).expect(200)).body.call;
    expect(call).toMatchObject({
      descriptionWordLimit: 40,
      deadlineOn: dayBefore,
      deadline: startOfLocalDay(addDays(dayBefore, 1), 'America/Toronto').toISOString(),
    });
    // On or after the first day (let alone after the last day) is refused, in the caller's language, and changes nothing.
    for (const tooLate of [String(forum.starts_on), addDays(String(forum.ends_on), 1)]) {
      const refused = await t
        .patch(`${base}/settings`)
        .set('Cookie', organizer.cookie)
        .set('Accept-Language', 'es')
        .send({ applicationDeadlineOn: tooLate, descriptionWordLimit: 90 })
        .expect(400);
      expect(refused.body.error).toMatchObject({
        code: 'deadline_not_before_start',
        message: expect.stringContaining('postular'),
      });
    }
    expect((await t.get(`${base}/application`).expect(200)).body.call).toMatchObject({
      deadlineOn: dayBefore,
      descriptionWordLimit: 40,
    });
    const tooFew = await t
      .patch(`${base}/settings`)
      .set('Cookie', organizer.cookie)
      .send({ descriptionWordLimit: 2 })
      .expect(400);
    expect(tooFew.body.error.code).toBe('validation');
    await t.patch(`${base}/settings`).set('Cookie', organizer.cookie).send({ descriptionWordLimit: 150 }).expect(200);
    await setDeadline(t, '2099-01-01', 'America/Toronto');
  });

  it('leaves no second settings route behind', async () => {
    expect(
      (await t.patch(`${base}/cohort-settings`).set('Cookie', organizer.cookie).send({ descriptionWordLimit: 40 }))
        .status,
    ).toBe(404);
  });
});

describe('invitations sent', () => {
  async function send(email: string, extra: Record<string, unknown> = {}) {
    await t
      .post(`${base}/invitations`)
      .set('Cookie', organizer.cookie)
      .send({ email, role: 'participant', lang: 'fr', ...extra })
      .expect(200);
  }
  async function listed() {
    const response = await t.get(`${base}/sent-invitations`).set('Cookie', organizer.cookie).expect(200);
    type Row = { id: number; email: string; sentAt: string; expiresAt: string; status: string };
    return new Map((response.body.invitations as Row[]).map((row) => [row.email, row]));
  }
  async function tokenPath(email: string) {
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
    password: 'une phrase assez longue',
    interfaceLang: 'fr',
    timeZone: 'America/La_Paz',
    acceptTerms: true,
  };

  it('lists each with role, week, when it was sent and until when it works, pending, used, expired or revoked', async () => {
    await t
      .patch(`${base}/settings`)
      .set('Cookie', organizer.cookie)
      .send({ keyRespondentLimit: 10, keyRespondentsPerWeek: 3 })
      .expect(200);
    await send('pending@example.test', { role: 'key_respondent', week: 2 });
    await send('used@example.test');
    await send('expired@example.test');
    await send('revoked@example.test');
    await t
      .post(`/api${await tokenPath('used@example.test')}/accept`)
      .send({ account })
      .expect(200);
    await t.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', 'expired@example.test')
      .execute();
    const before = await listed();
    const revokedId = before.get('revoked@example.test')!.id;
    const revoked = await t
      .post(`${base}/sent-invitations/${revokedId}/revoke`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(revoked.body.invitation).toMatchObject({ email: 'revoked@example.test', status: 'revoked' });
    // Revoking twice answers the same and writes one audit entry.
    await t.post(`${base}/sent-invitations/${revokedId}/revoke`).set('Cookie', organizer.cookie).expect(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'invitation.revoked')
      .where('target_id', '=', revokedId)
      .execute();
    expect(audit).toHaveLength(1);

    const rows = await listed();
    expect(rows.get('pending@example.test')).toMatchObject({
      role: 'key_respondent',
      week: 2,
      lang: 'fr',
      status: 'pending',
      sentAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(rows.get('used@example.test')).toMatchObject({ role: 'participant', week: null, status: 'used' });
    expect(rows.get('expired@example.test')).toMatchObject({ status: 'expired' });
    expect(rows.get('revoked@example.test')).toMatchObject({ status: 'revoked' });
    const pending = rows.get('pending@example.test')!;
    expect(new Date(pending.expiresAt).getTime()).toBeGreaterThan(new Date(pending.sentAt).getTime() + 14 * 86_400_000);

    // A revoked link no longer works, in the caller's language; a used one cannot be revoked.
    const refused = await t
      .get(`/api${await tokenPath('revoked@example.test')}`)
      .set('Accept-Language', 'fr')
      .expect(409);
    expect(refused.body.error).toEqual({
      code: 'invitation_revoked',
      message: 'L’équipe d’organisation a retiré cette invitation. Écrivez-lui si vous souhaitez toujours participer.',
    });
    await t
      .post(`/api${await tokenPath('revoked@example.test')}/accept`)
      .send({ account })
      .expect(409);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'revoked@example.test').execute()).toEqual(
      [],
    );
    const usedId = rows.get('used@example.test')!.id;
    expect(
      (await t.post(`${base}/sent-invitations/${usedId}/revoke`).set('Cookie', organizer.cookie).expect(409)).body.error
        .code,
    ).toBe('link_used');
  });

  it("refuses visitors, participants, key respondents and another forum's organizers, and changes nothing", async () => {
    await send('untouched@example.test');
    const id = (await listed()).get('untouched@example.test')!.id;
    const participant = await member(t, 'participant');
    const keyRespondent = await member(t, 'key_respondent');
    const elsewhere = await createUser(t.db, { roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] });
    const otherOrganizer = await signIn(t, elsewhere);
    const callers: [string, string | null, number][] = [
      ['visitor', null, 401],
      ['participant', participant.cookie, 403],
      ['key respondent', keyRespondent.cookie, 403],
      ['other forum organizer', otherOrganizer, 403],
    ];
    for (const [who, cookie, status] of callers) {
      for (const [method, url] of [
        ['get', `${base}/sent-invitations`],
        ['post', `${base}/sent-invitations/${id}/revoke`],
      ] as const) {
        let request = method === 'get' ? t.get(url) : t.post(url);
        if (cookie) request = request.set('Cookie', cookie);
        const response = await request;
        expect(`${who} ${method} ${url} → ${response.status}`).toBe(`${who} ${method} ${url} → ${status}`);
      }
    }
    // Another forum's organizer cannot reach this forum's invitation through their own forum either.
    await t.post(`/api/forums/fixture-2009/sent-invitations/${id}/revoke`).set('Cookie', otherOrganizer).expect(404);
    expect((await listed()).get('untouched@example.test')).toMatchObject({ status: 'pending' });
  });
});
