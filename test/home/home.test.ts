// The "this week" home through the API: what a participant, a key respondent and an organizer
// find on it, new counts that survive a double request, opening an item, who may call it — and
// its fixed number of SQL statements, counted on the domain function, with 1 forum and with 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { onPostgres } from '../helpers/test-database.ts';
import { getHome } from '../../server/home/home.service.ts';
import { findSessionUser } from './session-user.ts';
import { ask, caseStudy, keyRespondent, weekId } from '../questions/fixtures.ts';

/** Counts the statements a Kysely handle sends (raw `sql` included: it goes through plugins too). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

let t: TestApp;
let participant: Member;
let kr: Member;
let organizer: Member;

async function addReading(number: number, slug: string, titles: Record<'en' | 'es', string>) {
  const reading = await t.db
    .insertInto('readings')
    .values({ week_id: await weekId(t.db, LIVE, number), slug, position: 9, original_lang: 'es' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [lang, title] of Object.entries(titles)) {
    await t.db
      .insertInto('reading_texts')
      .values({
        reading_id: reading.id,
        lang: lang as 'en' | 'es',
        title,
        body_md: title,
        body_html: `<p>${title}</p>`,
      })
      .execute();
  }
  return reading.id;
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [participant, organizer] = [await member(t, 'participant', 'en'), await member(t, 'organizer')];
  kr = await keyRespondent(t, 2, { name: 'Rosa Key' });
});
afterAll(async () => {
  await t?.close();
});

describe(`this week home (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('refuses visitors', async () => {
    expect((await t.get('/api/home').expect(401)).body.error.code).toBe('sign_in_required');
    await t.post('/api/home/opened').send({ itemType: 'reading', itemId: 1 }).expect(401);
  });

  it('shows a participant the open week, what is new since they came, and what they have not opened', async () => {
    const first = await t.get('/api/home').set('Cookie', participant.cookie).expect(200);
    expect(first.headers['cache-control']).toBe('private, no-store');
    expect(first.body.since).toBeNull();
    const forum = first.body.forums.find((f: { slug: string }) => f.slug === LIVE);
    expect(forum).toMatchObject({
      status: 'running',
      myRoles: ['participant'],
      newPosts: 0,
      newTranslations: 0,
      nextWeek: null,
    });
    expect(forum.title.lang).toBe('en');
    expect(forum.openWeek).toMatchObject({ number: 2, title: { lang: 'en' } });
    expect(Date.parse(forum.openWeek.closesAt)).toBeGreaterThan(Date.now());

    const { threadId } = await startThread(t, organizer);
    await reply(t, kr, threadId);
    const readingId = await addReading(2, 'economia-social', { en: 'Social economy', es: 'Economía social' });
    const study = await caseStudy(t, kr);

    const second = await t.get('/api/home').set('Cookie', participant.cookie).expect(200);
    const again = await t.get('/api/home').set('Cookie', participant.cookie).expect(200);
    for (const response of [second, again]) {
      // A double request within the same visit loses none of the "new" counts.
      const live = response.body.forums.find((f: { slug: string }) => f.slug === LIVE);
      expect(live.newPosts).toBe(2);
      expect(live.unopened).toEqual([
        {
          type: 'case_study',
          id: study.id,
          weekNumber: 2,
          slug: null,
          title: { lang: 'es', value: 'Cooperativas de vivienda en Montevideo' },
          author: { id: kr.id, displayName: 'Rosa Key' },
        },
        {
          type: 'reading',
          id: readingId,
          weekNumber: 2,
          slug: 'economia-social',
          title: { lang: 'en', value: 'Social economy' },
          author: null,
        },
      ]);
    }

    await t
      .post('/api/home/opened')
      .set('Cookie', participant.cookie)
      .send({ itemType: 'reading', itemId: readingId })
      .expect(204);
    await t
      .post('/api/home/opened')
      .set('Cookie', participant.cookie)
      .send({ itemType: 'reading', itemId: readingId })
      .expect(204);
    await t
      .post('/api/home/opened')
      .set('Cookie', participant.cookie)
      .send({ itemType: 'case_study', itemId: study.id })
      .expect(204);
    const opened = await t.get('/api/home').set('Cookie', participant.cookie).expect(200);
    expect(opened.body.forums.find((f: { slug: string }) => f.slug === LIVE).unopened).toEqual([]);

    // An hour later the earlier visit is over: "new" counts from its end.
    const user = await findSessionUser(t, participant.id);
    const later = await getHome(t.db, user, 'en', new Date(Date.now() + 60 * 60_000));
    expect(later.since).not.toBeNull();
    expect(later.forums.find((f) => f.slug === LIVE)!.newPosts).toBe(0);
  });

  it('refuses to record opening what does not exist or what the member may not read, changing nothing', async () => {
    const outsider = await member(t, null);
    const readingId = await addReading(2, 'cerrada', { en: 'Closed', es: 'Cerrada' });
    expect(
      (
        await t
          .post('/api/home/opened')
          .set('Cookie', outsider.cookie)
          .send({ itemType: 'reading', itemId: readingId })
          .expect(403)
      ).body.error.code,
    ).toBe('not_a_member');
    expect(
      (
        await t
          .post('/api/home/opened')
          .set('Cookie', participant.cookie)
          .send({ itemType: 'reading', itemId: 999_999 })
          .expect(404)
      ).body.error.code,
    ).toBe('not_found');
    const draft = await caseStudy(t, await keyRespondent(t, 2), 2, { published: false });
    await t
      .post('/api/home/opened')
      .set('Cookie', participant.cookie)
      .send({ itemType: 'case_study', itemId: draft.id })
      .expect(404);
    const bad = await t
      .post('/api/home/opened')
      .set('Cookie', participant.cookie)
      .set('Accept-Language', 'es')
      .send({ itemType: 'post', itemId: 1 })
      .expect(400);
    expect(bad.body.error.code).toBe('validation');
    const opens = await t.db.selectFrom('item_opens').select('item_id').where('user_id', '=', outsider.id).execute();
    expect(opens).toEqual([]);
  });

  it('counts new translations only of what the member may read: not of a week still shut', async () => {
    const reader = await member(t, 'participant', 'en');
    await t.get('/api/home').set('Cookie', reader.cookie).expect(200);
    const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow())
      .id;
    // The fixture's weeks have opened: add one that opens in a month.
    const opensAt = new Date(Date.now() + 30 * 86_400_000);
    await t.db
      .insertInto('weeks')
      .values({
        forum_id: forumId,
        number: 3,
        starts_on: opensAt.toISOString().slice(0, 10),
        opens_at: opensAt,
        closes_at: new Date(opensAt.getTime() + 7 * 86_400_000),
      })
      .execute();
    for (const [number, slug] of [
      [2, 'abierta'],
      [3, 'cerrada'],
    ] as const) {
      const readingId = await addReading(number, `traduccion-${slug}`, { en: slug, es: slug });
      const item = {
        forum_id: forumId,
        item_type: 'reading' as const,
        item_id: readingId,
        source_lang: 'es' as const,
        target_lang: 'en' as const,
        source_revision: 1,
      };
      await t.db
        .insertInto('translation_tasks')
        .values({ ...item, week_id: await weekId(t.db, LIVE, number), due_at: new Date(Date.now() + 3_600_000) })
        .execute();
      await t.db
        .insertInto('translations')
        .values({
          ...item,
          body_md: slug,
          body_html: `<p>${slug}</p>`,
          translator_id: organizer.id,
          translator_role: 'organizer',
        })
        .execute();
    }
    const home = await t.get('/api/home').set('Cookie', reader.cookie).expect(200);
    expect(home.body.forums.find((f: { slug: string }) => f.slug === LIVE).newTranslations).toBe(1);
  });

  it('shows a key respondent the questions waiting for them and the asker their unanswered ones, with drafts', async () => {
    const asker = await member(t, 'participant', 'en');
    const bea = await keyRespondent(t, 2, { name: 'Bea Key' });
    const study = await caseStudy(t, bea);
    const question = (await ask(t, asker, study.id).expect(201)).body.post;
    await t
      .put(`/api/drafts/reply:thread:${study.threadId}`)
      .set('Cookie', bea.cookie)
      .send({ bodyMd: 'Mi respuesta a medias', lang: 'es' })
      .expect(200);

    const krHome = await t.get('/api/home').set('Cookie', bea.cookie).expect(200);
    const forum = krHome.body.forums.find((f: { slug: string }) => f.slug === LIVE);
    expect(forum.myRoles).toEqual(['key_respondent']);
    expect(forum.questionsWaiting.map((q: { id: number }) => q.id)).toContain(question.id);
    const waiting = forum.questionsWaiting.find((q: { id: number }) => q.id === question.id);
    expect(waiting).toMatchObject({
      threadId: study.threadId,
      caseStudy: { id: study.id },
      weekNumber: 2,
      person: { id: asker.id },
    });
    expect(Date.parse(waiting.dueAt) - Date.parse(waiting.createdAt)).toBe(24 * 3600_000);
    expect(forum.drafts).toEqual([
      expect.objectContaining({
        key: `reply:thread:${study.threadId}`,
        lang: 'es',
        weekNumber: 2,
        threadId: study.threadId,
      }),
    ]);

    const askerHome = await t.get('/api/home').set('Cookie', asker.cookie).expect(200);
    const mine = askerHome.body.forums.find((f: { slug: string }) => f.slug === LIVE).myUnansweredQuestions;
    expect(mine).toEqual([
      expect.objectContaining({ id: question.id, person: { id: bea.id, displayName: 'Bea Key' } }),
    ]);

    await t
      .post(`/api/threads/${study.threadId}/posts`)
      .set('Cookie', bea.cookie)
      .send({ parentId: question.id, bodyMd: 'Respondida', lang: 'es', idempotencyKey: newKey() })
      .expect(201);
    const answered = await t.get('/api/home').set('Cookie', asker.cookie).expect(200);
    expect(answered.body.forums.find((f: { slug: string }) => f.slug === LIVE).myUnansweredQuestions).toEqual([]);
  });

  it('shows an organizer their forum and an applicant their application', async () => {
    const home = await t.get('/api/home').set('Cookie', organizer.cookie).expect(200);
    expect(home.body.forums.find((f: { slug: string }) => f.slug === LIVE).myRoles).toEqual(['organizer']);
    const applicant = await member(t, null, 'es');
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow();
    await t.db
      .insertInto('applications')
      .values({
        forum_id: forum.id,
        user_id: applicant.id,
        kind: 'participant',
        description: 'Cooperativa',
        langs: ['es'],
        lang: 'es',
      })
      .execute();
    const applicantHome = await t.get('/api/home').set('Cookie', applicant.cookie).expect(200);
    expect(applicantHome.body.forums).toEqual([]);
    expect(applicantHome.body.applications).toEqual([
      expect.objectContaining({
        forumSlug: LIVE,
        kind: 'participant',
        status: 'pending',
        forumTitle: expect.objectContaining({ lang: 'es' }),
      }),
    ]);
    expect(applicantHome.body.reconfirmations).toEqual([]);
  });

  it('reads the home in one SQL statement, with one forum or three and many items', async () => {
    const reader = await member(t, 'participant', 'es');
    const count = async () => {
      const counter = new StatementCounter();
      const home = await getHome(t.db.withPlugin(counter), await findSessionUser(t, reader.id), 'es');
      return { statements: counter.count, home };
    };
    const one = await count();
    expect(one.home.forums).toHaveLength(1);

    // Two more forums, with threads, questions, readings and drafts in them.
    const others = await t.db.selectFrom('forums').select(['id', 'slug']).where('slug', '<>', LIVE).execute();
    for (const forum of others)
      await t.db
        .insertInto('memberships')
        .values({ forum_id: forum.id, user_id: reader.id, role: 'participant' })
        .execute();
    const third = await t.db
      .insertInto('forums')
      .values({
        slug: 'third-forum',
        time_zone: 'America/Santiago',
        languages: ['es', 'en'],
        starts_on: '2026-01-01',
        ends_on: '2027-12-31',
        starts_at: new Date('2026-01-01T03:00:00Z'),
        ends_at: new Date('2028-01-01T03:00:00Z'),
        application_deadline: new Date('2025-12-01T03:00:00Z'),
        published: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('forum_texts')
      .values({ forum_id: third.id, lang: 'es', title: 'Tercer foro', summary: '', call_md: '', call_html: '' })
      .execute();
    await t.db
      .insertInto('memberships')
      .values({ forum_id: third.id, user_id: reader.id, role: 'participant' })
      .execute();
    for (let i = 0; i < 5; i += 1) {
      const { threadId } = await startThread(t, organizer);
      await reply(t, participant, threadId);
      await addReading(2, `lectura-${i}`, { en: `Reading ${i}`, es: `Lectura ${i}` });
      await t
        .put(`/api/drafts/reply:thread:${threadId}`)
        .set('Cookie', reader.cookie)
        .send({ bodyMd: `Borrador ${i}`, lang: 'es' })
        .expect(200);
      const study = await caseStudy(t, await keyRespondent(t, 2), 2, { title: `Caso ${i}` });
      await ask(t, reader, study.id).expect(201);
    }
    const three = await count();
    expect(three.home.forums).toHaveLength(3);
    const live = three.home.forums.find((f) => f.slug === LIVE)!;
    expect(live.drafts).toHaveLength(5);
    expect(live.myUnansweredQuestions).toHaveLength(5);
    expect(live.unopened.length).toBeGreaterThanOrEqual(10);
    expect(one.statements).toBe(1);
    expect(three.statements).toBe(one.statements);
  });
});
