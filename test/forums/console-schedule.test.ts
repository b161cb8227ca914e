// The schedule editor through the API: who may call each route, adding weeks in order inside the
// forum, week texts queueing translation tasks per policy, the rules for removing a week, and
// moving the start — a preview that writes nothing (with its daylight-saving behaviour in
// America/Santiago and Europe/Madrid), then the move, optionally asking the cohort to reconfirm.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay } from '../../server/forums/forum-calendar.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { castForum, dayFromToday, newForumBody, weekBody, type Cast, type Signed } from './console-helpers.ts';

let t: TestApp;
let cast: Cast;
const SLUG = 'console-schedule';
const base = `/api/forums/${SLUG}`;

beforeAll(async () => {
  t = await createTestApp();
  cast = await castForum(t, SLUG);
  await t
    .patch(`${base}/settings`)
    .set('Cookie', cast.organizer.cookie)
    .send({
      translation: { pairs: [{ from: 'es', to: 'en' }], targetHours: 48, claimMinutes: 30, reviewRequired: false },
    })
    .expect(200);
}, 180_000);
afterAll(async () => t?.close());

async function schedule(slug = SLUG) {
  return (await t.get(`/api/forums/${slug}/schedule`).set('Cookie', cast.organizer.cookie).expect(200)).body.schedule;
}

async function forumWith(
  slug: string,
  dates: { timeZone: string; startsOn: string; endsOn: string; deadlineOn: string },
  weekStarts: string[],
) {
  await t
    .post('/api/forums')
    .set('Cookie', cast.admin.cookie)
    .send(
      newForumBody(slug, [cast.organizer.email], {
        timeZone: dates.timeZone,
        startsOn: dates.startsOn,
        endsOn: dates.endsOn,
        applicationDeadlineOn: dates.deadlineOn,
      }),
    )
    .expect(201);
  for (const startsOn of weekStarts)
    await t.post(`/api/forums/${slug}/weeks`).set('Cookie', cast.organizer.cookie).send(weekBody(startsOn)).expect(201);
}

describe('who may edit the schedule', () => {
  it('refuses visitors, members in every role and organizers of another forum on every route; lets the organizer and an admin in', async () => {
    const routes: [string, string, Record<string, unknown> | undefined][] = [
      ['get', `${base}/schedule`, undefined],
      ['post', `${base}/weeks`, weekBody(dayFromToday(61))],
      ['patch', `${base}/weeks/1`, { texts: [{ lang: 'es', title: 'Otro título', summaryMd: 'Otro resumen.' }] }],
      ['delete', `${base}/weeks/1`, undefined],
      ['post', `${base}/schedule/preview`, { startsOn: dayFromToday(62) }],
      ['post', `${base}/schedule/move`, { startsOn: dayFromToday(62) }],
    ];
    await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(60)))
      .expect(201);
    const before = await schedule();
    const refused: [string, Signed | null, number][] = [
      ['visitor', null, 401],
      ['participant', cast.participant, 403],
      ['key respondent', cast.keyRespondent, 403],
      ['translator', cast.translator, 403],
      ['organizer of another forum', cast.otherOrganizer, 403],
    ];
    for (const [method, url, body] of routes) {
      for (const [label, who, status] of refused) {
        const request = t[method as 'get'](url);
        if (who) request.set('Cookie', who.cookie);
        const response = body ? await request.send(body) : await request;
        expect(response.status, `${method} ${url} as ${label}`).toBe(status);
      }
    }
    expect(await schedule()).toEqual(before);
    for (const who of [cast.organizer, cast.admin]) {
      await t.get(`${base}/schedule`).set('Cookie', who.cookie).expect(200);
      await t
        .post(`${base}/schedule/preview`)
        .set('Cookie', who.cookie)
        .send({ startsOn: dayFromToday(61) })
        .expect(200);
      await t
        .patch(`${base}/weeks/1`)
        .set('Cookie', who.cookie)
        .send({ texts: [{ lang: 'en', title: 'Solidarity finance', summaryMd: 'How it is *funded*.' }] })
        .expect(200);
    }
    await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.admin.cookie)
      .send(weekBody(dayFromToday(67)))
      .expect(201);
    await t.delete(`${base}/weeks/2`).set('Cookie', cast.admin.cookie).expect(200);
  });
});

describe('adding and changing weeks', () => {
  it("numbers weeks in date order inside the forum and refuses the rest in the caller's language", async () => {
    const outside = await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'es')
      .send(weekBody(dayFromToday(101)))
      .expect(400);
    expect(outside.body.error).toEqual({
      code: 'week_outside_forum',
      message: 'La semana 2 debe comenzar entre el primer y el último día del foro.',
    });
    const early = await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'fr')
      .send(weekBody(dayFromToday(60)))
      .expect(400);
    // A new week goes after the last one (numbers stay fixed once set), and the error says from which day.
    expect(early.body.error.code).toBe('new_week_before_last');
    expect(early.body.error.message).toMatch(
      /^Les nouvelles semaines s’ajoutent après la dernière\u00a0: .*semaine 1\./,
    );
    const noOriginal = await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(67), { originalLang: 'en' }))
      .expect(400);
    expect(noOriginal.body.error.code).toBe('validation');
    const foreign = await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(
        weekBody(dayFromToday(67), { texts: [{ lang: 'fr', title: 'Finance', summaryMd: 'x' }], originalLang: 'fr' }),
      )
      .expect(400);
    expect(foreign.body.error.code).toBe('unsupported_language');
    expect((await schedule()).weeks).toHaveLength(1);
    const added = await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(67)))
      .expect(201);
    const weeks = added.body.schedule.weeks;
    expect(
      weeks.map((week: { number: number; startsOn: string; endsOn: string }) => [
        week.number,
        week.startsOn,
        week.endsOn,
      ]),
    ).toEqual([
      [1, dayFromToday(60), dayFromToday(66)],
      [2, dayFromToday(67), dayFromToday(100)],
    ]);
    expect(weeks[1]).toMatchObject({
      state: 'upcoming',
      removable: true,
      originalLang: 'es',
      opensAt: startOfLocalDay(dayFromToday(67), 'America/Bogota').toISOString(),
    });
    expect(weeks[0].closesAt).toBe(weeks[1].opensAt);
  });

  it('queues translation tasks for a new or changed original, not for languages written by hand', async () => {
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
    const week = await t.db
      .selectFrom('weeks')
      .select(['id', 'revision'])
      .where('forum_id', '=', forum.id)
      .where('number', '=', 2)
      .executeTakeFirstOrThrow();
    const tasks = () =>
      t.db
        .selectFrom('translation_tasks')
        .select(['status', 'target_lang', 'source_revision', 'source_lang'])
        .where('item_type', '=', 'week')
        .where('item_id', '=', week.id)
        .orderBy('id')
        .execute();
    expect(await tasks()).toEqual([{ status: 'open', target_lang: 'en', source_revision: 1, source_lang: 'es' }]);
    await t
      .patch(`${base}/weeks/2`)
      .set('Cookie', cast.organizer.cookie)
      .send({ texts: [{ lang: 'es', title: 'Finanzas solidarias', summaryMd: 'Cómo se **financian** hoy.' }] })
      .expect(200);
    expect(await tasks()).toEqual([
      { status: 'superseded', target_lang: 'en', source_revision: 1, source_lang: 'es' },
      { status: 'open', target_lang: 'en', source_revision: 2, source_lang: 'es' },
    ]);
    // The same text again is no change: no new revision, no new task.
    await t
      .patch(`${base}/weeks/2`)
      .set('Cookie', cast.organizer.cookie)
      .send({ texts: [{ lang: 'es', title: 'Finanzas', summaryMd: 'Cómo se **financian** hoy.' }] })
      .expect(200);
    expect(await tasks()).toHaveLength(2);
    const withEnglish = await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(
        weekBody(dayFromToday(74), {
          texts: [
            { lang: 'es', title: 'Redes', summaryMd: 'Las redes.' },
            { lang: 'en', title: 'Networks', summaryMd: 'Networks.' },
          ],
        }),
      )
      .expect(201);
    const third = await t.db
      .selectFrom('weeks')
      .select('id')
      .where('forum_id', '=', forum.id)
      .where('number', '=', 3)
      .executeTakeFirstOrThrow();
    expect(
      await t.db
        .selectFrom('translation_tasks')
        .select('id')
        .where('item_type', '=', 'week')
        .where('item_id', '=', third.id)
        .execute(),
    ).toEqual([]);
    expect(withEnglish.body.schedule.weeks[2].texts).toEqual([
      { lang: 'en', title: 'Networks', summaryMd: 'Networks.' },
      { lang: 'es', title: 'Redes', summaryMd: 'Las redes.' },
    ]);
    const shown = (
      await t.get(`${base}/weeks/2`).set('Cookie', cast.organizer.cookie).set('Accept-Language', 'es').expect(200)
    ).body.week;
    expect(shown.summary.html).toContain('<strong>financian</strong> hoy');
  });
});

describe('removing weeks', () => {
  it('removes an upcoming week and renumbers the later ones', async () => {
    const response = await t.delete(`${base}/weeks/2`).set('Cookie', cast.organizer.cookie).expect(200);
    expect(
      response.body.schedule.weeks.map((week: { number: number; startsOn: string }) => [week.number, week.startsOn]),
    ).toEqual([
      [1, dayFromToday(60)],
      [2, dayFromToday(74)],
    ]);
    expect(response.body.schedule.weeks[0].closesAt).toBe(
      startOfLocalDay(dayFromToday(74), 'America/Bogota').toISOString(),
    );
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'week.removed').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses to remove a week with a discussion in it', async () => {
    await t
      .post(`${base}/weeks/2/threads`)
      .set('Cookie', cast.organizer.cookie)
      .send({ title: 'Early thread', bodyMd: 'Prepared before the week.', lang: 'en', idempotencyKey: randomUUID() })
      .expect(201);
    const response = await t
      .delete(`${base}/weeks/2`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'en')
      .expect(409);
    expect(response.body.error.code).toBe('week_in_use');
    expect((await schedule()).weeks[1]).toMatchObject({ number: 2, removable: false });
  });

  it('refuses to remove or move an open or past week, with a clear message', async () => {
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() - 60_000) })
      .where('forum_id', '=', forum.id)
      .where('number', '=', 1)
      .execute();
    const removing = await t
      .delete(`${base}/weeks/1`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'fr')
      .expect(409);
    expect(removing.body.error).toEqual({
      code: 'week_already_open',
      message:
        'La semaine 1 est déjà ouverte (ou s’ouvrirait dans le passé)\u00a0: ses dates ne peuvent plus changer et elle ne peut pas être supprimée.',
    });
    const moving = await t
      .patch(`${base}/weeks/1`)
      .set('Cookie', cast.organizer.cookie)
      .send({ startsOn: dayFromToday(61) })
      .expect(409);
    expect(moving.body.error.code).toBe('week_already_open');
    const week = (await schedule()).weeks[0];
    expect(week).toMatchObject({ number: 1, startsOn: dayFromToday(60), state: 'open', removable: false });
    // A week cannot be added to open in the past either.
    await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .send(
        newForumBody('console-past', [cast.organizer.email], {
          startsOn: dayFromToday(-10),
          endsOn: dayFromToday(30),
          applicationDeadlineOn: dayFromToday(-20),
        }),
      )
      .expect(201);
    const past = await t
      .post('/api/forums/console-past/weeks')
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(-3)))
      .expect(409);
    expect(past.body.error.code).toBe('week_already_open');
  });
});

describe('moving the start', () => {
  it('previews old and new dates without writing, then moves every week by the same days and asks the cohort to reconfirm', async () => {
    const slug = 'console-move';
    await forumWith(
      slug,
      {
        timeZone: 'America/Bogota',
        startsOn: dayFromToday(30),
        endsOn: dayFromToday(50),
        deadlineOn: dayFromToday(20),
      },
      [dayFromToday(30), dayFromToday(37), dayFromToday(44)],
    );
    await t
      .patch(`/api/forums/${slug}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .send({ published: true })
      .expect(200);
    const member = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', cast.participant.email)
      .executeTakeFirstOrThrow();
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await t.db
      .insertInto('memberships')
      .values({ forum_id: forum.id, user_id: member.id, role: 'participant' })
      .execute();
    const before = await schedule(slug);
    const preview = (
      await t
        .post(`/api/forums/${slug}/schedule/preview`)
        .set('Cookie', cast.organizer.cookie)
        .send({ startsOn: dayFromToday(37) })
        .expect(200)
    ).body.preview;
    expect(preview).toMatchObject({
      days: 7,
      timeZone: 'America/Bogota',
      forum: {
        from: { startsOn: dayFromToday(30), endsOn: dayFromToday(50) },
        to: { startsOn: dayFromToday(37), endsOn: dayFromToday(57) },
      },
    });
    expect(
      preview.weeks.map(
        (week: { number: number; from: { startsOn: string }; to: { startsOn: string; endsOn: string } }) => [
          week.number,
          week.from.startsOn,
          week.to.startsOn,
          week.to.endsOn,
        ],
      ),
    ).toEqual([
      [1, dayFromToday(30), dayFromToday(37), dayFromToday(43)],
      [2, dayFromToday(37), dayFromToday(44), dayFromToday(50)],
      [3, dayFromToday(44), dayFromToday(51), dayFromToday(57)],
    ]);
    expect(await schedule(slug)).toEqual(before);

    const moved = await t
      .post(`/api/forums/${slug}/schedule/move`)
      .set('Cookie', cast.organizer.cookie)
      .send({ startsOn: dayFromToday(37), reconfirm: true, message: 'We moved by a week.' })
      .expect(200);
    expect(moved.body.reconfirmation).toEqual({ recipients: 1 });
    expect(moved.body.schedule).toMatchObject({ startsOn: dayFromToday(37), endsOn: dayFromToday(57) });
    expect(
      moved.body.schedule.weeks.map((week: { startsOn: string; opensAt: string }) => [week.startsOn, week.opensAt]),
    ).toEqual(
      [37, 44, 51].map((days) => [
        dayFromToday(days),
        startOfLocalDay(dayFromToday(days), 'America/Bogota').toISOString(),
      ]),
    );
    const landing = (await t.get(`/api/forums/${slug}`).set('Cookie', cast.participant.cookie).expect(200)).body.forum;
    expect(landing).toMatchObject({
      startsOn: dayFromToday(37),
      endsOn: dayFromToday(57),
      startsAt: startOfLocalDay(dayFromToday(37), 'America/Bogota').toISOString(),
    });
    expect(landing.weeks.at(-1).closesAt).toBe(
      startOfLocalDay(addDays(dayFromToday(57), 1), 'America/Bogota').toISOString(),
    );
    const requests = await t.db
      .selectFrom('reconfirmation_requests')
      .select(['id', 'message'])
      .where('forum_id', '=', forum.id)
      .execute();
    expect(requests).toMatchObject([{ message: 'We moved by a week.' }]);
    // The same move sent twice shifts nothing more and asks nobody again.
    const again = await t
      .post(`/api/forums/${slug}/schedule/move`)
      .set('Cookie', cast.organizer.cookie)
      .send({ startsOn: dayFromToday(37), reconfirm: true })
      .expect(200);
    expect(again.body.reconfirmation).toBeNull();
    expect(again.body.schedule.weeks[0].startsOn).toBe(dayFromToday(37));
  });

  it('refuses a move into the past, before the deadline, or once the forum has started', async () => {
    const slug = 'console-move-rules';
    await forumWith(
      slug,
      { timeZone: 'Europe/Madrid', startsOn: dayFromToday(30), endsOn: dayFromToday(50), deadlineOn: dayFromToday(20) },
      [dayFromToday(30)],
    );
    const intoPast = await t
      .post(`/api/forums/${slug}/schedule/preview`)
      .set('Cookie', cast.organizer.cookie)
      .send({ startsOn: dayFromToday(-1) })
      .expect(400);
    expect(intoPast.body.error.code).toBe('forum_start_in_past');
    const beforeDeadline = await t
      .post(`/api/forums/${slug}/schedule/move`)
      .set('Cookie', cast.organizer.cookie)
      .send({ startsOn: dayFromToday(15) })
      .expect(400);
    expect(beforeDeadline.body.error.code).toBe('deadline_not_before_start');
    expect((await schedule(slug)).startsOn).toBe(dayFromToday(30));
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await t.db
      .updateTable('forums')
      .set({ starts_at: new Date(Date.now() - 1000) })
      .where('id', '=', forum.id)
      .execute();
    const started = await t
      .post(`/api/forums/${slug}/schedule/move`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'es')
      .send({ startsOn: dayFromToday(40) })
      .expect(409);
    expect(started.body.error).toEqual({
      code: 'forum_started',
      message: 'El foro ya comenzó, por lo que su inicio ya no puede cambiar.',
    });
  });

  it("opens a week that lands on Santiago's spring-forward day at the first minute after the gap", async () => {
    const slug = 'console-santiago';
    await forumWith(
      slug,
      { timeZone: 'America/Santiago', startsOn: '2027-08-22', endsOn: '2027-09-18', deadlineOn: '2027-08-01' },
      ['2027-08-22', '2027-08-29'],
    );
    const preview = (
      await t
        .post(`/api/forums/${slug}/schedule/preview`)
        .set('Cookie', cast.organizer.cookie)
        .send({ startsOn: '2027-08-29' })
        .expect(200)
    ).body.preview;
    expect(preview.weeks).toEqual([
      {
        number: 1,
        from: { startsOn: '2027-08-22', endsOn: '2027-08-28', opensAt: '2027-08-22T04:00:00.000Z' },
        to: { startsOn: '2027-08-29', endsOn: '2027-09-04', opensAt: '2027-08-29T04:00:00.000Z' },
      },
      // Midnight of 5 September 2027 does not exist in Santiago: clocks jump from 23:59:59 (−04) to 01:00 (−03).
      {
        number: 2,
        from: { startsOn: '2027-08-29', endsOn: '2027-09-18', opensAt: '2027-08-29T04:00:00.000Z' },
        to: { startsOn: '2027-09-05', endsOn: '2027-09-25', opensAt: '2027-09-05T04:00:00.000Z' },
      },
    ]);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/Santiago',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(preview.weeks[1].to.opensAt));
    expect(local).toBe('05/09/2027, 01:00');
    const moved = (
      await t
        .post(`/api/forums/${slug}/schedule/move`)
        .set('Cookie', cast.organizer.cookie)
        .send({ startsOn: '2027-08-29' })
        .expect(200)
    ).body.schedule;
    // Week 1 closes when week 2 opens, after the gap: 168 elapsed hours, from 00:00 (−04) to 01:00 (−03) local.
    expect(moved.weeks[0]).toMatchObject({ opensAt: '2027-08-29T04:00:00.000Z', closesAt: '2027-09-05T04:00:00.000Z' });
    expect((Date.parse(moved.weeks[0].closesAt) - Date.parse(moved.weeks[0].opensAt)) / 3_600_000).toBe(168);
    expect(moved.weeks[1]).toMatchObject({ opensAt: '2027-09-05T04:00:00.000Z', closesAt: '2027-09-26T03:00:00.000Z' });
  });

  it('keeps Madrid weeks at local midnight across the spring change: the week spanning it lasts 167 hours', async () => {
    const slug = 'console-madrid';
    await forumWith(
      slug,
      { timeZone: 'Europe/Madrid', startsOn: '2027-03-14', endsOn: '2027-04-10', deadlineOn: '2027-03-01' },
      ['2027-03-14', '2027-03-21', '2027-03-28'],
    );
    const preview = (
      await t
        .post(`/api/forums/${slug}/schedule/preview`)
        .set('Cookie', cast.organizer.cookie)
        .send({ startsOn: '2027-03-21' })
        .expect(200)
    ).body.preview;
    expect(
      preview.weeks.map((week: { to: { startsOn: string; opensAt: string } }) => [week.to.startsOn, week.to.opensAt]),
    ).toEqual([
      ['2027-03-21', '2027-03-20T23:00:00.000Z'],
      // 28 March 2027: clocks go from 02:00 to 03:00, so that day's midnight is still at +01 …
      ['2027-03-28', '2027-03-27T23:00:00.000Z'],
      // … and the next week's at +02.
      ['2027-04-04', '2027-04-03T22:00:00.000Z'],
    ]);
    const moved = (
      await t
        .post(`/api/forums/${slug}/schedule/move`)
        .set('Cookie', cast.organizer.cookie)
        .send({ startsOn: '2027-03-21' })
        .expect(200)
    ).body.schedule;
    expect(moved.weeks.map((week: { opensAt: string; closesAt: string }) => [week.opensAt, week.closesAt])).toEqual([
      ['2027-03-20T23:00:00.000Z', '2027-03-27T23:00:00.000Z'],
      ['2027-03-27T23:00:00.000Z', '2027-04-03T22:00:00.000Z'],
      ['2027-04-03T22:00:00.000Z', '2027-04-17T22:00:00.000Z'],
    ]);
    expect((Date.parse(moved.weeks[1].closesAt) - Date.parse(moved.weeks[1].opensAt)) / 3_600_000).toBe(167);
  });
});
