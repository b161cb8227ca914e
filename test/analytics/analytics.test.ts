// Organizer analytics through the API: who may read them, and figures that match the posts,
// translation tasks and questions seeded in two weeks (hidden posts counting nowhere).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Lang } from '../../server/db/schema.ts';
import { escapeXml } from '../../server/analytics/analytics-chart.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { castForum, dayFromToday, signedUser, weekBody, type Cast, type Signed } from '../forums/console-helpers.ts';

let t: TestApp;
let cast: Cast;
let spanishOrganizer: Signed;
let frenchOrganizer: Signed;
const SLUG = 'analytics-forum';
const url = `/api/forums/${SLUG}/analytics`;
const HOUR = 3_600_000;
let regions: { andes: number; caribe: number };

async function post(threadId: number, authorId: number, lang: Lang, extra: Record<string, unknown> = {}) {
  const root = await t.db
    .selectFrom('posts')
    .select('id')
    .where('thread_id', '=', threadId)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  const row = await t.db
    .insertInto('posts')
    .values({
      thread_id: threadId,
      parent_id: root?.id ?? null,
      path: [],
      author_id: authorId,
      original_lang: lang,
      body_md: 'x',
      body_html: '<p>x</p>',
      word_count: 1,
      idempotency_key: randomUUID(),
      ...extra,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return row;
}

beforeAll(async () => {
  t = await createTestApp();
  cast = await castForum(t, SLUG);
  spanishOrganizer = await signedUser(t, { lang: 'es', roles: [{ forumSlug: SLUG, role: 'organizer' }] });
  frenchOrganizer = await signedUser(t, { lang: 'fr', roles: [{ forumSlug: SLUG, role: 'organizer' }] });
  for (const [days, title] of [
    [60, 'Finanzas solidarias'],
    [67, 'Compras públicas'],
  ] as const) {
    await t
      .post(`/api/forums/${SLUG}/weeks`)
      .set('Cookie', cast.organizer.cookie)
      .send(weekBody(dayFromToday(days), { texts: [{ lang: 'es', title, summaryMd: 'Resumen.' }] }))
      .expect(201);
  }
  const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
  const weeks = await t.db
    .selectFrom('weeks')
    .select(['id', 'number'])
    .where('forum_id', '=', forum.id)
    .orderBy('number')
    .execute();
  await t.db
    .insertInto('week_texts')
    .values({
      week_id: weeks[0]!.id,
      lang: 'en',
      title: 'Solidarity finance',
      summary_md: 'S.',
      summary_html: '<p>S.</p>',
    })
    .execute();
  await t.db.deleteFrom('forum_member_regions').where('forum_id', '=', forum.id).execute();
  const [andes, caribe] = await t.db
    .insertInto('forum_regions')
    .values([
      { forum_id: forum.id, key: 'zz_andes', position: 90, en: 'Andes <&>', es: 'Andes <&>', fr: 'Andes <&>' },
      { forum_id: forum.id, key: 'zz_caribe', position: 91, en: 'Caribbean', es: 'Caribe', fr: 'Caraïbes' },
    ])
    .returning('id')
    .execute();
  regions = { andes: andes!.id, caribe: caribe!.id };
  const [a, b, c] = [cast.participant, cast.keyRespondent, cast.translator];
  await t.db
    .insertInto('forum_member_regions')
    .values([
      { forum_id: forum.id, user_id: a.id, region_id: regions.andes },
      { forum_id: forum.id, user_id: b.id, region_id: regions.caribe },
    ])
    .execute();
  const thread = async (weekId: number) =>
    (
      await t.db
        .insertInto('threads')
        .values({
          forum_id: forum.id,
          week_id: weekId,
          kind: 'discussion',
          title: 'T',
          original_lang: 'es',
          author_id: a.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const one = await thread(weeks[0]!.id);
  const two = await thread(weeks[1]!.id);
  // Week 1: a (Andes) 2 es + 1 en, b (Caribbean) 1 fr, c (no region) 1 es; one hidden en post by c.
  const first = await post(one, a.id, 'es');
  await post(one, a.id, 'es');
  await post(one, a.id, 'en');
  await post(one, b.id, 'fr');
  await post(one, c.id, 'es');
  const hidden = await post(one, c.id, 'en', {
    hidden_at: new Date(),
    hidden_by: cast.organizer.id,
    hidden_reason: 'spam',
  });
  // Week 2: a 1 en; b 2 questions (to a), one answered in time, one late.
  await post(two, a.id, 'en');
  const asked = new Date(Date.now() - 200 * HOUR);
  await post(two, b.id, 'es', { addressed_to: a.id, created_at: asked, answered_at: new Date(asked.getTime() + HOUR) });
  await post(two, b.id, 'es', {
    addressed_to: a.id,
    created_at: asked,
    answered_at: new Date(asked.getTime() + 150 * HOUR),
  });
  const task = (
    itemId: number,
    target: Lang,
    status: 'published' | 'open' | 'withdrawn',
    closedAfterDueHours: number | null,
  ) => {
    const due = new Date(Date.now() - 10 * HOUR);
    return {
      forum_id: forum.id,
      week_id: weeks[0]!.id,
      item_type: 'post' as const,
      item_id: itemId,
      source_lang: 'es' as const,
      target_lang: target,
      source_revision: 1,
      status,
      due_at: due,
      closed_at: closedAfterDueHours === null ? null : new Date(due.getTime() + closedAfterDueHours * HOUR),
    };
  };
  await t.db
    .insertInto('translation_tasks')
    .values([
      task(first.id, 'en', 'published', -1), // on time
      task(first.id, 'fr', 'published', 2), // late
      task(hidden.id, 'es', 'published', -1), // a hidden post's: not counted
    ])
    .execute();
}, 180_000);
afterAll(async () => t?.close());

describe('who may read a forum’s analytics', () => {
  it('refuses visitors, participants, translators and other forums’ organizers; lets organizers and admins in', async () => {
    await t.get(url).expect(401);
    for (const who of [cast.participant, cast.translator, cast.keyRespondent, cast.otherOrganizer])
      await t.get(url).set('Cookie', who.cookie).expect(403);
    await t.get(url).set('Cookie', cast.organizer.cookie).expect(200);
    await t.get(url).set('Cookie', cast.admin.cookie).expect(200);
  });
});

describe('the figures', () => {
  it('counts visible posts per week by language and region, active members, and what came on time', async () => {
    const { body } = await t.get(url).set('Cookie', cast.organizer.cookie).expect(200);
    const byLang = (figures: { byLanguage: { lang: string; posts: number }[] }) =>
      Object.fromEntries(figures.byLanguage.map((entry) => [entry.lang, entry.posts]));
    const byRegion = (figures: { byRegion: { regionId: number | null; posts: number }[] }) =>
      Object.fromEntries(
        figures.byRegion.filter((entry) => entry.posts > 0).map((entry) => [String(entry.regionId), entry.posts]),
      );
    expect(body.weeks.map((week: { number: number }) => week.number)).toEqual([1, 2]);
    const [one, two] = body.weeks;
    expect(one.title).toEqual({ lang: 'en', value: 'Solidarity finance' });
    expect(two.title).toEqual({ lang: 'es', value: 'Compras públicas' });
    expect(one.startsOn).toBe(dayFromToday(60));
    expect(one.posts).toBe(5);
    expect(byLang(one)).toEqual({ en: 1, es: 3, fr: 1 });
    expect(byRegion(one)).toEqual({ [regions.andes]: 3, [regions.caribe]: 1, null: 1 });
    expect(one.activeMembers).toBe(3);
    expect(one.translations).toEqual({ due: 2, onTime: 1, share: 0.5 });
    expect(one.questions).toEqual({ due: 0, onTime: 0, share: null });
    expect(two.posts).toBe(3);
    expect(byLang(two)).toEqual({ en: 1, es: 2, fr: 0 });
    expect(two.activeMembers).toBe(2);
    expect(two.questions).toEqual({ due: 2, onTime: 1, share: 0.5 });
    expect(body.totals.posts).toBe(8);
    expect(byLang(body.totals)).toEqual({ en: 2, es: 5, fr: 1 });
    expect(body.totals.activeMembers).toBe(3);
    expect(body.totals.translations).toEqual({ due: 2, onTime: 1, share: 0.5 });
    expect(body.totals.questions).toEqual({ due: 2, onTime: 1, share: 0.5 });
    const names = Object.fromEntries(
      body.regions.map((region: { id: number; name: { value: string } }) => [region.id, region.name.value]),
    );
    expect(names[regions.caribe]).toBe('Caribbean');
  });

  it('draws the chart in the reader’s language, its texts escaped', async () => {
    const english = (await t.get(url).set('Cookie', cast.organizer.cookie).expect(200)).body.chartSvg as string;
    expect(english).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="Posts per week by language"/);
    expect(english).toContain('<title>Posts per week by language</title>');
    expect(english).toContain('>English</text>');
    expect(english).toContain('Week 1: 3 posts in Spanish');
    expect(english.match(/<rect [^>]*fill="#/g)!.length).toBeGreaterThanOrEqual(5);
    const spanish = await t.get(url).set('Cookie', spanishOrganizer.cookie).expect(200);
    expect(spanish.body.chartSvg).toContain('<title>Mensajes por semana según el idioma</title>');
    expect(spanish.body.chartSvg).toContain('>Semana</text>');
    expect(spanish.body.weeks[0].title).toEqual({ lang: 'es', value: 'Finanzas solidarias' });
    const caribe = spanish.body.regions.find((region: { id: number }) => region.id === regions.caribe);
    expect(caribe.name).toEqual({ lang: 'es', value: 'Caribe' });
    const french = (await t.get(url).set('Cookie', frenchOrganizer.cookie).expect(200)).body.chartSvg as string;
    expect(french).toContain('Semaine 1\u00a0: 3 messages en espagnol');
    expect(french).not.toMatch(/<(?!\/?(svg|title|desc|line|text|rect|g)\b)/);
  });
});

describe('the chart’s escaping', () => {
  it('escapes markup characters in any text it draws', () => {
    expect(escapeXml(`<script>"a" & 'b'</script>`)).toBe(
      '&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;',
    );
  });
});
