// The demo's questions to key respondents: none before the demo case studies are published;
// once week 4 opens (clock injected) some asked and answered in three languages; never twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueCaseStudies } from '../../server/case-studies/publication.service.ts';
import { DEMO_FORUMS, seedDemo } from '../../server/demo/demo-seed.ts';
import { seedDemoQuestions } from '../../server/demo/demo-questions.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { demoPlaces } from '../helpers/demo-places.ts';

let t: TestApp;
const slug = DEMO_FORUMS[0]!;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, await demoPlaces());
});
afterAll(async () => {
  await t?.close();
});

/** Questions of weeks 4 and 5; the open week's, asked at the first start, are tested with it (test/demo). */
async function questionRows() {
  return t.db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('forums', 'forums.id', 'threads.forum_id')
    .innerJoin('weeks', 'weeks.id', 'threads.week_id')
    .select(['posts.id', 'posts.original_lang', 'posts.answered_at', 'posts.answer_post_id'])
    .where('forums.slug', '=', slug)
    .where('posts.addressed_to', 'is not', null)
    .where('weeks.number', 'in', [4, 5])
    .orderBy('posts.id')
    .execute();
}

describe('demo questions', () => {
  it('asks nothing before the case studies are published, then asks and answers some in three languages, once', async () => {
    expect(await questionRows()).toEqual([]);
    const week4 = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select('weeks.opens_at')
      .where('forums.slug', '=', slug)
      .where('weeks.number', '=', 4)
      .executeTakeFirstOrThrow();
    const opening = new Date(week4.opens_at.getTime() + 60 * 60_000);
    expect(await publishDueCaseStudies(t.db, opening)).toBeGreaterThan(0);

    const asked = await seedDemoQuestions(t.db, slug, opening);
    expect(asked).toBe(5);
    const rows = await questionRows();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.original_lang))).toEqual(new Set(['en', 'es', 'fr']));
    expect(rows.filter((row) => row.answered_at !== null && row.answer_post_id !== null)).toHaveLength(3);
    expect(rows.filter((row) => row.answered_at === null)).toHaveLength(2);

    expect(await seedDemoQuestions(t.db, slug, opening)).toBe(0);
    expect(await questionRows()).toHaveLength(5);
  });
});
