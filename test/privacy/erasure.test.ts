// Deleting an account: confirmed by password, every session ended on every instance, the thread
// tree intact whichever way the posts go, the last organizer kept, refusals that change nothing,
// erasure on request by the right people only, audited without the erased data.
import { sql } from 'kysely';
import request from 'supertest';
import type { FastifyInstance } from 'fastify';
import { neutralName } from '../../server/privacy/erasure.service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { importFixture, LIVE, member } from '../helpers/forum-fixture.ts';
import { atOnce } from '../helpers/test-database.ts';
import { createTestApp, createUser, signIn, testConfig, type TestApp } from '../helpers/test-app.ts';
import { buildFootprint } from './privacy-fixture.ts';

let t: TestApp;
let second: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  // A second instance on the same database, as behind a load balancer.
  second = await buildApp({ config: testConfig, database: await t.testDatabase.openAnother(), logger: false });
  await second.ready();
}, 180_000);
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const threadPage = async (threadId: number, cookie: string, lang: string) =>
  (await t.get(`/api/threads/${threadId}`).set('Cookie', cookie).set('Accept-Language', lang).expect(200)).body as {
    thread: { title: { lang: string; value: string } };
    posts: {
      id: number;
      parentId: number | null;
      displayDepth: number;
      author: { id: number; displayName: string; former?: true };
      html: string | null;
      removed?: true;
      translation: unknown;
    }[];
  };

const snapshot = async (userId: number) => ({
  user: await t.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow(),
  sessions: (await t.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length,
  posts: await t.db.selectFrom('posts').selectAll().where('author_id', '=', userId).orderBy('id').execute(),
  drafts: await t.db.selectFrom('drafts').selectAll().where('user_id', '=', userId).execute(),
});

describe('deleting one’s own account', () => {
  it('refuses a wrong password in the caller’s language and changes nothing', async () => {
    const { person } = await buildFootprint(t);
    const before = await snapshot(person.id);
    const refused = await t
      .delete('/api/me')
      .set('Cookie', person.cookie)
      .set('Accept-Language', 'es')
      .send({ password: 'not my password', posts: 'keep' })
      .expect(403);
    expect(refused.body.error).toEqual({
      code: 'wrong_password',
      message: 'La contraseña no es correcta. No se ha cambiado nada.',
    });
    const missing = await t
      .delete('/api/me')
      .set('Cookie', person.cookie)
      .set('Accept-Language', 'fr')
      .send({ password: person.password })
      .expect(400);
    expect(missing.body.error.code).toBe('validation');
    expect(missing.body.error.message).toContain('Ce que deviennent les messages');
    const wrongChoice = await t
      .delete('/api/me')
      .set('Cookie', person.cookie)
      .send({ password: person.password, posts: 'burn' })
      .expect(400);
    expect(wrongChoice.body.error.code).toBe('validation');
    expect(await snapshot(person.id)).toEqual(before);
    await t.get('/api/me').set('Cookie', person.cookie).expect(200);
  });

  it('keeps the posts under “former participant” in each reader’s language, the tree and translations unchanged', async () => {
    const footprint = await buildFootprint(t);
    const { person, other, threadId } = footprint;
    const before = await threadPage(threadId, other.cookie, 'en');
    await t
      .delete('/api/me')
      .set('Cookie', person.cookie)
      .send({ password: person.password, posts: 'keep' })
      .expect(200);
    const after = await threadPage(threadId, other.cookie, 'en');
    expect(after.posts.map((p) => [p.id, p.parentId, p.displayDepth])).toEqual(
      before.posts.map((p) => [p.id, p.parentId, p.displayDepth]),
    );
    const own = after.posts.filter((p) => p.author.id === person.id);
    expect(own).toHaveLength(2);
    for (const post of own) {
      expect(post.author.former).toBe(true);
      expect(post.author.displayName).toBe('Former participant · Antiguo participante · Ancien participant');
      expect(post.removed).toBeUndefined();
      expect(post.html).not.toBe('');
    }
    expect(after.posts.find((p) => p.id === footprint.firstPostId)!.translation).not.toBeNull();
    expect(after.thread.title).toEqual({ lang: 'es', value: 'Fondos rotatorios' });
  });

  it('replaces the words by “removed by its author”, replies keeping their place, and its translations and revisions go', async () => {
    const footprint = await buildFootprint(t);
    const { person, other, threadId } = footprint;
    const before = await threadPage(threadId, other.cookie, 'en');
    await t
      .delete('/api/me')
      .set('Cookie', person.cookie)
      .send({ password: person.password, posts: 'remove' })
      .expect(200);
    const after = await threadPage(threadId, other.cookie, 'en');
    expect(after.posts.map((p) => [p.id, p.parentId, p.displayDepth])).toEqual(
      before.posts.map((p) => [p.id, p.parentId, p.displayDepth]),
    );
    const byId = new Map(after.posts.map((p) => [p.id, p]));
    for (const id of [footprint.firstPostId, footprint.ownReplyId]) {
      expect(byId.get(id)).toMatchObject({ removed: true, html: '', translation: null, author: { former: true } });
    }
    // Others' replies, the one under the removed reply included, are untouched.
    expect(byId.get(footprint.deepReplyId)).toMatchObject({
      parentId: footprint.ownReplyId,
      html: '<p>A follow-up</p>',
    });
    expect(byId.get(footprint.otherReplyId)!.html).toBe('<p>Thanks for this</p>');
    expect(after.thread.title).toEqual({ lang: 'es', value: 'Debate eliminado por su autor' });
    const ids = [footprint.firstPostId, footprint.ownReplyId];
    expect(
      await t.db
        .selectFrom('translations')
        .select('id')
        .where('item_type', '=', 'post')
        .where('item_id', 'in', ids)
        .execute(),
    ).toEqual([]);
    expect(await t.db.selectFrom('post_revisions').select('post_id').where('post_id', 'in', ids).execute()).toEqual([]);
    const stored = await t.db.selectFrom('posts').select(['body_md', 'path']).where('id', 'in', ids).execute();
    expect(stored.every((p) => p.body_md === '')).toBe(true);
    // The live events a socket could still replay name nobody and carry no removed words.
    const replayable = await t.db
      .selectFrom('events')
      .select('payload')
      .where('thread_id', '=', threadId)
      .where('type', '=', 'post.created')
      .execute();
    const theirs = replayable
      .map(
        (event) =>
          (event.payload as { post?: { id: number; html: string | null; author: { displayName: string } } }).post,
      )
      .filter((post) => post && ids.includes(post.id));
    expect(theirs.length).toBeGreaterThan(0);
    for (const post of theirs) expect(post).toMatchObject({ html: null, author: { displayName: neutralName() } });
  });

  it('ends every session at once: the old cookie is refused here and on a second instance', async () => {
    const { person } = await buildFootprint(t);
    const otherBrowser = await signIn(t, person);
    await request(second.server).get('/api/notifications').set('Cookie', otherBrowser).expect(200);
    const answer = await t
      .delete('/api/me')
      .set('Cookie', person.cookie)
      .send({ password: person.password, posts: 'keep' })
      .expect(200);
    expect(answer.body).toEqual({ status: 'erased' });
    expect(String(answer.headers['set-cookie'])).toContain('tertulia_session=;');
    for (const cookie of [person.cookie, otherBrowser]) {
      await t.get('/api/notifications').set('Cookie', cookie).expect(401);
      await request(second.server).get('/api/notifications').set('Cookie', cookie).expect(401);
      expect((await request(second.server).get('/api/me').set('Cookie', cookie).expect(200)).body).toEqual({
        user: null,
      });
    }
    // Nobody signs in as the erased account again, with its old address or its new one.
    await t.post('/api/auth/sign-in').send({ email: person.email, password: person.password }).expect(401);
    const erased = await t.db.selectFrom('users').select('email').where('id', '=', person.id).executeTakeFirstOrThrow();
    await t.post('/api/auth/sign-in').send({ email: erased.email, password: person.password }).expect(401);
  });

  it(`is safe to submit twice ${atOnce}`, async () => {
    const { person } = await buildFootprint(t);
    const send = () =>
      t.delete('/api/me').set('Cookie', person.cookie).send({ password: person.password, posts: 'remove' });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const answer of answers) expect([200, 401]).toContain(answer.status);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'user')
      .where('target_id', '=', person.id)
      .execute();
    expect(audits).toEqual([{ action: 'account.erased_posts_removed' }]);
  });

  it('refuses a forum’s last organizer, naming the forum, and changes nothing', async () => {
    const lone = await createUser(t.db, { interfaceLang: 'es' });
    const cookie = await signIn(t, lone);
    // A forum of their own, where nobody else organizes.
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow();
    const other = await t.db
      .insertInto('forums')
      .values({
        slug: `solo-${lone.id}`,
        time_zone: 'UTC',
        languages: ['es'],
        starts_on: '2027-01-04',
        ends_on: '2027-02-01',
        starts_at: '2027-01-04T00:00:00Z',
        ends_at: '2027-02-02T00:00:00Z',
        application_deadline: '2026-12-31T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('forum_texts')
      .values({ forum_id: other.id, lang: 'es', title: 'Foro solitario', summary: '', call_md: '', call_html: '' })
      .execute();
    await t.db.insertInto('memberships').values({ forum_id: other.id, user_id: lone.id, role: 'organizer' }).execute();
    expect(forum.id).not.toBe(other.id);
    const before = await snapshot(lone.id);
    const refused = await t
      .delete('/api/me')
      .set('Cookie', cookie)
      .set('Accept-Language', 'es')
      .send({ password: lone.password, posts: 'keep' })
      .expect(409);
    expect(refused.body.error).toEqual({
      code: 'last_organizer_account',
      message:
        'Usted es la última persona organizadora de Foro solitario. Nombre allí a otra antes de poder eliminar esta cuenta.',
    });
    expect(await snapshot(lone.id)).toEqual(before);
    expect(await t.db.selectFrom('memberships').select('role').where('user_id', '=', lone.id).execute()).toEqual([
      { role: 'organizer' },
    ]);
  });

  it('is refused to a visitor who is not signed in', async () => {
    const refused = await t.delete('/api/me').send({ password: 'whatever it is', posts: 'keep' }).expect(401);
    expect(refused.body.error.code).toBe('sign_in_required');
  });
});

describe('erasure on request', () => {
  it('is refused to a participant, to an organizer of another forum and to a visitor, changing nothing', async () => {
    const { person } = await buildFootprint(t);
    const peer = await member(t, 'participant');
    const elsewhere = await createUser(t.db, { roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] });
    const before = await snapshot(person.id);
    for (const [who, password] of [
      [peer.cookie, peer.password],
      [await signIn(t, elsewhere), elsewhere.password],
    ] as const) {
      const refused = await t
        .post(`/api/users/${person.id}/erasure`)
        .set('Cookie', who)
        .send({ password, posts: 'keep' })
        .expect(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    await t.post(`/api/users/${person.id}/erasure`).send({ password: 'x', posts: 'keep' }).expect(401);
    expect(await snapshot(person.id)).toEqual(before);
  });

  it('lets an organizer of the person’s forum erase them, with the organizer’s password, audited without the erased data', async () => {
    const { person } = await buildFootprint(t);
    const organizer = await member(t, 'organizer');
    await t
      .post(`/api/users/${person.id}/erasure`)
      .set('Cookie', organizer.cookie)
      .send({ password: 'the person’s, not mine', posts: 'keep' })
      .expect(403);
    await t
      .post(`/api/users/${person.id}/erasure`)
      .set('Cookie', organizer.cookie)
      .send({ password: organizer.password, posts: 'keep' })
      .expect(200);
    await t.get('/api/me').set('Cookie', person.cookie).expect(200, { user: null });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_type', '=', 'user')
      .where('target_id', '=', person.id)
      .execute();
    expect(audit.map((a) => [a.actor_id, a.action, a.reason])).toEqual([
      [organizer.id, 'account.erased_posts_kept', null],
    ]);
    const log = await t.get(`/api/forums/${LIVE}/audit-log`).set('Cookie', organizer.cookie).expect(200);
    expect(JSON.stringify(log.body)).not.toContain(person.email);
  });

  it('lets an admin erase any account but not be erased by an organizer', async () => {
    const { person } = await buildFootprint(t);
    const admin = await createUser(t.db, { isAdmin: true, roles: [{ forumSlug: LIVE, role: 'participant' }] });
    const organizer = await member(t, 'organizer');
    await t
      .post(`/api/users/${admin.id}/erasure`)
      .set('Cookie', organizer.cookie)
      .send({ password: organizer.password, posts: 'keep' })
      .expect(403);
    const adminCookie = await signIn(t, admin);
    await t
      .post(`/api/users/${person.id}/erasure`)
      .set('Cookie', adminCookie)
      .send({ password: admin.password, posts: 'remove' })
      .expect(200);
    // Asked again (a double click), it answers the same and erases nothing more.
    await t
      .post(`/api/users/${person.id}/erasure`)
      .set('Cookie', adminCookie)
      .send({ password: admin.password, posts: 'remove' })
      .expect(200);
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE target_type = 'user' AND target_id = ${person.id}`.execute(t.db);
    expect(rows.rows[0]!.n).toBe(1);
  });
});
