// Acceptance of the terms of use and the privacy notice: one row per document and version.
import type { Kysely, Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { LEGAL_DOCUMENTS, currentVersion } from './legal-texts.ts';

/** Records that the person accepted the current version of both texts, in the language they read them in. */
export async function recordTermsAcceptance(
  trx: Transaction<DB>,
  userId: number,
  lang: Lang,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('terms_acceptances')
    .values(
      LEGAL_DOCUMENTS.map((document) => ({
        user_id: userId,
        document,
        version: currentVersion(document),
        lang,
        accepted_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'document', 'version']).doUpdateSet({ lang, accepted_at: now }))
    .execute();
}

export function findTermsAcceptances(db: Kysely<DB> | Transaction<DB>, userId: number) {
  return db
    .selectFrom('terms_acceptances')
    .select(['document', 'version', 'lang', 'accepted_at'])
    .where('user_id', '=', userId)
    .execute();
}
