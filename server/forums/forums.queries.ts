// All SQL that reads forums, their weeks, readings and memberships.
import type { Kysely } from 'kysely';
import type { DB, ForumRole } from '../db/schema.ts';

export function findForumBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('forums').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function listForumsWithTexts(db: Kysely<DB>, includeDrafts: boolean) {
  return db
    .selectFrom('forums')
    .innerJoin('forum_texts', 'forum_texts.forum_id', 'forums.id')
    .select([
      'forums.id',
      'forums.slug',
      'forums.time_zone',
      'forums.languages',
      'forums.starts_on',
      'forums.ends_on',
      'forums.starts_at',
      'forums.ends_at',
      'forums.application_deadline',
      'forums.published',
      'forums.invitation_only',
      'forums.open_enrolment',
      'forum_texts.lang',
      'forum_texts.title',
      'forum_texts.summary',
    ])
    .$if(!includeDrafts, (qb) => qb.where('forums.published', '=', true))
    .orderBy('forums.starts_at', 'desc')
    .orderBy('forums.id')
    .execute();
}

export function findForumTexts(db: Kysely<DB>, forumId: number) {
  return db.selectFrom('forum_texts').selectAll().where('forum_id', '=', forumId).execute();
}

export function findTranslationRules(db: Kysely<DB>, forumId: number) {
  return db
    .selectFrom('translation_rules')
    .select(['source_lang', 'target_lang'])
    .where('forum_id', '=', forumId)
    .orderBy('source_lang')
    .orderBy('target_lang')
    .execute();
}

export function findWeeksWithTitles(db: Kysely<DB>, forumId: number) {
  return db
    .selectFrom('weeks')
    .innerJoin('week_texts', 'week_texts.week_id', 'weeks.id')
    .select([
      'weeks.id',
      'weeks.number',
      'weeks.starts_on',
      'weeks.opens_at',
      'weeks.closes_at',
      'week_texts.lang',
      'week_texts.title',
    ])
    .where('weeks.forum_id', '=', forumId)
    .orderBy('weeks.number')
    .execute();
}

export function findWeek(db: Kysely<DB>, forumId: number, number: number) {
  return db
    .selectFrom('weeks')
    .selectAll()
    .where('forum_id', '=', forumId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export function findWeekTexts(db: Kysely<DB>, weekId: number) {
  return db.selectFrom('week_texts').selectAll().where('week_id', '=', weekId).execute();
}

export async function findRoles(db: Kysely<DB>, forumId: number, userId: number): Promise<ForumRole[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('role')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return rows.map((row) => row.role);
}

export async function findRolesByForum(db: Kysely<DB>, userId: number): Promise<Map<number, ForumRole[]>> {
  const rows = await db
    .selectFrom('memberships')
    .select(['forum_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  const byForum = new Map<number, ForumRole[]>();
  for (const row of rows) byForum.set(row.forum_id, [...(byForum.get(row.forum_id) ?? []), row.role]);
  return byForum;
}

/** Whether the user is suspended from the forum (their roles are parked meanwhile, see server/people). */
export async function isSuspended(db: Kysely<DB>, forumId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('forum_suspensions')
    .select('user_id')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function addMembership(db: Kysely<DB>, forumId: number, userId: number, role: ForumRole): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ forum_id: forumId, user_id: userId, role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
