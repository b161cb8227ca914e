// Publication at the exact moment a week opens (local midnight in the forum's zone), never
// before, with the clock injected: a Toronto week that starts on the day daylight-saving time
// ends, and a Santiago week that starts on the day it begins (that midnight does not exist).
// Translation tasks come with publication, not approval; a later edit outdates translations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCaseStudy } from '../../server/case-studies/case-studies.service.ts';
import { publishDueCaseStudies } from '../../server/case-studies/publication.service.ts';
import { forumCalendar } from '../../server/forums/forum-calendar.ts';
import type { Lang } from '../../server/db/schema.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { keyRespondent, sessionUser, submitted, writeCaseStudy } from './helpers.ts';

let t: TestApp;

/** A published two-week forum in `timeZone` whose policy translates `from` into `to`. */
async function makeForum(
  slug: string,
  timeZone: string,
  startsOn: string,
  endsOn: string,
  rule: { from: Lang; to: Lang },
) {
  const calendar = forumCalendar(startsOn, endsOn, 2, timeZone);
  const forum = await t.db
    .insertInto('forums')
    .values({
      slug,
      time_zone: timeZone,
      languages: ['en', 'es', 'fr'],
      starts_on: startsOn,
      ends_on: endsOn,
      starts_at: calendar.startsAt,
      ends_at: calendar.endsAt,
      application_deadline: calendar.startsAt,
      published: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('forum_texts')
    .values({ forum_id: forum.id, lang: 'en', title: slug, summary: '', call_md: '', call_html: '' })
    .execute();
  await t.db
    .insertInto('translation_rules')
    .values({ forum_id: forum.id, source_lang: rule.from, target_lang: rule.to })
    .execute();
  for (const week of calendar.weeks) {
    const row = await t.db
      .insertInto('weeks')
      .values({
        forum_id: forum.id,
        number: week.number,
        starts_on: week.startsOn,
        opens_at: week.opensAt,
        closes_at: week.closesAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('week_texts')
      .values({ week_id: row.id, lang: 'en', title: `Week ${week.number}`, summary_md: '', summary_html: '' })
      .execute();
  }
  return { forumId: forum.id, week2OpensAt: calendar.weeks[1]!.opensAt };
}

async function joined(
  slug: string,
  role: 'participant' | 'organizer',
  lang: Lang = 'en',
  readingLangs: Lang[] = [lang],
): Promise<Member> {
  const user = await createUser(t.db, { interfaceLang: lang, readingLangs, roles: [{ forumSlug: slug, role }] });
  return { ...user, cookie: await signIn(t, user) };
}

const studyRow = (id: number) =>
  t.db.selectFrom('case_studies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const tasksOf = (id: number) =>
  t.db
    .selectFrom('translation_tasks')
    .select(['item_type', 'source_lang', 'target_lang', 'source_revision', 'status'])
    .where('item_type', '=', 'case_study')
    .where('item_id', '=', id)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
});
afterAll(async () => {
  await t?.close();
});

describe.each([
  {
    zone: 'America/Toronto',
    slug: 'toronto-2027',
    startsOn: '2027-10-31',
    endsOn: '2027-11-13',
    opens: '2027-11-07T04:00:00.000Z',
    lang: 'fr',
    rule: { from: 'fr', to: 'en' },
  },
  {
    zone: 'America/Santiago',
    slug: 'santiago-2027',
    startsOn: '2027-08-29',
    endsOn: '2027-09-11',
    opens: '2027-09-05T04:00:00.000Z',
    lang: 'es',
    rule: { from: 'es', to: 'en' },
  },
] as const)(
  'a week starting on a daylight-saving change day in $zone',
  ({ slug, startsOn, endsOn, opens, lang, rule, zone }) => {
    let kr: Member;
    let organizer: Member;
    let participant: Member;
    let studyId: number;
    let opensAt: Date;

    beforeAll(async () => {
      ({ week2OpensAt: opensAt } = await makeForum(slug, zone, startsOn, endsOn, rule));
      kr = await keyRespondent(t, slug, 2, lang);
      organizer = await joined(slug, 'organizer', 'en', ['en', 'es', 'fr']);
      participant = await joined(slug, 'participant', 'en');
      // A forum made in the console lists no regions yet: the case study names none.
      studyId = (await submitted(t, slug, kr, 2, { lang, region: '' })).id;
    });

    it('opens the week at the local midnight the zone gives', () => {
      expect(opensAt.toISOString()).toBe(opens);
    });

    it('approves without publishing and without queueing translations', async () => {
      const approved = await approveCaseStudy(
        t.db,
        studyId,
        await sessionUser(t.db, organizer.id),
        { user: null, lang: 'en' },
        new Date(opensAt.getTime() - 3_600_000),
      );
      expect(approved.caseStudy.status).toBe('approved');
      expect(await tasksOf(studyId)).toEqual([]);
    });

    it('publishes nothing a millisecond before the opening, and no member reads it', async () => {
      expect(await publishDueCaseStudies(t.db, new Date(opensAt.getTime() - 1))).toBe(0);
      expect((await studyRow(studyId)).status).toBe('approved');
      expect(
        (await t.get(`/api/case-studies/${studyId}`).set('Cookie', participant.cookie).expect(404)).body.error.code,
      ).toBe('not_found');
      expect(await tasksOf(studyId)).toEqual([]);
    });

    it('publishes exactly at the opening, once, with its thread, translation tasks, event and notifications', async () => {
      expect(await publishDueCaseStudies(t.db, opensAt)).toBe(1);
      expect(await publishDueCaseStudies(t.db, new Date(opensAt.getTime() + 1))).toBe(0);
      const row = await studyRow(studyId);
      expect(row).toMatchObject({ status: 'published', published_at: opensAt });
      const thread = await t.db
        .selectFrom('threads')
        .selectAll()
        .where('id', '=', row.thread_id!)
        .executeTakeFirstOrThrow();
      expect(thread).toMatchObject({
        kind: 'case_study',
        title: 'Red de productores de Oruro',
        original_lang: lang,
        author_id: kr.id,
        week_id: row.week_id,
        post_count: 0,
      });
      expect(await tasksOf(studyId)).toEqual([
        { item_type: 'case_study', source_lang: rule.from, target_lang: rule.to, source_revision: 1, status: 'open' },
      ]);
      const titleTask = await t.db
        .selectFrom('translation_tasks')
        .select(['source_lang', 'target_lang'])
        .where('item_type', '=', 'thread_title')
        .where('item_id', '=', thread.id)
        .execute();
      expect(titleTask).toEqual([{ source_lang: rule.from, target_lang: rule.to }]);
      const events = await t.db
        .selectFrom('events')
        .select(['type', 'week_id', 'payload'])
        .where('type', '=', 'case_study.published')
        .where('week_id', '=', row.week_id)
        .execute();
      expect(events).toHaveLength(1);
      expect(events[0]!.payload).toMatchObject({
        caseStudy: { id: studyId, status: 'published', markdown: null, reviewComment: null },
      });
      const told = await t.db
        .selectFrom('notifications')
        .select(['user_id', 'in_app', 'email_status'])
        .where('type', '=', 'case_study.published')
        .where('forum_id', '=', row.forum_id)
        .orderBy('user_id')
        .execute();
      expect(told).toEqual([
        { user_id: organizer.id, in_app: true, email_status: 'none' },
        { user_id: participant.id, in_app: true, email_status: 'none' },
      ]);
    });

    it('marks translations outdated and queues a new task when the author edits after publication', async () => {
      const [task] = await t.db
        .selectFrom('translation_tasks')
        .select('id')
        .where('item_type', '=', 'case_study')
        .where('item_id', '=', studyId)
        .execute();
      await t.post(`/api/translation-tasks/${task!.id}/claim`).set('Cookie', organizer.cookie).send().expect(200);
      await t
        .post(`/api/translation-tasks/${task!.id}/publish`)
        .set('Cookie', organizer.cookie)
        .send({ bodyMd: 'The Oruro producers’ network was born in 2003.' })
        .expect(200);
      const englishReader = await joined(slug, 'organizer', 'en', ['en']);
      const before = await t.get(`/api/case-studies/${studyId}`).set('Cookie', englishReader.cookie).expect(200);
      expect(before.body.caseStudy.translation).toMatchObject({
        lang: 'en',
        outdated: false,
        translator: { role: 'organizer' },
      });

      const edited = await t
        .put(`/api/case-studies/${studyId}`)
        .set('Cookie', kr.cookie)
        .send({
          title: 'Red de productores de Oruro',
          bodyMd: 'Texto revisado con cifras de 2026.',
          lang,
          region: '',
          theme: '',
          baseRevision: 1,
        })
        .expect(200);
      expect(edited.body.caseStudy).toMatchObject({ status: 'published', revision: 2 });
      const after = await t.get(`/api/case-studies/${studyId}`).set('Cookie', englishReader.cookie).expect(200);
      expect(after.body.caseStudy.translation).toMatchObject({ lang: 'en', outdated: true });
      expect(await tasksOf(studyId)).toEqual([
        {
          item_type: 'case_study',
          source_lang: rule.from,
          target_lang: rule.to,
          source_revision: 1,
          status: 'published',
        },
        { item_type: 'case_study', source_lang: rule.from, target_lang: rule.to, source_revision: 2, status: 'open' },
      ]);
      // The translator's editor shows what changed in the original since the published translation.
      const [next] = await t.db
        .selectFrom('translation_tasks')
        .select('id')
        .where('item_type', '=', 'case_study')
        .where('item_id', '=', studyId)
        .where('status', '=', 'open')
        .execute();
      const detail = await t.get(`/api/translation-tasks/${next!.id}`).set('Cookie', organizer.cookie).expect(200);
      expect(detail.body.task).toMatchObject({
        kind: 'case_study',
        sourceRevision: 2,
        previousTranslation: { sourceRevision: 1 },
      });
      expect(detail.body.task.sourceDiff).toContainEqual({ value: expect.stringContaining('2026'), change: 'added' });
      const revisions = await t.get(`/api/case-studies/${studyId}/revisions`).set('Cookie', kr.cookie).expect(200);
      expect(revisions.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
      const weekId = (await studyRow(studyId)).week_id;
      expect(
        await t.db
          .selectFrom('events')
          .select('type')
          .where('type', '=', 'case_study.edited')
          .where('week_id', '=', weekId)
          .execute(),
      ).toHaveLength(1);
    });

    it('still keeps the published case study from members until the week opens on the site’s clock', async () => {
      // The site's clock is today's: this week is in the future, so the week rule answers.
      expect(
        (await t.get(`/api/case-studies/${studyId}`).set('Cookie', participant.cookie).expect(403)).body.error.code,
      ).toBe('week_not_open');
    });
  },
);

describe('approval after the week has opened', () => {
  it('publishes at once, in the approval', async () => {
    const kr = await keyRespondent(t, LIVE, 1, 'fr');
    const organizer = await member(t, 'organizer');
    const participant = await member(t, 'participant', 'es');
    const study = await submitted(t, LIVE, kr, 1, { lang: 'fr', title: 'La coopérative de solidarité de Rimouski' });
    const approved = await t
      .post(`/api/case-studies/${study.id}/approve`)
      .set('Cookie', organizer.cookie)
      .send()
      .expect(200);
    expect(approved.body.caseStudy).toMatchObject({ status: 'published', threadId: expect.any(Number) });
    const seen = await t.get(`/api/case-studies/${study.id}`).set('Cookie', participant.cookie).expect(200);
    expect(seen.body.caseStudy).toMatchObject({
      status: 'published',
      lang: 'fr',
      title: { lang: 'fr', value: 'La coopérative de solidarité de Rimouski' },
    });
    // The live edition translates Spanish only: a French original queues nothing.
    expect(await tasksOf(study.id)).toEqual([]);
  });

  it('keeps a draft that was never approved unpublished however late it is', async () => {
    const kr = await keyRespondent(t, LIVE, 2, 'en');
    const study = await writeCaseStudy(t, LIVE, kr, 2, { lang: 'en', title: 'A draft' });
    expect(await publishDueCaseStudies(t.db, new Date('2100-01-01T00:00:00Z'))).toBe(0);
    expect((await studyRow(study.id)).status).toBe('draft');
  });
});
