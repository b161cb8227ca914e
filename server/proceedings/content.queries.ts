// What an edition contains, read with the rules every channel applies: only weeks that have
// opened, published readings and case studies, accepted elements, posts not hidden. Each
// member's publication choice is read here too, not through the consent domain (which sits
// beside this one): a member with no recorded choice is left out, like one who said "none".
import { sql, type Kysely } from 'kysely';
import type { ConsentChoice, DB } from '../db/schema.ts';

export function findForumTextsOf(db: Kysely<DB>, forumId: number) {
  return db.selectFrom('forum_texts').selectAll().where('forum_id', '=', forumId).execute();
}

export function findOpenedWeeks(db: Kysely<DB>, forumId: number, now: Date) {
  return db
    .selectFrom('weeks')
    .select(['id', 'number', 'original_lang', 'revision', 'opens_at', 'starts_on'])
    .where('forum_id', '=', forumId)
    .where('opens_at', '<=', now)
    .orderBy('number')
    .execute();
}

export function findWeekTextsOf(db: Kysely<DB>, weekIds: number[]) {
  if (weekIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('week_texts').selectAll().where('week_id', 'in', weekIds).execute();
}

export function findPublishedReadings(db: Kysely<DB>, weekIds: number[]) {
  if (weekIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('readings')
    .innerJoin('reading_texts', 'reading_texts.reading_id', 'readings.id')
    .select([
      'readings.id',
      'readings.week_id',
      'readings.position',
      'readings.original_lang',
      'readings.revision',
      'reading_texts.lang',
      'reading_texts.title',
      'reading_texts.body_md',
      'reading_texts.body_html',
    ])
    .where('readings.week_id', 'in', weekIds)
    .where('readings.unpublished_at', 'is', null)
    .orderBy('readings.week_id')
    .orderBy('readings.position')
    .execute();
}

export function findPublishedCaseStudies(db: Kysely<DB>, forumId: number, weekIds: number[]) {
  if (weekIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_studies')
    .select(['id', 'week_id', 'author_id', 'title', 'body_md', 'body_html', 'original_lang', 'revision', 'region_id'])
    .where('forum_id', '=', forumId)
    .where('week_id', 'in', weekIds)
    .where('status', '=', 'published')
    .orderBy('week_id')
    .orderBy('published_at')
    .orderBy('id')
    .execute();
}

export function findRegions(db: Kysely<DB>, forumId: number) {
  return db.selectFrom('forum_regions').selectAll().where('forum_id', '=', forumId).orderBy('position').execute();
}

export function findThemes(db: Kysely<DB>, forumId: number) {
  return db.selectFrom('forum_themes').selectAll().where('forum_id', '=', forumId).orderBy('position').execute();
}

export function findAcceptedElements(db: Kysely<DB>, forumId: number, weekIds: number[]) {
  if (weekIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('policy_elements')
    .select([
      'id',
      'region_id',
      'theme_id',
      'original_lang',
      'body_md',
      'body_html',
      'revision',
      'week_id',
      'endorsement_count',
    ])
    .where('forum_id', '=', forumId)
    .where('status', '=', 'accepted')
    .where('week_id', 'in', weekIds)
    .orderBy('id')
    .execute();
}

/**
 * The citations of accepted elements with what an edition needs to show them: the cited item's
 * author, thread or title, and whether it may appear at all (not hidden, in an opened week,
 * a published case study).
 */
export function findCitations(db: Kysely<DB>, forumId: number, now: Date) {
  return db
    .selectFrom('policy_element_citations as c')
    .innerJoin('policy_elements as e', 'e.id', 'c.element_id')
    .innerJoin('weeks as w', 'w.id', 'c.week_id')
    .leftJoin('posts as p', (join) => join.onRef('p.id', '=', 'c.item_id').on('c.item_type', '=', 'post'))
    .leftJoin('threads as t', 't.id', 'p.thread_id')
    .leftJoin('case_studies as cs', (join) =>
      join.onRef('cs.id', '=', 'c.item_id').on('c.item_type', '=', 'case_study'),
    )
    .select([
      'c.element_id',
      'c.item_type',
      'c.item_id',
      'w.number as week_number',
      'p.thread_id',
      sql<number>`coalesce(p.author_id, cs.author_id)`.as('author_id'),
      sql<boolean>`(c.item_type = 'post' AND p.id IS NOT NULL AND p.hidden_at IS NULL AND t.forum_id = ${forumId})
        OR (c.item_type = 'case_study' AND cs.status = 'published' AND cs.forum_id = ${forumId})`.as('visible'),
    ])
    .where('e.forum_id', '=', forumId)
    .where('e.status', '=', 'accepted')
    .where('w.opens_at', '<=', now)
    .orderBy('c.element_id')
    .orderBy('c.created_at')
    .execute();
}

/** Threads of opened weeks with how many accepted elements cite their posts: the console's candidates. */
export function findCandidateThreads(db: Kysely<DB>, forumId: number, now: Date) {
  return db
    .selectFrom('threads as t')
    .innerJoin('weeks as w', 'w.id', 't.week_id')
    .select([
      't.id',
      't.title',
      't.original_lang',
      't.post_count',
      'w.number as week_number',
      sql<number>`(SELECT count(DISTINCT c.element_id)::integer FROM policy_element_citations c
          JOIN policy_elements e ON e.id = c.element_id AND e.status = 'accepted'
          JOIN posts p ON p.id = c.item_id AND c.item_type = 'post' AND p.hidden_at IS NULL
         WHERE p.thread_id = t.id)`.as('cited_count'),
    ])
    .where('t.forum_id', '=', forumId)
    .where('w.opens_at', '<=', now)
    .orderBy('w.number')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

/** The threads an edition shows, in programme order: only those of the forum in opened weeks. */
export function findEditionThreads(db: Kysely<DB>, forumId: number, threadIds: number[], now: Date) {
  if (threadIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('threads as t')
    .innerJoin('weeks as w', 'w.id', 't.week_id')
    .select(['t.id', 't.title', 't.title_revision', 't.original_lang', 't.author_id', 'w.number as week_number'])
    .where('t.forum_id', '=', forumId)
    .where('t.id', 'in', threadIds)
    .where('w.opens_at', '<=', now)
    .orderBy('w.number')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

/** The visible posts of some threads, each thread's in tree order. */
export function findVisiblePosts(db: Kysely<DB>, threadIds: number[]) {
  if (threadIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('posts')
    .select(['id', 'thread_id', 'author_id', 'original_lang', 'body_md', 'body_html', 'revision', 'created_at'])
    .where('thread_id', 'in', threadIds)
    .where('hidden_at', 'is', null)
    .orderBy('thread_id')
    .orderBy('path')
    .execute();
}

export interface Person {
  displayName: string;
  choice: ConsentChoice;
  regionId: number | null;
}

/** Every member's publication choice, name and region in the forum; anyone absent counts as "none". */
export async function findPeople(db: Kysely<DB>, forumId: number): Promise<Map<number, Person>> {
  const rows = await db
    .selectFrom('publication_consents as pc')
    .innerJoin('users as u', 'u.id', 'pc.user_id')
    .leftJoin('forum_member_regions as r', (join) =>
      join.onRef('r.user_id', '=', 'pc.user_id').onRef('r.forum_id', '=', 'pc.forum_id'),
    )
    .select(['pc.user_id', 'pc.choice', 'u.display_name', 'r.region_id'])
    .where('pc.forum_id', '=', forumId)
    .execute();
  return new Map(
    rows.map((row) => [row.user_id, { displayName: row.display_name, choice: row.choice, regionId: row.region_id }]),
  );
}
