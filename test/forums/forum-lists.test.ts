// Organizers keep a forum's regions, sectors and call prerequisites in the console: named in
// each language, ordered, archived rather than deleted while in use; nobody else may touch them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { applicationBody, openForApplications } from '../applications/cohort-helpers.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';

let t: TestApp;
let organizer: Member;
beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
}, 180_000);
afterAll(async () => t?.close());

const base = `/api/forums/${LIVE}`;
const names = (en: string, es: string, fr: string) => ({ en, es, fr });

async function add(list: string, name: { en: string; es: string; fr: string }) {
  return (await t.post(`${base}/lists/${list}`).set('Cookie', organizer.cookie).send({ name }).expect(201)).body
    .entry as { id: number; key: string };
}

describe('a forum’s lists in the console', () => {
  it('adds a region with a key made from its English name, renames, reorders, archives and restores it', async () => {
    const quebec = await add('regions', names('Québec', 'Quebec', 'Québec'));
    expect(quebec).toMatchObject({
      key: 'quebec',
      name: { en: 'Québec', es: 'Quebec', fr: 'Québec' },
      archived: false,
      inUse: 0,
    });
    const again = await add('regions', names('Quebec', 'Quebec', 'Québec'));
    expect(again.key).toBe('quebec-2');
    // The same addition sent twice at once (a double click, a retry) makes one entry.
    const twice = await Promise.all([1, 2].map(() => add('regions', names('Gaspésie', 'Gaspesia', 'Gaspésie'))));
    expect(twice[1]!.id).toBe(twice[0]!.id);
    expect(twice[0]!.key).toBe('gaspesie');
    const renamed = await t
      .patch(`${base}/lists/regions/${again.id}`)
      .set('Cookie', organizer.cookie)
      .send({ name: names('  Quebec City ', 'Ciudad de Quebec', 'Ville de Québec') })
      .expect(200);
    expect(renamed.body.entry).toMatchObject({ key: 'quebec-2', name: { en: 'Quebec City' } });

    const all = (await t.get(`${base}/lists/regions`).set('Cookie', organizer.cookie).expect(200)).body.entries as {
      id: number;
      key: string;
    }[];
    expect(all.slice(0, 8).map((e) => e.key)).toEqual([
      'canada',
      'mexico',
      'central_america',
      'caribbean',
      'andean',
      'southern_cone',
      'brazil',
      'other',
    ]);
    const reversed = all.map((e) => e.id).reverse();
    const ordered = await t
      .put(`${base}/lists/regions/order`)
      .set('Cookie', organizer.cookie)
      .send({ ids: reversed })
      .expect(200);
    expect(ordered.body.entries.map((e: { id: number }) => e.id)).toEqual(reversed);
    // The whole list or nothing: a partial order changes nothing.
    await t
      .put(`${base}/lists/regions/order`)
      .set('Cookie', organizer.cookie)
      .send({ ids: reversed.slice(1) })
      .expect(400);
    await t
      .put(`${base}/lists/regions/order`)
      .set('Cookie', organizer.cookie)
      .send({ ids: all.map((e) => e.id) })
      .expect(200);

    await t
      .patch(`${base}/lists/regions/${again.id}`)
      .set('Cookie', organizer.cookie)
      .send({ archived: true })
      .expect(200)
      .expect((r) => expect(r.body.entry.archived).toBe(true));
    const call = (await t.get(`${base}/application`).expect(200)).body.call;
    expect(call.regions.map((r: { key: string }) => r.key)).not.toContain('quebec-2');
    expect(call.regions.find((r: { key: string }) => r.key === 'quebec')).toEqual({
      key: 'quebec',
      name: { en: 'Québec', es: 'Quebec', fr: 'Québec' },
    });
    await t
      .patch(`${base}/lists/regions/${again.id}`)
      .set('Cookie', organizer.cookie)
      .send({ archived: false })
      .expect(200);
    await t.delete(`${base}/lists/regions/${again.id}`).set('Cookie', organizer.cookie).expect(204);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'regions.%').execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'regions.added',
        'regions.renamed',
        'regions.reordered',
        'regions.archived',
        'regions.restored',
        'regions.deleted',
      ]),
    );
  });

  it('needs a visible name in each language, within the list’s length, and a key of its own', async () => {
    await t
      .post(`${base}/lists/sectors`)
      .set('Cookie', organizer.cookie)
      .send({ name: { en: 'NGO', es: 'ONG' } })
      .expect(400);
    const blank = await t
      .post(`${base}/lists/sectors`)
      .set('Cookie', organizer.cookie)
      .send({ name: names('NGO', 'ONG', '\u200b') })
      .expect(400);
    expect(blank.body.error.code).toBe('validation');
    const long = await t
      .post(`${base}/lists/sectors`)
      .set('Cookie', organizer.cookie)
      .send({ name: names('x'.repeat(81), 'ONG', 'ONG') })
      .expect(413);
    expect(long.body.error.code).toBe('too_long');
    // A prerequisite is a sentence: longer names are fine there.
    await t
      .post(`${base}/lists/prerequisites`)
      .set('Cookie', organizer.cookie)
      .send({ name: names('x'.repeat(200), 'y', 'z') })
      .expect(201);
    await t
      .post(`${base}/lists/sectors`)
      .set('Cookie', organizer.cookie)
      .send({ name: names('NGO', 'ONG', 'OSBL'), key: 'ngo' })
      .expect(201);
    const taken = await t
      .post(`${base}/lists/sectors`)
      .set('Cookie', organizer.cookie)
      .set('Accept-Language', 'es')
      .send({ name: names('NGO', 'ONG', 'OSBL'), key: 'ngo' })
      .expect(409);
    expect(taken.body.error).toEqual({
      code: 'list_key_taken',
      message: formatErrorMessage('es', 'UTC', 'list_key_taken', { key: 'ngo' }),
    });
    await t
      .post(`${base}/lists/towns`)
      .set('Cookie', organizer.cookie)
      .send({ name: names('a', 'b', 'c') })
      .expect(400);
    // Tidy up for the tests below: this forum's call states no prerequisites and sectors.
    for (const list of ['sectors', 'prerequisites']) {
      for (const entry of (await t.get(`${base}/lists/${list}`).set('Cookie', organizer.cookie)).body.entries) {
        await t.delete(`${base}/lists/${list}/${entry.id}`).set('Cookie', organizer.cookie).expect(204);
      }
    }
  });

  it('archives instead of deleting an entry in use, and keeps it on the applications that chose it', async () => {
    const region = await add('regions', names('Atlantic Canada', 'Canadá atlántico', 'Canada atlantique'));
    const person = await member(t, null);
    await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ region: region.key }))
      .expect(201);
    const refused = await t
      .delete(`${base}/lists/regions/${region.id}`)
      .set('Cookie', organizer.cookie)
      .set('Accept-Language', 'fr')
      .expect(409);
    expect(refused.body.error.code).toBe('list_entry_in_use');
    expect(refused.body.error.message).toMatch(/Archivez-la/);
    const listed = (await t.get(`${base}/lists/regions`).set('Cookie', organizer.cookie)).body.entries.find(
      (e: { id: number }) => e.id === region.id,
    );
    expect(listed.inUse).toBe(1);
    await t
      .patch(`${base}/lists/regions/${region.id}`)
      .set('Cookie', organizer.cookie)
      .send({ archived: true })
      .expect(200);
    // Nobody new chooses an archived region; the application that has it may keep it when edited.
    const newcomer = await member(t, null);
    const closed = await t
      .post(`${base}/application`)
      .set('Cookie', newcomer.cookie)
      .send(applicationBody({ region: region.key }))
      .expect(400);
    expect(closed.body.error).toMatchObject({ code: 'validation' });
    const kept = await t
      .put(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ region: region.key, organisation: 'Coop atlantique' }))
      .expect(200);
    expect(kept.body.application).toMatchObject({
      region: region.key,
      regionName: { fr: 'Canada atlantique' },
      organisation: 'Coop atlantique',
    });
  });

  it('refuses visitors, members and another forum’s organizers on every route, and changes nothing', async () => {
    const [participant, outsider] = [await member(t, 'participant'), await member(t, null)];
    const otherOrganizer = await member(t, null);
    await t.db
      .insertInto('memberships')
      .values({
        forum_id: (
          await t.db.selectFrom('forums').select('id').where('slug', '=', 'fixture-2009').executeTakeFirstOrThrow()
        ).id,
        user_id: otherOrganizer.id,
        role: 'organizer',
      })
      .execute();
    const entry = (await t.get(`${base}/lists/regions`).set('Cookie', organizer.cookie)).body.entries[0];
    const before = await t.db.selectFrom('forum_regions').selectAll().orderBy('id').execute();
    const calls = (cookie?: string) => {
      const withCookie = <R extends { set(k: string, v: string): R }>(r: R) => (cookie ? r.set('Cookie', cookie) : r);
      return [
        withCookie(t.get(`${base}/lists/regions`)),
        withCookie(t.post(`${base}/lists/regions`)).send({ name: names('A', 'B', 'C') }),
        withCookie(t.patch(`${base}/lists/regions/${entry.id}`)).send({ archived: true }),
        withCookie(t.put(`${base}/lists/regions/order`)).send({ ids: [entry.id] }),
        withCookie(t.delete(`${base}/lists/regions/${entry.id}`)),
        withCookie(t.get(`${base}/seats`)),
        withCookie(t.put(`${base}/seats`)).send({ weeks: [{ week: 1, limit: 0, perRegion: null }] }),
      ];
    };
    for (const response of await Promise.all(calls())) expect(response.status).toBe(401);
    for (const who of [participant, outsider, otherOrganizer]) {
      for (const response of await Promise.all(calls(who.cookie))) {
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
    }
    expect(await t.db.selectFrom('forum_regions').selectAll().orderBy('id').execute()).toEqual(before);
    expect(
      await t.db
        .selectFrom('weeks')
        .select('key_respondent_limit')
        .where('key_respondent_limit', 'is not', null)
        .execute(),
    ).toEqual([]);
  });
});
