// The console's follow-ups through the API: a week's own "writing closes at its end" (null follows
// the forum) deciding who may still write in a week that has ended, and travelling through
// export and import; the case-study word guidance and the question target among the forum's
// settings; a new week placed only after the last; the reconfirmation asked in the move's own
// transaction.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { writeProgrammeFiles } from '../../server/content/content-writer.ts';
import { exportForumFiles } from '../../server/content/export.service.ts';
import type { SessionUser } from '../../server/auth/session.ts';
import { moveStart } from '../../server/forums/schedule.service.ts';
import { moveClock, resetClock } from '../../server/time/clock.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { castForum, dayFromToday, newForumBody, signedUser, weekBody, type Cast } from './console-helpers.ts';

const DAY = 86_400_000;
let t: TestApp;
let cast: Cast;
const SLUG = 'console-closing';
const base = `/api/forums/${SLUG}`;
const temp: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  cast = await castForum(t, SLUG);
}, 180_000);
afterAll(async () => {
  resetClock();
  await t?.close();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

async function settings() {
  return (await t.get(`${base}/settings`).set('Cookie', cast.organizer.cookie).expect(200)).body.settings;
}

describe('case-study words and the question target in the settings', () => {
  it('reads, saves and validates them: non-negative, minimum not above maximum, judged with the stored other bound', async () => {
    expect(await settings()).toMatchObject({ caseStudyMinWords: 500, caseStudyMaxWords: 800, questionTargetHours: 24 });
    const saved = await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .send({ caseStudyMinWords: 400, caseStudyMaxWords: 900, questionTargetHours: 48 })
      .expect(200);
    expect(saved.body.settings).toMatchObject({
      caseStudyMinWords: 400,
      caseStudyMaxWords: 900,
      questionTargetHours: 48,
    });
    const forum = await t.db
      .selectFrom('forums')
      .select(['case_study_min_words', 'case_study_max_words', 'question_target_hours'])
      .where('slug', '=', SLUG)
      .executeTakeFirstOrThrow();
    expect(forum).toEqual({ case_study_min_words: 400, case_study_max_words: 900, question_target_hours: 48 });

    for (const body of [
      { caseStudyMinWords: -1 },
      { caseStudyMaxWords: -5 },
      { questionTargetHours: 0 },
      { questionTargetHours: 721 },
      { caseStudyMinWords: 1.5 },
    ]) {
      const refused = await t.patch(`${base}/settings`).set('Cookie', cast.organizer.cookie).send(body).expect(400);
      expect(refused.body.error.code, JSON.stringify(body)).toBe('validation');
    }
    const crossed = await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'es')
      .send({ caseStudyMinWords: 700, caseStudyMaxWords: 600 })
      .expect(400);
    expect(crossed.body.error).toEqual({
      code: 'case_study_words_out_of_order',
      message: 'La extensión mínima sugerida de un estudio de caso no puede superar la máxima.',
    });
    // One bound alone is judged against the stored other one (900), with nothing else saved.
    const above = await t
      .patch(`${base}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .set('Accept-Language', 'fr')
      .send({ caseStudyMinWords: 901, questionTargetHours: 12 })
      .expect(400);
    expect(above.body.error.code).toBe('case_study_words_out_of_order');
    expect(above.body.error.message).toContain('étude de cas');
    expect(await settings()).toMatchObject({ caseStudyMinWords: 400, caseStudyMaxWords: 900, questionTargetHours: 48 });
    // Equal bounds and zero are fine.
    expect(
      (
        await t
          .patch(`${base}/settings`)
          .set('Cookie', cast.organizer.cookie)
          .send({ caseStudyMinWords: 0, caseStudyMaxWords: 0 })
          .expect(200)
      ).body.settings,
    ).toMatchObject({ caseStudyMinWords: 0, caseStudyMaxWords: 0 });
    for (const who of [cast.participant, cast.keyRespondent, cast.translator, cast.otherOrganizer]) {
      expect(
        (await t.patch(`${base}/settings`).set('Cookie', who.cookie).send({ questionTargetHours: 5 })).status,
      ).toBe(403);
    }
    expect((await t.patch(`${base}/settings`).send({ questionTargetHours: 5 })).status).toBe(401);
    expect((await settings()).questionTargetHours).toBe(48);
  });
});

describe('adding a week', () => {
  it("only after the last one, with an error that says why and from which day, in the caller's language", async () => {
    await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(70)))
      .expect(201);
    for (const [lang, fragment] of [
      ['en', 'after the last one'],
      ['es', 'después de la última'],
      ['fr', 'après la dernière'],
    ] as const) {
      const between = await t
        .post(`${base}/weeks`)
        .set('Cookie', cast.organizer.cookie)
        .set('Accept-Language', lang)
        .send(weekBody(dayFromToday(65)))
        .expect(400);
      expect(between.body.error.code).toBe('new_week_before_last');
      expect(between.body.error.message).toContain(fragment);
      expect(between.body.error.message).not.toContain('{{');
    }
    const sameDay = await t
      .post(`${base}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(70)))
      .expect(400);
    expect(sameDay.body.error.code).toBe('new_week_before_last');
    const weeks = (await t.get(`${base}/schedule`).set('Cookie', cast.organizer.cookie).expect(200)).body.schedule
      .weeks;
    expect(weeks.map((week: { number: number; startsOn: string }) => [week.number, week.startsOn])).toEqual([
      [1, dayFromToday(70)],
    ]);
  });
});

describe("writing closes at a week's end, week by week", () => {
  const slug = 'console-closing-weeks';
  const weekUrl = (number: number) => `/api/forums/${slug}/weeks/${number}`;
  let participant: Awaited<ReturnType<typeof signedUser>> | undefined;

  function startThread(number: number) {
    return t
      .post(`${weekUrl(number)}/threads`)
      .set('Cookie', participant!.cookie)
      .send({ title: `Semana ${number}`, bodyMd: 'Una idea.', lang: 'es', idempotencyKey: randomUUID() });
  }

  it("saves each week's choice (null follows the forum) and shows it in the schedule", async () => {
    // Spanish only, so the exported programme is complete (a call and every week in each language).
    await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .send(
        newForumBody(slug, [cast.organizer.email], {
          timeZone: 'UTC',
          startsOn: dayFromToday(1),
          endsOn: dayFromToday(30),
          applicationDeadlineOn: dayFromToday(0),
          languages: ['es'],
          text: { lang: 'es', title: 'Economía social', summary: 'Tres semanas.', callMd: 'Súmese.' },
        }),
      )
      .expect(201);
    await t
      .patch(`/api/forums/${slug}/settings`)
      .set('Cookie', cast.organizer.cookie)
      .send({ published: true, weeksCloseAtEnd: false })
      .expect(200);
    await t
      .post(`/api/forums/${slug}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(1), { writingClosesAtEnd: true }))
      .expect(201);
    await t
      .post(`/api/forums/${slug}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(8)))
      .expect(201);
    const added = await t
      .post(`/api/forums/${slug}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(15), { writingClosesAtEnd: null }))
      .expect(201);
    expect(
      added.body.schedule.weeks.map((week: { writingClosesAtEnd: boolean | null }) => week.writingClosesAtEnd),
    ).toEqual([true, null, null]);
    const changed = await t
      .patch(weekUrl(3))
      .set('Cookie', cast.organizer.cookie)
      .send({ writingClosesAtEnd: false })
      .expect(200);
    expect(
      changed.body.schedule.weeks.map((week: { writingClosesAtEnd: boolean | null }) => week.writingClosesAtEnd),
    ).toEqual([true, null, false]);
    const wrong = await t
      .patch(weekUrl(3))
      .set('Cookie', cast.organizer.cookie)
      .send({ writingClosesAtEnd: 'yes' })
      .expect(400);
    expect(wrong.body.error.code).toBe('validation');
    for (const who of [cast.participant, cast.otherOrganizer]) {
      expect((await t.patch(weekUrl(3)).set('Cookie', who.cookie).send({ writingClosesAtEnd: true })).status).toBe(403);
    }
    participant = await signedUser(t, { roles: [{ forumSlug: slug, role: 'participant' }] });
  });

  it('refuses writing after a closing week ends and allows it in an ended week that inherits an open forum, and the reverse', async () => {
    // Weeks 1 and 2 are over, week 3 is open.
    moveClock(17 * DAY + 3_600_000);
    try {
      const closed = await startThread(1).set('Accept-Language', 'es');
      expect(closed.status).toBe(403);
      expect(closed.body.error.code).toBe('week_closed');
      expect((await startThread(2)).status).toBe(201);

      // The forum now closes weeks at their end: week 2 (inheriting) closes, week 1 (its own "no") reopens.
      await t
        .patch(`/api/forums/${slug}/settings`)
        .set('Cookie', cast.organizer.cookie)
        .send({ weeksCloseAtEnd: true })
        .expect(200);
      await t.patch(weekUrl(1)).set('Cookie', cast.organizer.cookie).send({ writingClosesAtEnd: false }).expect(200);
      expect((await startThread(2)).body.error?.code).toBe('week_closed');
      expect((await startThread(1)).status).toBe(201);
      // Back to following the forum: closed again.
      await t.patch(weekUrl(1)).set('Cookie', cast.organizer.cookie).send({ writingClosesAtEnd: null }).expect(200);
      expect((await startThread(1)).body.error?.code).toBe('week_closed');
      // The open week is open whatever its choice; organizers are not bound by the time box.
      expect((await startThread(3)).status).toBe(201);
      expect(
        (
          await t
            .post(`${weekUrl(2)}/threads`)
            .set('Cookie', cast.organizer.cookie)
            .send({ title: 'Nota', bodyMd: 'Aquí seguimos.', lang: 'es', idempotencyKey: randomUUID() })
        ).status,
      ).toBe(201);
    } finally {
      resetClock();
    }
  });

  it('travels through export and import: overrides kept, null left null', async () => {
    await t.patch(weekUrl(1)).set('Cookie', cast.organizer.cookie).send({ writingClosesAtEnd: true }).expect(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'tertulia-closing-'));
    temp.push(dir);
    const files = (await exportForumFiles(t.db, slug, { attachmentsDir: dir }))!;
    const forumYaml = files.find((file) => file.path === 'forum.yaml')!.content.toString();
    expect(forumYaml).toContain('week_writing_closes_at_end');
    writeProgrammeFiles(path.join(dir, 'forums', slug), files);
    const empty: TestDatabase = await createTestDatabase();
    try {
      await importContent(empty.database.db, dir, { attachmentsDir: dir });
      const closing = (db: typeof t.db) =>
        db
          .selectFrom('weeks')
          .innerJoin('forums', 'forums.id', 'weeks.forum_id')
          .select(['weeks.number', 'weeks.writing_closes_at_end'])
          .where('forums.slug', '=', slug)
          .orderBy('weeks.number')
          .execute();
      const expected = [
        { number: 1, writing_closes_at_end: true },
        { number: 2, writing_closes_at_end: null },
        { number: 3, writing_closes_at_end: false },
      ];
      expect(await closing(t.db)).toEqual(expected);
      expect(await closing(empty.database.db)).toEqual(expected);
      // Imported again over itself: nothing changes.
      expect((await importContent(empty.database.db, dir, { attachmentsDir: dir })).changedRows).toBe(0);
    } finally {
      await empty.drop();
    }
  });
});

describe('moving the start asks for reconfirmation in the same transaction', () => {
  it('asks about the new dates, and a failing request leaves the schedule where it was', async () => {
    const slug = 'console-closing-move';
    await t
      .post('/api/forums')
      .set('Cookie', cast.admin.cookie)
      .send(
        newForumBody(slug, [cast.organizer.email], {
          timeZone: 'UTC',
          startsOn: dayFromToday(30),
          endsOn: dayFromToday(50),
          applicationDeadlineOn: dayFromToday(20),
        }),
      )
      .expect(201);
    await t
      .post(`/api/forums/${slug}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(30)))
      .expect(201);
    const member = await signedUser(t, { roles: [{ forumSlug: slug, role: 'participant' }] });
    // Only the organizer's id and admin flag matter to the move's authorization.
    const organizer = { id: cast.organizer.id, email: cast.organizer.email, isAdmin: false } as SessionUser;

    await expect(
      moveStart(t.db, slug, organizer, { startsOn: dayFromToday(37), reconfirm: true }, async () => {
        throw new Error('the outbox is down');
      }),
    ).rejects.toThrow('the outbox is down');
    const after = await t.db
      .selectFrom('forums')
      .select(['id', 'starts_on', 'ends_on'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    expect([after.starts_on, after.ends_on]).toEqual([dayFromToday(30), dayFromToday(50)]);
    expect(
      await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('forum_id', '=', after.id)
        .where('action', '=', 'schedule.moved')
        .execute(),
    ).toEqual([]);

    const moved = await t
      .post(`/api/forums/${slug}/schedule/move`)
      .set('Cookie', cast.organizer.cookie)
      .send({ startsOn: dayFromToday(37), reconfirm: true, message: 'One week later.' })
      .expect(200);
    expect(moved.body.reconfirmation).toEqual({ recipients: 1 });
    const notice = await t.db
      .selectFrom('notifications')
      .select('payload')
      .where('user_id', '=', member.id)
      .where('type', '=', 'reconfirmation.requested')
      .executeTakeFirstOrThrow();
    expect(notice.payload).toMatchObject({
      startsOn: dayFromToday(37),
      endsOn: dayFromToday(57),
      message: 'One week later.',
    });
  });
});
