// A forum with everything an edition must get right: posts in Spanish, French and English by
// members who chose to be named, anonymous, left out or who never chose; a hidden post; a week
// that has not opened; a published translation; accepted elements citing all of them.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../server/config.ts';
import type { ConsentChoice, DB, Lang } from '../../server/db/schema.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, type Member } from '../helpers/forum-fixture.ts';

export const WORDS = {
  namedEs: 'La participación comunitaria fortalece la economía solidaria de Oaxaca.',
  anonFr: 'Les coopératives québécoises financent leur croissance grâce aux caisses populaires.',
  declinedEn: 'Zanzibarian clove marketing boards are my secret recipe.',
  unchosenEn: 'Quokka-shaped credit unions never consented to appear.',
  hiddenEs: 'Mensaje ocultado por moderación xilófono.',
  futureWeek: 'Semana futura prohibida ornitorrinco.',
  futurePost: 'Publicación en semana no abierta murciélago.',
  translationEn: 'Community participation strengthens the solidarity economy of Oaxaca.',
  translationEs: 'Las cooperativas quebequenses financian su crecimiento con las cajas populares.',
  elementEs: 'Crear fondos rotatorios para cooperativas con garantía pública.',
  elementOnlyDeclined: 'Reserve public procurement quotas for social enterprises.',
} as const;

export interface ProceedingsWorld {
  t: TestApp;
  dir: string;
  forumId: number;
  organizer: Member;
  participant: Member;
  outsider: Member;
  named: number;
  anonymous: number;
  declined: number;
  translatorName: string;
  threads: { main: number; declinedThread: number; future: number };
  posts: { namedEs: number; anonFr: number; declinedEn: number; unchosenEn: number; hiddenEs: number; future: number };
}

async function signedMember(t: TestApp, role: 'organizer' | 'participant' | null, name: string, lang: Lang = 'en') {
  const user = await createUser(t.db, { interfaceLang: lang, name, roles: role ? [{ forumSlug: LIVE, role }] : [] });
  return { ...user, cookie: await signIn(t, user) };
}

export async function insertThread(
  db: Kysely<DB>,
  v: { forumId: number; weekId: number; title: string; lang: Lang; authorId: number },
) {
  const row = await db
    .insertInto('threads')
    .values({
      forum_id: v.forumId,
      week_id: v.weekId,
      kind: 'discussion',
      title: v.title,
      original_lang: v.lang,
      author_id: v.authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A post: the thread's first, or a reply to its first. */
export async function insertPost(
  db: Kysely<DB>,
  v: { threadId: number; authorId: number; lang: Lang; body: string; createdAt?: Date },
) {
  const first = await db
    .selectFrom('posts')
    .select(['id', 'path'])
    .where('thread_id', '=', v.threadId)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  const row = await db
    .insertInto('posts')
    .values({
      thread_id: v.threadId,
      parent_id: first?.id ?? null,
      path: first ? first.path : [],
      author_id: v.authorId,
      original_lang: v.lang,
      body_md: v.body,
      body_html: `<p>${v.body}</p>`,
      word_count: v.body.split(' ').length,
      idempotency_key: randomUUID(),
      ...(v.createdAt ? { created_at: v.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('posts')
    .set({ path: [...(first?.path ?? []), row.id] })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

export async function setConsent(db: Kysely<DB>, forumId: number, userId: number, choice: ConsentChoice) {
  await db
    .insertInto('publication_consents')
    .values({ forum_id: forumId, user_id: userId, choice })
    .onConflict((oc) => oc.columns(['forum_id', 'user_id']).doUpdateSet({ choice }))
    .execute();
}

export async function insertElement(
  db: Kysely<DB>,
  v: {
    forumId: number;
    regionId: number;
    themeId: number;
    weekId: number;
    lang: Lang;
    body: string;
    by: number;
    cites: { type: 'post' | 'case_study'; id: number; weekId: number }[];
  },
) {
  const row = await db
    .insertInto('policy_elements')
    .values({
      forum_id: v.forumId,
      region_id: v.regionId,
      theme_id: v.themeId,
      status: 'accepted',
      original_lang: v.lang,
      body_md: v.body,
      body_html: `<p>${v.body}</p>`,
      word_count: v.body.split(' ').length,
      proposed_by: v.by,
      idempotency_key: randomUUID(),
      week_id: v.weekId,
      endorsement_count: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const c of v.cites)
    await db
      .insertInto('policy_element_citations')
      .values({ element_id: row.id, item_type: c.type, item_id: c.id, week_id: c.weekId, cited_by: v.by })
      .execute();
  return row.id;
}

/** `overrides` change the app's configuration, e.g. to run its background jobs. */
export async function buildWorld(overrides: Partial<Config> = {}): Promise<ProceedingsWorld> {
  const dir = await mkdtemp(path.join(tmpdir(), 'proceedings-'));
  const t = await createTestApp({ proceedingsDir: dir, ...overrides });
  await importFixture(t);
  const db = t.db;
  const forum = await db.selectFrom('forums').selectAll().where('slug', '=', LIVE).executeTakeFirstOrThrow();
  const weeks = await db.selectFrom('weeks').selectAll().where('forum_id', '=', forum.id).orderBy('number').execute();
  const week2 = weeks.find((w) => w.number === 2)!;
  const organizer = await signedMember(t, 'organizer', 'Olga Organizer');
  const participant = await signedMember(t, 'participant', 'Pat Participant');
  const outsider = await signedMember(t, null, 'Oscar Outsider');
  const mk = async (name: string, lang: Lang) =>
    (await createUser(db, { name, interfaceLang: lang, roles: [{ forumSlug: LIVE, role: 'participant' }] })).id;
  const named = await mk('Lucía Fernández', 'es');
  const anonymous = await mk('Jean Secret-Name', 'fr');
  const declined = await mk('Declan Nevershown', 'en');
  const unchosen = await mk('Una Unchosen', 'en');
  const translator = await mk('Tomás Traductor', 'en');
  await setConsent(db, forum.id, named, 'named');
  await setConsent(db, forum.id, anonymous, 'anonymous');
  await setConsent(db, forum.id, declined, 'none');
  await setConsent(db, forum.id, translator, 'named');
  const regions = await db
    .selectFrom('forum_regions')
    .selectAll()
    .where('forum_id', '=', forum.id)
    .orderBy('position')
    .execute();
  const mexico = regions.find((r) => r.key === 'mexico')!;
  const canada = regions.find((r) => r.key === 'canada')!;
  await db
    .insertInto('forum_member_regions')
    .values({ forum_id: forum.id, user_id: anonymous, region_id: canada.id })
    .execute();
  const theme = await db
    .insertInto('forum_themes')
    .values({
      forum_id: forum.id,
      key: 'capital',
      position: 1,
      en: 'Access to capital',
      es: 'Acceso al capital',
      fr: 'Accès au capital',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const main = await insertThread(db, {
    forumId: forum.id,
    weekId: week2.id,
    title: 'Financiar cooperativas',
    lang: 'es',
    authorId: named,
  });
  const namedEs = await insertPost(db, { threadId: main, authorId: named, lang: 'es', body: WORDS.namedEs });
  const anonFr = await insertPost(db, { threadId: main, authorId: anonymous, lang: 'fr', body: WORDS.anonFr });
  const declinedEn = await insertPost(db, { threadId: main, authorId: declined, lang: 'en', body: WORDS.declinedEn });
  const unchosenEn = await insertPost(db, { threadId: main, authorId: unchosen, lang: 'en', body: WORDS.unchosenEn });
  const hiddenEs = await insertPost(db, { threadId: main, authorId: named, lang: 'es', body: WORDS.hiddenEs });
  await db
    .updateTable('posts')
    .set({ hidden_at: new Date(), hidden_by: organizer.id, hidden_reason: 'x' })
    .where('id', '=', hiddenEs)
    .execute();
  const declinedThread = await insertThread(db, {
    forumId: forum.id,
    weekId: week2.id,
    title: 'Declan private title',
    lang: 'en',
    authorId: declined,
  });
  await insertPost(db, {
    threadId: declinedThread,
    authorId: anonymous,
    lang: 'fr',
    body: 'Réponse à un fil anonyme.',
  });

  await db
    .insertInto('translations')
    .values({
      forum_id: forum.id,
      item_type: 'post',
      item_id: namedEs,
      source_lang: 'es',
      target_lang: 'en',
      source_revision: 1,
      body_md: WORDS.translationEn,
      body_html: `<p>${WORDS.translationEn}</p>`,
      translator_id: translator,
      translator_role: 'translator',
    })
    .execute();
  // Made by a member who chose to appear anonymously: the note says "translated", without a name.
  await db
    .insertInto('translations')
    .values({
      forum_id: forum.id,
      item_type: 'post',
      item_id: anonFr,
      source_lang: 'fr',
      target_lang: 'es',
      source_revision: 1,
      body_md: WORDS.translationEs,
      body_html: `<p>${WORDS.translationEs}</p>`,
      translator_id: anonymous,
      translator_role: 'translator',
    })
    .execute();

  // A third week that opens next month, with a thread, a post and an element of its own.
  const last = weeks[weeks.length - 1]!;
  const opens = new Date(Date.now() + 30 * 86_400_000);
  const future = await db
    .insertInto('weeks')
    .values({
      forum_id: forum.id,
      number: last.number + 1,
      starts_on: opens.toISOString().slice(0, 10),
      opens_at: opens,
      closes_at: new Date(opens.getTime() + 7 * 86_400_000),
      original_lang: 'es',
      writing_closes_at_end: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('week_texts')
    .values(
      ['en', 'es', 'fr'].map((lang) => ({
        week_id: future.id,
        lang: lang as Lang,
        title: WORDS.futureWeek,
        summary_md: WORDS.futureWeek,
        summary_html: `<p>${WORDS.futureWeek}</p>`,
      })),
    )
    .execute();
  const futureThread = await insertThread(db, {
    forumId: forum.id,
    weekId: future.id,
    title: 'Hilo futuro',
    lang: 'es',
    authorId: named,
  });
  const futurePost = await insertPost(db, {
    threadId: futureThread,
    authorId: named,
    lang: 'es',
    body: WORDS.futurePost,
  });

  await insertElement(db, {
    forumId: forum.id,
    regionId: mexico.id,
    themeId: theme.id,
    weekId: week2.id,
    lang: 'es',
    body: WORDS.elementEs,
    by: named,
    cites: [
      { type: 'post', id: namedEs, weekId: week2.id },
      { type: 'post', id: anonFr, weekId: week2.id },
      { type: 'post', id: hiddenEs, weekId: week2.id },
    ],
  });
  await insertElement(db, {
    forumId: forum.id,
    regionId: canada.id,
    themeId: theme.id,
    weekId: week2.id,
    lang: 'en',
    body: WORDS.elementOnlyDeclined,
    by: named,
    cites: [{ type: 'post', id: declinedEn, weekId: week2.id }],
  });
  await insertElement(db, {
    forumId: forum.id,
    regionId: canada.id,
    themeId: theme.id,
    weekId: future.id,
    lang: 'es',
    body: WORDS.futurePost,
    by: named,
    cites: [{ type: 'post', id: futurePost, weekId: future.id }],
  });

  return {
    t,
    dir,
    forumId: forum.id,
    organizer,
    participant,
    outsider,
    named,
    anonymous,
    declined,
    translatorName: 'Tomás Traductor',
    threads: { main, declinedThread, future: futureThread },
    posts: { namedEs, anonFr, declinedEn, unchosenEn, hiddenEs, future: futurePost },
  };
}
