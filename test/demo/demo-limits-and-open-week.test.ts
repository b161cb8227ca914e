// The seeded demo obeys the limits it shows (key-respondent seats in total and per week), its
// appointments go through the console's rule, and its open week lets every role play its main
// journey at once: a published Spanish case study by the week's key respondent with one answered
// and one waiting question, its translation task queued by policy, and a post whose English
// translation a translator published.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { DEMO_FORUMS, DEMO_ORGANIZER_EMAIL, seedDemo, type DemoPlaces } from '../../server/demo/demo-seed.ts';
import { openWeekKeyRespondent, seedDemoOpenWeek } from '../../server/demo/demo-open-week.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { demoPlaces } from '../helpers/demo-places.ts';

const contentDir = path.resolve(import.meta.dirname, '../../content');
const LIVE_DEMO = 'sse-policy-live';
let t: TestApp;
let places: DemoPlaces;
let credentials: Awaited<ReturnType<typeof seedDemo>>;
let organizerCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  places = await demoPlaces();
  credentials = await seedDemo(t.db, places);
  organizerCookie = await signIn(
    t,
    credentials.find((c) => c.email === DEMO_ORGANIZER_EMAIL)!,
  );
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const signInAs = (email: string) =>
  signIn(
    t,
    credentials.find((c) => c.email === email)!,
  );

describe('the seeded demo’s limits', () => {
  it('holds every forum’s key-respondent seats within its total and per-week limits, each seat with its week', async () => {
    for (const slug of DEMO_FORUMS) {
      const forum = await t.db
        .selectFrom('forums')
        .select(['id', 'key_respondent_limit', 'key_respondents_per_week'])
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const seats = await t.db
        .selectFrom('memberships')
        .select('week_id')
        .where('forum_id', '=', forum.id)
        .where('role', '=', 'key_respondent')
        .execute();
      expect(seats.length, slug).toBeLessThanOrEqual(forum.key_respondent_limit);
      expect(
        seats.every((seat) => seat.week_id !== null),
        slug,
      ).toBe(true);
      const perWeek = new Map<number, number>();
      for (const seat of seats) perWeek.set(seat.week_id!, (perWeek.get(seat.week_id!) ?? 0) + 1);
      for (const count of perWeek.values()) expect(count, slug).toBeLessThanOrEqual(forum.key_respondents_per_week);
    }
    // What the console shows the organizer says the same.
    const review = await t.get(`/api/forums/${LIVE_DEMO}/applications`).set('Cookie', organizerCookie).expect(200);
    expect(review.body.seats).toMatchObject({ limit: 12, perWeek: 4, taken: 10, byWeek: { 2: 1, 3: 1, 4: 4, 5: 4 } });
  });

  it('refuses, in the console and in the importer, limits below the seats already given, and changes nothing', async () => {
    const refused = await t
      .patch(`/api/forums/${LIVE_DEMO}/settings`)
      .set('Cookie', organizerCookie)
      .set('Accept-Language', 'es')
      .send({ keyRespondentsPerWeek: 1 })
      .expect(409);
    expect(refused.body.error.code).toBe('limits_below_seats');
    expect(refused.body.error.message).toContain('semana 4');
    await t
      .patch(`/api/forums/${LIVE_DEMO}/settings`)
      .set('Cookie', organizerCookie)
      .send({ keyRespondentLimit: 9 })
      .expect(409);
    const forum = await t.db
      .selectFrom('forums')
      .select(['key_respondent_limit', 'key_respondents_per_week'])
      .where('slug', '=', LIVE_DEMO)
      .executeTakeFirstOrThrow();
    expect(forum).toEqual({ key_respondent_limit: 12, key_respondents_per_week: 4 });

    const dir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-demo-limits-'));
    try {
      await cp(contentDir, dir, { recursive: true });
      const file = path.join(dir, 'forums/sse-policy/forum.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('key_respondents_per_week: 4', 'key_respondents_per_week: 1'),
      );
      await expect(importContent(t.db, dir)).rejects.toThrow(
        /below the 10 key respondents already appointed \(4 in week 4\)/,
      );
      expect(
        await t.db
          .selectFrom('forums')
          .select(['key_respondent_limit', 'key_respondents_per_week'])
          .where('slug', '=', LIVE_DEMO)
          .executeTakeFirstOrThrow(),
      ).toEqual({ key_respondent_limit: 12, key_respondents_per_week: 4 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the demo’s open week', () => {
  it('has a published Spanish case study by the week’s key respondent, with one answered and one waiting question', async () => {
    const forum = (await t.get(`/api/forums/${LIVE_DEMO}`).set('Cookie', organizerCookie).expect(200)).body.forum;
    expect(forum.currentWeek).toBe(2);
    const week = (await t.get(`/api/forums/${LIVE_DEMO}/weeks/2`).set('Cookie', organizerCookie).expect(200)).body.week;
    expect(week.caseStudies).toHaveLength(1);
    const [study] = week.caseStudies;
    expect(study).toMatchObject({ status: 'published', lang: 'es', questions: { answered: 1, unanswered: 1 } });
    const words = countWords(openWeekKeyRespondent.body);
    expect(words).toBeGreaterThanOrEqual(500);
    expect(words).toBeLessThanOrEqual(800);
    const author = await t.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .innerJoin('weeks', 'weeks.id', 'memberships.week_id')
      .select('weeks.number')
      .where('users.email', '=', openWeekKeyRespondent.email)
      .where('memberships.role', '=', 'key_respondent')
      .executeTakeFirstOrThrow();
    expect(author.number).toBe(2);

    // The forum's policy (es→en) queued its translation, left for a translator to claim.
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select(['item_type', 'target_lang', 'status'])
      .where('item_type', '=', 'case_study')
      .where('item_id', '=', study.id)
      .execute();
    expect(tasks).toEqual([{ item_type: 'case_study', target_lang: 'en', status: 'open' }]);
    const translator = await signInAs('daniela@demo.tertulia.test');
    await t
      .post(
        `/api/translation-tasks/${(await t.db.selectFrom('translation_tasks').select('id').where('item_type', '=', 'case_study').where('item_id', '=', study.id).executeTakeFirstOrThrow()).id}/claim`,
      )
      .set('Cookie', translator)
      .expect(200);

    // A participant asks; the key respondent sees what waits for her.
    const participant = await createUser(t.db, { roles: [{ forumSlug: LIVE_DEMO, role: 'participant' }] });
    await t
      .post(`/api/case-studies/${study.id}/questions`)
      .set('Cookie', await signIn(t, participant))
      .send({ bodyMd: 'What would you change in the partnership?', lang: 'en', idempotencyKey: crypto.randomUUID() })
      .expect(201);
    const waiting = await t
      .get(`/api/forums/${LIVE_DEMO}/questions/waiting`)
      .set('Cookie', await signInAs(openWeekKeyRespondent.email))
      .expect(200);
    expect(JSON.stringify(waiting.body)).toContain('What would you change in the partnership?');
  });

  it('has a Spanish post whose English translation a translator published', async () => {
    const sarah = await signInAs('sarah@demo.tertulia.test');
    const threads = (await t.get(`/api/forums/${LIVE_DEMO}/weeks/2/threads`).set('Cookie', sarah).expect(200)).body
      .threads;
    const thread = threads.find((row: { title: { lang: string } }) => row.title.lang === 'es');
    expect(thread.titleTranslation).toMatchObject({
      lang: 'en',
      value: 'Public procurement: what worked in Canada?',
      translator: { role: 'translator' },
    });
    const page = (await t.get(`/api/threads/${thread.id}`).set('Cookie', sarah).expect(200)).body;
    expect(page.posts[0]).toMatchObject({
      lang: 'es',
      translation: { lang: 'en', translator: { displayName: 'Daniela Ortiz', role: 'translator' } },
    });
  });

  it('adds nothing the second time', async () => {
    const count = async () =>
      (
        await t.db
          .selectFrom('posts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    expect(await seedDemoOpenWeek(t.db, LIVE_DEMO, DEMO_ORGANIZER_EMAIL)).toEqual([]);
    expect(await seedDemo(t.db, places)).toEqual([]);
    expect(await count()).toBe(before);
  });
});
