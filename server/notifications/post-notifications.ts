// Who hears of a new post: the author of the post it answers, members it mentions, and the
// thread's followers — each once, by the most direct reason, never someone who muted the thread.
// Writing follows the thread (unless the writer muted it). Runs in the post's own transaction.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notify } from './notify.ts';
import { currentTime } from '../time/clock.ts';

export interface NewPostFacts {
  forumId: number;
  weekId: number;
  threadId: number;
  postId: number;
  authorId: number;
  /** The post answered; null for a thread's opening post. */
  parentId: number | null;
  bodyMd: string;
  /** Told already by a more specific notification in the same transaction (a question's addressee or asker). */
  alreadyTold?: number[];
}

const MENTION_BOUNDARY = /[\p{L}\p{N}_]/u;

/** Members of the forum named `@Display Name` (or `@DisplayName`) in the text, case-insensitively. */
export async function findMentioned(trx: Transaction<DB>, forumId: number, bodyMd: string): Promise<number[]> {
  if (!bodyMd.includes('@')) return [];
  const text = bodyMd.toLowerCase();
  const rows = await sql<{ id: number; name: string }>`
    SELECT u.id, lower(u.display_name) AS name FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.forum_id = ${forumId}
      AND (strpos(${text}, '@' || lower(u.display_name)) > 0 OR strpos(${text}, '@' || lower(replace(u.display_name, ' ', ''))) > 0)
  `.execute(trx);
  // "@Ana" must not notify "Ana María": the name has to end where a word ends.
  return rows.rows
    .filter((row) =>
      [row.name, row.name.replaceAll(' ', '')].some((name) => {
        for (let at = text.indexOf(`@${name}`); at >= 0; at = text.indexOf(`@${name}`, at + 1)) {
          if (!MENTION_BOUNDARY.test(text.charAt(at + name.length + 1))) return true;
        }
        return false;
      }),
    )
    .map((row) => row.id);
}

export async function notifyNewPost(trx: Transaction<DB>, post: NewPostFacts, now = currentTime()): Promise<void> {
  // One statement: the writer follows the thread (a mute stays a mute), and who may hear of it.
  const audience = await sql<{ user_id: number; reason: 'parent' | 'following' | 'muted' }>`
    WITH follow AS (
      INSERT INTO thread_follows (user_id, thread_id, level, explicit, created_at)
      VALUES (${post.authorId}, ${post.threadId}, 'following', false, ${now})
      ON CONFLICT (thread_id, user_id) DO NOTHING
    )
    SELECT author_id AS user_id, 'parent' AS reason FROM posts WHERE id = ${post.parentId}
    UNION ALL
    SELECT user_id, level AS reason FROM thread_follows WHERE thread_id = ${post.threadId}
  `.execute(trx);
  const muted = new Set(audience.rows.filter((row) => row.reason === 'muted').map((row) => row.user_id));
  const heard = new Set<number>([post.authorId, ...muted, ...(post.alreadyTold ?? [])]);
  const pick = (ids: number[]) => {
    const fresh = ids.filter((id) => !heard.has(id));
    for (const id of fresh) heard.add(id);
    return fresh;
  };
  const about = {
    forumId: post.forumId,
    weekId: post.weekId,
    threadId: post.threadId,
    postId: post.postId,
    actorId: post.authorId,
  };
  const mentioned = pick(await findMentioned(trx, post.forumId, post.bodyMd));
  const parentAuthor = pick(audience.rows.filter((row) => row.reason === 'parent').map((row) => row.user_id));
  const followers = pick(audience.rows.filter((row) => row.reason === 'following').map((row) => row.user_id));
  if (mentioned.length > 0) await notify(trx, { type: 'post.mentioned', userIds: mentioned, ...about }, now);
  if (parentAuthor.length > 0) await notify(trx, { type: 'post.replied', userIds: parentAuthor, ...about }, now);
  if (followers.length > 0) await notify(trx, { type: 'thread.posted', userIds: followers, ...about }, now);
}
