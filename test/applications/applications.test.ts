// Applying: word limits, one application per person, editing and withdrawing around the
// deadline (the end of its day in the forum's zone), and a visitor opening an account as they apply.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member } from '../helpers/forum-fixture.ts';
import { applicationBody, candidateBody, setDeadline, tokenFromOutbox } from './cohort-helpers.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';
import { formatCalendarDate } from '../../server/i18n/calendar-date.ts';
import { hostileWordCases, wordLimitCases } from '../../web/src/text/word-count.cases.ts';
import { countWords } from '../../web/src/text/word-count.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
}, 180_000);
afterAll(async () => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

const url = `/api/forums/${LIVE}/application`;

describe('applying to a forum', () => {
  it('records a participant application and shows it to its author', async () => {
    const applicant = await member(t, null);
    const response = await t.post(url).set('Cookie', applicant.cookie).send(applicationBody()).expect(201);
    expect(response.body.application).toMatchObject({
      kind: 'participant',
      status: 'pending',
      region: 'canada',
      langs: ['fr', 'en'],
      statement: '',
    });
    const own = await t.get(url).set('Cookie', applicant.cookie).expect(200);
    expect(own.body.application.id).toBe(response.body.application.id);
    expect(own.body.call).toMatchObject({
      open: true,
      descriptionWordLimit: 150,
      statementWordLimit: 300,
      weeks: [1, 2],
    });
  });

  it('refuses a second application from the same person, in their language, and changes nothing', async () => {
    const applicant = await member(t, null, 'es');
    await t.post(url).set('Cookie', applicant.cookie).send(applicationBody()).expect(201);
    const again = await t
      .post(url)
      .set('Cookie', applicant.cookie)
      .set('Accept-Language', 'es')
      .send(candidateBody())
      .expect(409);
    expect(again.body.error).toEqual({
      code: 'already_applied',
      message: formatErrorMessage('es', 'UTC', 'already_applied'),
    });
    const own = await t.get(url).set('Cookie', applicant.cookie).expect(200);
    expect(own.body.application.kind).toBe('participant');
  });

  it('refuses a member, and a candidate without statement or week', async () => {
    const participant = await member(t, 'participant');
    expect(
      (await t.post(url).set('Cookie', participant.cookie).send(applicationBody()).expect(409)).body.error.code,
    ).toBe('already_member');
    const applicant = await member(t, null);
    expect(
      (
        await t
          .post(url)
          .set('Cookie', applicant.cookie)
          .send(candidateBody({ statement: ' … ' }))
          .expect(400)
      ).body.error.code,
    ).toBe('validation');
    expect(
      (
        await t
          .post(url)
          .set('Cookie', applicant.cookie)
          .send(candidateBody({ fitsWeek: null }))
          .expect(400)
      ).body.error.code,
    ).toBe('validation');
    expect(
      (
        await t
          .post(url)
          .set('Cookie', applicant.cookie)
          .send(candidateBody({ fitsWeek: 9 }))
          .expect(400)
      ).body.error.code,
    ).toBe('validation');
    await t
      .get(url)
      .set('Cookie', applicant.cookie)
      .expect(200)
      .expect((r) => expect(r.body.application).toBeNull());
  });

  for (const { lang, text, words } of wordLimitCases) {
    it(`takes a ${lang} statement of exactly 300 words and refuses 301`, async () => {
      expect(words).toBe(300);
      const applicant = await member(t, null, lang);
      const over = await t
        .post(url)
        .set('Cookie', applicant.cookie)
        .set('Accept-Language', lang)
        .send(candidateBody({ statement: `${text} más` }))
        .expect(400);
      expect(over.body.error.code).toBe('too_many_words');
      expect(over.body.error.message).toContain('301');
      await t
        .post(url)
        .set('Cookie', applicant.cookie)
        .send(candidateBody({ statement: text }))
        .expect(201);
    });
  }

  it('refuses a statement that hides its words by joining them, in CJK or as emoji, and stores nothing', async () => {
    const applicant = await member(t, null, 'fr');
    for (const { name, text: sample } of hostileWordCases) {
      // Each sample repeated past the 300-word limit, within the field's 20,000 characters.
      const text = Array.from({ length: Math.min(Math.floor(20_000 / (sample.length + 1)), 4) }, () => sample).join(
        ' ',
      );
      expect(countWords(text), name).toBeGreaterThan(300);
      const over = await t
        .post(url)
        .set('Cookie', applicant.cookie)
        .set('Accept-Language', 'fr')
        .send(candidateBody({ statement: text }));
      expect(over.status, name).toBe(400);
      expect(over.body.error.code, name).toBe('too_many_words');
    }
    await t
      .get(url)
      .set('Cookie', applicant.cookie)
      .expect(200)
      .expect((r) => expect(r.body.application).toBeNull());
  });

  it("holds the description to the forum's word limit", async () => {
    const applicant = await member(t, null);
    const long = Array.from({ length: 151 }, (_, i) => `mot${i}`).join(' ');
    expect(
      (
        await t
          .post(url)
          .set('Cookie', applicant.cookie)
          .send(applicationBody({ description: long }))
          .expect(400)
      ).body.error.code,
    ).toBe('too_many_words');
  });
});

describe("the deadline is the end of its day in the forum's zone", () => {
  // 2026-09-06 00:00 does not exist in Santiago (clocks jump to 01:00), so 5 September ends at 04:00 UTC.
  const zones = [
    {
      timeZone: 'America/Santiago',
      lastDay: '2026-09-05',
      before: '2026-09-06T03:59:59Z',
      after: '2026-09-06T04:00:00Z',
    },
    {
      timeZone: 'America/Toronto',
      lastDay: '2026-11-02',
      before: '2026-11-03T04:59:59Z',
      after: '2026-11-03T05:00:00Z',
    },
  ];
  for (const zone of zones) {
    it(`applies, edits and withdraws on each side of midnight in ${zone.timeZone}`, async () => {
      await setDeadline(t, zone.lastDay, zone.timeZone);
      const early = await member(t, null);
      const late = await member(t, null, 'fr');
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(zone.before));
      await t.post(url).set('Cookie', early.cookie).send(applicationBody()).expect(201);
      await t
        .put(url)
        .set('Cookie', early.cookie)
        .send(applicationBody({ organisation: 'Avant minuit' }))
        .expect(200);
      const call = (await t.get(url).expect(200)).body.call;
      expect(call).toMatchObject({ open: true, deadlineOn: zone.lastDay, timeZone: zone.timeZone });

      vi.setSystemTime(new Date(zone.after));
      const refused = await t
        .post(url)
        .set('Cookie', late.cookie)
        .set('Accept-Language', 'fr')
        .send(applicationBody())
        .expect(409);
      expect(refused.body.error).toEqual({
        code: 'application_closed',
        message: expect.stringContaining(formatCalendarDate('fr', zone.lastDay)),
      });
      const edit = await t
        .put(url)
        .set('Cookie', early.cookie)
        .send(applicationBody({ organisation: 'Après minuit' }))
        .expect(409);
      expect(edit.body.error.code).toBe('application_closed');
      expect((await t.get(url).expect(200)).body.call.open).toBe(false);
      const own = await t.get(url).set('Cookie', early.cookie).expect(200);
      expect(own.body.application.organisation).toBe('Avant minuit');
      // Withdrawing stays possible after the deadline.
      const withdrawn = await t.post(`${url}/withdraw`).set('Cookie', early.cookie).expect(200);
      expect(withdrawn.body.application.status).toBe('withdrawn');
      await t.post(`${url}/withdraw`).set('Cookie', early.cookie).expect(404);
    });
  }

  it('lets someone who withdrew before the deadline apply again', async () => {
    await setDeadline(t, '2099-01-01', 'America/Toronto');
    const applicant = await member(t, null);
    await t.post(url).set('Cookie', applicant.cookie).send(applicationBody()).expect(201);
    await t.post(`${url}/withdraw`).set('Cookie', applicant.cookie).expect(200);
    const again = await t.post(url).set('Cookie', applicant.cookie).send(candidateBody()).expect(201);
    expect(again.body.application).toMatchObject({ status: 'pending', kind: 'key_respondent', fitsWeek: 1 });
  });

  it('shows the withdrawn application with its answers, and sends it again once under a double submit', async () => {
    await setDeadline(t, '2099-01-01', 'America/Toronto');
    const applicant = await member(t, null);
    const first = await t.post(url).set('Cookie', applicant.cookie).send(candidateBody()).expect(201);
    await t.post(`${url}/withdraw`).set('Cookie', applicant.cookie).expect(200);
    // The page after withdrawing: the withdrawn state with the old answers to start from; editing it is not the way back.
    const own = await t.get(url).set('Cookie', applicant.cookie).expect(200);
    expect(own.body.application).toMatchObject({
      id: first.body.application.id,
      status: 'withdrawn',
      kind: 'key_respondent',
      statement: candidateBody().statement as string,
    });
    expect((await t.put(url).set('Cookie', applicant.cookie).send(candidateBody()).expect(404)).body.error.code).toBe(
      'not_found',
    );

    const resend = candidateBody({ description: 'Coordino cajas rurales en Cusco.' });
    const [a, b] = await Promise.all([
      t.post(url).set('Cookie', applicant.cookie).send(resend),
      t.post(url).set('Cookie', applicant.cookie).send(resend),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.application).toMatchObject({
      id: first.body.application.id,
      status: 'pending',
      description: 'Coordino cajas rurales en Cusco.',
    });
    expect(b.body.application.id).toBe(a.body.application.id);
    // A retry after the answer was lost gets the same answer; different answers are a second application.
    expect((await t.post(url).set('Cookie', applicant.cookie).send(resend).expect(201)).body.application.id).toBe(
      a.body.application.id,
    );
    expect(
      (await t.post(url).set('Cookie', applicant.cookie).send(applicationBody()).expect(409)).body.error.code,
    ).toBe('already_applied');
    const rows = await t.db
      .selectFrom('applications')
      .select(['id', 'status'])
      .where('user_id', '=', applicant.id)
      .execute();
    expect(rows).toEqual([{ id: first.body.application.id, status: 'pending' }]);
  });

  it('lets an accepted applicant who withdrew apply again, as a newcomer', async () => {
    await setDeadline(t, '2099-01-01', 'America/Toronto');
    const organizer = await member(t, 'organizer');
    const applicant = await member(t, null);
    const applied = await t.post(url).set('Cookie', applicant.cookie).send(applicationBody()).expect(201);
    await t
      .post(`/api/forums/${LIVE}/applications/${applied.body.application.id}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept' })
      .expect(200);
    await t.post(`${url}/withdraw`).set('Cookie', applicant.cookie).expect(200);
    expect((await t.get(`/api/forums/${LIVE}`).set('Cookie', applicant.cookie)).body.forum.myRoles).toEqual([]);
    const again = await t.post(url).set('Cookie', applicant.cookie).send(applicationBody()).expect(201);
    expect(again.body.application).toMatchObject({ status: 'pending', decisionMessage: null, decidedAt: null });
  });

  it('refuses withdrawing and resending to a visitor', async () => {
    await t.post(`${url}/withdraw`).expect(401);
    await t.put(url).send(applicationBody()).expect(401);
  });
});

describe('a visitor applies and opens an account in the same flow', () => {
  it('answers alike for a new and a known email, and the application waits for the verified account', async () => {
    await setDeadline(t, '2099-01-01', 'America/Toronto');
    const account = {
      email: 'nueva@example.test',
      displayName: 'Ana Quispe',
      password: 'una clave bastante larga',
      interfaceLang: 'es',
      timeZone: 'America/Lima',
      acceptTerms: true,
    };
    const fresh = await t
      .post(url)
      .set('Accept-Language', 'es')
      .send(candidateBody({ account, optIn: true }))
      .expect(202);
    const known = await member(t, null);
    const taken = await t
      .post(url)
      .send(candidateBody({ account: { ...account, email: known.email } }))
      .expect(202);
    expect(taken.body).toEqual(fresh.body);
    expect(fresh.body).toEqual({ status: 'check_email' });
    // The known account got no application; its owner was told by email.
    expect((await t.get(url).set('Cookie', known.cookie).expect(200)).body.application).toBeNull();
    const notice = await t.db.selectFrom('outbox').select('template').where('to_email', '=', known.email).execute();
    expect(notice.map((row) => row.template)).toEqual(['registration_attempt_on_existing_account']);

    const token = await tokenFromOutbox(t, account.email, 'verify_email', 'verifyUrl');
    const verified = await t.post('/api/auth/verify-email').send({ token }).expect(200);
    const cookie = [verified.headers['set-cookie']]
      .flat()
      .find((c) => c?.startsWith('tertulia_session='))!
      .split(';')[0]!;
    const own = await t.get(url).set('Cookie', cookie).expect(200);
    expect(own.body.application).toMatchObject({
      kind: 'key_respondent',
      status: 'pending',
      region: 'andean',
      lang: 'es',
      applicant: { displayName: 'Ana Quispe' },
    });
    expect(own.body.optedIn).toBe(true);
  });

  it('refuses a visitor without account details', async () => {
    expect((await t.post(url).send(applicationBody()).expect(401)).body.error.code).toBe('sign_in_required');
  });
});
