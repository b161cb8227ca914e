// Search returns only what the searcher may read, by the rules every other channel applies:
// membership or a closed public archive, the week opened, not hidden (nor its translations), a
// prompt's answers after one's own, case studies once published, accepted policy elements, and
// in the public archive each author's consent. Organizers find what organizers see.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, LIVE, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';
import { keyRespondent, submitted } from '../case-studies/helpers.ts';
import { addTheme, decide, proposed } from '../synthesis/helpers.ts';
import { archivePost, hits, publishTranslation, reader, searchAs } from './helpers.ts';

const ARCHIVE = 'fixture-2009';
let t: TestApp;
let ana: Member;
let ben: Member;
let organizer: Member;
let outsider: Member;
let translator: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  ana = await reader(t, 'participant', 'en');
  ben = await reader(t, 'participant', 'en', ['en', 'es']);
  organizer = await reader(t, 'organizer', 'en');
  outsider = await reader(t, null, 'en');
  translator = await reader(t, 'translator', 'en', ['en', 'es']);
}, 120_000);
afterAll(async () => t?.close());

const ids = async (who: Member | null, q: string, extra: Record<string, string | number> = {}) =>
  (await hits(t, who, { q, ...extra })).map((hit) => `${hit.kind}:${hit.id}`);

describe('forums and weeks', () => {
  it('keeps a running forum from non-members and visitors, and refuses them it by name', async () => {
    const { threadId, firstPostId } = await startThread(t, ana, 2, { title: 'Tamarind', bodyMd: 'Tamarind growers' });
    expect(await ids(ana, 'tamarind')).toEqual(expect.arrayContaining([`post:${firstPostId}`, `thread:${threadId}`]));
    expect(await ids(outsider, 'tamarind')).toEqual([]);
    expect(await ids(null, 'tamarind')).toEqual([]);
    const refused = await searchAs(t, outsider, { q: 'tamarind', forum: LIVE })
      .set('Accept-Language', 'es')
      .expect(403);
    expect(refused.body.error).toEqual({
      code: 'not_a_member',
      message: 'El material de este foro es para sus miembros. Únase al foro o presente una solicitud para participar.',
    });
    expect((await searchAs(t, null, { q: 'tamarind', forum: LIVE }).expect(401)).body.error.code).toBe(
      'sign_in_required',
    );
    expect((await searchAs(t, ana, { q: 'tamarind', forum: 'no-such-forum' }).expect(404)).body.error.code).toBe(
      'not_found',
    );
    // The forum and week filters narrow to the place.
    expect(await ids(ana, 'tamarind', { forum: LIVE, week: 2 })).toHaveLength(2);
    expect(await ids(ana, 'tamarind', { forum: LIVE, week: 1 })).toEqual([]);
  });

  it('finds nothing of a week before it opens but for organizers', async () => {
    const { firstPostId } = await startThread(t, organizer, 2, { title: 'Quince', bodyMd: 'Quince orchards' });
    const week = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.opens_at'])
      .where('forums.slug', '=', LIVE)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    await sql`UPDATE weeks SET opens_at = now() + interval '1 day' WHERE id = ${week.id}`.execute(t.db);
    try {
      expect(await ids(ana, 'quince')).toEqual([]);
      expect(await ids(organizer, 'quince')).toContain(`post:${firstPostId}`);
    } finally {
      await t.db.updateTable('weeks').set({ opens_at: week.opens_at }).where('id', '=', week.id).execute();
    }
    expect(await ids(ana, 'quince')).toContain(`post:${firstPostId}`);
  });
});

describe('moderation and prompts', () => {
  it('drops a hidden post and its translations from everyone’s results but organizers’', async () => {
    const { threadId } = await startThread(t, ana, 2, { title: 'Markets', bodyMd: 'Where do you sell?' });
    const spanish = await reply(t, ben, threadId, { bodyMd: 'Vendemos guanábana en la feria.', lang: 'es' });
    await publishTranslation(t, translator, 'post', spanish.id, 'We sell soursop at the fair.');
    expect(await ids(ana, 'soursop')).toEqual([`post:${spanish.id}`]);
    await t
      .post(`/api/posts/${spanish.id}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Off topic' })
      .expect(204);
    expect(await ids(ana, 'soursop')).toEqual([]);
    expect(await ids(ben, 'guanábana')).toEqual([]);
    expect(await ids(organizer, 'soursop')).toEqual([`post:${spanish.id}`]);
    await t.post(`/api/posts/${spanish.id}/unhide`).set('Cookie', organizer.cookie).send({}).expect(204);
    expect(await ids(ana, 'soursop')).toEqual([`post:${spanish.id}`]);
  });

  it('keeps a prompt’s answers from whoever has not answered it yet', async () => {
    const { threadId, firstPostId } = await startThread(t, organizer, 2, {
      kind: 'prompt',
      requiresOwnAnswer: true,
      title: 'Your crop',
      bodyMd: 'Name one crop your network sells, like rhubarb.',
    });
    const answer = await reply(t, ana, threadId, { bodyMd: 'Rhubarb jam from Gaspésie.', lang: 'en' });
    expect(await ids(ben, 'rhubarb')).toEqual([`post:${firstPostId}`]);
    expect(await ids(null, 'rhubarb')).toEqual([]);
    expect((await ids(organizer, 'rhubarb')).sort()).toEqual([`post:${answer.id}`, `post:${firstPostId}`].sort());
    await reply(t, ben, threadId, { bodyMd: 'Maple syrup.', lang: 'en' });
    expect((await ids(ben, 'rhubarb')).sort()).toEqual([`post:${answer.id}`, `post:${firstPostId}`].sort());
  });
});

describe('case studies and policy elements', () => {
  it('finds a case study only once published, except for its author and organizers', async () => {
    const author = await keyRespondent(t, LIVE, 2, 'es', ['es', 'en']);
    const study = await submitted(t, LIVE, author, 2, {
      title: 'Cooperativa de chirimoya',
      bodyMd: 'La chirimoya de Cusco se vende en red.',
    });
    expect(await ids(ana, 'chirimoya')).toEqual([]);
    expect(await ids(author, 'chirimoya')).toEqual([`case_study:${study.id}`]);
    expect(await ids(organizer, 'chirimoya')).toEqual([`case_study:${study.id}`]);
    expect(await ids(ana, 'chirimoya')).toEqual([]);
    await t.post(`/api/case-studies/${study.id}/approve`).set('Cookie', organizer.cookie).send().expect(200);
    const found = await hits(t, ana, { q: 'chirimoya' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'case_study',
      title: { lang: 'es', value: 'Cooperativa de chirimoya' },
      href: `/forums/${LIVE}/case-studies/${study.id}`,
    });
  });

  it('finds accepted policy elements, and a proposal only for its proposer and organizers', async () => {
    const theme = await addTheme(t, organizer, 'Markets search', 'Mercados búsqueda', 'Marchés recherche');
    const { firstPostId } = await startThread(t, ana, 2, { title: 'Seeds', bodyMd: 'Seed banks matter.' });
    const element = await proposed(t, ana, {
      theme: theme.key,
      statement: 'Municipal seed banks should lend heirloom varieties.',
      citations: [{ type: 'post', id: firstPostId }],
    });
    expect(await ids(ben, 'heirloom')).toEqual([]);
    expect(await ids(ana, 'heirloom')).toEqual([`policy_element:${element.id}`]);
    expect(await ids(organizer, 'heirloom')).toEqual([`policy_element:${element.id}`]);
    await decide(t, organizer, element.id, 'accept').expect(200);
    expect(await hits(t, ben, { q: 'heirloom' })).toMatchObject([
      { kind: 'policy_element', title: null, href: `/forums/${LIVE}/synthesis` },
    ]);
    expect(await ids(ben, 'heirloom', { kind: 'post' })).toEqual([]);
  });
});

describe('the public archive', () => {
  it('honours each author’s consent for visitors: named, anonymous by region, or not at all', async () => {
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', ARCHIVE).executeTakeFirstOrThrow();
    const region = await t.db
      .selectFrom('forum_regions')
      .select('id')
      .where('forum_id', '=', forum.id)
      .where('key', '=', 'andean')
      .executeTakeFirstOrThrow();
    const [named, anonymous, withheld, unasked] = await Promise.all(
      ['Nadia Named', 'Ana Anonymous', 'Wanda Withheld', 'Uma Unasked'].map((name) => createUser(t.db, { name })),
    );
    const choices = [
      [named!, 'named'],
      [anonymous!, 'anonymous'],
      [withheld!, 'none'],
    ] as const;
    for (const [user, choice] of choices)
      await t.db.insertInto('publication_consents').values({ forum_id: forum.id, user_id: user.id, choice }).execute();
    await t.db
      .insertInto('forum_member_regions')
      .values({ forum_id: forum.id, user_id: anonymous!.id, region_id: region.id })
      .execute();
    for (const user of [named!, anonymous!, withheld!, unasked!])
      await t.db
        .insertInto('memberships')
        .values({ forum_id: forum.id, user_id: user.id, role: 'participant' })
        .execute();
    const posts = new Map<number, number>();
    for (const user of [named!, anonymous!, withheld!, unasked!])
      posts.set(
        user.id,
        (await archivePost(t, ARCHIVE, user.id, 'Archived pawpaw', 'Pawpaw orchards in Ontario', 'en')).postId,
      );

    const visitor = await searchAs(t, null, { q: 'pawpaw', kind: 'post' }).set('Accept-Language', 'en').expect(200);
    const shown = visitor.body.results as { id: number; author: { id: number; displayName: string } }[];
    expect(shown.map((hit) => hit.id).sort()).toEqual([posts.get(named!.id), posts.get(anonymous!.id)].sort());
    expect(shown.find((hit) => hit.id === posts.get(anonymous!.id))!.author).toEqual({
      id: 0,
      displayName: 'A participant from Andean countries',
    });
    expect(shown.find((hit) => hit.id === posts.get(named!.id))!.author).toEqual({
      id: named!.id,
      displayName: 'Nadia Named',
    });
    expect(JSON.stringify(visitor.body)).not.toMatch(/Ana Anonymous|Wanda|Uma/);
    // Thread titles follow their author's choice too.
    expect(await ids(outsider, 'pawpaw', { kind: 'thread' })).toHaveLength(2);
    // An anonymous author cannot be found by who they are.
    expect(await ids(null, 'pawpaw', { author: anonymous!.id })).toEqual([]);
    expect(await ids(null, 'pawpaw', { author: named!.id, kind: 'post' })).toEqual([`post:${posts.get(named!.id)}`]);
    // A member of the archived forum reads it as it was written.
    const insider = { ...named!, cookie: await (await import('../helpers/test-app.ts')).signIn(t, named!) };
    expect(await ids(insider, 'pawpaw', { kind: 'post' })).toHaveLength(4);
  });
});
