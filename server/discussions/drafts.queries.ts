// All SQL about composer drafts: one per user and composer key, last write wins.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findDraft(db: Handle, userId: number, key: string) {
  return db
    .selectFrom('drafts')
    .select(['draft_key', 'title', 'body_md', 'lang', 'updated_at'])
    .where('user_id', '=', userId)
    .where('draft_key', '=', key)
    .executeTakeFirst();
}

export async function saveDraft(
  db: Handle,
  userId: number,
  key: string,
  draft: { title: string; bodyMd: string; lang: Lang },
) {
  return db
    .insertInto('drafts')
    .values({ user_id: userId, draft_key: key, title: draft.title, body_md: draft.bodyMd, lang: draft.lang })
    .onConflict((oc) =>
      oc.columns(['user_id', 'draft_key']).doUpdateSet({
        title: draft.title,
        body_md: draft.bodyMd,
        lang: draft.lang,
        updated_at: sql`now()`,
      }),
    )
    .returning(['draft_key', 'title', 'body_md', 'lang', 'updated_at'])
    .executeTakeFirstOrThrow();
}

export async function deleteDraft(db: Handle, userId: number, key: string): Promise<void> {
  await db.deleteFrom('drafts').where('user_id', '=', userId).where('draft_key', '=', key).execute();
}

/** Serializes one user's draft saves, so two tabs cannot both pass the limits and both store. */
export async function lockUserDrafts(trx: Transaction<DB>, userId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('drafts'), ${userId}::int)`.execute(trx);
}

/** How many drafts, and characters (title and body, counted as code points), the user keeps besides `exceptKey`. */
export async function draftTotals(
  db: Handle,
  userId: number,
  exceptKey: string,
): Promise<{ count: number; chars: number }> {
  const row = await db
    .selectFrom('drafts')
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(char_length(title) + char_length(body_md)), 0)::int`.as('chars'),
    ])
    .where('user_id', '=', userId)
    .where('draft_key', '<>', exceptKey)
    .executeTakeFirstOrThrow();
  return row;
}

export function findWeekById(db: Handle, weekId: number) {
  return db.selectFrom('weeks').selectAll().where('id', '=', weekId).executeTakeFirst();
}
