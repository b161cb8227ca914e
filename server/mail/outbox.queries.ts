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
  /** The recipient's account, when the mail concerns one (shown on the outbox page, signs the unsubscribe link). */
  userId?: number | null;
  /** What List-Unsubscribe turns off (`type:<notification type>` or `digest:<forum id>`); none for account mail. */
  unsubscribe?: string | null;
}

/** Queues a message; `now` (the caller's clock) is when it becomes due. */
export async function queueEmail(trx: Transaction<DB> | Kysely<DB>, email: QueuedEmail, now?: Date): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      to_email: email.toEmail,
      lang: email.lang,
      template: email.template,
      payload: JSON.stringify(email.payload ?? {}),
      user_id: email.userId ?? null,
      unsubscribe: email.unsubscribe ?? null,
      ...(now ? { created_at: now, next_attempt_at: now } : {}),
    })
    .execute();
}
