// Preferences and who may call what: quiet defaults, per-kind switches, per-forum schedules,
// refusals in the caller's language, the live unread count, and every route's wrong caller.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../server/auth/session.ts';
import { updatePreferences } from '../../server/notifications/preferences.service.ts';
import { connectLive } from '../helpers/live-client.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';
import { importFixture, LIVE, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { clearNotifications, person } from './helpers.ts';

let t: TestApp;
let ana: Member;
let ben: Member;
let outsider: Member;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  baseUrl = await listenOnLoopback(t.app);
  ana = await person(t, 'participant', { lang: 'es', name: 'Ana Paz' });
  ben = await person(t, 'participant', { lang: 'en', name: 'Ben Hale' });
  outsider = await person(t, null);
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await clearNotifications(t);
});

async function emailStatuses(user: Member) {
  const rows = await t.db
    .selectFrom('notifications')
    .select(['type', 'in_app', 'email_status'])
    .where('user_id', '=', user.id)
    .orderBy('id')
    .execute();
  return rows.map((row) => `${row.type}:${row.in_app ? 'app' : '-'}:${row.email_status}`);
}

describe('preferences', () => {
  it('starts quiet: only replies, mentions and week openings email; everything shows in the app', async () => {
    const prefs = (await t.get('/api/notification-preferences').set('Cookie', ana.cookie).expect(200)).body;
    const emailed = prefs.types.filter((p: { email: boolean }) => p.email).map((p: { type: string }) => p.type);
    expect(emailed).toEqual([
      'week.opened',
      'post.replied',
      'post.mentioned',
      'application.decided',
      'reconfirmation.requested',
      'invitation',
      'question.asked',
      'question.answered',
      'case_study.review',
      'policy_element.accepted',
      'policy_element.declined',
      'policy_element.merged',
      'data_export.ready',
    ]);
    expect(prefs.types.every((p: { inApp: boolean }) => p.inApp)).toBe(true);
    expect(prefs.forums).toEqual([
      { forum: LIVE, title: expect.any(String), schedule: 'immediate', hour: 8, weekday: 1 },
    ]);

    const { threadId } = await startThread(t, ben, 2);
    await t.put(`/api/threads/${threadId}/follow`).set('Cookie', ana.cookie).send({ level: 'following' }).expect(200);
    await reply(t, ben, threadId, { lang: 'en' });
    expect(await emailStatuses(ana)).toEqual(['thread.posted:app:none']);
  });

  it('follows each switch and schedule', async () => {
    await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .send({
        types: [
          { type: 'thread.posted', inApp: false, email: true },
          { type: 'post.replied', inApp: true, email: false },
        ],
      })
      .expect(200);
    const { threadId, firstPostId } = await startThread(t, ben, 2);
    const mine = await reply(t, ana, threadId);
    await reply(t, ben, threadId, { lang: 'en', parentId: mine.id });
    await reply(t, ben, threadId, { lang: 'en', parentId: firstPostId });
    expect(await emailStatuses(ana)).toEqual(['post.replied:app:none', 'thread.posted:-:pending']);

    await clearNotifications(t);
    const prefs = (
      await t
        .put('/api/notification-preferences')
        .set('Cookie', ana.cookie)
        .send({ forums: [{ forum: LIVE, schedule: 'off', hour: 7, weekday: 0 }] })
        .expect(200)
    ).body;
    expect(prefs.forums[0]).toMatchObject({ schedule: 'off', hour: 7, weekday: 0 });
    await reply(t, ben, threadId, { lang: 'en' });
    expect(await emailStatuses(ana)).toEqual([]);
    await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .send({
        types: [
          { type: 'thread.posted', inApp: true, email: false },
          { type: 'post.replied', inApp: true, email: true },
        ],
        forums: [{ forum: LIVE, schedule: 'immediate', hour: 8, weekday: 1 }],
      })
      .expect(200);
  });

  it('refuses unknown kinds, switching off account mail and foreign forums, in the caller’s language, changing nothing', async () => {
    const before = (await t.get('/api/notification-preferences').set('Cookie', ana.cookie).expect(200)).body;
    const required = await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .set('Accept-Language', 'es')
      .send({
        types: [
          { type: 'thread.posted', inApp: false, email: false },
          { type: 'invitation', inApp: true, email: false },
        ],
      })
      .expect(400);
    expect(required.body.error).toEqual({
      code: 'notification_email_required',
      message: 'Los correos sobre «Invitaciones» conciernen a su cuenta y no se pueden desactivar.',
    });
    await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .send({ types: [{ type: 'nope', inApp: true, email: true }] })
      .expect(400);
    await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .send({ forums: [{ forum: 'fixture-2009', schedule: 'daily', hour: 8, weekday: 1 }] })
      .expect(404);
    await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .send({ forums: [{ forum: LIVE, schedule: 'daily', hour: 24, weekday: 1 }] })
      .expect(400);
    expect((await t.get('/api/notification-preferences').set('Cookie', ana.cookie).expect(200)).body).toEqual(before);
  });

  it('keeps a digest’s waiting items when switching back to immediate, to go out with the next batch', async () => {
    const { user } = await validateSessionToken(t.db, ana.cookie.split('=')[1]!);
    const now = new Date();
    await updatePreferences(
      t.db,
      user!,
      'es',
      { forums: [{ forum: LIVE, schedule: 'daily', hour: 8, weekday: 1 }] },
      now,
    );
    const { threadId } = await startThread(t, ana, 2);
    await reply(t, ben, threadId, { lang: 'en' });
    expect(
      await t.db
        .selectFrom('notifications')
        .select(['email_status', 'email_due_at'])
        .where('user_id', '=', ana.id)
        .execute(),
    ).toEqual([{ email_status: 'pending', email_due_at: null }]);
    await updatePreferences(
      t.db,
      user!,
      'es',
      { forums: [{ forum: LIVE, schedule: 'immediate', hour: 8, weekday: 1 }] },
      now,
    );
    expect(
      await t.db
        .selectFrom('notifications')
        .select(['email_status', 'email_due_at'])
        .where('user_id', '=', ana.id)
        .execute(),
    ).toEqual([{ email_status: 'pending', email_due_at: now }]);
  });
});

describe('live count', () => {
  it('pushes the new unread count over /api/live to the user’s sockets only', async () => {
    const anaLive = await connectLive(baseUrl, ana.cookie);
    const benLive = await connectLive(baseUrl, ben.cookie);
    try {
      const { threadId } = await startThread(t, ana, 2);
      await reply(t, ben, threadId, { lang: 'en' });
      expect(await anaLive.waitFor((m) => m.type === 'notifications')).toEqual({ type: 'notifications', unread: 1 });
      await t.post('/api/notifications/read-all').set('Cookie', ana.cookie).expect(200);
      expect(await anaLive.waitFor((m) => m.type === 'notifications' && m.unread === 0)).toEqual({
        type: 'notifications',
        unread: 0,
      });
      expect(benLive.messages.filter((m) => m.type === 'notifications')).toEqual([]);
    } finally {
      await anaLive.close();
      await benLive.close();
    }
  });
});

describe('authorization', () => {
  const userRoutes: [string, string, object?][] = [
    ['get', '/api/notifications'],
    ['get', '/api/notifications/unread'],
    ['post', '/api/notifications/read', { ids: [1] }],
    ['post', '/api/notifications/read-all'],
    ['get', '/api/notification-preferences'],
    ['put', '/api/notification-preferences', {}],
    ['get', '/api/threads/1/follow'],
    ['put', '/api/threads/1/follow', { level: 'following' }],
    ['get', '/api/admin/outbox'],
  ];

  it('asks anonymous callers to sign in on every signed-in route', async () => {
    for (const [method, url, body] of userRoutes) {
      const response = await (t as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(
        url,
      ).send(body);
      expect(response.status, `${method} ${url}`).toBe(401);
    }
  });

  it('keeps the outbox to admins, and threads to those who may read them as members', async () => {
    await t.get('/api/admin/outbox').set('Cookie', ben.cookie).expect(403);
    const { threadId } = await startThread(t, ana, 2);
    const refused = await t
      .put(`/api/threads/${threadId}/follow`)
      .set('Cookie', outsider.cookie)
      .send({ level: 'following' });
    expect(refused.status).toBe(403);
    expect(
      await t.db.selectFrom('thread_follows').select('user_id').where('user_id', '=', outsider.id).execute(),
    ).toEqual([]);
  });

  it('lets anyone with a link reach the unsubscribe routes, and refuses a bad token', async () => {
    await t.get('/api/unsubscribe/not-a-real-token').expect(400);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/unsubscribe/not-a-real-token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(400);
  });
});
