// The console's forum settings and forum creation through the API: who may call each route,
// every field's validation (localized, nothing changed), and every derived instant recomputed
// when the dates or the zone change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay } from '../../server/forums/forum-calendar.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  castForum,
  dayFromToday,
  newForumBody,
  signedUser,
  weekBody,
  type Cast,
  type Signed,
} from './console-helpers.ts';

let t: TestApp;
let cast: Cast;
const SLUG = 'console-settings';
const base = `/api/forums/${SLUG}`;

beforeAll(async () => {
  t = await createTestApp();
  cast = await castForum(t, SLUG);
}, 180_000);
afterAll(async () => t?.close());

async function settings(who: Signed = cast.organizer) {
  return (await t.get(`${base}/settings`).set('Cookie', who.cookie).expect(200)).body.settings;
}

describe('who may use the settings and create forums', () => {
  it('refuses visitors, members in every role and organizers of another forum; lets the organizer and an admin in', async () => {
    const refused: [string, Signed | null, number][] = [
      ['visitor', null, 401],
      ['participant', cast.participant, 403],
      ['key respondent', cast.keyRespondent, 403],
      ['translator', cast.translator, 403],
      ['organizer of another forum', cast.otherOrganizer, 403],
    ];
    for (const [label, who, status] of refused) {
      const read = t.get(`${base}/settings`);
      const write = t.patch(`${base}/settings`).send({ weeksCloseAtEnd: true });
      if (who) {
        read.set('Cookie', who.cookie);
        write.set('Cookie', who.cookie);
      }
      expect((await read).status, `GET settings as ${label}`).toBe(status);
      expect((await write).status, `PATCH settings as ${label}`).toBe(status);
    }
    expect((await settings()).weeksCloseAtEnd).toBe(false);
    for (const who of [cast.organizer, cast.admin]) {
      expect(
        (await t.patch(`${base}/settings`).set('Cookie', who.cookie).send({ weeksCloseAtEnd: true }).expect(200)).body
          .settings.weeksCloseAtEnd,
      ).toBe(true);
    }
    await t.patch(`${base}/settings`).set('Cookie', cast.organizer.cookie).send({ weeksCloseAtEnd: false }).expect(200);
  });

  it('lets only a site admin create a forum', async () => {
    const body = newForumBody('console-created', [cast.organizer.email]);
    expect((await t.post('/api/forums').send(body)).status).toBe(401);
    for (const who of [cast.participant, cast.keyRespondent, cast.translator, cast.organizer, cast.otherOrganizer]) {
      expect((await t.post('/api/forums').set('Cookie', who.cookie).send(body)).status).toBe(403);
    }
    expect(
      await t.db.selectFrom('forums').select('id').where('slug', '=', 'console-created').executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('creating a forum', () => {
  it('makes a draft only its organizers and admins see, with its first organizers appointed', async () => {
    const organizer = await signedUser(t, { lang: 'fr' });
    const created = await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .send(newForumBody('console-draft', [organizer.email.toUpperCase()], { timeZone: 'Pacific/Auckland' }))
      .expect(201);
    expect(created.body.forum).toMatchObject({ slug: 'console-draft', organizers: [{ id: organizer.id }] });
    expect((await t.get('/api/forums/console-draft')).status).toBe(404);
    expect((await t.get('/api/forums/console-draft').set('Cookie', cast.participant.cookie)).status).toBe(404);
    const seen = (await t.get('/api/forums/console-draft').set('Cookie', organizer.cookie).expect(200)).body.forum;
    expect(seen).toMatchObject({
      status: 'draft',
      myRoles: ['organizer'],
      timeZone: 'Pacific/Auckland',
      startsOn: dayFromToday(60),
    });
    expect(seen.startsAt).toBe(startOfLocalDay(dayFromToday(60), 'Pacific/Auckland').toISOString());
    expect(seen.applicationDeadline).toBe(
      startOfLocalDay(addDays(dayFromToday(50), 1), 'Pacific/Auckland').toISOString(),
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'forum.created')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(cast.admin.id);
  });

  it("refuses an unknown organizer email, a taken address and an invalid zone, in the caller's language, creating nothing", async () => {
    const unknown = await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .set('Accept-Language', 'es')
      .send(newForumBody('console-unknown', ['nadie@example.test']))
      .expect(400);
    expect(unknown.body.error).toEqual({
      code: 'account_not_found',
      message: 'Ninguna cuenta usa el correo nadie@example.test. Pida a esa persona que se registre primero.',
    });
    const taken = await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .set('Accept-Language', 'fr')
      .send(newForumBody(SLUG, [cast.organizer.email]))
      .expect(409);
    expect(taken.body.error.message).toBe(
      `Un forum à l’adresse «\u00a0${SLUG}\u00a0» existe déjà. Choisissez-en une autre.`,
    );
    const zone = await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .send(newForumBody('console-zone', [cast.organizer.email], { timeZone: 'Mars/Olympus' }))
      .expect(400);
    expect(zone.body.error.code).toBe('invalid_time_zone');
    const lang = await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .send(newForumBody('console-lang', [cast.organizer.email], { languages: ['es'] }))
      .expect(400);
    expect(lang.body.error.code).toBe('unsupported_language');
    const forums = await t.db
      .selectFrom('forums')
      .select('slug')
      .where('slug', 'in', ['console-unknown', 'console-zone', 'console-lang'])
      .execute();
    expect(forums).toEqual([]);
  });
});

describe('validation of every setting', () => {
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 400, 'invalid_time_zone'],
    ['a raw offset instead of a zone', { timeZone: 'GMT+3' }, 400, 'invalid_time_zone'],
    ['an end before the start', { endsOn: dayFromToday(59) }, 400, 'forum_dates_out_of_order'],
    ['an end on the start day', { endsOn: dayFromToday(60) }, 400, 'forum_dates_out_of_order'],
    ['a start after the end', { startsOn: dayFromToday(120) }, 400, 'forum_dates_out_of_order'],
    ['a deadline on the first day', { applicationDeadlineOn: dayFromToday(60) }, 400, 'deadline_not_before_start'],
    ['a deadline after the start', { applicationDeadlineOn: dayFromToday(70) }, 400, 'deadline_not_before_start'],
    ['a start on or before the deadline', { startsOn: dayFromToday(50) }, 400, 'deadline_not_before_start'],
    ['a malformed date', { startsOn: '2027-02-30x' }, 400, 'validation'],
    ['a negative key-respondent limit', { keyRespondentLimit: -1 }, 400, 'validation'],
    ['a negative per-week limit', { keyRespondentsPerWeek: -2 }, 400, 'validation'],
    ['a word limit under ten', { descriptionWordLimit: 5 }, 400, 'validation'],
    ['a fractional limit', { keyRespondentLimit: 1.5 }, 400, 'validation'],
    ['no language', { languages: [] }, 400, 'validation'],
    ['a language not offered by the site', { languages: ['en', 'de'] }, 400, 'validation'],
    ['a language twice', { languages: ['en', 'en'] }, 400, 'validation'],
    [
      'a pair outside the languages',
      { translation: { pairs: [{ from: 'es', to: 'fr' }], targetHours: 48, claimMinutes: 30, reviewRequired: false } },
      400,
      'translation_pair_outside_languages',
    ],
    [
      'a pair into its own language',
      { translation: { pairs: [{ from: 'es', to: 'es' }], targetHours: 48, claimMinutes: 30, reviewRequired: false } },
      400,
      'translation_pair_outside_languages',
    ],
    [
      'zero target hours',
      { translation: { pairs: [], targetHours: 0, claimMinutes: 30, reviewRequired: false } },
      400,
      'validation',
    ],
    [
      'a claim of one minute',
      { translation: { pairs: [], targetHours: 48, claimMinutes: 1, reviewRequired: false } },
      400,
      'validation',
    ],
    [
      'removing a language a pair uses',
      {
        languages: ['en'],
        translation: { pairs: [{ from: 'es', to: 'en' }], targetHours: 48, claimMinutes: 30, reviewRequired: false },
      },
      400,
      'translation_pair_outside_languages',
    ],
    [
      'a text in a language not offered',
      { texts: [{ lang: 'fr', title: 'Politique', summary: '', callMd: '' }] },
      400,
      'unsupported_language',
    ],
    ['an empty title', { texts: [{ lang: 'en', title: '   ', summary: '', callMd: '' }] }, 400, 'validation'],
    ['an unknown enrolment mode', { enrolment: 'lottery' }, 400, 'validation'],
    ['nothing at all', {}, 400, 'validation'],
  ];
  it.each(cases)('refuses %s and changes nothing', async (_label, body, status, code) => {
    const before = await settings();
    const response = await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'fr')
      .send(body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).not.toMatch(/{{|}}/);
    expect(await settings()).toEqual(before);
  });

  it('words the date errors in each language', async () => {
    const messages = await Promise.all(
      (['en', 'es', 'fr'] as const).map(
        async (lang) =>
          (
            await t
              .patch(`${base}/settings`)
              .set('Cookie', cast.organizer.cookie)
              .set('Accept-Language', lang)
              .send({ applicationDeadlineOn: dayFromToday(70) })
              .expect(400)
          ).body.error.message,
      ),
    );
    expect(messages).toEqual([
      "The last day to apply must come before the forum's first day.",
      'El último día para postular debe ser anterior al primer día del foro.',
      'Le dernier jour pour candidater doit précéder le premier jour du forum.',
    ]);
  });
});

describe('saving settings', () => {
  it('saves texts per language, enrolment, limits and the translation policy, and renders the call', async () => {
    const saved = await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .send({
        languages: ['en', 'es', 'fr'],
        texts: [
          {
            lang: 'fr',
            title: 'Politiques de l’économie sociale',
            summary: 'Six semaines.',
            callMd: 'Rejoignez-*nous*.',
          },
        ],
        enrolment: 'invitation',
        publicArchive: true,
        keyRespondentLimit: 1,
        keyRespondentsPerWeek: 2,
        descriptionWordLimit: 120,
        translation: {
          pairs: [
            { from: 'es', to: 'en' },
            { from: 'fr', to: 'en' },
          ],
          targetHours: 36,
          claimMinutes: 45,
          reviewRequired: true,
        },
      })
      .expect(200);
    expect(saved.body.settings).toMatchObject({
      languages: ['en', 'es', 'fr'],
      enrolment: 'invitation',
      publicArchive: true,
      keyRespondentLimit: 1,
      keyRespondentsPerWeek: 2,
      descriptionWordLimit: 120,
      translation: {
        pairs: [
          { from: 'es', to: 'en' },
          { from: 'fr', to: 'en' },
        ],
        targetHours: 36,
        claimMinutes: 45,
        reviewRequired: true,
      },
    });
    expect(saved.body.settings.texts.map((text: { lang: string }) => text.lang)).toEqual(['en', 'fr']);
    const landing = (await t.get(base).set('Accept-Language', 'fr').expect(200)).body.forum;
    expect(landing.title).toEqual({ lang: 'fr', value: 'Politiques de l’économie sociale' });
    expect(landing.call.html).toContain('<em>nous</em>');
    expect(landing.openEnrolment).toBe(false);
    // Invitation only: nobody may apply.
    const call = (await t.get(`${base}/application`).set('Cookie', cast.participant.cookie).expect(200)).body.call;
    expect(call.open).toBe(false);
    const outsider = await signedUser(t);
    expect((await t.post(`${base}/join`).set('Cookie', outsider.cookie).expect(409)).body.error.code).toBe(
      'forum_not_open_for_enrolment',
    );
    await t.patch(`${base}/settings`).set('Cookie', cast.organizer.cookie).send({ enrolment: 'open' }).expect(200);
    expect((await t.post(`${base}/join`).set('Cookie', outsider.cookie).expect(200)).body.myRoles).toEqual([
      'participant',
    ]);
    expect((await settings()).enrolment).toBe('open');
    // Dropping a language drops its texts.
    const dropped = await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .send({
        languages: ['en', 'es'],
        translation: { pairs: [{ from: 'es', to: 'en' }], targetHours: 36, claimMinutes: 45, reviewRequired: true },
      })
      .expect(200);
    expect(dropped.body.settings.texts.map((text: { lang: string }) => text.lang)).toEqual(['en']);
  });

  it('recomputes every instant when the zone and the dates change, in one save', async () => {
    await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(60)))
      .expect(201);
    await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(67)))
      .expect(201);
    const startsOn = dayFromToday(58);
    const endsOn = dayFromToday(90);
    const deadlineOn = dayFromToday(40);
    await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .send({ timeZone: 'Pacific/Auckland', startsOn, endsOn, applicationDeadlineOn: deadlineOn })
      .expect(200);
    const forum = (await t.get(base).set('Cookie', cast.organizer.cookie).expect(200)).body.forum;
    const zone = 'Pacific/Auckland';
    expect(forum).toMatchObject({
      timeZone: zone,
      startsOn,
      endsOn,
      applicationDeadlineOn: deadlineOn,
      startsAt: startOfLocalDay(startsOn, zone).toISOString(),
      endsAt: startOfLocalDay(addDays(endsOn, 1), zone).toISOString(),
      applicationDeadline: startOfLocalDay(addDays(deadlineOn, 1), zone).toISOString(),
    });
    expect(forum.weeks.map((week: { opensAt: string; closesAt: string }) => [week.opensAt, week.closesAt])).toEqual([
      [startOfLocalDay(dayFromToday(60), zone).toISOString(), startOfLocalDay(dayFromToday(67), zone).toISOString()],
      [startOfLocalDay(dayFromToday(67), zone).toISOString(), startOfLocalDay(addDays(endsOn, 1), zone).toISOString()],
    ]);
    // A week left outside by new dates refuses the change.
    const outside = await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .send({ endsOn: dayFromToday(65) })
      .expect(400);
    expect(outside.body.error).toMatchObject({
      code: 'week_outside_forum',
      message: "Week 2 must start between the forum's first and last days.",
    });
  });
});
