// What the emails about a proposed policy element say, composed at delivery in the recipient's
// language: accepted into the synthesis, declined with the organizers' reason, or merged into
// another element that now carries its citations and proposers.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { forumTitle } from '../notifications/notification-email.ts';
import type { Composed, MailComposers, Recipient } from '../mail/outbox-render.ts';
import { excerptOf } from './element-view.ts';

async function compose(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const element = await db
    .selectFrom('policy_elements')
    .select(['forum_id', 'body_md', 'decline_reason'])
    .where('id', '=', Number(payload.elementId))
    .executeTakeFirstOrThrow();
  const forum = await forumTitle(db, element.forum_id, reader.interfaceLang);
  return {
    values: {
      name: reader.displayName,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      statement: excerptOf(element.body_md),
      reason: typeof payload.reason === 'string' ? payload.reason : (element.decline_reason ?? ''),
      synthesisUrl: `${base}/forums/${forum?.slug ?? ''}/synthesis`,
    },
    blocks: {},
  };
}

export const synthesisComposers: MailComposers = {
  policy_element_accepted: compose,
  policy_element_declined: compose,
  policy_element_merged: compose,
};
