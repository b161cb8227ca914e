// The audit log in the reader's words: each target named (a week by its number and title, an
// applicant, a thread by its title with its language, a reconfirmation request by its date) and
// the reasons the app writes itself (which fields changed, how far the dates moved) in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCohortAudit } from '../../server/applications/applications.queries.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let organizer: Member;
let ana: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [organizer, ana] = [await member(t, 'organizer', 'es'), await member(t, 'participant', 'es')];
});
afterAll(async () => {
  await t?.close();
});

const log = async (cookie: string, lang = 'es') =>
  (await t.get(`/api/forums/${LIVE}/audit-log`).set('Cookie', cookie).set('Accept-Language', lang).expect(200)).body;

describe('the audit log in words', () => {
  it('names weeks, threads, applicants and requests, and writes the app’s own reasons in the reader’s language', async () => {
    await t
      .patch(`/api/forums/${LIVE}/weeks/2`)
      .set('Cookie', organizer.cookie)
      .send({ startsOn: await weekStart(2), originalLang: 'en' })
      .expect(200);
    const { threadId } = await startThread(t, organizer);
    await t.patch(`/api/threads/${threadId}`).set('Cookie', organizer.cookie).send({ pinned: true }).expect(204);
    const forum = await t.db.selectFrom('forums').select(['id']).where('slug', '=', LIVE).executeTakeFirstOrThrow();
    const application = await t.db
      .insertInto('applications')
      .values({
        forum_id: forum.id,
        user_id: ana.id,
        kind: 'participant',
        description: 'Cooperativas de ahorro',
        langs: ['es'],
        lang: 'es',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const request = await t.db
      .insertInto('reconfirmation_requests')
      .values({ forum_id: forum.id, requested_by: organizer.id })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (trx) => {
      await writeCohortAudit(trx, {
        forumId: forum.id,
        actorId: organizer.id,
        action: 'application.declined',
        targetType: 'application',
        targetId: application.id,
      });
      await writeCohortAudit(trx, {
        forumId: forum.id,
        actorId: organizer.id,
        action: 'reconfirmation.requested',
        targetType: 'reconfirmation_request',
        targetId: request.id,
      });
      await writeCohortAudit(trx, {
        forumId: forum.id,
        actorId: organizer.id,
        action: 'schedule.moved',
        targetType: 'forum',
        targetId: forum.id,
        reason: '2026-10-26 → 2026-11-02 (7 d)',
      });
    });

    const { entries } = await log(organizer.cookie);
    const by = (action: string) => entries.find((entry: { action: string }) => entry.action === action);
    expect(by('week.changed')).toMatchObject({
      targetType: 'week',
      targetNumber: 2,
      targetName: expect.any(String),
      reason: 'Cambios: Idioma original, Primer día',
    });
    expect(by('week.changed').targetLang).toMatch(/^(en|es|fr)$/);
    expect(by('application.declined')).toMatchObject({ targetName: expect.stringMatching(/\S/), targetLang: null });
    const anaName = (
      await t.db.selectFrom('users').select('display_name').where('id', '=', ana.id).executeTakeFirstOrThrow()
    ).display_name;
    expect(by('application.declined').targetName).toBe(anaName);
    expect(by('reconfirmation.requested')).toMatchObject({
      targetAt: request.created_at.toISOString(),
      targetName: null,
    });
    expect(by('schedule.moved').reason).toBe('Del 26 de octubre de 2026 al 2 de noviembre de 2026 (7 días)');
    expect(by('pin')).toMatchObject({ targetName: 'Finance for cooperatives', targetLang: 'en' });
    expect(
      (await log(organizer.cookie, 'fr')).entries.find((entry: { action: string }) => entry.action === 'week.changed')
        .reason,
    ).toBe('Modifié\u00a0: Langue d’origine, Premier jour');
  });

  it('is for organizers only', async () => {
    await t.get(`/api/forums/${LIVE}/audit-log`).set('Cookie', ana.cookie).expect(403);
  });
});

async function weekStart(number: number) {
  const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow();
  return (
    await t.db
      .selectFrom('weeks')
      .select('starts_on')
      .where('forum_id', '=', forum.id)
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
  ).starts_on;
}
