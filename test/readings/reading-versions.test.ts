// Readings are written by organizers in several languages (versions, not translations): a reader
// gets the version in the first of their reading languages, interface language first, even
// when they also read the original's language — on the week page, on the reading's own page
// (its title, body and the week's other readings) and on their home. Posts keep the reading
// rule: the original for whoever reads its language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../server/db/schema.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  // The fixture's reading of week 1 is a Spanish original with English and French versions.
  await importFixture(t);
}, 180_000);
afterAll(async () => t?.close());

async function reader(interfaceLang: Lang, readingLangs: Lang[]): Promise<Member> {
  const user = await createUser(t.db, {
    interfaceLang,
    readingLangs,
    roles: [{ forumSlug: LIVE, role: 'participant' }],
  });
  return { ...user, cookie: await signIn(t, user) };
}

async function shown(who: Member) {
  const week = (await t.get(`/api/forums/${LIVE}/weeks/1`).set('Cookie', who.cookie).expect(200)).body.week.readings[0];
  const page = (await t.get(`/api/forums/${LIVE}/weeks/1/readings/solidarity`).set('Cookie', who.cookie).expect(200))
    .body.reading;
  return {
    week: [week.title.lang, week.body.lang, week.translation, week.translationPending],
    page: [page.title.lang, page.body.lang, page.siblings[0].title.lang],
  };
}

describe('a reading’s language versions', () => {
  it('gives a French-interface reader who also reads Spanish the French version, not the Spanish original', async () => {
    const marc = await reader('fr', ['fr', 'es']);
    expect(await shown(marc)).toEqual({ week: ['fr', 'fr', null, false], page: ['fr', 'fr', 'fr'] });
  });

  it('names the reading in the same version on the home, where the open week’s readings wait to be opened', async () => {
    const marc = await reader('fr', ['fr', 'es']);
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow();
    const openWeek = await t.db
      .selectFrom('weeks')
      .select('id')
      .where('forum_id', '=', forum.id)
      .where('number', '=', 2)
      .executeTakeFirstOrThrow();
    const reading = await t.db
      .selectFrom('readings')
      .innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .select(['readings.id', 'readings.week_id'])
      .where('weeks.forum_id', '=', forum.id)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('readings').set({ week_id: openWeek.id }).where('id', '=', reading.id).execute();
    try {
      const home = (await t.get('/api/home').set('Cookie', marc.cookie).expect(200)).body.forums.find(
        (f: { slug: string }) => f.slug === LIVE,
      );
      expect(home.unopened.find((item: { type: string }) => item.type === 'reading').title).toEqual({
        lang: 'fr',
        value: 'Solidarity fr',
      });
    } finally {
      await t.db.updateTable('readings').set({ week_id: reading.week_id }).where('id', '=', reading.id).execute();
    }
  });

  it('follows the reading languages in order after the interface language', async () => {
    expect((await shown(await reader('en', ['en', 'es']))).page).toEqual(['en', 'en', 'en']);
    // The interface language comes first even when the profile lists it later.
    expect((await shown(await reader('fr', ['es', 'fr']))).page).toEqual(['fr', 'fr', 'fr']);
    expect((await shown(await reader('es', ['es', 'en']))).page).toEqual(['es', 'es', 'es']);
  });

  it('leaves the rule for posts as it was: the original for whoever reads its language', async () => {
    const lucia = await reader('es', ['es']);
    const marc = await reader('fr', ['fr', 'es']);
    const { threadId } = await startThread(t, lucia, 2, {
      lang: 'es',
      title: 'Cajas de ahorro',
      bodyMd: 'Las cajas financian la vivienda.',
    });
    const page = (await t.get(`/api/threads/${threadId}`).set('Cookie', marc.cookie).expect(200)).body;
    expect(page.posts[0]).toMatchObject({ lang: 'es', translation: null, translationPending: false });
  });
});
