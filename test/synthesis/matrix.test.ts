// The synthesis as readers get it: accepted elements only, in the right region and theme, filtered
// by week and theme, two regions side by side, citations the reader may not read left out, the
// public archive's readers let in, the themes list kept like the other lists, and the live event
// delivered only to the synthesis's readers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { addTheme, base, decide, proposed } from './helpers.ts';

let t: TestApp;
let organizer: Member;
let participant: Member;
let second: Member;
let capital: { id: number; key: string };
let procurement: { id: number; key: string };
let threadId: number;
let postId: number;
let ids: { andeanCapital: number; brazilCapital: number; brazilProcurement: number; week1: number; waiting: number };

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  organizer = await member(t, 'organizer');
  participant = await member(t, 'participant', 'en');
  second = await member(t, 'participant', 'es');
  capital = await addTheme(t, organizer, 'Access to capital', 'Acceso al capital', 'Accès au capital');
  procurement = await addTheme(t, organizer, 'Procurement and markets', 'Compras públicas', 'Marchés publics');
  ({ threadId, firstPostId: postId } = await startThread(t, participant));
  const week1 = await startThread(t, participant, 1);
  const cite = [{ type: 'post' as const, id: postId }];
  const accepted = async (who: Member, proposal: Parameters<typeof proposed>[2]) => {
    const element = await proposed(t, who, proposal);
    await decide(t, organizer, element.id, 'accept').expect(200);
    return element.id;
  };
  ids = {
    andeanCapital: await accepted(participant, { theme: capital.key, region: 'andean', citations: cite }),
    brazilCapital: await accepted(second, {
      theme: capital.key,
      region: 'brazil',
      lang: 'es',
      statement: 'Bancos comunitarios.',
      citations: cite,
    }),
    brazilProcurement: await accepted(participant, { theme: procurement.key, region: 'brazil', citations: cite }),
    week1: await accepted(participant, {
      theme: procurement.key,
      region: 'andean',
      citations: [{ type: 'post', id: week1.firstPostId }],
    }),
    waiting: (await proposed(t, participant, { theme: capital.key, region: 'andean', citations: cite })).id,
  };
});
afterAll(async () => {
  await t?.close();
});

type El = {
  id: number;
  region: { key: string };
  theme: { key: string };
  weekNumber: number;
  citations: { id: number }[];
};

describe('the matrix', () => {
  it('shows accepted elements in their region and theme, with the places and weeks to filter by', async () => {
    const response = await t.get(`${base}/synthesis`).set('Cookie', second.cookie).expect(200);
    const body = response.body;
    const byId = new Map<number, El>(body.elements.map((e: El) => [e.id, e]));
    expect([...byId.keys()].sort()).toEqual(
      [ids.andeanCapital, ids.brazilCapital, ids.brazilProcurement, ids.week1].sort(),
    );
    expect(byId.get(ids.brazilCapital)).toMatchObject({ region: { key: 'brazil' }, theme: { key: capital.key } });
    expect(byId.get(ids.week1)!.weekNumber).toBe(1);
    expect(body.themes.map((th: { key: string }) => th.key)).toEqual([capital.key, procurement.key]);
    expect(body.regions.map((r: { key: string }) => r.key)).toContain('andean');
    expect(body.weeks.map((w: { number: number }) => w.number)).toEqual([1, 2]);
    expect(body.statementWordLimit).toBe(80);
    expect(body.may).toEqual({ propose: true, decide: false });
    expect(body.waitingCount).toBe(0);
    const mine = await t.get(`${base}/synthesis`).set('Cookie', participant.cookie).expect(200);
    expect(mine.body.waitingCount).toBe(1);
    const organizers = await t.get(`${base}/synthesis`).set('Cookie', organizer.cookie).expect(200);
    expect(organizers.body.may.decide).toBe(true);
    expect(organizers.body.waitingCount).toBe(1);
  });

  it('filters by week and by theme', async () => {
    const week2 = await t.get(`${base}/synthesis?week=2`).set('Cookie', second.cookie).expect(200);
    expect(week2.body.elements.map((e: El) => e.id).sort()).toEqual(
      [ids.andeanCapital, ids.brazilCapital, ids.brazilProcurement].sort(),
    );
    const theme = await t.get(`${base}/synthesis?theme=${procurement.key}`).set('Cookie', second.cookie).expect(200);
    expect(theme.body.elements.map((e: El) => e.id).sort()).toEqual([ids.brazilProcurement, ids.week1].sort());
    const both = await t
      .get(`${base}/synthesis?theme=${procurement.key}&week=1`)
      .set('Cookie', second.cookie)
      .expect(200);
    expect(both.body.elements.map((e: El) => e.id)).toEqual([ids.week1]);
    await t.get(`${base}/synthesis?week=0`).set('Cookie', second.cookie).expect(400);
  });

  it('compares two regions theme by theme', async () => {
    const response = await t
      .get(`${base}/synthesis/compare?a=andean&b=brazil`)
      .set('Cookie', second.cookie)
      .expect(200);
    const rows = response.body.rows as { theme: { key: string }; a: El[]; b: El[] }[];
    expect(response.body.a.key).toBe('andean');
    expect(rows.map((row) => row.theme.key)).toEqual([capital.key, procurement.key]);
    expect(rows[0]!.a.map((e) => e.id)).toEqual([ids.andeanCapital]);
    expect(rows[0]!.b.map((e) => e.id)).toEqual([ids.brazilCapital]);
    expect(rows[1]!.a.map((e) => e.id)).toEqual([ids.week1]);
    expect(rows[1]!.b.map((e) => e.id)).toEqual([ids.brazilProcurement]);
    const week2 = await t
      .get(`${base}/synthesis/compare?a=andean&b=brazil&week=2`)
      .set('Cookie', second.cookie)
      .expect(200);
    expect(week2.body.rows[1].a).toEqual([]);
    await t.get(`${base}/synthesis/compare?a=andean&b=atlantis`).set('Cookie', second.cookie).expect(400);
    await t.get(`${base}/synthesis/compare?a=andean&b=brazil`).expect(401);
  });

  it('leaves out the citations of hidden posts', async () => {
    const later = await reply(t, second, threadId, { bodyMd: 'Soon hidden.', lang: 'en' });
    const element = await proposed(t, participant, {
      theme: capital.key,
      citations: [
        { type: 'post', id: postId },
        { type: 'post', id: later.id },
      ],
    });
    await decide(t, organizer, element.id, 'accept').expect(200);
    await t
      .post(`/api/posts/${later.id}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Off topic' })
      .expect(204);
    const seen = await t.get(`${base}/synthesis`).set('Cookie', second.cookie).expect(200);
    const mine = seen.body.elements.find((e: El) => e.id === element.id) as El;
    expect(mine.citations.map((c) => c.id)).toEqual([postId]);
    const forOrganizers = await t
      .get(`${base}/synthesis/proposals?status=accepted`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    // Hidden is hidden for everyone's citation list: the post is not the element's evidence any more.
    expect(
      forOrganizers.body.elements.find((e: El) => e.id === element.id).citations.map((c: { id: number }) => c.id),
    ).toEqual([postId]);
  });

  it('opens to the public archive of a closed forum, and to nobody outside a running one', async () => {
    await t.get(`/api/forums/fixture-2009/synthesis`).expect(200);
    const outsider = await member(t, null);
    await t.get(`${base}/synthesis`).set('Cookie', outsider.cookie).expect(403);
  });

  it('counts themes in use and refuses to delete one; an archived theme keeps its elements', async () => {
    const list = await t.get(`${base}/lists/themes`).set('Cookie', organizer.cookie).expect(200);
    const entry = list.body.entries.find((e: { id: number }) => e.id === capital.id);
    expect(entry.inUse).toBeGreaterThan(0);
    await t.delete(`${base}/lists/themes/${capital.id}`).set('Cookie', organizer.cookie).expect(409);
    await t
      .patch(`${base}/lists/themes/${capital.id}`)
      .set('Cookie', organizer.cookie)
      .send({ archived: true })
      .expect(200);
    const after = await t.get(`${base}/synthesis`).set('Cookie', second.cookie).expect(200);
    expect(after.body.themes.map((th: { key: string }) => th.key)).toContain(capital.key);
    await t
      .patch(`${base}/lists/themes/${capital.id}`)
      .set('Cookie', organizer.cookie)
      .send({ archived: false })
      .expect(200);
    const unused = (
      await t
        .post(`${base}/lists/themes`)
        .set('Cookie', organizer.cookie)
        .send({
          name: { en: 'Co-production of policy', es: 'Coproducción de políticas', fr: 'Coproduction des politiques' },
        })
        .expect(201)
    ).body.entry;
    expect(unused).toMatchObject({ key: 'co-production-of-policy', inUse: 0, archived: false });
    await t
      .post(`${base}/lists/themes`)
      .set('Cookie', participant.cookie)
      .send({ name: { en: 'X', es: 'X', fr: 'X' } })
      .expect(403);
    await t
      .post(`${base}/lists/themes`)
      .set('Cookie', organizer.cookie)
      .send({ name: { en: 'x'.repeat(81), es: 'X', fr: 'X' } })
      .expect(413);
    await t.delete(`${base}/lists/themes/${unused.id}`).set('Cookie', organizer.cookie).expect(204);
  });
});
