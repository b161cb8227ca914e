// What touches personal data is in the audit log: every CSV export of the cohort, the forum's
// programme export and glossary imports, with who, when and which — and a refused export or a
// dry run leaves no entry, as it took nothing and changed nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let organizer: Member;
let participant: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [organizer, participant] = [await member(t, 'organizer'), await member(t, 'participant')];
});
afterAll(async () => {
  await t?.close();
});

async function entriesOf(action: string) {
  const page = await t
    .get(`/api/forums/${LIVE}/audit-log?action=${action}`)
    .set('Cookie', organizer.cookie)
    .expect(200);
  return page.body.entries as {
    action: string;
    actorId: number;
    actorName: string;
    targetType: string;
    createdAt: string;
  }[];
}

describe('exports of personal data', () => {
  for (const kind of ['members', 'key-respondents', 'applications', 'contacts']) {
    it(`logs who downloaded the ${kind} CSV and when, and nothing for a refused download`, async () => {
      const action = `export.${kind.replace('-', '_')}`;
      await t.get(`/api/forums/${LIVE}/exports/${kind}`).set('Cookie', participant.cookie).expect(403);
      expect(await entriesOf(action)).toEqual([]);
      const before = Date.now();
      await t.get(`/api/forums/${LIVE}/exports/${kind}`).set('Cookie', organizer.cookie).expect(200);
      const [entry, ...more] = await entriesOf(action);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ action, actorId: organizer.id, targetType: 'forum' });
      expect(Date.parse(entry!.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    });
  }

  it('logs the forum programme export', async () => {
    await t.get(`/api/forums/${LIVE}/export`).set('Cookie', participant.cookie).expect(403);
    expect(await entriesOf('export.forum_programme')).toEqual([]);
    await t.get(`/api/forums/${LIVE}/export`).set('Cookie', organizer.cookie).expect(200);
    expect(await entriesOf('export.forum_programme')).toMatchObject([{ actorId: organizer.id, targetType: 'forum' }]);
  });
});

describe('glossary imports', () => {
  const csv =
    'en,es,fr,note\nsocial economy,economía social,économie sociale,\npublic procurement,compras públicas,marchés publics,\n';
  const put = (query: string) =>
    t.put(`/api/forums/${LIVE}/glossary.csv${query}`).set('Cookie', organizer.cookie).set('Content-Type', 'text/csv');

  it('logs a merge and a replace with their mode, and nothing for a dry run or a refused import', async () => {
    await put('?dryRun=true').send(csv).expect(200);
    await t
      .put(`/api/forums/${LIVE}/glossary.csv`)
      .set('Cookie', participant.cookie)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(403);
    expect(await entriesOf('glossary.imported_merge')).toEqual([]);
    await put('').send(csv).expect(200);
    expect(await entriesOf('glossary.imported_merge')).toMatchObject([{ actorId: organizer.id, targetType: 'forum' }]);
    await put('?mode=replace&confirm=1')
      .send('en,es,fr,note\nsocial economy,economía social,économie sociale,\n')
      .expect(200);
    expect(await entriesOf('glossary.imported_replace')).toMatchObject([{ actorId: organizer.id }]);
  });
});
