// Double submits and concurrent writers on a case study: two approvals at once tell the author
// once; publication jobs of several instances (and a reader's lazy publication) racing at the
// week's opening publish it once, with one thread, one event and one notification per member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueCaseStudies } from '../../server/case-studies/publication.service.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { forumWeek, keyRespondent, submitted } from './helpers.ts';

let t: TestApp;
let kr: Member;
let organizer: Member;
let participant: Member;
let studyId: number;
let opensAt: Date;

const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  const week2 = await forumWeek(t.db, LIVE, 2);
  opensAt = new Date(Date.now() + 2 * DAY);
  await t.db
    .updateTable('weeks')
    .set({ opens_at: opensAt, closes_at: new Date(opensAt.getTime() + 7 * DAY) })
    .where('id', '=', week2.id)
    .execute();
  kr = await keyRespondent(t, LIVE, 2, 'es');
  organizer = await member(t, 'organizer');
  participant = await member(t, 'participant', 'en');
  studyId = (await submitted(t, LIVE, kr, 2)).id;
});
afterAll(async () => {
  await t?.close();
});

describe('racing writers', () => {
  it('answers two approvals sent at once alike and tells the author once', async () => {
    const approve = () => t.post(`/api/case-studies/${studyId}/approve`).set('Cookie', organizer.cookie).send();
    const answers = await Promise.all([approve(), approve()]);
    expect(answers.map((answer) => [answer.status, answer.body.caseStudy.status])).toEqual([
      [200, 'approved'],
      [200, 'approved'],
    ]);
    const told = await t.db
      .selectFrom('notifications')
      .select('payload')
      .where('type', '=', 'case_study.review')
      .where('user_id', '=', kr.id)
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toMatchObject({ action: 'approved' });
  });

  it('publishes once when several jobs run at the opening together', async () => {
    const counts = await Promise.all([
      publishDueCaseStudies(t.db, opensAt),
      publishDueCaseStudies(t.db, opensAt),
      publishDueCaseStudies(t.db, opensAt),
    ]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    const row = await t.db
      .selectFrom('case_studies')
      .select(['status', 'published_at', 'thread_id', 'week_id'])
      .where('id', '=', studyId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'published', published_at: opensAt });
    const threads = await t.db
      .selectFrom('threads')
      .select('id')
      .where('kind', '=', 'case_study')
      .where('week_id', '=', row.week_id)
      .execute();
    expect(threads.map((thread) => thread.id)).toEqual([row.thread_id]);
    const events = await t.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'case_study.published')
      .where('week_id', '=', row.week_id)
      .execute();
    expect(events).toHaveLength(1);
    const told = await t.db
      .selectFrom('notifications')
      .select('user_id')
      .where('type', '=', 'case_study.published')
      .where('user_id', '=', participant.id)
      .execute();
    expect(told).toHaveLength(1);
  });
});
