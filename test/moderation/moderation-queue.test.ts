// The moderation queue: a report shows its post in context; an organizer hides the post with a
// reason or dismisses the report; hiding a post directly settles its reports; reporters hear the
// outcome; the audit log filters by action and actor and pages. Wrong roles are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { onPostgres } from '../helpers/test-database.ts';

let t: TestApp;
let organizer: Member;
let ana: Member;
let ben: Member;
let dan: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [organizer, ana, ben, dan] = [
    await member(t, 'organizer'),
    await member(t, 'participant', 'es'),
    await member(t, 'participant'),
    await member(t, 'participant', 'fr'),
  ];
});
afterAll(async () => {
  await t?.close();
});

const queue = (cookie: string, status = 'open') =>
  t.get(`/api/forums/${LIVE}/reports?status=${status}`).set('Cookie', cookie);
const file = async (reporter: Member, postId: number, reason: string) =>
  (await t.post(`/api/posts/${postId}/reports`).set('Cookie', reporter.cookie).send({ reason }).expect(201)).body
    .id as number;
const handledFor = async (user: Member, postId: number) =>
  (await t.get('/api/notifications').set('Cookie', user.cookie).expect(200)).body.groups.filter(
    (group: { type: string; payload: { postId?: number } }) =>
      group.type === 'report.handled' && group.payload.postId === postId,
  );

async function reportedPost() {
  const { threadId, firstPostId } = await startThread(t, organizer);
  const post = await reply(t, ana, threadId, { bodyMd: 'Respuesta **ofensiva**', parentId: firstPostId });
  return { threadId, firstPostId, postId: post.id };
}

describe(`moderation queue (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it(
    'refuses the queue, its actions and the audit log to all but the forum’s organizers and admins; a refusal changes nothing',
    { timeout: 90_000 },
    async () => {
      const { postId } = await reportedPost();
      const reportId = await file(ben, postId, 'Insults');
      const translator = await signIn(t, await createUser(t.db, { roles: [{ forumSlug: LIVE, role: 'translator' }] }));
      const otherOrganizer = await signIn(
        t,
        await createUser(t.db, { roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] }),
      );
      const callers = {
        visitor: '',
        participant: ben.cookie,
        keyRespondent: (await member(t, 'key_respondent')).cookie,
        translator,
        otherOrganizer,
      };
      const snapshot = async () => ({
        reports: await t.db.selectFrom('reports').selectAll().orderBy('id').execute(),
        posts: await t.db.selectFrom('posts').select(['id', 'hidden_at']).orderBy('id').execute(),
        audit: await t.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
      });
      const before = await snapshot();
      for (const [who, cookie] of Object.entries(callers)) {
        const expected = who === 'visitor' ? 401 : 403;
        const statuses = [
          (await queue(cookie)).status,
          (await t.post(`/api/reports/${reportId}/hide`).set('Cookie', cookie).send({ reason: 'x' })).status,
          (await t.post(`/api/reports/${reportId}/dismiss`).set('Cookie', cookie).send({})).status,
          (await t.get(`/api/forums/${LIVE}/audit-log?action=hide`).set('Cookie', cookie)).status,
        ];
        expect(statuses, who).toEqual([expected, expected, expected, expected]);
      }
      expect(await snapshot()).toEqual(before);
      // "My reports" is for any signed-in reader of the forum, and shows only their own.
      await t.get(`/api/forums/${LIVE}/reports/mine`).expect(401);
      expect(
        (await t.get(`/api/forums/${LIVE}/reports/mine`).set('Cookie', dan.cookie).expect(200)).body.reports,
      ).toEqual([]);

      const admin = await signIn(t, await createUser(t.db, { isAdmin: true }));
      expect(
        (await queue(admin).expect(200)).body.reports.some((report: { id: number }) => report.id === reportId),
      ).toBe(true);
      await t.post(`/api/reports/${reportId}/dismiss`).set('Cookie', admin).send({}).expect(204);
    },
  );

  it('shows a report with its post in context, hides the post from the queue with a reason, and tells every reporter', async () => {
    const { threadId, firstPostId, postId } = await reportedPost();
    const first = await file(ben, postId, 'Personal attack on Dan');
    const second = await file(dan, postId, 'Insulte');
    const open = (await queue(organizer.cookie).expect(200)).body;
    const report = open.reports.find((entry: { id: number }) => entry.id === first);
    expect(report).toMatchObject({
      status: 'open',
      reason: 'Personal attack on Dan',
      resolution: null,
      post: {
        id: postId,
        threadId,
        threadTitle: 'Finance for cooperatives',
        week: 2,
        lang: 'es',
        html: '<p>Respuesta <strong>ofensiva</strong></p>',
        hidden: false,
        parent: { id: firstPostId, lang: 'en', hidden: false, html: expect.stringContaining('fund them') },
      },
    });
    expect(open.counts.open).toBeGreaterThanOrEqual(2);

    await t
      .post(`/api/reports/${first}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Personal attack' })
      .expect(204);
    // A second click (double submit) changes nothing more.
    await t
      .post(`/api/reports/${first}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Personal attack' })
      .expect(204);

    const actedOn = (await queue(organizer.cookie, 'acted_on').expect(200)).body.reports.filter(
      (entry: { post: { id: number } }) => entry.post.id === postId,
    );
    expect(actedOn.map((entry: { id: number }) => entry.id).sort()).toEqual([first, second].sort());
    expect(actedOn[0]).toMatchObject({
      status: 'acted_on',
      resolution: { note: 'Personal attack', byName: expect.any(String) },
      post: { hidden: true, hiddenReason: 'Personal attack' },
    });
    expect(
      (await queue(organizer.cookie).expect(200)).body.reports.some(
        (entry: { post: { id: number } }) => entry.post.id === postId,
      ),
    ).toBe(false);

    // Members see the post as hidden, without its text.
    const seen = (await t.get(`/api/threads/${threadId}`).set('Cookie', ben.cookie).expect(200)).body.posts.find(
      (p: { id: number }) => p.id === postId,
    );
    expect(seen).toMatchObject({ html: null, hidden: { reason: null } });

    for (const reporter of [ben, dan]) {
      expect(await handledFor(reporter, postId)).toEqual([
        expect.objectContaining({
          type: 'report.handled',
          payload: { reportId: expect.any(Number), postId, outcome: 'acted_on' },
          href: `/forums/${LIVE}/my-reports`,
        }),
      ]);
      const mine = (await t.get(`/api/forums/${LIVE}/reports/mine`).set('Cookie', reporter.cookie).expect(200)).body
        .reports;
      expect(mine[0]).toMatchObject({
        status: 'acted_on',
        handledAt: expect.any(String),
        post: { id: postId, threadId },
      });
      expect(JSON.stringify(mine)).not.toContain('Personal attack"'); // the organizers' note is theirs
    }
    expect(await handledFor(ana, postId)).toEqual([]);
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'reason'])
      .where('actor_id', '=', organizer.id)
      .where((eb) =>
        eb.or([
          eb.and([eb('target_type', '=', 'post'), eb('target_id', '=', postId)]),
          eb.and([eb('target_type', '=', 'report'), eb('target_id', 'in', [first, second])]),
        ]),
      )
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      { action: 'hide', target_type: 'post', reason: 'Personal attack' },
      { action: 'report.acted_on', target_type: 'report', reason: 'Personal attack' },
      { action: 'report.acted_on', target_type: 'report', reason: 'Personal attack' },
    ]);
  });

  it('dismisses a report (once: a double submit answers the same), and refuses to dismiss one already acted on', async () => {
    const { postId } = await reportedPost();
    const reportId = await file(ben, postId, 'I disagree with it');
    await t
      .post(`/api/reports/${reportId}/dismiss`)
      .set('Cookie', organizer.cookie)
      .send({ note: 'Disagreement is not abuse' })
      .expect(204);
    await t
      .post(`/api/reports/${reportId}/dismiss`)
      .set('Cookie', organizer.cookie)
      .send({ note: 'again' })
      .expect(204);
    const dismissed = (await queue(organizer.cookie, 'dismissed').expect(200)).body.reports.find(
      (entry: { id: number }) => entry.id === reportId,
    );
    expect(dismissed).toMatchObject({
      status: 'dismissed',
      resolution: { note: 'Disagreement is not abuse' },
      post: { hidden: false },
    });
    expect(
      (await t.get(`/api/forums/${LIVE}/reports/mine`).set('Cookie', ben.cookie).expect(200)).body.reports.find(
        (r: { id: number }) => r.id === reportId,
      ).status,
    ).toBe('dismissed');
    expect(
      await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'report')
        .where('target_id', '=', reportId)
        .execute(),
    ).toEqual([{ action: 'report.dismissed' }]);

    // The member may report the post again now that the first report is closed.
    const again = await file(ben, postId, 'It got worse');
    await t.post(`/api/posts/${postId}/hide`).set('Cookie', organizer.cookie).send({ reason: 'Off topic' }).expect(204);
    // Hiding the post directly settled the open report.
    const settled = (await queue(organizer.cookie, 'all').expect(200)).body.reports.find(
      (entry: { id: number }) => entry.id === again,
    );
    expect(settled).toMatchObject({ status: 'acted_on', resolution: { note: 'Off topic' } });
    const refused = await t
      .post(`/api/reports/${again}/dismiss`)
      .set('Cookie', organizer.cookie)
      .set('Accept-Language', 'fr')
      .send({})
      .expect(409);
    expect(refused.body.error).toEqual({
      code: 'report_closed',
      message: 'Ce signalement a déjà été traité. Rechargez la file pour voir la suite donnée.',
    });
    await t.post('/api/reports/999999/dismiss').set('Cookie', organizer.cookie).send({}).expect(404);
    expect(
      (await t.post(`/api/reports/${again}/hide`).set('Cookie', organizer.cookie).send({ reason: '   ' }).expect(400))
        .body.error.code,
    ).toBe('validation');
  });

  it('pages the audit log and filters it by action and by actor', async () => {
    const second = await member(t, 'organizer');
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { postId } = await reportedPost();
      ids.push(postId);
      await t
        .post(`/api/posts/${postId}/hide`)
        .set('Cookie', (i === 0 ? second : organizer).cookie)
        .send({ reason: `Reason ${i}` })
        .expect(204);
    }
    const log = (query: string) =>
      t
        .get(`/api/forums/${LIVE}/audit-log${query}`)
        .set('Cookie', organizer.cookie)
        .expect(200)
        .then((r) => r.body);
    const bySecond = await log(`?actor=${second.id}`);
    expect(
      bySecond.entries.map((entry: { action: string; targetId: number }) => [entry.action, entry.targetId]),
    ).toEqual([['hide', ids[0]]]);
    expect(bySecond.entries[0]).toMatchObject({
      actorId: second.id,
      reason: 'Reason 0',
      targetHref: expect.stringMatching(new RegExp(`/forums/${LIVE}/threads/\\d+#post-${ids[0]}$`)),
    });
    expect(bySecond.actions).toEqual(expect.arrayContaining(['hide']));
    expect(bySecond.actors.map((actor: { id: number }) => actor.id)).toEqual(
      expect.arrayContaining([organizer.id, second.id]),
    );

    const hides = await log('?action=hide&limit=2');
    expect(hides.entries).toHaveLength(2);
    expect(hides.entries.every((entry: { action: string }) => entry.action === 'hide')).toBe(true);
    expect(hides.entries.map((entry: { targetId: number }) => entry.targetId)).toEqual([ids[2], ids[1]]);
    const next = await log(`?action=hide&limit=2&before=${hides.nextBefore}`);
    expect(next.entries[0].targetId).toBe(ids[0]);
    const all = await log('?action=hide&limit=200');
    expect(all.nextBefore).toBeNull();
    expect(
      (await t.get(`/api/forums/${LIVE}/audit-log?action=DROP%20TABLE`).set('Cookie', organizer.cookie).expect(400))
        .body.error.code,
    ).toBe('validation');
  });
});
