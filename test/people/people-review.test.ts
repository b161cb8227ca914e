// Regressions found in review of people and moderation: lifting a suspension never fails on a
// key-respondent week that filled meanwhile (the member comes back as a participant), and a
// hidden post cannot be reported by members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { onPostgres } from '../helpers/test-database.ts';

let t: TestApp;
let organizer: Member;
let forumId: number;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  organizer = await member(t, 'organizer');
  forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t?.close();
});

const setRoles = (userId: number, body: Record<string, unknown>) =>
  t.put(`/api/forums/${LIVE}/people/${userId}/roles`).set('Cookie', organizer.cookie).send(body);
const act = (userId: number, action: 'suspend' | 'unsuspend', body: Record<string, unknown> = {}) =>
  t.post(`/api/forums/${LIVE}/people/${userId}/${action}`).set('Cookie', organizer.cookie).send(body);

describe(`people and moderation review fixes (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lifts a suspension even when the key respondent’s week filled meanwhile: they come back as a participant', async () => {
    await t.db.updateTable('forums').set({ key_respondents_per_week: 1 }).where('id', '=', forumId).execute();
    const [first, second] = [await member(t, 'participant'), await member(t, 'participant')];
    await setRoles(first.id, { roles: ['key_respondent', 'translator'], week: 1 }).expect(200);
    await act(first.id, 'suspend', { reason: 'Off-topic' }).expect(200);
    await setRoles(second.id, { roles: ['key_respondent'], week: 1 }).expect(200);

    const back = (await act(first.id, 'unsuspend').expect(200)).body.person;
    expect(back).toMatchObject({ status: 'active', roles: ['translator', 'participant'], week: null });
    const rows = await t.db
      .selectFrom('memberships')
      .select(['role', 'week_id'])
      .where('forum_id', '=', forumId)
      .where('user_id', '=', first.id)
      .orderBy('role')
      .execute();
    expect(rows.map((row) => row.role)).toEqual(['participant', 'translator']);
    // The week still holds its one key respondent.
    const inWeek = await t.db
      .selectFrom('memberships')
      .innerJoin('weeks', 'weeks.id', 'memberships.week_id')
      .select('memberships.user_id')
      .where('memberships.forum_id', '=', forumId)
      .where('memberships.role', '=', 'key_respondent')
      .where('weeks.number', '=', 1)
      .execute();
    expect(inWeek.map((row) => row.user_id)).toEqual([second.id]);
  });

  it('gives the seat back when the week still has room', async () => {
    await t.db.updateTable('forums').set({ key_respondents_per_week: 3 }).where('id', '=', forumId).execute();
    const cara = await member(t, 'participant');
    await setRoles(cara.id, { roles: ['key_respondent'], week: 2 }).expect(200);
    await act(cara.id, 'suspend').expect(200);
    expect((await act(cara.id, 'unsuspend').expect(200)).body.person).toMatchObject({
      roles: ['key_respondent', 'participant'],
      week: 2,
    });
  });

  it('refuses members a report on a hidden post (as if it were not there), and files nothing', async () => {
    const [ana, ben] = [await member(t, 'participant', 'es'), await member(t, 'participant')];
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, ana, threadId, { bodyMd: 'Algo ofensivo' });
    await t.post(`/api/posts/${post.id}/hide`).set('Cookie', organizer.cookie).send({ reason: 'Insult' }).expect(204);
    const refused = await t
      .post(`/api/posts/${post.id}/reports`)
      .set('Cookie', ben.cookie)
      .set('Accept-Language', 'fr')
      .send({ reason: 'Insulte' })
      .expect(404);
    expect(refused.body.error.code).toBe('not_found');
    expect(refused.body.error.message).toMatch(/\S/);
    expect(await t.db.selectFrom('reports').select('id').where('post_id', '=', post.id).execute()).toEqual([]);
  });
});
