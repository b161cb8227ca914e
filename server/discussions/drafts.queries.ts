// All SQL about composer drafts: one per user and composer key, last write wins.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findDraft(db: Handle, userId: number, key: string) {
  return db.selectFrom('drafts').select(['draft_key', 'title', 'body_md', 'lang', 'updated_at'])
    .where('user_id', '=', userId).where('draft_key', '=', key).executeTakeFirst();
}

export async function saveDraft(db: Handle, userId: number, key: string, draft: { title: string; bodyMd: string; lang: Lang }) {
  return db.insertInto('drafts')
    .values({ user_id: userId, draft_key: key, title: draft.title, body_md: draft.bodyMd, lang: draft.lang })
    .onConflict((oc) => oc.columns(['user_id', 'draft_key']).doUpdateSet({
      title: draft.title, body_md: draft.bodyMd, lang: draft.lang, updated_at: sql`now()`,
    }))
    .returning(['draft_key', 'title', 'body_md', 'lang', 'updated_at'])
    .executeTakeFirstOrThrow();
}

export async function deleteDraft(db: Handle, userId: number, key: string): Promise<void> {
  await db.deleteFrom('drafts').where('user_id', '=', userId).where('draft_key', '=', key).execute();
}
