// The email outbox: a message is a row written in the same transaction as what causes it, so
// nothing is announced that did not happen and nothing that happened goes unannounced.
// Its text comes from locales/{lang}/emails.json under the template's name when it is delivered.
import type { Kysely, Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

export interface QueuedEmail {
  toEmail: string;
  lang: Lang;
  /** A key of locales/{en,es,fr}/emails.json holding `subject` and `body` (Markdown, {{payload}} placeholders). */
  template: string;
  payload?: Record<string, unknown>;
}

export async function queueEmail(trx: Transaction<DB> | Kysely<DB>, email: QueuedEmail): Promise<void> {
  await trx.insertInto('outbox')
    .values({ to_email: email.toEmail, lang: email.lang, template: email.template, payload: JSON.stringify(email.payload ?? {}) })
    .execute();
}
