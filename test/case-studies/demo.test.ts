// The demo's key respondents: weeks 4 and 5 of the live edition get approved case studies in
// Spanish, French and English, kept from members until their week opens, then published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueCaseStudies } from '../../server/case-studies/publication.service.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import { demoKeyRespondents, seedDemoCaseStudies } from '../../server/demo/demo-case-studies.ts';
import { DEMO_ORGANIZER_EMAIL, seedDemo } from '../../server/demo/demo-seed.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { forumWeek } from './helpers.ts';
import { demoPlaces } from '../helpers/demo-places.ts';

const LIVE_DEMO = 'sse-policy-live';
let t: TestApp;
let credentials: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  t = await createTestApp();
  credentials = await seedDemo(t.db, await demoPlaces());
});
afterAll(async () => {
  await t?.close();
});

// Weeks 4 and 5; the open week's case study is demo-open-week.ts's (test/demo/demo-limits-and-open-week.test.ts).
const studies = () =>
  t.db
    .selectFrom('case_studies')
    .innerJoin('weeks', 'weeks.id', 'case_studies.week_id')
    .select([
      'case_studies.id',
      'case_studies.status',
      'case_studies.original_lang',
      'case_studies.word_count',
      'weeks.number',
    ])
    .where('weeks.number', 'in', [4, 5])
    .orderBy('case_studies.id')
    .execute();

describe('demo case studies', () => {
  it('appoints four key respondents to each of weeks 4 and 5, with approved case studies in three languages', async () => {
    const rows = await studies();
    expect(rows.map((row) => [row.number, row.status])).toEqual([
      [4, 'approved'],
      [4, 'approved'],
      [4, 'approved'],
      [4, 'approved'],
      [5, 'approved'],
      [5, 'approved'],
      [5, 'approved'],
      [5, 'approved'],
    ]);
    expect(new Set(rows.map((row) => row.original_lang))).toEqual(new Set(['es', 'fr', 'en']));
    for (const row of rows) expect(row.word_count).toBeGreaterThan(150);
    for (const person of demoKeyRespondents) expect(countWords(person.body)).toBeLessThan(320);
    const krs = await t.db
      .selectFrom('memberships')
      .innerJoin('weeks', 'weeks.id', 'memberships.week_id')
      .select('weeks.number')
      .where('memberships.role', '=', 'key_respondent')
      .where('weeks.number', 'in', [4, 5])
      .execute();
    expect(krs.map((row) => row.number).sort()).toEqual([4, 4, 4, 4, 5, 5, 5, 5]);
  });

  it('gives key respondents accounts that sign in and see their own case study before the week', async () => {
    const rosa = credentials.find((c) => c.email === 'rosa@demo.tertulia.test')!;
    const cookie = await signIn(t, rosa);
    const mine = await t.get(`/api/forums/${LIVE_DEMO}/case-studies/mine`).set('Cookie', cookie).expect(200);
    expect(mine.body).toMatchObject({
      assignedWeek: { number: 5 },
      caseStudies: [{ status: 'approved', lang: 'es', title: { value: 'Del mercado al desayuno escolar' } }],
    });
  });

  it('keeps them from participants until their week opens, then publishes the week’s four together', async () => {
    const participant = await createUser(t.db, { roles: [{ forumSlug: LIVE_DEMO, role: 'participant' }] });
    const cookie = await signIn(t, participant);
    const [first] = await studies();
    await t.get(`/api/case-studies/${first!.id}`).set('Cookie', cookie).expect(404);
    const week4 = await forumWeek(t.db, LIVE_DEMO, 4);
    expect(await publishDueCaseStudies(t.db, new Date(week4.opens_at.getTime() - 1))).toBe(0);
    expect(await publishDueCaseStudies(t.db, week4.opens_at)).toBe(4);
    expect((await studies()).map((row) => row.status)).toEqual([
      'published',
      'published',
      'published',
      'published',
      'approved',
      'approved',
      'approved',
      'approved',
    ]);
  });

  it('does nothing the second time', async () => {
    expect(await seedDemoCaseStudies(t.db, LIVE_DEMO, DEMO_ORGANIZER_EMAIL)).toEqual([]);
    expect(await studies()).toHaveLength(8);
  });
});
