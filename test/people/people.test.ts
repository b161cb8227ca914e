// Organizers manage the forum's people: roles (a key respondent with one week, within the
// limits), suspension (nothing to read, nothing to write, live sockets cut at once), removal,
// and a forum never left without an organizer — even when two organizers demote each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { connectLive, type LiveTestClient } from '../helpers/live-client.ts';
import { atOnce, onPostgres } from '../helpers/test-database.ts';

const ARCHIVE = 'fixture-2009';
let t: TestApp;
let url: string;
let organizer: Member;
let forumId: number;
const sockets: LiveTestClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  organizer = await member(t, 'organizer');
  forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await t?.close();
});

const people = (cookie: string, query = '') => t.get(`/api/forums/${LIVE}/people${query}`).set('Cookie', cookie);
const setRoles = (cookie: string, userId: number, body: Record<string, unknown>, slug = LIVE) =>
  t.put(`/api/forums/${slug}/people/${userId}/roles`).set('Cookie', cookie).send(body);
const act = (
  cookie: string,
  userId: number,
  action: 'suspend' | 'unsuspend' | 'remove',
  body: Record<string, unknown> = {},
  slug = LIVE,
) => t.post(`/api/forums/${slug}/people/${userId}/${action}`).set('Cookie', cookie).send(body);
const audit = (userId: number) =>
  t.db
    .selectFrom('audit_log')
    .select(['action', 'reason', 'actor_id'])
    .where('target_type', '=', 'user')
    .where('target_id', '=', userId)
    .orderBy('id')
    .execute();
const roleRows = (userId: number, table: 'memberships' | 'suspended_roles' = 'memberships') =>
  t.db
    .selectFrom(table)
    .select('role')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute()
    .then((rows) => rows.map((row) => row.role));

describe(`people (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets only the forum’s organizers and site admins call the people routes, and a refusal changes nothing', async () => {
    const target = await member(t, 'participant');
    const translatorUser = await createUser(t.db, { roles: [{ forumSlug: LIVE, role: 'translator' }] });
    const otherForumUser = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'organizer' }] });
    const adminUser = await createUser(t.db, { isAdmin: true });
    const callers = {
      visitor: '',
      participant: (await member(t, 'participant')).cookie,
      keyRespondent: (await member(t, 'key_respondent')).cookie,
      translator: await signIn(t, translatorUser),
      otherOrganizer: await signIn(t, otherForumUser),
    };
    const before = {
      memberships: await t.db.selectFrom('memberships').selectAll().orderBy('user_id').orderBy('role').execute(),
      audit: await t.db.selectFrom('audit_log').selectAll().execute(),
    };
    for (const [who, cookie] of Object.entries(callers)) {
      const expected = who === 'visitor' ? 401 : 403;
      const responses = [
        await people(cookie),
        await setRoles(cookie, target.id, { roles: ['translator', 'participant'] }),
        await act(cookie, target.id, 'suspend'),
        await act(cookie, target.id, 'unsuspend'),
        await act(cookie, target.id, 'remove'),
      ];
      expect(
        responses.map((response) => response.status),
        who,
      ).toEqual([expected, expected, expected, expected, expected]);
    }
    expect({
      memberships: await t.db.selectFrom('memberships').selectAll().orderBy('user_id').orderBy('role').execute(),
      audit: await t.db.selectFrom('audit_log').selectAll().execute(),
    }).toEqual(before);

    const admin = await signIn(t, adminUser);
    expect(
      (await people(admin).expect(200)).body.people.some((person: { id: number }) => person.id === target.id),
    ).toBe(true);
    expect(
      (await setRoles(admin, target.id, { roles: ['participant', 'translator'] }).expect(200)).body.person.roles,
    ).toEqual(['translator', 'participant']);
    await people(organizer.cookie).expect(200);
  });

  it('lists members with roles, week and status, filtered by role and status', async () => {
    const ana = await member(t, 'participant');
    await setRoles(organizer.cookie, ana.id, {
      roles: ['participant', 'key_respondent'],
      week: 2,
      reason: 'Presents the Ontario case',
    }).expect(200);
    const list = (await people(organizer.cookie).expect(200)).body;
    expect(list.people.find((person: { id: number }) => person.id === ana.id)).toMatchObject({
      roles: ['key_respondent', 'participant'],
      week: 2,
      status: 'active',
      email: ana.email,
    });
    expect(list.weeks).toEqual([
      { number: 1, startsOn: expect.any(String), keyRespondents: 0 },
      { number: 2, startsOn: expect.any(String), keyRespondents: 1 },
    ]);
    expect(list.keyRespondents).toMatchObject({ limit: 6, perWeek: 1 });

    const keyRespondents = (await people(organizer.cookie, '?role=key_respondent').expect(200)).body.people;
    expect(keyRespondents.map((person: { id: number }) => person.id)).toContain(ana.id);
    expect(keyRespondents.every((person: { roles: string[] }) => person.roles.includes('key_respondent'))).toBe(true);
    expect((await people(organizer.cookie, '?status=suspended').expect(200)).body.people).toEqual([]);
    expect((await people(organizer.cookie, '?role=janitor').expect(400)).body.error.code).toBe('validation');
    // The seat is freed for the next test.
    await setRoles(organizer.cookie, ana.id, { roles: ['participant'] }).expect(200);
  });

  it('appoints a key respondent to one week within the forum’s limits, with a clear error past them, and logs each change', async () => {
    const [first, second] = [await member(t, 'participant'), await member(t, 'participant')];
    const noWeek = await setRoles(organizer.cookie, first.id, { roles: ['key_respondent'] })
      .set('Accept-Language', 'es')
      .expect(400);
    expect(noWeek.body.error.code).toBe('validation');
    expect(
      (await setRoles(organizer.cookie, first.id, { roles: ['key_respondent'], week: 9 }).expect(400)).body.error.code,
    ).toBe('validation');

    const appointed = (
      await setRoles(organizer.cookie, first.id, {
        roles: ['key_respondent'],
        week: 1,
        reason: 'Case study on housing',
      }).expect(200)
    ).body.person;
    expect(appointed).toMatchObject({ roles: ['key_respondent', 'participant'], week: 1 });
    const full = await setRoles(organizer.cookie, second.id, { roles: ['participant', 'key_respondent'], week: 1 })
      .set('Accept-Language', 'fr')
      .expect(409);
    expect(full.body.error).toEqual({
      code: 'week_limit_reached',
      message: 'La semaine 1 a déjà toutes ses personnes-ressources (1 au plus).',
    });
    expect(await roleRows(second.id)).toEqual(['participant']);

    // Moving the first to week 2 frees week 1.
    expect(
      (await setRoles(organizer.cookie, first.id, { roles: ['participant', 'key_respondent'], week: 2 }).expect(200))
        .body.person.week,
    ).toBe(2);
    await setRoles(organizer.cookie, second.id, { roles: ['participant', 'key_respondent'], week: 1 }).expect(200);

    await t.db.updateTable('forums').set({ key_respondent_limit: 2 }).where('id', '=', forumId).execute();
    const third = await member(t, 'participant');
    await t.db.updateTable('forums').set({ key_respondents_per_week: 5 }).where('id', '=', forumId).execute();
    const overall = await setRoles(organizer.cookie, third.id, { roles: ['key_respondent'], week: 2 }).expect(409);
    expect(overall.body.error).toMatchObject({
      code: 'key_respondent_limit_reached',
      message: 'All 2 key-respondent places of this forum are taken.',
    });
    await t.db
      .updateTable('forums')
      .set({ key_respondent_limit: 6, key_respondents_per_week: 1 })
      .where('id', '=', forumId)
      .execute();

    expect((await audit(first.id)).map((entry) => entry.action)).toEqual([
      'role.added_key_respondent_week_1',
      'role.key_respondent_week_2',
    ]);
    expect((await audit(first.id))[0]).toEqual({
      action: 'role.added_key_respondent_week_1',
      reason: 'Case study on housing',
      actor_id: organizer.id,
    });
    for (const person of [first, second])
      await setRoles(organizer.cookie, person.id, { roles: ['participant'] }).expect(200);
    expect((await audit(first.id)).at(-1)!.action).toBe('role.removed_key_respondent');
  });

  it('gives and takes translator and organizer roles; a non-member cannot be given roles here', async () => {
    const ben = await member(t, 'participant');
    const made = (
      await setRoles(organizer.cookie, ben.id, { roles: ['participant', 'translator', 'organizer'] }).expect(200)
    ).body.person;
    expect(made.roles).toEqual(['organizer', 'translator', 'participant']);
    // The new organizer can now use the console.
    await people(ben.cookie).expect(200);
    await setRoles(organizer.cookie, ben.id, { roles: ['participant'] }).expect(200);
    expect((await people(ben.cookie).expect(403)).body.error.code).toBe('forbidden');
    expect((await audit(ben.id)).map((entry) => entry.action)).toEqual([
      'role.added_organizer',
      'role.added_translator',
      'role.removed_organizer',
      'role.removed_translator',
    ]);

    const stranger = await member(t, null);
    expect(
      (await setRoles(organizer.cookie, stranger.id, { roles: ['participant'] }).expect(403)).body.error.code,
    ).toBe('not_a_member');
    expect((await setRoles(organizer.cookie, ben.id, { roles: [] }).expect(400)).body.error.code).toBe('validation');
  });

  it(`never leaves a forum without an organizer, even when two organizers demote each other ${atOnce}`, async () => {
    const solo = await createUser(t.db, {
      roles: [
        { forumSlug: ARCHIVE, role: 'organizer' },
        { forumSlug: ARCHIVE, role: 'participant' },
      ],
    });
    const soloCookie = await signIn(t, solo);
    const archiveId = (
      await t.db.selectFrom('forums').select('id').where('slug', '=', ARCHIVE).executeTakeFirstOrThrow()
    ).id;
    const organizersOf = async () =>
      (
        await t.db
          .selectFrom('memberships')
          .select('user_id')
          .where('forum_id', '=', archiveId)
          .where('role', '=', 'organizer')
          .execute()
      ).length;
    // Leave solo alone: solo removes every other organizer of the archive.
    const others = await t.db
      .selectFrom('memberships')
      .select('user_id')
      .where('forum_id', '=', archiveId)
      .where('role', '=', 'organizer')
      .where('user_id', '<>', solo.id)
      .execute();
    for (const other of others) await act(soloCookie, other.user_id, 'remove', {}, ARCHIVE).expect(204);
    expect(await organizersOf()).toBe(1);
    const self = await setRoles(soloCookie, solo.id, { roles: ['participant'] }, ARCHIVE)
      .set('Accept-Language', 'es')
      .expect(409);
    expect(self.body.error).toEqual({
      code: 'last_organizer',
      message: 'Un foro necesita al menos una persona organizadora: nombre a otra antes de retirar a esta.',
    });
    expect((await act(soloCookie, solo.id, 'remove', {}, ARCHIVE).expect(409)).body.error.code).toBe('last_organizer');
    expect((await act(soloCookie, solo.id, 'suspend', {}, ARCHIVE).expect(409)).body.error.code).toBe(
      'cannot_suspend_organizer',
    );

    const partner = await createUser(t.db, {
      roles: [
        { forumSlug: ARCHIVE, role: 'organizer' },
        { forumSlug: ARCHIVE, role: 'participant' },
      ],
    });
    const partnerCookie = await signIn(t, partner);
    const [a, b] = await Promise.all([
      setRoles(soloCookie, partner.id, { roles: ['participant'] }, ARCHIVE),
      setRoles(partnerCookie, solo.id, { roles: ['participant'] }, ARCHIVE),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 403]);
    expect(await organizersOf()).toBe(1);
    const loser = a.status === 200 ? b : a;
    // Whoever waited had lost the organizer role by the time their change ran.
    expect(loser.body.error.code).toBe('forbidden');
  });

  it('suspends a member: nothing to read, nothing to write, the live socket cut at once; posts stay; lifting it gives the roles back', async () => {
    const cara = await member(t, 'participant', 'fr');
    await setRoles(organizer.cookie, cara.id, {
      roles: ['participant', 'key_respondent', 'translator'],
      week: 2,
    }).expect(200);
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, cara, threadId, { bodyMd: 'Mon avis reste', lang: 'fr' });
    const socket = await connectLive(url, cara.cookie);
    sockets.push(socket);
    socket.send({ type: 'subscribe', forum: LIVE, week: 2 });
    await socket.waitFor((m) => m.type === 'subscribed');

    const suspended = (await act(organizer.cookie, cara.id, 'suspend', { reason: 'Repeated insults' }).expect(200)).body
      .person;
    expect(suspended).toMatchObject({
      status: 'suspended',
      roles: ['key_respondent', 'translator', 'participant'],
      week: 2,
      suspensionReason: 'Repeated insults',
    });
    const cut = await socket.waitFor((m) => m.type === 'error' && m.subscription === 'week:2');
    expect(cut.code).toBe('not_a_member');

    expect(
      (await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', cara.cookie).expect(403)).body.error.code,
    ).toBe('not_a_member');
    expect((await t.get(`/api/threads/${threadId}`).set('Cookie', cara.cookie).expect(403)).body.error.code).toBe(
      'not_a_member',
    );
    expect(
      (
        await t
          .post(`/api/threads/${threadId}/posts`)
          .set('Cookie', cara.cookie)
          .send({ bodyMd: 'encore', lang: 'fr', idempotencyKey: newKey() })
          .expect(403)
      ).body.error.code,
    ).toBe('not_a_member');
    expect(
      (await t.post(`/api/forums/${LIVE}/join`).set('Cookie', cara.cookie).send({}).expect(409)).body.error.code,
    ).toBe('member_suspended');
    expect(await roleRows(cara.id)).toEqual([]);
    // Their post stays, credited to them, for everyone else.
    const page = (await t.get(`/api/threads/${threadId}`).set('Cookie', organizer.cookie).expect(200)).body;
    expect(page.posts.find((p: { id: number }) => p.id === post.id)).toMatchObject({ html: '<p>Mon avis reste</p>' });
    expect(
      (await people(organizer.cookie, '?status=suspended').expect(200)).body.people.map((p: { id: number }) => p.id),
    ).toEqual([cara.id]);
    expect((await setRoles(organizer.cookie, cara.id, { roles: ['participant'] }).expect(409)).body.error.code).toBe(
      'member_suspended',
    );
    // Suspending twice answers the same and logs once.
    await act(organizer.cookie, cara.id, 'suspend', { reason: 'again' }).expect(200);

    const back = (await act(organizer.cookie, cara.id, 'unsuspend', { reason: 'Apologised' }).expect(200)).body.person;
    expect(back).toMatchObject({
      status: 'active',
      roles: ['key_respondent', 'translator', 'participant'],
      week: 2,
      suspensionReason: null,
    });
    await t.get(`/api/threads/${threadId}`).set('Cookie', cara.cookie).expect(200);
    expect((await audit(cara.id)).map((entry) => [entry.action, entry.reason])).toEqual([
      ['role.added_key_respondent_week_2', null],
      ['role.added_translator', null],
      ['member.suspended', 'Repeated insults'],
      ['member.unsuspended', 'Apologised'],
    ]);
    await setRoles(organizer.cookie, cara.id, { roles: ['participant'] }).expect(200);
  });

  it('removes a member (suspended or not); their posts stay', async () => {
    const dan = await member(t, 'participant');
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, dan, threadId, { bodyMd: 'Sigo aquí' });
    await act(organizer.cookie, dan.id, 'suspend').expect(200);
    await act(organizer.cookie, dan.id, 'remove', { reason: 'Left the programme' }).expect(204);
    expect(await roleRows(dan.id)).toEqual([]);
    expect(await roleRows(dan.id, 'suspended_roles')).toEqual([]);
    expect((await people(organizer.cookie).expect(200)).body.people.some((p: { id: number }) => p.id === dan.id)).toBe(
      false,
    );
    expect((await act(organizer.cookie, dan.id, 'remove').expect(403)).body.error.code).toBe('not_a_member');
    const page = (await t.get(`/api/threads/${threadId}`).set('Cookie', organizer.cookie).expect(200)).body;
    expect(page.posts.some((p: { id: number }) => p.id === post.id)).toBe(true);
    expect((await audit(dan.id)).at(-1)).toEqual({
      action: 'member.removed',
      reason: 'Left the programme',
      actor_id: organizer.id,
    });
  });
});
