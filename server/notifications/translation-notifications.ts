// Who hears that a post's translation was published: its author ("your post was translated")
// and the thread's followers who read the new language but not the original ("translation
// ready"). Runs in the publishing transaction.
import { sql, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { notify } from './notify.ts';
import { currentTime } from '../time/clock.ts';

export interface PublishedTranslation {
  forumId: number;
  weekId: number;
  threadId: number;
  postId: number;
  postAuthorId: number;
  sourceLang: Lang;
  targetLang: Lang;
  translatorId: number;
}

export async function notifyTranslationPublished(
  trx: Transaction<DB>,
  item: PublishedTranslation,
  now = currentTime(),
): Promise<void> {
  const about = {
    forumId: item.forumId,
    weekId: item.weekId,
    threadId: item.threadId,
    postId: item.postId,
    actorId: item.translatorId,
    payload: { lang: item.targetLang },
  };
  await notify(trx, { type: 'translation.own_published', userIds: [item.postAuthorId], ...about }, now);
  const readers = await sql<{ user_id: number }>`
    SELECT f.user_id FROM thread_follows f JOIN users u ON u.id = f.user_id
    WHERE f.thread_id = ${item.threadId} AND f.level = 'following' AND f.user_id <> ${item.postAuthorId}
      AND ${item.targetLang} = ANY (u.reading_langs || u.interface_lang)
      AND NOT ${item.sourceLang} = ANY (u.reading_langs || u.interface_lang)
  `.execute(trx);
  if (readers.rows.length > 0)
    await notify(trx, { type: 'translation.ready', userIds: readers.rows.map((row) => row.user_id), ...about }, now);
}
