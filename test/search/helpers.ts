// Search journeys the tests repeat: a reader with chosen reading languages, a search through the
// API, a published translation, and posts written straight into the closed archive.
import { sql } from 'kysely';
import type { Lang } from '../../server/db/schema.ts';
import type { SearchHit } from '../../server/search/search.schemas.ts';
import { LIVE, newKey, type Member } from '../helpers/forum-fixture.ts';
import { createUser, signIn, type TestApp } from '../helpers/test-app.ts';

export async function reader(
  t: TestApp,
  role: 'participant' | 'organizer' | 'translator' | null,
  lang: Lang,
  readingLangs: Lang[] = [lang],
): Promise<Member> {
  const user = await createUser(t.db, {
    interfaceLang: lang,
    readingLangs,
    roles: role ? [{ forumSlug: LIVE, role }] : [],
  });
  return { ...user, cookie: await signIn(t, user) };
}

export function searchAs(t: TestApp, who: Member | null, query: Record<string, string | number>) {
  const request = t.get('/api/search').query(query);
  return who ? request.set('Cookie', who.cookie) : request;
}

export async function hits(t: TestApp, who: Member | null, query: Record<string, string | number>) {
  const response = await searchAs(t, who, query).expect(200);
  return response.body.results as SearchHit[];
}

export const marked = (hit: SearchHit) =>
  hit.excerpt.parts.filter((part) => part.mark).map((part) => part.text.toLowerCase());

/** Claims and publishes the translation task of an item, as a translator does in the editor. */
export async function publishTranslation(
  t: TestApp,
  translator: Member,
  itemType: 'post' | 'thread_title',
  itemId: number,
  bodyMd: string,
) {
  const task = await t.db
    .selectFrom('translation_tasks')
    .select('id')
    .where('item_type', '=', itemType)
    .where('item_id', '=', itemId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
  await t
    .post(`/api/translation-tasks/${task.id}/publish`)
    .set('Cookie', translator.cookie)
    .send({ bodyMd })
    .expect(200);
}

/** A thread with one post in a closed archive (nobody writes there through the API any more). */
export async function archivePost(t: TestApp, slug: string, authorId: number, title: string, body: string, lang: Lang) {
  const week = await t.db
    .selectFrom('weeks')
    .innerJoin('forums', 'forums.id', 'weeks.forum_id')
    .select(['weeks.id', 'weeks.forum_id'])
    .where('forums.slug', '=', slug)
    .where('weeks.number', '=', 1)
    .executeTakeFirstOrThrow();
  const thread = await t.db
    .insertInto('threads')
    .values({
      forum_id: week.forum_id,
      week_id: week.id,
      kind: 'discussion',
      title,
      original_lang: lang,
      author_id: authorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const post = await t.db
    .insertInto('posts')
    .values({
      thread_id: thread.id,
      parent_id: null,
      path: sql`'{}'::int[]` as unknown as number[],
      author_id: authorId,
      original_lang: lang,
      body_md: body,
      body_html: `<p>${body}</p>`,
      word_count: body.split(' ').length,
      idempotency_key: newKey(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`UPDATE posts SET path = ARRAY[id] WHERE id = ${post.id}`.execute(t.db);
  return { threadId: thread.id, postId: post.id, forumId: week.forum_id };
}
